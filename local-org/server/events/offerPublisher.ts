import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { LeadFirstLook } from '../apex/LeadFirstLook.js';
import type { ClaimRule } from '../metadata/claimRules.js';
import { LEAD_OFFER_CHANNEL, type EventBus } from './eventBus.js';

interface Window {
    key: string;
    publicationId: string;
    queueId: string;
    delayMinutes: number;
    opensAt: number;
}

interface PublicationRow {
    rowid: number;
    id: string;
    queue_id: string;
    published_at: string;
}

/** Schedules a callback; returns the function that cancels it (a test passes its own). */
export type Scheduler = (delayMs: number, run: () => void) => () => void;

const realScheduler: Scheduler = (delayMs, run) => {
    const timer = setTimeout(run, Math.max(0, delayMs));
    timer.unref();
    return () => clearTimeout(timer);
};

/**
 * Tells partners when published leads are offered to them (local only: the org's partners poll a change token):
 * for each publication and each first-look delay in force, one timer; when it fires, every partner of that tier
 * with a rep in the queue gets a Lead_Offer_Event__e on GET /events/stream naming the publication's leads still
 * waiting in the queue. Gold (0 minutes) is told at the first flush after the publishing request commits.
 */
export class LeadOfferPublisher {
    private lastRowId: number;
    private readonly sent = new Set<string>();
    private readonly cancels = new Map<string, () => void>();
    private readonly firstLook: LeadFirstLook;

    constructor(
        private readonly db: Db,
        private readonly bus: EventBus,
        private readonly rules: readonly ClaimRule[],
        private readonly clock: Clock,
        private readonly schedule: Scheduler = realScheduler
    ) {
        this.firstLook = new LeadFirstLook(db, rules, clock);
        // Windows still ahead of publications made before this start are scheduled; the open ones are not replayed.
        const maxDelay = Math.max(0, ...this.delays());
        const since = new Date(clock.now().getTime() - maxDelay * 60_000).toISOString();
        const recent = db
            .prepare(
                'SELECT rowid, id, queue_id, published_at FROM lead_publications WHERE published_at > ? ORDER BY rowid'
            )
            .all(since) as PublicationRow[];
        for (const publication of recent) this.plan(publication, true);
        this.lastRowId = (
            db.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM lead_publications').get() as { n: number }
        ).n;
    }

    /** Plans the windows of publications committed since the last call and sends the due ones; how many events. */
    flush(): number {
        if (this.db.inTransaction) return 0;
        const fresh = this.db
            .prepare(
                'SELECT rowid, id, queue_id, published_at FROM lead_publications WHERE rowid > ? ORDER BY rowid'
            )
            .all(this.lastRowId) as PublicationRow[];
        for (const publication of fresh) {
            this.lastRowId = publication.rowid;
            this.plan(publication, false);
        }
        return this.openDue();
    }

    /** Sends every planned window whose time has come (the timers call it; tests call it after moving the clock). */
    openDue(): number {
        const now = this.clock.now().getTime();
        let published = 0;
        for (const [key, window] of [...this.windows]) {
            if (window.opensAt > now) continue;
            this.windows.delete(key);
            this.cancels.get(key)?.();
            this.cancels.delete(key);
            this.sent.add(key);
            published += this.announce(window);
        }
        return published;
    }

    /** Cancels every timer (server close). */
    close(): void {
        this.cancels.forEach((cancel) => cancel());
        this.cancels.clear();
        this.windows.clear();
    }

    private readonly windows = new Map<string, Window>();

    private delays(): number[] {
        const tiers = [null, ...this.rules.map((r) => r.tier)];
        return [...new Set(tiers.map((tier) => this.firstLook.delayOfTier(tier)))];
    }

    private plan(publication: PublicationRow, skipOpen: boolean): void {
        const published = Date.parse(publication.published_at);
        for (const delayMinutes of this.delays()) {
            const key = `${publication.id}:${delayMinutes}`;
            const opensAt = published + delayMinutes * 60_000;
            if (this.sent.has(key) || this.windows.has(key)) continue;
            if (skipOpen && opensAt <= this.clock.now().getTime()) continue;
            this.windows.set(key, {
                key,
                publicationId: publication.id,
                queueId: publication.queue_id,
                delayMinutes,
                opensAt
            });
            this.cancels.set(
                key,
                this.schedule(opensAt - this.clock.now().getTime(), () => this.openDue())
            );
        }
    }

    /** One event per partner of the window's tier with a rep in the queue; none when no lead is left waiting. */
    private announce(window: Window): number {
        const leadIds = (
            this.db
                .prepare(
                    'SELECT id FROM leads WHERE publication_id = ? AND owner_id = ? AND is_converted = 0 ORDER BY id'
                )
                .all(window.publicationId, window.queueId) as Array<{ id: string }>
        ).map((r) => r.id);
        if (leadIds.length === 0) return 0;
        const partners = this.db
            .prepare(
                `SELECT DISTINCT a.id, a.partner_tier FROM accounts a JOIN users u ON u.account_id = a.id
                 JOIN queue_members m ON m.user_id = u.id
                 WHERE a.is_partner = 1 AND u.is_active = 1 AND m.queue_id = ? ORDER BY a.id`
            )
            .all(window.queueId) as Array<{ id: string; partner_tier: string | null }>;
        let published = 0;
        for (const partner of partners) {
            if (this.firstLook.delayOfTier(partner.partner_tier) !== window.delayMinutes) continue;
            this.bus.publish(
                LEAD_OFFER_CHANNEL,
                {
                    Publication_Id__c: window.publicationId,
                    Queue_Id__c: window.queueId,
                    Lead_Ids__c: leadIds.join(','),
                    Lead_Count__c: String(leadIds.length),
                    Offered_At__c: new Date(window.opensAt).toISOString()
                },
                partner.id
            );
            published++;
        }
        return published;
    }
}
