import type {
    Conflict,
    DealRegistrationInput,
    DecisionCode,
    DecisionResult,
    PartnerFigures,
    RegistrationDetail,
    RegistrationFigures,
    RegistrationPage,
    RegistrationRow,
    ReviewRow,
    SubmitCode,
    SubmitResult
} from 'canal/apex/DealRegistrationController';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { dealRuleFor, deployedDealRules, type DealRule } from '../metadata/dealRules.js';
import { isVendorStaff, type UserRecord } from './LeadClaimSelector.js';
import { DealRegistrationConflicts } from './DealRegistrationConflicts.js';
import { DealRegistrationNotifier } from './DealRegistrationNotifier.js';
import { DealRegistrationSelector, type DealRegistrationRecord } from './DealRegistrationSelector.js';
import { ApexError } from './shared/AuraErrors.js';
import { LockFailures } from './shared/LockFailures.js';
import { RecordIds } from './shared/RecordIds.js';

export const PAGE_SIZE = 50;
export const REVIEW_LIMIT = 200;
/** An org transaction's DML budget bounds one decision call (the Apex answers INVALID_REQUEST above it). */
export const MAX_DECISION_IDS = 25;
/** Field lengths of Deal_Registration__c (Contact_Email__c is an Email field: 80). */
export const FIELD_LENGTHS: Record<string, number> = {
    company: 255,
    contactName: 121,
    contactEmail: 80,
    contactPhone: 40,
    country: 80,
    taxId: 40,
    productInterest: 255,
    description: 32000
};
export const MAX_REASON_LENGTH = 1000;
/** Currency(16,2): 14 digits before the point. */
const MAX_AMOUNT = 1e14;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIRST_OPEN_STAGE = OPPORTUNITY_STAGES.find((s) => !s.closed)!;
export interface DealServiceDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    /** Lead statuses that close a lead (Lead_Claim_Closed_Status__mdt): such a lead holds no customer. */
    closedStatuses: readonly string[];
    /** Deal_Registration_Rule__mdt; the deployed records by default. */
    rules?: readonly DealRule[];
}

/** The UTC date of an instant, YYYY-MM-DD (the org's "today"). */
export function dateOf(instant: Date): string {
    return instant.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date plus whole days. */
export function addDays(date: string, days: number): string {
    return dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

function isIsoDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function text(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
}

/**
 * The twin of DealRegistrationService.cls (docs/DEAL-REGISTRATION.md): a partner rep registers a customer; the
 * service flags what it collides with for the channel managers only; a channel manager approves (creating the
 * opportunity and protecting the customer for the partner's tier), rejects with a reason or extends the
 * protection once. Every write is one BEGIN IMMEDIATE transaction, the local counterpart of the Apex locks on the
 * customer's registrations; a lock timeout is thrown for the route to retry (then TRY_AGAIN).
 */
export class DealRegistrationService {
    private readonly selector: DealRegistrationSelector;
    private readonly conflicts: DealRegistrationConflicts;
    private readonly notifier: DealRegistrationNotifier;
    private readonly rules: readonly DealRule[];

    constructor(private readonly deps: DealServiceDeps) {
        this.selector = new DealRegistrationSelector(deps.db);
        this.conflicts = new DealRegistrationConflicts(deps.db, deps.closedStatuses);
        this.notifier = new DealRegistrationNotifier(deps.db, deps.labels, () => deps.clock.now());
        this.rules = deps.rules ?? deployedDealRules();
    }

    /**
     * Registers a customer for the rep's partner. INVALID with field errors (nothing created), CUSTOMER_PROTECTED
     * when another partner's approved registration protects the customer (naming nobody), else SUBMITTED, with a
     * possible conflict flagged for the channel managers only. The same submitKey by the same user answers the first
     * registration again.
     */
    submitRegistration(
        user: UserRecord,
        input: DealRegistrationInput,
        submitKey: string | null
    ): SubmitResult {
        if (!user.account_id || isVendorStaff(user)) return this.submitResult(user, 'NOT_ELIGIBLE');
        const partnerId = user.account_id;
        const key = text(submitKey) ? `${user.id}:${text(submitKey)!.slice(0, 60)}` : null;
        return LockFailures.inWriteTransaction(this.deps.db, () => {
            if (key) {
                const first = this.selector.bySubmitKey(key);
                if (first) return this.submitResult(user, 'SUBMITTED', first.id, first.status);
            }
            const errors = this.validate(user, input);
            if (Object.keys(errors).length) return this.submitResult(user, 'INVALID', null, null, errors);
            const company = text(input.company)!;
            const email = text(input.contactEmail)!;
            const taxId = text(input.taxId);
            const keys = DealRegistrationConflicts.keysOf(company, email, taxId);
            const now = this.deps.clock.now();
            if (this.conflicts.isProtectedForOther(keys, partnerId, dateOf(now)))
                return this.submitResult(user, 'CUSTOMER_PROTECTED');
            const found = this.conflicts.find(keys, partnerId);
            const id = this.selector.newRegistrationId();
            this.selector.insert({
                id,
                name: this.selector.nextName(),
                partnerAccountId: partnerId,
                ownerId: user.id,
                company,
                keys,
                contactName: text(input.contactName),
                contactEmail: email,
                contactPhone: text(input.contactPhone),
                country: text(input.country),
                taxId,
                productInterest: text(input.productInterest),
                amount: input.amount ?? null,
                closeDate: text(input.closeDate),
                description: text(input.description),
                submittedAt: now.toISOString(),
                submitKey: key,
                conflictSummary: DealRegistrationConflicts.summary(found),
                conflictSince: found[0]?.since ?? null
            });
            this.notifier.submitted(this.selector.byId(id)!, found.length > 0);
            return this.submitResult(user, 'SUBMITTED', id, 'Submitted');
        });
    }

    /** The rep's partner's registrations (colleagues' included), newest first, 50 a page; never conflict fields. */
    getMyRegistrations(user: UserRecord, cursor: string | null): RegistrationPage {
        if (!user.account_id || isVendorStaff(user)) return { rows: [], nextCursor: null };
        const partnerId = user.account_id;
        let after: DealRegistrationRecord | null = null;
        if (cursor) {
            const decoded = DealRegistrationService.decodeCursor(cursor);
            const row =
                decoded && decoded.partnerId === partnerId ? this.selector.byId(decoded.id) : undefined;
            // A cursor is honoured only on a row of the caller's partner: where another partner's row sorts is not
            // theirs to know.
            if (!row || row.partner_account_id !== partnerId)
                throw new ApexError('INVALID_CURSOR', 400, 'Canal_Outcome_INVALID_CURSOR');
            after = row;
        }
        const rows = this.selector.pageForPartner(partnerId, after, PAGE_SIZE + 1);
        const page = rows.slice(0, PAGE_SIZE);
        const last = page[page.length - 1];
        return {
            rows: page.map((r) => this.toRow(user, r)),
            nextCursor:
                rows.length > PAGE_SIZE && last
                    ? DealRegistrationService.encodeCursor(partnerId, last.id)
                    : null
        };
    }

    /** One registration: its partner's reps and the reviewers see it (reviewers with its conflicts); NOT_FOUND else. */
    getRegistration(user: UserRecord, recordId: string): RegistrationDetail {
        const id = RecordIds.of(recordId, 'DealRegistration');
        const record = id ? this.selector.byId(id) : undefined;
        const reviewer = this.isReviewer(user);
        if (!record || (!reviewer && record.partner_account_id !== user.account_id))
            throw new ApexError('NOT_FOUND', 404, 'Canal_Deal_Outcome_NOT_FOUND');
        return {
            ...this.toRow(user, record),
            contactEmail: record.contact_email,
            contactPhone: record.contact_phone,
            country: record.country,
            taxId: record.tax_id,
            productInterest: record.product_interest,
            description: record.description,
            partnerName: record.partner_name,
            extended: record.protection_extended === 1,
            conflicts: reviewer ? this.conflictsOf(record) : null
        };
    }

    /** Submitted registrations, oldest first (up to 200), with partner, tier and conflicts: reviewers only. */
    getSubmittedRegistrations(user: UserRecord): ReviewRow[] {
        this.requireReviewer(user);
        return this.selector.submitted(REVIEW_LIMIT).map((r) => ({
            ...this.toRow(user, r),
            partnerName: r.partner_name,
            tier: r.partner_tier,
            conflict: r.conflict === 1,
            conflicts: this.conflictsOf(r)
        }));
    }

    /**
     * Approves each registration in its own right (one bad id never blocks the others): the opportunity owned by
     * the rep, the customer protected for the tier's days. One approved registration per customer: CUSTOMER_PROTECTED
     * for the second. The whole batch holds the write lock, so two managers approving the same customer at once
     * are serialized and exactly one wins.
     */
    approveRegistrations(user: UserRecord, ids: unknown[]): DecisionResult[] {
        this.requireReviewer(user);
        return this.decide(user, ids, (record) => this.approveOne(user, record));
    }

    /** Rejects each registration with the reason (required: blank changes nothing) and tells its rep. */
    rejectRegistrations(user: UserRecord, ids: unknown[], reason: string | null): DecisionResult[] {
        this.requireReviewer(user);
        const why = text(reason);
        if (!why || why.length > MAX_REASON_LENGTH)
            return this.idList(ids).map((raw) => this.decision(user, String(raw ?? ''), 'REASON_REQUIRED'));
        return this.decide(user, ids, (record) => {
            if (record.status !== 'Submitted') return this.decision(user, record.id, 'ALREADY_DECIDED');
            this.selector.markRejected(record.id, {
                deciderId: user.id,
                now: this.deps.clock.now().toISOString(),
                reason: why
            });
            this.notifier.decided(this.selector.byId(record.id)!);
            return this.decision(user, record.id, 'REJECTED');
        });
    }

    /** Extends an approved registration's protection once by the tier's Extension_Days. */
    extendProtection(user: UserRecord, recordId: string): DecisionResult {
        this.requireReviewer(user);
        return this.decide(user, [recordId], (record) => {
            if (record.status !== 'Approved') return this.decision(user, record.id, 'NOT_APPROVED');
            if (record.protection_extended) return this.decision(user, record.id, 'ALREADY_EXTENDED');
            const until = addDays(record.protected_until!, this.ruleFor(record.partner_tier).extensionDays);
            this.selector.markExtended(record.id, until, this.deps.clock.now().toISOString());
            if (record.customer_account_id)
                this.selector.stampAccount(record.customer_account_id, until, record.partner_account_id);
            return this.decision(user, record.id, 'EXTENDED', until, record.opportunity_id);
        })[0]!;
    }

    /** Registrations by partner and outcome, approval rate, median hours to decision, conflicts and pending. */
    getRegistrationFigures(user: UserRecord): RegistrationFigures {
        this.requireReviewer(user);
        const byPartner = new Map<string, PartnerFigures>();
        const hours: number[] = [];
        let approved = 0;
        let decided = 0;
        let conflicts = 0;
        let pending = 0;
        for (const r of this.selector.figureRows()) {
            let p = byPartner.get(r.partner_account_id);
            if (!p) {
                p = {
                    partnerName: r.partner_name,
                    tier: r.partner_tier,
                    submitted: 0,
                    approved: 0,
                    rejected: 0,
                    expired: 0,
                    conflicts: 0
                };
                byPartner.set(r.partner_account_id, p);
            }
            p.submitted++;
            if (r.status === 'Approved') p.approved++;
            if (r.status === 'Rejected') p.rejected++;
            if (r.status === 'Expired') p.expired++;
            if (r.conflict) {
                p.conflicts++;
                conflicts++;
            }
            if (r.status === 'Submitted') pending++;
            else {
                decided++;
                // An expired registration was approved first.
                if (r.status !== 'Rejected') approved++;
            }
            if (r.decided_at) hours.push((Date.parse(r.decided_at) - Date.parse(r.submitted_at)) / 3_600_000);
        }
        hours.sort((a, b) => a - b);
        const mid = Math.floor(hours.length / 2);
        const median =
            hours.length === 0 ? null : hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
        return {
            byPartner: [...byPartner.values()],
            approvalRate: decided ? approved / decided : null,
            medianHoursToDecision: median === null ? null : Math.round(median * 100) / 100,
            conflicts,
            pending
        };
    }

    /** True for channel managers and admins (the custom permission Canal_Review_Deal_Registrations). */
    isReviewer(user: UserRecord): boolean {
        return isVendorStaff(user);
    }

    /** The Deal_Registration_Rule__mdt of a partner tier, else the Default rule. */
    ruleFor(tier: string | null): DealRule {
        return dealRuleFor(this.rules, tier);
    }

    /** The opaque keyset cursor: the partner and the last row, base64url. */
    static encodeCursor(partnerId: string, id: string): string {
        return Buffer.from(`${partnerId}|${id}`, 'utf8').toString('base64url');
    }

    static decodeCursor(cursor: string): { partnerId: string; id: string } | null {
        const [partnerId, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
        if (
            extra !== undefined ||
            !RecordIds.of(partnerId, 'Account') ||
            !RecordIds.of(id, 'DealRegistration')
        )
            return null;
        return { partnerId: RecordIds.of(partnerId, 'Account')!, id: RecordIds.of(id, 'DealRegistration')! };
    }

    private approveOne(user: UserRecord, record: DealRegistrationRecord): DecisionResult {
        if (record.status !== 'Submitted') return this.decision(user, record.id, 'ALREADY_DECIDED');
        const keys = {
            companyKey: record.company_key,
            emailDomain: record.email_domain,
            taxIdKey: record.tax_id_key
        };
        if (this.selector.approvedFor(keys, { exceptId: record.id }).length > 0)
            return this.decision(user, record.id, 'CUSTOMER_PROTECTED');
        const now = this.deps.clock.now();
        const nowIso = now.toISOString();
        const protectedUntil = addDays(dateOf(now), this.ruleFor(record.partner_tier).protectionDays);
        const accountId =
            this.selector.customerAccountByKey(record.company_key)?.id ??
            this.selector.insertCustomerAccount(
                record.company,
                record.owner_id,
                record.partner_account_id,
                record.country,
                nowIso
            );
        const opportunityId = this.selector.insertOpportunity({
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
        this.selector.markApproved(record.id, {
            deciderId: user.id,
            now: nowIso,
            protectedUntil,
            opportunityId,
            accountId
        });
        this.selector.stampAccount(accountId, protectedUntil, record.partner_account_id);
        this.notifier.decided(this.selector.byId(record.id)!);
        return this.decision(user, record.id, 'APPROVED', protectedUntil, opportunityId);
    }

    /** Runs one decision per id under the write lock, in Id order (the locking order), answering in the order given. */
    private decide(
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
                    const record = this.selector.byId(id);
                    outcomes.set(id, record ? work(record) : this.decision(user, id, 'NOT_FOUND'));
                }
            });
        }
        return ids.map((id, i) =>
            id ? outcomes.get(id)! : this.decision(user, String(given[i] ?? ''), 'NOT_FOUND')
        );
    }

    private idList(ids: unknown[]): unknown[] {
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_DECISION_IDS)
            throw new ApexError('INVALID_REQUEST', 400);
        return ids;
    }

    private conflictsOf(record: DealRegistrationRecord): Conflict[] {
        return DealRegistrationConflicts.parse(record.conflict_summary).map((c) => ({
            kind: c.kind,
            recordId: c.recordId,
            name: c.name,
            heldBy: c.heldBy,
            ownerName: c.ownerName,
            since: c.since
        }));
    }

    private requireReviewer(user: UserRecord): void {
        if (!this.isReviewer(user)) throw new ApexError('INSUFFICIENT_ACCESS', 403, 'Canal_Error_Forbidden');
    }

    private validate(user: UserRecord, input: DealRegistrationInput): Record<string, string> {
        const codes: Record<string, string> = {};
        for (const [field, max] of Object.entries(FIELD_LENGTHS)) {
            const value = (input as unknown as Record<string, unknown>)[field];
            if (typeof value === 'string' && value.trim().length > max) codes[field] = 'TOO_LONG';
        }
        if (!text(input.company)) codes.company = 'REQUIRED';
        const email = text(input.contactEmail);
        if (!email) codes.contactEmail = 'REQUIRED';
        else if (!codes.contactEmail && !EMAIL.test(email)) codes.contactEmail = 'INVALID_EMAIL';
        if (input.amount !== null && input.amount !== undefined) {
            if (input.amount < 0) codes.amount = 'NEGATIVE_AMOUNT';
            else if (input.amount >= MAX_AMOUNT) codes.amount = 'TOO_LONG';
        }
        const closeDate = text(input.closeDate);
        if (closeDate) {
            if (!isIsoDate(closeDate)) codes.closeDate = 'INVALID_DATE';
            else if (closeDate < dateOf(this.deps.clock.now())) codes.closeDate = 'CLOSE_DATE_PAST';
        }
        const labels = this.deps.labels[user.language];
        return Object.fromEntries(
            Object.entries(codes).map(([field, code]) => [field, labels[`Canal_Deal_Error_${code}`] ?? code])
        );
    }

    private toRow(user: UserRecord, r: DealRegistrationRecord): RegistrationRow {
        const rule = this.ruleFor(r.partner_tier);
        const today = dateOf(this.deps.clock.now());
        return {
            id: r.id,
            name: r.name,
            company: r.company,
            contactName: r.contact_name,
            amount: r.amount,
            closeDate: r.close_date,
            status: r.status,
            statusLabel: this.deps.labels[user.language][`Canal_Deal_Status_${r.status}`] ?? r.status,
            submittedAt: r.submitted_at,
            decidedAt: r.decided_at,
            rejectionReason: r.rejection_reason,
            protectedUntil: r.protected_until,
            opportunityId: r.opportunity_id,
            expiresSoon:
                r.status === 'Approved' &&
                r.protected_until !== null &&
                today >= addDays(r.protected_until, -rule.expiryNoticeDays),
            ownerName: r.owner_name
        };
    }

    private submitResult(
        user: UserRecord,
        code: SubmitCode,
        recordId: string | null = null,
        status: SubmitResult['status'] = null,
        fieldErrors: Record<string, string> = {}
    ): SubmitResult {
        return {
            code,
            message: this.deps.labels[user.language][`Canal_Deal_Outcome_${code}`] ?? code,
            recordId,
            status,
            fieldErrors
        };
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
