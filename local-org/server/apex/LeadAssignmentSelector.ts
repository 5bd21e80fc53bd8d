import type { Db } from '../db/database.js';

/** The reads of the local-only LeadAssignment (a channel manager's Change Owner). */
export class LeadAssignmentSelector {
    constructor(private readonly db: Db) {}

    /** Whether the lead exists and is converted, with the company and e-mail that key its customer. */
    lead(leadId: string): { is_converted: number; company: string; email: string | null } | undefined {
        return this.db.prepare('SELECT is_converted, company, email FROM leads WHERE id = ?').get(leadId) as
            { is_converted: number; company: string; email: string | null } | undefined;
    }

    /** An active partner rep's account. */
    activePartnerRep(userId: string): { account_id: string | null } | undefined {
        return this.db
            .prepare(
                "SELECT account_id FROM users WHERE id = ? AND persona = 'partner_rep' AND is_active = 1"
            )
            .get(userId) as { account_id: string | null } | undefined;
    }

    /** The partner account of a partner rep (active or not); undefined for a queue, an internal user, nobody. */
    partnerOfRep(userId: string): string | undefined {
        const row = this.db
            .prepare("SELECT account_id FROM users WHERE id = ? AND persona = 'partner_rep'")
            .get(userId) as { account_id: string | null } | undefined;
        return row?.account_id ?? undefined;
    }
}
