import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { DealRegistrationConflicts } from './DealRegistrationConflicts.js';
import { LeadAssignmentSelector } from './LeadAssignmentSelector.js';
import type { LeadRecord, UserRecord } from './LeadClaimSelector.js';
import { dateOf } from './DealRegistrationValidation.js';

/** The fields a direct save may change. */
export interface LeadChanges {
    ownerId?: string;
    status?: string;
}

export interface DirectSaveResult {
    outcome: 'SAVED' | 'REFUSED';
    /** The translated error of a refused save (the Custom Label the Apex trigger adds), else ''. */
    message: string;
}

export interface LeadOwnerGuardDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    closedStatuses: readonly string[];
}

/**
 * The local counterpart of LeadOwnerGuard.cls and the Lead before-update trigger: a direct save of a lead record,
 * as the platform's record page, the queue's Accept button or a REST update of OwnerId would make it. An external
 * (partner) user may not change the owner (the claim service is the only way a lead changes hands for them), nor
 * change any field of a lead they do not hold (a queue lead, a colleague's), nor set a closed lead back to an open
 * status; a status change clears the claim's expiry (LeadClaimWork). The local
 * org's portal saves leads only through LeadClaimService; this is the one other path that can change an owner, and
 * the conformance scenarios run it (steps setOwner and setStatusDirectly). Whoever saves (a channel manager too), a
 * lead may not be given to a partner rep while another partner's approved deal registration protects its customer
 * (isProtectedFromOwner, the twin of LeadOwnerGuard.refuseProtectedOwners).
 */
export function saveLeadDirectly(
    deps: LeadOwnerGuardDeps,
    user: UserRecord,
    lead: LeadRecord,
    changes: LeadChanges
): DirectSaveResult {
    const external = user.persona === 'partner_rep';
    const ownerId = changes.ownerId ?? lead.owner_id;
    const status = changes.status ?? lead.status;
    if (external && ownerId !== lead.owner_id) {
        return {
            outcome: 'REFUSED',
            message: deps.labels[user.language]['Canal_Lead_Owner_Change_Refused'] ?? ''
        };
    }
    // Queue members may edit queue leads in the org: only the holder edits a lead, only the claim service moves one.
    if (external && lead.owner_id !== user.id) {
        return {
            outcome: 'REFUSED',
            message: deps.labels[user.language]['Canal_Lead_Not_Holder_Refused'] ?? ''
        };
    }
    const closed = deps.closedStatuses;
    if (external && closed.includes(lead.status) && !closed.includes(status)) {
        return {
            outcome: 'REFUSED',
            message: deps.labels[user.language]['Canal_Lead_Closed_Is_Final'] ?? ''
        };
    }
    if (ownerId !== lead.owner_id && isProtectedFromOwner(deps, lead, ownerId)) {
        return {
            outcome: 'REFUSED',
            message: deps.labels[user.language]['Canal_Owner_CUSTOMER_PROTECTED'] ?? ''
        };
    }
    const worked = status !== lead.status;
    deps.db
        .prepare(
            `UPDATE leads SET owner_id = ?, status = ?, claim_expires_at = ${worked ? 'NULL' : 'claim_expires_at'}, last_modified_date = ? WHERE id = ?`
        )
        .run(ownerId, status, deps.clock.now().toISOString(), lead.id);
    return { outcome: 'SAVED', message: '' };
}

/**
 * The twin of LeadOwnerGuard.refuseProtectedOwners for one lead: true when the new owner is a partner rep and another
 * partner's Approved, unexpired registration protects the lead's customer (same company key or e-mail domain).
 * Queues, internal users and the protecting partner's own reps pass. Used by a direct save and by LeadAssignment.
 */
export function isProtectedFromOwner(
    deps: Pick<LeadOwnerGuardDeps, 'db' | 'clock' | 'closedStatuses'>,
    lead: { company: string | null; email?: string | null },
    newOwnerId: string
): boolean {
    const partnerId = new LeadAssignmentSelector(deps.db).partnerOfRep(newOwnerId);
    if (!partnerId) return false;
    const today = dateOf(deps.clock.now());
    return new DealRegistrationConflicts(deps.db, deps.closedStatuses).isProtectedForOther(
        DealRegistrationConflicts.keysOf(lead.company, lead.email ?? null, null),
        partnerId,
        today
    );
}
