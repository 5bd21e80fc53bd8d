import type { Db } from '../db/database.js';

/** The reads of the local-only LeadAssignment (a channel manager's Change Owner). */
export class LeadAssignmentSelector {
    constructor(private readonly db: Db) {}

    /** Whether the lead exists and is converted. */
    lead(leadId: string): { is_converted: number } | undefined {
        return this.db.prepare('SELECT is_converted FROM leads WHERE id = ?').get(leadId) as
            { is_converted: number } | undefined;
    }

    /** An active partner rep's account. */
    activePartnerRep(userId: string): { account_id: string | null } | undefined {
        return this.db
            .prepare(
                "SELECT account_id FROM users WHERE id = ? AND persona = 'partner_rep' AND is_active = 1"
            )
            .get(userId) as { account_id: string | null } | undefined;
    }
}
