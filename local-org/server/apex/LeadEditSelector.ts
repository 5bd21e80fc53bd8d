import type { Db } from '../db/database.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';

/** A lead's row with every column the full edit reads (the field set's columns among them). */
export interface LeadRow {
    id: string;
    owner_id: string;
    status: string;
    is_converted: number;
    last_modified_date: string;
    [column: string]: unknown;
}

/** The twin of LeadEditSelector.cls: the reads and the write of the full lead edit. */
export class LeadEditSelector {
    private readonly claims: LeadClaimSelector;

    constructor(private readonly db: Db) {
        this.claims = new LeadClaimSelector(db);
    }

    /** The lead when the user may see it (its holder, a member of its queue, vendor staff), else undefined. */
    visibleLeadRow(userId: string, leadId: string): LeadRow | undefined {
        return this.claims.visibleLead(userId, leadId) ? this.anyLeadRow(leadId) : undefined;
    }

    /** System-mode probe: only to choose an outcome code, never returned to the caller. */
    anyLeadRow(leadId: string): LeadRow | undefined {
        return this.db.prepare('SELECT * FROM leads WHERE id = ?').get(leadId) as LeadRow | undefined;
    }

    /** The open (non-converted) lead statuses, in their order. */
    openStatuses(): string[] {
        return this.claims.openStatuses();
    }

    /** Writes the changed columns (whitelisted by the field set) and the new version; a worked lead loses its expiry. */
    update(leadId: string, changes: Array<[string, unknown]>, worked: boolean, now: string): void {
        const assignments = changes.map(([column]) => `${column} = ?`);
        if (worked) assignments.push('claim_expires_at = NULL');
        this.db
            .prepare(`UPDATE leads SET ${assignments.join(', ')}, last_modified_date = ? WHERE id = ?`)
            .run(...changes.map(([, value]) => value), now, leadId);
    }
}
