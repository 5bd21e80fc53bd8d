import { newId, type Db } from '../../db/database.js';

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

/** What a conversion writes: Database.convertLead's account, contact, opportunity and converted lead. */
export interface ConversionWrite {
    leadId: string;
    status: string;
    userId: string;
    partnerAccountId: string | null;
    /** An existing account, or the values of the new one. */
    accountId: string | null;
    newAccount: { name: string; city: string | null; country: string | null };
    /** An existing contact, or the values of the new one. */
    contactId: string | null;
    newContact: { firstName: string | null; lastName: string; email: string | null };
    /** No opportunity when null. */
    opportunity: { name: string; amount: number | null; closeDate: string } | null;
    at: string;
}

/**
 * The twin of the Apex services' DML (SystemModeWriter.cls, `as user` statements and Database.convertLead): every
 * write of the claim and convert services, in SQL. The callers hold the BEGIN IMMEDIATE transaction.
 */
export class SystemModeWriter {
    constructor(private readonly db: Db) {}

    /** Stamps a claim: the rep owns the lead for the partner, from the queue it was in. */
    claimLead(
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

    /** Returns a lead to a queue with its claim stamps cleared. */
    unclaimLead(leadId: string, queueId: string, at: string): void {
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

    /** Assigns a lead to a partner rep directly: not a claim, so no stamps (LeadAssignment). */
    assignLead(leadId: string, userId: string, partnerAccountId: string, at: string): void {
        this.db
            .prepare(
                `UPDATE leads SET owner_id = ?, partner_account_id = ?, claimed_at = NULL, claim_expires_at = NULL,
                 claimed_from_queue = NULL, last_modified_date = ? WHERE id = ?`
            )
            .run(userId, partnerAccountId, at, leadId);
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

    /** Database.convertLead: creates or attaches the account and contact, the opportunity, and converts the lead. */
    convertLead(write: ConversionWrite): {
        accountId: string;
        contactId: string;
        opportunityId: string | null;
    } {
        const db = this.db;
        let accountId = write.accountId;
        if (!accountId) {
            accountId = newId(db, 'Account');
            db.prepare(
                'INSERT INTO accounts (id, name, owner_id, city, country, partner_account_id, created_date) VALUES (?, ?, ?, ?, ?, ?, ?)'
            ).run(
                accountId,
                write.newAccount.name,
                write.userId,
                write.newAccount.city,
                write.newAccount.country,
                write.partnerAccountId,
                write.at
            );
        }
        let contactId = write.contactId;
        if (!contactId) {
            contactId = newId(db, 'Contact');
            db.prepare(
                'INSERT INTO contacts (id, account_id, first_name, last_name, email) VALUES (?, ?, ?, ?, ?)'
            ).run(
                contactId,
                accountId,
                write.newContact.firstName,
                write.newContact.lastName,
                write.newContact.email
            );
        }
        let opportunityId: string | null = null;
        if (write.opportunity) {
            opportunityId = newId(db, 'Opportunity');
            db.prepare(
                `INSERT INTO opportunities (id, name, account_id, partner_account_id, owner_id, stage_name, probability, amount, close_date, lead_id, created_date, last_modified_date)
                 VALUES (?, ?, ?, ?, ?, 'Prospecting', 10, ?, ?, ?, ?, ?)`
            ).run(
                opportunityId,
                write.opportunity.name,
                accountId,
                write.partnerAccountId,
                write.userId,
                write.opportunity.amount,
                write.opportunity.closeDate,
                write.leadId,
                write.at,
                write.at
            );
        }
        db.prepare(
            'UPDATE leads SET is_converted = 1, status = ?, converted_opportunity_id = ?, converted_account_id = ?, converted_contact_id = ?, claim_expires_at = NULL, last_modified_date = ? WHERE id = ?'
        ).run(write.status, opportunityId, accountId, contactId, write.at, write.leadId);
        return { accountId, contactId, opportunityId };
    }
}
