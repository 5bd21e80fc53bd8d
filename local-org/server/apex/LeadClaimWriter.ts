import { newId, type Db } from '../db/database.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';

/** One Lead_Claim__c audit row. */
export interface AuditRow {
    leadId: string;
    partnerAccountId: string | null;
    userId: string | null;
    action: 'Claimed' | 'Released' | 'Recalled' | 'Converted';
    reason?: string | null;
    queueId?: string | null;
    opportunityId?: string | null;
    occurredAt: string;
}

/**
 * The twin of LeadClaimWriter.cls: the writes every claim writer shares (claim, release, status change, recall,
 * convert): moving leads between a queue and a rep with their claim stamps, the audit rows, Recent Items, and the
 * queue a lead returns to. The callers hold the BEGIN IMMEDIATE transaction and checked the rules first.
 */
export class LeadClaimWriter {
    private readonly selector: LeadClaimSelector;

    constructor(private readonly db: Db) {
        this.selector = new LeadClaimSelector(db);
    }

    /** The queue a lead goes back to: the queue it was claimed from while it exists, else the default pool. */
    returnQueue(origin: string | null): string {
        return origin && this.selector.isQueue(origin) ? origin : this.selector.defaultQueueId();
    }

    /** Moves a queue lead to the rep with its claim stamps (the claim). */
    moveLeadToRep(
        leadId: string,
        userId: string,
        partnerAccountId: string,
        claimedAt: string,
        expiresAt: string | null,
        fromQueueId: string
    ): void {
        this.db
            .prepare(
                'UPDATE leads SET owner_id = ?, partner_account_id = ?, claimed_at = ?, claim_expires_at = ?, claimed_from_queue = ?, last_modified_date = ? WHERE id = ?'
            )
            .run(userId, partnerAccountId, claimedAt, expiresAt, fromQueueId, claimedAt, leadId);
    }

    /** Moves a lead back to a queue with its claim stamps cleared (release, recall). */
    moveLeadToQueue(leadId: string, queueId: string, at: string): void {
        this.db
            .prepare(
                'UPDATE leads SET owner_id = ?, partner_account_id = NULL, claimed_at = NULL, claim_expires_at = NULL, claimed_from_queue = NULL, last_modified_date = ? WHERE id = ?'
            )
            .run(queueId, at, leadId);
    }

    /** Sets a lead's status; a worked claim is no longer recalled. */
    updateLeadStatus(leadId: string, status: string, at: string): void {
        this.db
            .prepare(
                'UPDATE leads SET status = ?, claim_expires_at = NULL, last_modified_date = ? WHERE id = ?'
            )
            .run(status, at, leadId);
    }

    /** Inserts an audit row; seq keeps rows of one instant in the order they were written. */
    insertAudit(row: AuditRow): void {
        const seq = (
            this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM lead_claims').get() as { s: number }
        ).s;
        this.db
            .prepare(
                'INSERT INTO lead_claims (id, lead_id, partner_account_id, user_id, action, reason, occurred_at, queue_id, opportunity_id, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
            )
            .run(
                newId(this.db, 'LeadClaim'),
                row.leadId,
                row.partnerAccountId,
                row.userId,
                row.action,
                row.reason ?? null,
                row.occurredAt,
                row.queueId ?? null,
                row.opportunityId ?? null,
                seq
            );
    }

    /** The platform's FOR VIEW: the record appears (again, on top) in the user's Recent Items. */
    viewRecord(userId: string, recordId: string, type: 'Lead' | 'Opportunity' | 'Account', at: string): void {
        this.db
            .prepare(
                'INSERT INTO recently_viewed (user_id, record_id, type, last_viewed_date) VALUES (?, ?, ?, ?) ON CONFLICT(user_id, record_id) DO UPDATE SET last_viewed_date = excluded.last_viewed_date'
            )
            .run(userId, recordId, type, at);
    }
}
