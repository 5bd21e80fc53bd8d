import type { DecisionCode, DecisionResult } from 'canal/apex/DealRegistrationController';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { LabelCatalog } from '../metadata/labels.js';
import type { DealRule } from '../metadata/dealRules.js';
import type { UserRecord } from './LeadClaimSelector.js';
import type { DealRegistrationNotifier } from './DealRegistrationNotifier.js';
import type { DealRegistrationRecord, DealRegistrationSelector } from './DealRegistrationSelector.js';
import { addDays, dateOf, trimmed } from './DealRegistrationValidation.js';
import { ApexError } from './shared/AuraErrors.js';
import { LockFailures } from './shared/LockFailures.js';
import { RecordIds } from './shared/RecordIds.js';

/** An org transaction's DML budget bounds one decision call (the Apex answers INVALID_REQUEST above it). */
export const MAX_DECISIONS = 25;
export const MAX_REASON_LENGTH = 1000;
const FIRST_OPEN_STAGE = OPPORTUNITY_STAGES.find((s) => !s.closed)!;

export interface DecisionDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    selector: DealRegistrationSelector;
    notifier: DealRegistrationNotifier;
    ruleFor: (tier: string | null) => DealRule;
}

/**
 * The twin of DealRegistrationDecisions.cls: the channel manager's approve, reject and extend. Each id is decided in
 * its own right (one bad id never blocks the others), in Id order (the locking order), and the whole call holds the
 * write lock (one BEGIN IMMEDIATE transaction), so two managers approving the same customer at once are serialized and
 * exactly one wins. Approval creates the opportunity owned by the rep (and the customer account when none has the
 * company key) and protects the customer for the tier's days.
 */
export class DealRegistrationDecisions {
    constructor(private readonly deps: DecisionDeps) {}

    /** Approves (approve true) or rejects with the reason (required: blank changes nothing) each registration. */
    decide(user: UserRecord, ids: unknown[], reason: string | null, approve: boolean): DecisionResult[] {
        if (approve) return this.each(user, ids, (record) => this.approveOne(user, record));
        const why = trimmed(reason);
        if (!why || why.length > MAX_REASON_LENGTH)
            return this.idList(ids).map((raw) => this.decision(user, String(raw ?? ''), 'REASON_REQUIRED'));
        return this.each(user, ids, (record) => this.rejectOne(user, record, why));
    }

    /** Extends an approved registration's protection once by the tier's Extension_Days. */
    extend(user: UserRecord, recordId: string): DecisionResult {
        return this.each(user, [recordId], (record) => {
            if (record.status !== 'Approved') return this.decision(user, record.id, 'NOT_APPROVED');
            if (record.protection_extended) return this.decision(user, record.id, 'ALREADY_EXTENDED');
            const until = addDays(
                record.protected_until!,
                this.deps.ruleFor(record.partner_tier).extensionDays
            );
            this.deps.selector.markExtended(record.id, until, this.deps.clock.now().toISOString());
            if (record.customer_account_id)
                this.deps.selector.stampAccount(record.customer_account_id, until, record.partner_account_id);
            return this.decision(user, record.id, 'EXTENDED', until, record.opportunity_id);
        })[0]!;
    }

    private approveOne(user: UserRecord, record: DealRegistrationRecord): DecisionResult {
        const selector = this.deps.selector;
        if (record.status !== 'Submitted') return this.decision(user, record.id, 'ALREADY_DECIDED');
        const keys = {
            companyKey: record.company_key,
            emailDomain: record.email_domain,
            taxIdKey: record.tax_id_key
        };
        if (selector.approvedFor(keys, { exceptId: record.id }).length > 0)
            return this.decision(user, record.id, 'CUSTOMER_PROTECTED');
        const now = this.deps.clock.now();
        const nowIso = now.toISOString();
        const protectedUntil = addDays(dateOf(now), this.deps.ruleFor(record.partner_tier).protectionDays);
        const accountId =
            selector.customerAccountByKey(record.company_key)?.id ??
            selector.insertCustomerAccount(
                record.company,
                record.owner_id,
                record.partner_account_id,
                record.country,
                nowIso
            );
        const opportunityId = selector.insertOpportunity({
            name: `${record.company} - ${record.name}`.slice(0, 120),
            accountId,
            partnerAccountId: record.partner_account_id,
            ownerId: record.owner_id,
            stageName: FIRST_OPEN_STAGE.value,
            probability: FIRST_OPEN_STAGE.probability,
            amount: record.amount,
            closeDate: record.close_date ?? protectedUntil,
            description: record.description,
            now: nowIso
        });
        selector.markApproved(record.id, {
            deciderId: user.id,
            now: nowIso,
            protectedUntil,
            opportunityId,
            accountId
        });
        selector.stampAccount(accountId, protectedUntil, record.partner_account_id);
        this.deps.notifier.decided(selector.byId(record.id)!);
        return this.decision(user, record.id, 'APPROVED', protectedUntil, opportunityId);
    }

    private rejectOne(user: UserRecord, record: DealRegistrationRecord, reason: string): DecisionResult {
        if (record.status !== 'Submitted') return this.decision(user, record.id, 'ALREADY_DECIDED');
        this.deps.selector.markRejected(record.id, {
            deciderId: user.id,
            now: this.deps.clock.now().toISOString(),
            reason
        });
        this.deps.notifier.decided(this.deps.selector.byId(record.id)!);
        return this.decision(user, record.id, 'REJECTED');
    }

    /** Runs one decision per id under the write lock, in Id order (the locking order), answering in the order given. */
    private each(
        user: UserRecord,
        rawIds: unknown[],
        work: (record: DealRegistrationRecord) => DecisionResult
    ): DecisionResult[] {
        const given = this.idList(rawIds);
        const ids = given.map((raw) => RecordIds.of(raw, 'DealRegistration'));
        const outcomes = new Map<string, DecisionResult>();
        const valid = RecordIds.ascending(ids.filter((id): id is string => id !== null));
        if (valid.length) {
            LockFailures.inWriteTransaction(this.deps.db, () => {
                for (const id of valid) {
                    const record = this.deps.selector.byId(id);
                    outcomes.set(id, record ? work(record) : this.decision(user, id, 'NOT_FOUND'));
                }
            });
        }
        return ids.map((id, i) =>
            id ? outcomes.get(id)! : this.decision(user, String(given[i] ?? ''), 'NOT_FOUND')
        );
    }

    private idList(ids: unknown[]): unknown[] {
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_DECISIONS)
            throw new ApexError('INVALID_REQUEST', 400);
        return ids;
    }

    private decision(
        user: UserRecord,
        id: string,
        code: DecisionCode,
        protectedUntil: string | null = null,
        opportunityId: string | null = null
    ): DecisionResult {
        return {
            id,
            code,
            message: this.deps.labels[user.language][`Canal_Deal_Outcome_${code}`] ?? code,
            protectedUntil,
            opportunityId
        };
    }
}
