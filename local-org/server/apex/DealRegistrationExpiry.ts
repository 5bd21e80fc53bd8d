import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { OPPORTUNITY_STAGES } from '../db/picklists.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { dealRuleFor, deployedDealRules, type DealRule } from '../metadata/dealRules.js';
import { addDays, dateOf } from './DealRegistrationService.js';
import { DealRegistrationNotifier } from './DealRegistrationNotifier.js';
import { DealRegistrationSelector } from './DealRegistrationSelector.js';
import { LockFailures } from './shared/LockFailures.js';

const WON_STAGES = OPPORTUNITY_STAGES.filter((s) => s.won).map((s) => s.value);

/** What one run did: the registrations it expired and those whose rep it told of the coming expiry. */
export interface ExpiryRun {
    expired: string[];
    noticed: string[];
}

/**
 * The twin of DealRegistrationExpiry.cls (Schedulable + Batchable, daily in the org): an Approved registration
 * whose opportunity is not won is protected through Protected_Until__c; the first run on a later day expires it and
 * clears the account's stamp; the first run on or after Protected_Until - Expiry_Notice_Days tells the rep, once.
 * The local org runs it on its clock's daily tick (app.ts) and the scenario runner calls it directly.
 */
export class DealRegistrationExpiry {
    private readonly selector: DealRegistrationSelector;
    private readonly notifier: DealRegistrationNotifier;
    private readonly rules: readonly DealRule[];

    constructor(
        private readonly deps: { db: Db; clock: Clock; labels: LabelCatalog; rules?: readonly DealRule[] }
    ) {
        this.selector = new DealRegistrationSelector(deps.db);
        this.notifier = new DealRegistrationNotifier(deps.db, deps.labels, () => deps.clock.now());
        this.rules = deps.rules ?? deployedDealRules();
    }

    /** Expires and notices what is due at `now` (the org's daily run); what one run did. */
    run(now: Date = this.deps.clock.now()): ExpiryRun {
        return this.process(
            this.selector.approvedNotWon(WON_STAGES).map((r) => r.id),
            now
        );
    }

    /**
     * Expires or notices the given registrations that are still due under the write lock (the batch's scope in the
     * org); a lock timeout does nothing now and the next run retries.
     */
    process(ids: readonly string[], now: Date): ExpiryRun {
        const today = dateOf(now);
        const nowIso = now.toISOString();
        const wanted = new Set(ids);
        try {
            return LockFailures.inWriteTransaction(this.deps.db, () => {
                const done: ExpiryRun = { expired: [], noticed: [] };
                // Re-read under the lock: a registration won, extended or expired since is what it is now.
                for (const r of this.selector.approvedNotWon(WON_STAGES).filter((x) => wanted.has(x.id))) {
                    if (!r.protected_until) continue;
                    if (r.protected_until < today) {
                        this.selector.markExpired(r.id, nowIso);
                        const stamp = r.customer_account_id
                            ? this.selector.accountStamp(r.customer_account_id)
                            : undefined;
                        if (stamp && stamp.deal_protected_for === r.partner_account_id)
                            this.selector.stampAccount(r.customer_account_id!, null, null);
                        done.expired.push(r.id);
                        continue;
                    }
                    const noticeDays = this.ruleFor(r.partner_tier).expiryNoticeDays;
                    if (!r.expiry_notice_sent && today >= addDays(r.protected_until, -noticeDays)) {
                        this.selector.markNoticeSent(r.id, nowIso);
                        this.notifier.expiring(r);
                        done.noticed.push(r.id);
                    }
                }
                return done;
            });
        } catch (failure) {
            if (LockFailures.isLockTimeout(failure)) return { expired: [], noticed: [] };
            throw failure;
        }
    }

    private ruleFor(tier: string | null): DealRule {
        return dealRuleFor(this.rules, tier);
    }
}
