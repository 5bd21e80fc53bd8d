import { newId, type Db } from '../../db/database.js';

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
 * The platform's own writes that our Apex calls rather than writes (Database.convertLead; a channel manager's
 * standard Change Owner in Lightning Experience), done here in SQL. Local only: no Apex class of ours is their twin.
 * The callers hold the BEGIN IMMEDIATE transaction and checked the rules first.
 */
export class PlatformDml {
    constructor(private readonly db: Db) {}

    /** Assigns a lead to a partner rep directly: not a claim, so no stamps (LeadAssignment). */
    assignLead(leadId: string, userId: string, partnerAccountId: string, at: string): void {
        this.db
            .prepare(
                `UPDATE leads SET owner_id = ?, partner_account_id = ?, claimed_at = NULL, claim_expires_at = NULL,
                 claimed_from_queue = NULL, last_modified_date = ? WHERE id = ?`
            )
            .run(userId, partnerAccountId, at, leadId);
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
