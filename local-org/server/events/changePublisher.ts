import type { Db } from '../db/database.js';
import { DEAL_CHANGE_CHANNEL, LEAD_CLAIM_CHANNEL, type EventBus } from './eventBus.js';

/** The OpportunityFieldHistory fields Deal_Change_Event__e reports (Field__c), by history field name. */
const DEAL_FIELDS: Record<string, string> = {
    created: 'Created',
    StageName: 'StageName',
    Amount: 'Amount',
    CloseDate: 'CloseDate'
};

interface ClaimRow {
    rowid: number;
    lead_id: string;
    partner_account_id: string | null;
    user_id: string | null;
    action: string;
    occurred_at: string;
}

interface HistoryRow {
    seq: number;
    record_id: string;
    field: string;
    old_value: string | null;
    new_value: string | null;
    user_id: string | null;
    occurred_at: string;
    partner_account_id: string | null;
}

/**
 * Publishes Lead_Claim_Event__e and Deal_Change_Event__e from committed rows only (the audit table and the field
 * history), so an event never announces a change that rolled back: the local PublishAfterCommit. `flush()` runs
 * after every request and on a short timer (writes from another process on the same file).
 */
export class ChangePublisher {
    private lastClaimRowId: number;
    private lastHistorySeq: number;

    constructor(
        private readonly db: Db,
        private readonly bus: EventBus
    ) {
        // Only what happens from now on: the platform does not replay history to new subscribers either.
        this.lastClaimRowId = (
            db.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM lead_claims').get() as { n: number }
        ).n;
        this.lastHistorySeq = (
            db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM field_history').get() as { n: number }
        ).n;
    }

    /** Publishes every claim audit row and partner deal change committed since the last flush; how many. */
    flush(): number {
        if (this.db.inTransaction) return 0;
        let published = 0;
        const claims = this.db
            .prepare(
                'SELECT rowid, lead_id, partner_account_id, user_id, action, occurred_at FROM lead_claims WHERE rowid > ? ORDER BY rowid'
            )
            .all(this.lastClaimRowId) as ClaimRow[];
        for (const c of claims) {
            this.lastClaimRowId = c.rowid;
            this.bus.publish(
                LEAD_CLAIM_CHANNEL,
                {
                    Action__c: c.action,
                    Lead_Id__c: c.lead_id,
                    Partner_Account_Id__c: c.partner_account_id,
                    User_Id__c: c.user_id,
                    Occurred_At__c: c.occurred_at
                },
                c.partner_account_id
            );
            published++;
        }
        // The mark moves to the newest history row (lead rows included) read in this one snapshot.
        const maxSeq = (
            this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM field_history').get() as { n: number }
        ).n;
        const changes = this.db
            .prepare(
                `SELECT h.seq, h.record_id, h.field, h.old_value, h.new_value, h.user_id, h.occurred_at, o.partner_account_id
                 FROM field_history h JOIN opportunities o ON o.id = h.record_id
                 WHERE h.seq > ? AND h.seq <= ? AND h.sobject = 'Opportunity' ORDER BY h.seq`
            )
            .all(this.lastHistorySeq, maxSeq) as HistoryRow[];
        this.lastHistorySeq = maxSeq;
        for (const h of changes) {
            const field = DEAL_FIELDS[h.field];
            // Partner deals only (PartnerAccountId != null), and only the fields the event carries.
            if (!field || !h.partner_account_id) continue;
            this.bus.publish(
                DEAL_CHANGE_CHANNEL,
                {
                    Opportunity_Id__c: h.record_id,
                    Partner_Account_Id__c: h.partner_account_id,
                    Field__c: field,
                    Old_Value__c: h.old_value,
                    New_Value__c: h.new_value,
                    User_Id__c: h.user_id,
                    Occurred_At__c: h.occurred_at
                },
                h.partner_account_id
            );
            published++;
        }
        return published;
    }
}
