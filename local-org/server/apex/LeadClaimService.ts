import type { Allowance, BulkClaimResult, ClaimCode, ClaimResult } from 'canal/apex/LeadClaimController';
import type { Clock } from '../clock.js';
import { newId, type Db } from '../db/database.js';
import { isIdOf, normalizeId } from '../ids.js';
import type { ClaimRule } from '../metadata/claimRules.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { outcomeMessage } from './LeadClaimOutcome.js';
import { limitsFor, type PartnerAccountRow, type PartnerLimits } from './LeadClaimRules.js';
import { LeadClaimSelector, type LeadRecord, type UserRecord } from './LeadClaimSelector.js';
import { saveLeadDirectly, type DirectSaveResult, type LeadChanges } from './LeadOwnerGuard.js';
import { LeadConvertService } from './LeadConvertService.js';

/** The 18-character id when the value is a well-formed Lead id, else null. */
function leadIdOf(value: unknown): string | null {
    return isIdOf(value, 'Lead') ? normalizeId(value) : null;
}

export const MAX_BULK_CLAIM = 200;
export const MAX_REASON_LENGTH = 255;
const RECALL_REASON = 'Hold time expired';

export interface ClaimServiceDeps {
    db: Db;
    clock: Clock;
    rules: readonly ClaimRule[];
    labels: LabelCatalog;
    /** Lead statuses that close a lead without converting it (Lead_Claim_Closed_Status__mdt). */
    closedStatuses?: readonly string[];
}

type Action = 'Claimed' | 'Released' | 'Recalled' | 'Converted';

/**
 * The claim rules of docs/CLAIM-RULES.md over SQLite: each write runs in one BEGIN IMMEDIATE transaction,
 * the local counterpart of the Apex locks (partner row, then leads by Id).
 */
export class LeadClaimService {
    private readonly selector: LeadClaimSelector;

    constructor(private readonly deps: ClaimServiceDeps) {
        this.selector = new LeadClaimSelector(deps.db);
    }

    /** Claims one lead from a queue for the calling rep. */
    claim(userId: string, leadId: unknown): ClaimResult {
        const bulk = this.claimMany(userId, [leadId]);
        return bulk.results[0]!;
    }

    /** Claims up to 200 leads; one result per id, in the order given. */
    claimMany(userId: string, leadIds: unknown[]): BulkClaimResult {
        const user = this.requireUser(userId);
        if (!Array.isArray(leadIds) || leadIds.length === 0 || leadIds.length > MAX_BULK_CLAIM) {
            return { code: 'INVALID_REQUEST', message: this.message(user, 'INVALID_REQUEST'), results: [] };
        }
        const outcomes = new Map<string, ClaimResult>();
        const normalized = leadIds.map(leadIdOf);
        // Ascending Id order: the locking order shared with every other writer.
        const validIds = [...new Set(normalized.filter((id): id is string => id !== null))].sort();
        if (validIds.length > 0) {
            this.inTransaction(() => {
                const partner = this.lockPartner(user);
                for (const leadId of validIds) {
                    outcomes.set(
                        leadId,
                        partner
                            ? this.claimLocked(user, partner, leadId)
                            : this.result(user, 'NOT_ELIGIBLE', leadId)
                    );
                }
            });
        }
        const results = normalized.map((id) =>
            id ? outcomes.get(id)! : this.result(user, 'INVALID_ID', null)
        );
        return { code: 'COMPLETED', message: '', results };
    }

    /** Returns a lead the rep holds to its queue, with a reason. */
    release(userId: string, rawLeadId: unknown, reason: unknown): ClaimResult {
        const user = this.requireUser(userId);
        const leadId = leadIdOf(rawLeadId);
        if (!leadId) return this.result(user, 'INVALID_ID', null);
        if (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > MAX_REASON_LENGTH) {
            return this.result(user, 'INVALID_REQUEST', leadId);
        }
        if (!user.account_id) return this.result(user, 'NOT_ELIGIBLE', leadId);
        return this.inTransaction(() => {
            const partner = this.lockPartner(user)!;
            const lead = this.ownedLead(user, leadId);
            if ('code' in lead) return lead;
            if (this.isClosed(lead)) return this.result(user, 'NOT_ELIGIBLE', lead.id);
            const queueId =
                lead.claimed_from_queue && this.selector.isQueue(lead.claimed_from_queue)
                    ? lead.claimed_from_queue
                    : this.selector.defaultQueueId();
            this.returnToQueue(lead, queueId);
            this.audit(lead.id, partner.id, user.id, 'Released', reason.trim(), queueId);
            return this.result(user, 'RELEASED', lead.id, { ownerId: queueId });
        });
    }

    /** Saves a new open status; a worked claim is no longer recalled. */
    updateStatus(userId: string, rawLeadId: unknown, status: unknown): ClaimResult {
        const user = this.requireUser(userId);
        const leadId = leadIdOf(rawLeadId);
        if (!leadId) return this.result(user, 'INVALID_ID', null);
        return this.inTransaction(() => {
            if (user.account_id) this.lockPartner(user);
            const lead = this.ownedLead(user, leadId);
            if ('code' in lead) return lead;
            // A closed lead is final for partners: reopening it would take back a slot the limit gave away.
            if (user.account_id && this.isClosed(lead)) return this.result(user, 'NOT_ELIGIBLE', lead.id);
            if (typeof status !== 'string' || !this.selector.openStatuses().includes(status)) {
                return this.result(user, 'INVALID_STATUS', lead.id);
            }
            this.deps.db
                .prepare(
                    'UPDATE leads SET status = ?, claim_expires_at = NULL, last_modified_date = ? WHERE id = ?'
                )
                .run(status, this.now(), lead.id);
            return this.result(user, 'UPDATED', lead.id, { ownerId: user.id, claimedAt: lead.claimed_at });
        });
    }

    /** Converts a lead the rep holds with the defaults (LeadConvertService has the convert form's options). */
    convert(userId: string, rawLeadId: unknown): ClaimResult {
        return new LeadConvertService(this.deps).convertWithDefaults(userId, rawLeadId);
    }

    /** The partner's open claims and claims in the last 24 hours against its limits. */
    allowance(userId: string): Allowance {
        const user = this.requireUser(userId);
        const partner = user.account_id ? this.partnerRow(user.account_id) : undefined;
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
        const leadId = leadIdOf(rawLeadId);
        if (!leadId) return this.result(user, 'INVALID_ID', null);
        return this.inTransaction(() => {
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
        });
    }

    /** Returns every claim past its hold time to its queue; how many were recalled. */
    recallExpired(): number {
        return this.inTransaction(() => {
            const expired = this.selector.expiredClaims(this.deps.clock.now());
            for (const lead of expired) {
                const queueId =
                    lead.claimed_from_queue && this.selector.isQueue(lead.claimed_from_queue)
                        ? lead.claimed_from_queue
                        : this.selector.defaultQueueId();
                this.returnToQueue(lead, queueId);
                this.audit(
                    lead.id,
                    lead.partner_account_id,
                    lead.owner_id,
                    'Recalled',
                    RECALL_REASON,
                    queueId
                );
            }
            return expired.length;
        });
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
        if (!this.selector.queueIdsOf(user.id).includes(visible.owner_id))
            return this.result(user, 'NOT_ELIGIBLE', leadId);
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
        this.deps.db
            .prepare(
                'UPDATE leads SET owner_id = ?, partner_account_id = ?, claimed_at = ?, claim_expires_at = ?, claimed_from_queue = ?, last_modified_date = ? WHERE id = ?'
            )
            .run(user.id, partner.id, claimedAt, expiresAt, visible.owner_id, claimedAt, leadId);
        this.audit(leadId, partner.id, user.id, 'Claimed', null, visible.owner_id);
        // The platform's FOR VIEW: the claimed lead appears in the rep's Recent Items.
        this.deps.db
            .prepare(
                "INSERT INTO recently_viewed (user_id, record_id, type, last_viewed_date) VALUES (?, ?, 'Lead', ?) ON CONFLICT(user_id, record_id) DO UPDATE SET last_viewed_date = excluded.last_viewed_date"
            )
            .run(user.id, leadId, claimedAt);
        return this.result(user, 'CLAIMED', leadId, { ownerId: user.id, claimedAt });
    }

    /** The lead the user holds, or the result that says why not (NOT_FOUND, NOT_ELIGIBLE, NOT_OWNER). */
    private ownedLead(user: UserRecord, leadId: string): LeadRecord | ClaimResult {
        const lead = this.selector.visibleLead(user.id, leadId) ?? this.selector.anyLead(leadId);
        if (!lead) return this.result(user, 'NOT_FOUND', leadId);
        if (lead.is_converted) return this.result(user, 'NOT_ELIGIBLE', leadId);
        if (lead.owner_id !== user.id) return this.result(user, 'NOT_OWNER', leadId);
        return lead;
    }

    /** The closed, non-converted statuses in force. */
    closedStatuses(): readonly string[] {
        return this.deps.closedStatuses ?? [];
    }

    private isClosed(lead: LeadRecord): boolean {
        return this.closedStatuses().includes(lead.status);
    }

    private returnToQueue(lead: LeadRecord, queueId: string): void {
        this.deps.db
            .prepare(
                'UPDATE leads SET owner_id = ?, partner_account_id = NULL, claimed_at = NULL, claim_expires_at = NULL, claimed_from_queue = NULL, last_modified_date = ? WHERE id = ?'
            )
            .run(queueId, this.now(), lead.id);
    }

    private audit(
        leadId: string,
        partnerAccountId: string | null,
        userId: string | null,
        action: Action,
        reason: string | null,
        queueId: string | null,
        opportunityId: string | null = null
    ): void {
        const db = this.deps.db;
        const seq = (
            db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM lead_claims').get() as { s: number }
        ).s;
        db.prepare(
            'INSERT INTO lead_claims (id, lead_id, partner_account_id, user_id, action, reason, occurred_at, queue_id, opportunity_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
        ).run(
            newId(db, 'LeadClaim'),
            leadId,
            partnerAccountId,
            userId,
            action,
            reason,
            this.now(),
            queueId,
            opportunityId,
            seq
        );
    }

    private lockPartner(user: UserRecord): PartnerAccountRow | undefined {
        // Inside BEGIN IMMEDIATE the whole database is write-locked: this read stands for SELECT ... FOR UPDATE.
        return user.account_id ? this.partnerRow(user.account_id) : undefined;
    }

    private partnerRow(accountId: string): PartnerAccountRow | undefined {
        return this.deps.db
            .prepare(
                'SELECT id, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts WHERE id = ? AND is_partner = 1'
            )
            .get(accountId) as PartnerAccountRow | undefined;
    }

    private requireUser(userId: string): UserRecord {
        const user = this.selector.user(userId);
        if (!user) throw new Error(`Unknown user ${userId}`);
        return user;
    }

    private inTransaction<T>(work: () => T): T {
        return this.deps.db.transaction(work).immediate();
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
        return {
            code,
            message: this.message(user, code),
            leadId,
            ownerId: extra.ownerId ?? null,
            claimedAt: extra.claimedAt ?? null,
            opportunityId: extra.opportunityId ?? null
        };
    }
}
