import type {
    DealRegistrationInput,
    DecisionResult,
    RegistrationDetail,
    RegistrationFigures,
    RegistrationPage,
    ReviewRow,
    SubmitCode,
    SubmitResult
} from 'canal/apex/DealRegistrationController';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { dealRuleFor, deployedDealRules, type DealRule } from '../metadata/dealRules.js';
import { isVendorStaff, type UserRecord } from './LeadClaimSelector.js';
import { DealRegistrationConflicts } from './DealRegistrationConflicts.js';
import { DealRegistrationDecisions } from './DealRegistrationDecisions.js';
import { DealRegistrationNotifier } from './DealRegistrationNotifier.js';
import { DealRegistrationSelector, type DealRegistrationRecord } from './DealRegistrationSelector.js';
import { dateOf, DealRegistrationValidation, trimmed } from './DealRegistrationValidation.js';
import { DealRegistrationViews } from './DealRegistrationViews.js';
import { ApexError } from './shared/AuraErrors.js';
import { LockFailures } from './shared/LockFailures.js';
import { RecordIds } from './shared/RecordIds.js';

export { addDays, dateOf } from './DealRegistrationValidation.js';
export { MAX_DECISIONS, MAX_REASON_LENGTH } from './DealRegistrationDecisions.js';

export const PAGE_SIZE = 50;
export const REVIEW_LIMIT = 200;
export interface DealServiceDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    /** Lead statuses that close a lead (Lead_Claim_Closed_Status__mdt): such a lead holds no customer. */
    closedStatuses: readonly string[];
    /** Deal_Registration_Rule__mdt; the deployed records by default. */
    rules?: readonly DealRule[];
}

/**
 * The twin of DealRegistrationService.cls (docs/DEAL-REGISTRATION.md): a partner rep registers a customer; the
 * service flags what it collides with for the channel managers only; a channel manager approves (creating the
 * opportunity and protecting the customer for the partner's tier), rejects with a reason or extends the
 * protection once (DealRegistrationDecisions). The form's checks are DealRegistrationValidation's, the rows and
 * figures DealRegistrationViews'. Every write is one BEGIN IMMEDIATE transaction, the local counterpart of the Apex
 * locks on the customer's registrations; a lock timeout is thrown for the route to retry (then TRY_AGAIN).
 */
export class DealRegistrationService {
    private readonly selector: DealRegistrationSelector;
    private readonly conflicts: DealRegistrationConflicts;
    private readonly notifier: DealRegistrationNotifier;
    private readonly validation = new DealRegistrationValidation();
    private readonly views: DealRegistrationViews;
    private readonly decisions: DealRegistrationDecisions;
    private readonly rules: readonly DealRule[];

    constructor(private readonly deps: DealServiceDeps) {
        this.selector = new DealRegistrationSelector(deps.db);
        this.conflicts = new DealRegistrationConflicts(deps.db, deps.closedStatuses);
        this.notifier = new DealRegistrationNotifier(deps.db, deps.labels, () => deps.clock.now());
        this.rules = deps.rules ?? deployedDealRules();
        this.views = new DealRegistrationViews(deps.labels, (tier) => this.ruleFor(tier));
        this.decisions = new DealRegistrationDecisions({
            db: deps.db,
            clock: deps.clock,
            labels: deps.labels,
            selector: this.selector,
            notifier: this.notifier,
            ruleFor: (tier) => this.ruleFor(tier)
        });
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
        const key = trimmed(submitKey) ? `${user.id}:${trimmed(submitKey)!.slice(0, 60)}` : null;
        return LockFailures.inWriteTransaction(this.deps.db, () => {
            if (key) {
                const first = this.selector.bySubmitKey(key);
                if (first) return this.submitResult(user, 'SUBMITTED', first.id, first.status);
            }
            const now = this.deps.clock.now();
            const codes = this.validation.fieldErrors(input, dateOf(now));
            if (Object.keys(codes).length) {
                const labels = this.deps.labels[user.language];
                const errors = Object.fromEntries(
                    Object.entries(codes).map(([field, code]) => [
                        field,
                        labels[`Canal_Deal_Error_${code}`] ?? code
                    ])
                );
                return this.submitResult(user, 'INVALID', null, null, errors);
            }
            const fields = this.validation.newRecord(input);
            const keys = DealRegistrationConflicts.keysOf(fields.company, fields.contactEmail, fields.taxId);
            if (this.conflicts.isProtectedForOther(keys, partnerId, dateOf(now)))
                return this.submitResult(user, 'CUSTOMER_PROTECTED');
            const found = this.conflicts.find(keys, partnerId);
            const id = this.selector.newRegistrationId();
            this.selector.insert({
                id,
                name: this.selector.nextName(),
                partnerAccountId: partnerId,
                ownerId: user.id,
                keys,
                ...fields,
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
        const rows = this.selector.partnerPage(partnerId, after, PAGE_SIZE + 1);
        const page = rows.slice(0, PAGE_SIZE);
        const last = page[page.length - 1];
        const today = dateOf(this.deps.clock.now());
        return {
            rows: page.map((r) => this.views.row(user, r, today)),
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
        return this.views.detail(user, record, reviewer, dateOf(this.deps.clock.now()));
    }

    /** Submitted registrations, oldest first (up to 200), with partner, tier and conflicts: reviewers only. */
    getSubmittedRegistrations(user: UserRecord): ReviewRow[] {
        this.requireReviewer(user);
        const today = dateOf(this.deps.clock.now());
        return this.selector.submitted(REVIEW_LIMIT).map((r) => this.views.reviewRow(user, r, today));
    }

    /**
     * Approves each registration in its own right (one bad id never blocks the others): the opportunity owned by
     * the rep, the customer protected for the tier's days. One approved registration per customer: CUSTOMER_PROTECTED
     * for the second (DealRegistrationDecisions).
     */
    approveRegistrations(user: UserRecord, ids: unknown[]): DecisionResult[] {
        this.requireReviewer(user);
        return this.decisions.decide(user, ids, null, true);
    }

    /** Rejects each registration with the reason (required: blank changes nothing) and tells its rep. */
    rejectRegistrations(user: UserRecord, ids: unknown[], reason: string | null): DecisionResult[] {
        this.requireReviewer(user);
        return this.decisions.decide(user, ids, reason, false);
    }

    /** Extends an approved registration's protection once by the tier's Extension_Days. */
    extendProtection(user: UserRecord, recordId: string): DecisionResult {
        this.requireReviewer(user);
        return this.decisions.extend(user, recordId);
    }

    /** Registrations by partner and outcome, approval rate, median hours to decision, conflicts and pending. */
    getRegistrationFigures(user: UserRecord): RegistrationFigures {
        this.requireReviewer(user);
        return this.views.figures(this.selector.forFigures());
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

    private requireReviewer(user: UserRecord): void {
        if (!this.isReviewer(user)) throw new ApexError('INSUFFICIENT_ACCESS', 403, 'Canal_Error_Forbidden');
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
}
