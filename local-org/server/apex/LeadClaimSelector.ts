import type { Db } from '../db/database.js';
import type { PartnerAccountRow } from './LeadClaimRules.js';
import { QueueMembershipSelector } from './QueueMembershipSelector.js';

/** A lead row as stored. */
export interface LeadRecord {
    id: string;
    first_name: string | null;
    last_name: string;
    company: string;
    email?: string | null;
    city: string | null;
    country: string | null;
    status: string;
    owner_id: string;
    partner_account_id: string | null;
    claimed_at: string | null;
    claim_expires_at: string | null;
    claimed_from_queue: string | null;
    is_converted: number;
    created_date: string;
    /** Lead.Published_At__c: set by a publication; the start of each tier's first-look window. */
    published_at?: string | null;
}

export interface UserRecord {
    id: string;
    username: string;
    first_name: string;
    last_name: string;
    email: string;
    language: 'es' | 'en';
    persona: 'partner_rep' | 'channel_manager' | 'admin' | 'internal';
    account_id: string | null;
    must_change_password: number;
    is_active: number;
}

/** Channel managers and admins: vendor staff who read every partner (Canal_Channel_Manager / Canal_Admin). */
export function isVendorStaff(user: UserRecord): boolean {
    return user.persona === 'channel_manager' || user.persona === 'admin';
}

/**
 * The twin of LeadClaimSelector.cls: the reads of the claim path (user, partner row and its lock, leads as the user
 * sees them, the system-mode probe, the limit counts, statuses, expired claims), each limited to what the calling user
 * may see (as WITH USER_MODE is) unless it says system mode.
 */
export class LeadClaimSelector {
    constructor(private readonly db: Db) {}

    /** The user's row (UserInfo and the User record in Apex). */
    user(userId: string): UserRecord | undefined {
        return this.db.prepare('SELECT * FROM users WHERE id = ?').get(userId) as UserRecord | undefined;
    }

    /** The partner's Account row with its claim limit overrides. */
    partnerAccount(accountId: string): PartnerAccountRow | undefined {
        return this.db
            .prepare(
                'SELECT id, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts WHERE id = ? AND is_partner = 1'
            )
            .get(accountId) as PartnerAccountRow | undefined;
    }

    /**
     * The claim contract's first lock (lockPartnerAccount in Apex, FOR UPDATE): inside BEGIN IMMEDIATE the whole
     * database is already write-locked, so reading the row is the lock.
     */
    lockPartnerAccount(accountId: string): PartnerAccountRow | undefined {
        return this.partnerAccount(accountId);
    }

    /** The queues the user is a member of (kept here for the controllers that read it; QueueMembership is the twin). */
    queueIdsOf(userId: string): string[] {
        return new QueueMembershipSelector(this.db).queueIdsOf(userId);
    }

    isQueue(id: string): boolean {
        return this.db.prepare('SELECT 1 FROM queues WHERE id = ?').get(id) !== undefined;
    }

    defaultQueueId(): string {
        return (this.db.prepare('SELECT id FROM queues WHERE is_default = 1').get() as { id: string }).id;
    }

    /** The lead when the user may see it: owned by them, by a queue they belong to, or any lead for vendor staff. */
    visibleLead(userId: string, leadId: string): LeadRecord | undefined {
        const user = this.user(userId);
        if (!user) return undefined;
        const lead = this.anyLead(leadId);
        if (!lead) return undefined;
        if (isVendorStaff(user)) return lead;
        if (lead.owner_id === userId) return lead;
        return this.queueIdsOf(userId).includes(lead.owner_id) ? lead : undefined;
    }

    /** System-mode probe: only to choose an outcome code, never returned to the caller. */
    anyLead(leadId: string): LeadRecord | undefined {
        return this.db.prepare('SELECT * FROM leads WHERE id = ?').get(leadId) as LeadRecord | undefined;
    }

    /**
     * Open claims of a partner: unconverted leads owned by the partner's users whose status is not closed, however
     * they reached them. System mode on purpose: the limit is per partner, and reps cannot see their colleagues' leads.
     */
    openClaims(partnerAccountId: string, closedStatuses: readonly string[]): number {
        const closed = closedStatuses.length > 0 ? closedStatuses : [''];
        return (
            this.db
                .prepare(
                    // CROSS JOIN keeps the partner's few users as the outer loop, so the count reads the leads_owner
                    // index per user; a plain JOIN let SQLite scan every lead (a claim at 100,000 leads took 10x).
                    `SELECT COUNT(*) AS n FROM users u CROSS JOIN leads l ON l.owner_id = u.id
                     WHERE u.account_id = ? AND l.is_converted = 0 AND l.status NOT IN (${closed.map(() => '?').join(',')})`
                )
                .get(partnerAccountId, ...closed) as { n: number }
        ).n;
    }

    /** Claims made by the partner in the rolling 24 hours before `now` (system mode, as openClaims). */
    claimsInLastDay(partnerAccountId: string, now: Date): number {
        const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
        return (
            this.db
                .prepare(
                    "SELECT COUNT(*) AS n FROM lead_claims WHERE partner_account_id = ? AND action = 'Claimed' AND occurred_at > ?"
                )
                .get(partnerAccountId, since) as { n: number }
        ).n;
    }

    /** Open (non-converted) statuses in their sort order. */
    openStatuses(): string[] {
        return (
            this.db
                .prepare('SELECT value FROM lead_statuses WHERE is_converted = 0 ORDER BY sort_order')
                .all() as Array<{ value: string }>
        ).map((r) => r.value);
    }

    convertedStatus(): string {
        return (
            this.db
                .prepare('SELECT value FROM lead_statuses WHERE is_converted = 1 ORDER BY sort_order LIMIT 1')
                .get() as { value: string }
        ).value;
    }

    expiredClaims(now: Date): LeadRecord[] {
        return this.db
            .prepare(
                'SELECT l.* FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.claim_expires_at IS NOT NULL AND l.claim_expires_at <= ? AND l.is_converted = 0 ORDER BY l.id'
            )
            .all(now.toISOString()) as LeadRecord[];
    }
}
