import type { Allowance, BulkClaimResult, ClaimCode, ClaimResult } from 'canal/apex/LeadClaimController';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { ClaimRule } from '../metadata/claimRules.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { outcomeMessage } from './LeadClaimOutcome.js';
import { limitsFor, type PartnerAccountRow, type PartnerLimits } from './LeadClaimRules.js';
import { LeadClaimSelector, type LeadRecord, type UserRecord } from './LeadClaimSelector.js';
import { LeadFirstLook } from './LeadFirstLook.js';
import { saveLeadDirectly, type DirectSaveResult, type LeadChanges } from './LeadOwnerGuard.js';
import { LeadClaimWriter } from './LeadClaimWriter.js';
import { DealRegistrationConflicts } from './DealRegistrationConflicts.js';
import { dateOf } from './DealRegistrationService.js';
import { QueueMembership } from './QueueMembership.js';
import { LockFailures } from './shared/LockFailures.js';
import { RecordIds } from './shared/RecordIds.js';

export const MAX_BULK_CLAIM = 200;
export const MAX_REASON_LENGTH = 255;

export interface ClaimServiceDeps {
    db: Db;
    clock: Clock;
    rules: readonly ClaimRule[];
    labels: LabelCatalog;
    /** Lead statuses that close a lead without converting it (Lead_Claim_Closed_Status__mdt). */
    closedStatuses?: readonly string[];
}

/** A claim result with its code's message in the user's language. */
export function claimResult(
    labels: LabelCatalog,
    user: UserRecord,
    code: ClaimCode,
    leadId: string | null,
    extra: { ownerId?: string | null; claimedAt?: string | null; opportunityId?: string | null } = {}
): ClaimResult {
    return {
        code,
        message: outcomeMessage(labels, user.language, code),
        leadId,
        ownerId: extra.ownerId ?? null,
        claimedAt: extra.claimedAt ?? null,
        opportunityId: extra.opportunityId ?? null
    };
}

/**
 * The twin of LeadClaimService.cls: claim, release, status and allowance under the claim rules of
 * docs/CLAIM-RULES.md (conversion is LeadConvertService's, recall LeadClaimRecall's, reads LeadReadService's). Each
 * write runs in one BEGIN IMMEDIATE transaction, the local counterpart of the Apex locks (partner row, then leads by
 * Id); a lock timeout is thrown for the route to retry, then TRY_AGAIN. The calling user is the first parameter
 * (UserInfo in Apex).
 */
export class LeadClaimService {
    private readonly selector: LeadClaimSelector;
    private readonly writer: LeadClaimWriter;

    constructor(private readonly deps: ClaimServiceDeps) {
        this.selector = new LeadClaimSelector(deps.db);
        this.writer = new LeadClaimWriter(deps.db);
    }

    /** Claims one lead from a queue for the calling rep. */
    claimLead(userId: string, leadId: unknown): ClaimResult {
        const bulk = this.claimLeads(userId, [leadId]);
        return bulk.results[0]!;
    }

    /** Claims up to 200 leads; one result per id, in the order given. */
    claimLeads(userId: string, leadIds: unknown[]): BulkClaimResult {
        const user = this.requireUser(userId);
        if (!Array.isArray(leadIds) || leadIds.length === 0 || leadIds.length > MAX_BULK_CLAIM) {
            return { code: 'INVALID_REQUEST', message: this.message(user, 'INVALID_REQUEST'), results: [] };
        }
        const outcomes = new Map<string, ClaimResult>();
        const normalized = leadIds.map((id) => RecordIds.of(id, 'Lead'));
        // Ascending Id order: the locking order shared with every other writer.
        const validIds = RecordIds.ascending(normalized.filter((id): id is string => id !== null));
        if (validIds.length > 0) {
            const claimAll = (): void => {
                const partner = user.account_id
                    ? this.selector.lockPartnerAccount(user.account_id)
                    : undefined;
                for (const leadId of validIds) {
                    outcomes.set(
                        leadId,
                        partner
                            ? this.claimLocked(user, partner, leadId)
                            : this.result(user, 'NOT_ELIGIBLE', leadId)
                    );
                }
            };
            LockFailures.inWriteTransaction(this.deps.db, claimAll);
        }
        const results = normalized.map((id) =>
            id ? outcomes.get(id)! : this.result(user, 'INVALID_ID', null)
        );
        return { code: 'COMPLETED', message: '', results };
    }

    /** Returns a lead the rep holds to its queue, with a reason. */
    releaseLead(userId: string, rawLeadId: unknown, reason: unknown): ClaimResult {
        const user = this.requireUser(userId);
        const leadId = RecordIds.of(rawLeadId, 'Lead');
        if (!leadId) return this.result(user, 'INVALID_ID', null);
        if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > MAX_REASON_LENGTH) {
            return this.result(user, 'INVALID_REQUEST', leadId);
        }
        if (!user.account_id) return this.result(user, 'NOT_ELIGIBLE', leadId);
        const accountId = user.account_id;
        return this.write(() => {
            const partner = this.selector.lockPartnerAccount(accountId)!;
            const lead = this.ownedLead(user, leadId);
            if ('code' in lead) return lead;
            if (this.isClosed(lead)) return this.result(user, 'NOT_ELIGIBLE', lead.id);
            const queueId = this.writer.returnQueue(lead.claimed_from_queue);
            const now = this.now();
            this.writer.moveLeadToQueue(lead.id, queueId, now);
            this.writer.insertAudit({
                leadId: lead.id,
                partnerAccountId: partner.id,
                userId: user.id,
                action: 'Released',
                reason: reason.trim(),
                queueId,
                occurredAt: now
            });
            return this.result(user, 'RELEASED', lead.id, { ownerId: queueId });
        });
    }

    /** Saves a new open status; a worked claim is no longer recalled. */
    updateLeadStatus(userId: string, rawLeadId: unknown, status: unknown): ClaimResult {
        const user = this.requireUser(userId);
        const leadId = RecordIds.of(rawLeadId, 'Lead');
        if (!leadId) return this.result(user, 'INVALID_ID', null);
        return this.write(() => {
            if (user.account_id) this.selector.lockPartnerAccount(user.account_id);
            const lead = this.ownedLead(user, leadId);
            if ('code' in lead) return lead;
            // A closed lead is final for partners: reopening it would take back a slot the limit gave away.
            if (user.account_id && this.isClosed(lead)) return this.result(user, 'NOT_ELIGIBLE', lead.id);
            if (typeof status !== 'string' || !this.selector.openStatuses().includes(status)) {
                return this.result(user, 'INVALID_STATUS', lead.id);
            }
            this.writer.updateLeadStatus(lead.id, status, this.now());
            return this.result(user, 'UPDATED', lead.id, { ownerId: user.id, claimedAt: lead.claimed_at });
        });
    }

    /** The partner's open claims and claims in the last 24 hours against its limits. */
    getAllowance(userId: string): Allowance {
        const user = this.requireUser(userId);
        const partner = user.account_id ? this.selector.partnerAccount(user.account_id) : undefined;
        if (!partner) {
            return {
                code: 'NOT_ELIGIBLE',
                message: this.message(user, 'NOT_ELIGIBLE'),
                openClaims: 0,
                openLimit: 0,
                claimsToday: 0,
                dailyLimit: 0,
                holdHours: null
            };
        }
        const limits = limitsFor(this.deps.rules, partner);
        return {
            code: 'OK',
            message: '',
            openClaims: this.selector.openClaims(partner.id, this.closedStatuses()),
            openLimit: limits.openLimit,
            claimsToday: this.selector.claimsInLastDay(partner.id, this.deps.clock.now()),
            dailyLimit: limits.dailyLimit,
            holdHours: limits.holdHours
        };
    }

    /**
     * A direct save of a lead record outside the claim rules (the platform's record page or API), under the Lead
     * trigger's guard: what the Apex trigger refuses is refused here. The lead must be visible to the user.
     */
    saveLeadDirectly(
        userId: string,
        rawLeadId: unknown,
        changes: LeadChanges
    ): DirectSaveResult | ClaimResult {
        const user = this.requireUser(userId);
        const leadId = RecordIds.of(rawLeadId, 'Lead');
        if (!leadId) return this.result(user, 'INVALID_ID', null);
        return this.deps.db
            .transaction((): DirectSaveResult | ClaimResult => {
                const lead = this.selector.visibleLead(user.id, leadId);
                if (!lead) return this.result(user, 'NOT_FOUND', leadId);
                return saveLeadDirectly(
                    {
                        db: this.deps.db,
                        clock: this.deps.clock,
                        labels: this.deps.labels,
                        closedStatuses: this.closedStatuses()
                    },
                    user,
                    lead,
                    changes
                );
            })
            .immediate();
    }

    /** The claim rules in force (Lead_Claim_Rule__mdt), for the read model's first-look windows. */
    rules(): readonly ClaimRule[] {
        return this.deps.rules;
    }

    /** The closed, non-converted statuses in force. */
    closedStatuses(): readonly string[] {
        return this.deps.closedStatuses ?? [];
    }

    private claimLocked(user: UserRecord, partner: PartnerAccountRow, leadId: string): ClaimResult {
        const visible = this.selector.visibleLead(user.id, leadId);
        if (!visible) {
            const probe = this.selector.anyLead(leadId);
            if (!probe) return this.result(user, 'NOT_FOUND', leadId);
            if (probe.is_converted) return this.result(user, 'NOT_ELIGIBLE', leadId);
            return this.result(
                user,
                this.selector.isQueue(probe.owner_id) ? 'NOT_ELIGIBLE' : 'ALREADY_CLAIMED',
                leadId
            );
        }
        if (visible.is_converted) return this.result(user, 'NOT_ELIGIBLE', leadId);
        if (!this.selector.isQueue(visible.owner_id)) return this.result(user, 'ALREADY_CLAIMED', leadId);
        if (!new QueueMembership(this.deps.db).currentUserQueueIds(user.id).includes(visible.owner_id))
            return this.result(user, 'NOT_ELIGIBLE', leadId);
        if (
            new LeadFirstLook(this.deps.db, this.deps.rules, this.deps.clock).opensAt(
                user,
                visible.published_at ?? null
            )
        )
            return this.result(user, 'NOT_YET_OFFERED', leadId);
        // Deal registration: another partner's approved registration protects the lead's customer (company or domain).
        const customer = DealRegistrationConflicts.keysOf(visible.company, visible.email ?? null, null);
        if (
            new DealRegistrationConflicts(this.deps.db, this.closedStatuses()).isProtectedForOther(
                customer,
                partner.id,
                dateOf(this.deps.clock.now())
            )
        )
            return this.result(user, 'CUSTOMER_PROTECTED', leadId);
        const limits: PartnerLimits = limitsFor(this.deps.rules, partner);
        if (this.selector.openClaims(partner.id, this.closedStatuses()) >= limits.openLimit)
            return this.result(user, 'CLAIM_LIMIT_REACHED', leadId);
        if (this.selector.claimsInLastDay(partner.id, this.deps.clock.now()) >= limits.dailyLimit) {
            return this.result(user, 'DAILY_LIMIT_REACHED', leadId);
        }
        const now = this.deps.clock.now();
        const claimedAt = now.toISOString();
        const expiresAt = limits.holdHours
            ? new Date(now.getTime() + limits.holdHours * 3_600_000).toISOString()
            : null;
        this.writer.moveLeadToRep(leadId, user.id, partner.id, claimedAt, expiresAt, visible.owner_id);
        this.writer.insertAudit({
            leadId,
            partnerAccountId: partner.id,
            userId: user.id,
            action: 'Claimed',
            queueId: visible.owner_id,
            occurredAt: claimedAt
        });
        // The platform's FOR VIEW: the claimed lead appears in the rep's Recent Items.
        this.writer.viewRecord(user.id, leadId, 'Lead', claimedAt);
        return this.result(user, 'CLAIMED', leadId, { ownerId: user.id, claimedAt });
    }

    /** The lead the user holds, or the result that says why not (NOT_FOUND, NOT_ELIGIBLE, NOT_OWNER). */
    private ownedLead(user: UserRecord, leadId: string): LeadRecord | ClaimResult {
        const lead = this.selector.visibleLead(user.id, leadId) ?? this.selector.anyLead(leadId);
        const refusal = LockFailures.holderRefusal(lead, user.id);
        return refusal || !lead ? this.result(user, refusal ?? 'NOT_FOUND', leadId) : lead;
    }

    private isClosed(lead: LeadRecord): boolean {
        return this.closedStatuses().includes(lead.status);
    }

    /** One holder write in its transaction (the lock order of every writer: partner row, then the lead). */
    private write(work: () => ClaimResult): ClaimResult {
        return LockFailures.inWriteTransaction(this.deps.db, work);
    }

    private requireUser(userId: string): UserRecord {
        const user = this.selector.user(userId);
        if (!user) throw new Error(`Unknown user ${userId}`);
        return user;
    }

    private now(): string {
        return this.deps.clock.now().toISOString();
    }

    private message(user: UserRecord, code: ClaimCode): string {
        return outcomeMessage(this.deps.labels, user.language, code);
    }

    private result(
        user: UserRecord,
        code: ClaimCode,
        leadId: string | null,
        extra: { ownerId?: string | null; claimedAt?: string | null; opportunityId?: string | null } = {}
    ): ClaimResult {
        return claimResult(this.deps.labels, user, code, leadId, extra);
    }
}
