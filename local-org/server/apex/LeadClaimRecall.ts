import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { LeadClaimSelector, type LeadRecord } from './LeadClaimSelector.js';
import { LockFailures } from './shared/LockFailures.js';
import { LeadClaimWriter } from './LeadClaimWriter.js';

/**
 * The twin of LeadClaimRecall.cls (the scheduled recall): claims held past their rule's hold time go back to their
 * queue of origin (or the default pool) with their stamps cleared, and a Recalled audit row (no reason) names the
 * rep who held each. The local org runs it on a timer (app.ts); a lock timeout recalls nothing and the next run retries.
 */
export class LeadClaimRecall {
    private readonly selector: LeadClaimSelector;
    private readonly writer: LeadClaimWriter;

    constructor(private readonly deps: { db: Db; clock: Clock }) {
        this.selector = new LeadClaimSelector(deps.db);
        this.writer = new LeadClaimWriter(deps.db);
    }

    /** Recalls every claim whose hold time has passed; how many leads went back to their queue. */
    recallExpired(): number {
        return this.recallLeads(this.selector.expiredClaims(this.deps.clock.now()).map((lead) => lead.id));
    }

    /** Recalls the given leads that are still expired claims under the write lock; how many were recalled. */
    recallLeads(leadIds: readonly string[]): number {
        if (leadIds.length === 0) return 0;
        const wanted = new Set(leadIds);
        try {
            return LockFailures.inWriteTransaction(this.deps.db, () => {
                // Re-read under the lock: a claim released, converted or worked since is no longer expired.
                const expired = this.selector
                    .expiredClaims(this.deps.clock.now())
                    .filter((lead) => wanted.has(lead.id));
                for (const lead of expired) this.recall(lead);
                return expired.length;
            });
        } catch (failure) {
            // As the Apex recall: a lock it could not get recalls nothing now; the next run retries.
            if (LockFailures.isLockTimeout(failure)) return 0;
            throw failure;
        }
    }

    private recall(lead: LeadRecord): void {
        const queueId = this.writer.returnQueue(lead.claimed_from_queue);
        const now = this.deps.clock.now().toISOString();
        this.writer.moveLeadToQueue(lead.id, queueId, now);
        this.writer.insertAudit({
            leadId: lead.id,
            partnerAccountId: lead.partner_account_id,
            userId: lead.owner_id,
            // No reason, as in Apex: the action says why, in the reader's language (a reason is the rep's own text).
            action: 'Recalled',
            queueId,
            occurredAt: now
        });
    }
}
