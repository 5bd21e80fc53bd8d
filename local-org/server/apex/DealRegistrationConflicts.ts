import type { Conflict } from 'canal/apex/DealRegistrationController';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { Db } from '../db/database.js';
import { DealRegistrationKeys } from './DealRegistrationKeys.js';
import {
    DealRegistrationSelector,
    type ConflictRow,
    type CustomerKeys,
    type DealRegistrationRecord
} from './DealRegistrationSelector.js';

/** What Conflict_Summary__c holds: the conflicts at submit time, with the holder's account for the reports. */
export interface StoredConflict extends Conflict {
    /** The holding partner account, null for the vendor's direct team. */
    heldById: string | null;
}

const CLOSED_STAGES = OPPORTUNITY_STAGES.filter((s) => s.closed).map((s) => s.value);

/**
 * The twin of DealRegistrationConflicts.cls: which records of others hold the customer a registration names (at
 * submit), and which partner a customer is protected for (at submit and at claim). The own partner's records never
 * count; a lead waiting in a queue is held by nobody.
 */
export class DealRegistrationConflicts {
    private readonly selector: DealRegistrationSelector;

    constructor(
        db: Db,
        private readonly closedStatuses: readonly string[]
    ) {
        this.selector = new DealRegistrationSelector(db);
    }

    /** The customer keys of a company, contact e-mail and tax id. */
    static keysOf(company: string | null, email: string | null, taxId: string | null): CustomerKeys {
        return {
            companyKey: DealRegistrationKeys.companyKey(company),
            emailDomain: DealRegistrationKeys.emailDomain(email),
            taxIdKey: DealRegistrationKeys.taxIdKey(taxId)
        };
    }

    /** Open leads, open opportunities and registrations of others for the same customer, oldest first. */
    find(keys: CustomerKeys, partnerAccountId: string): StoredConflict[] {
        const rows: ConflictRow[] = [
            ...this.selector.candidateLeads(keys, partnerAccountId, this.closedStatuses),
            ...this.selector.candidateOpportunities(keys.companyKey, partnerAccountId, CLOSED_STAGES),
            ...this.selector.openRegistrationsOfOthers(keys, partnerAccountId).map((r): ConflictRow => ({
                kind: 'REGISTRATION',
                record_id: r.id,
                name: `${r.name} (${r.company})`,
                held_by_id: r.partner_account_id,
                held_by_name: r.partner_name,
                owner_name: r.owner_name,
                since: r.submitted_at
            }))
        ];
        return rows
            .map((r) => ({
                kind: r.kind,
                recordId: r.record_id,
                name: r.name,
                heldBy: r.held_by_id ? (r.held_by_name ?? '') : 'DIRECT',
                heldById: r.held_by_id,
                ownerName: r.owner_name,
                since: r.since
            }))
            .sort(
                (a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.recordId.localeCompare(b.recordId)
            );
    }

    /** True when an approved registration of another partner than the given one protects the customer on the day. */
    isProtectedForOther(keys: CustomerKeys, partnerAccountId: string | null, today: string): boolean {
        return this.selector.protectingPartners(keys, today).some((p) => p !== partnerAccountId);
    }

    /** True when the registration protects its customer on the day: Approved, through Protected_Until__c. */
    isProtection(registration: DealRegistrationRecord, today: string): boolean {
        return (
            registration.status === 'Approved' &&
            registration.protected_until !== null &&
            registration.protected_until >= today
        );
    }

    /** The conflicts as Conflict_Summary__c stores them. */
    static summary(conflicts: readonly StoredConflict[]): string | null {
        return conflicts.length ? JSON.stringify(conflicts) : null;
    }

    /** Conflict_Summary__c read back (channel managers only). */
    static parse(summary: string | null): StoredConflict[] {
        if (!summary) return [];
        try {
            return JSON.parse(summary) as StoredConflict[];
        } catch {
            return [];
        }
    }
}
