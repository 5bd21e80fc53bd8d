import { LeadFirstLook } from './LeadFirstLook.js';
import { LeadPublicationSelector } from './LeadPublicationSelector.js';
import type { ApexClass } from './registry.js';

/**
 * The twin of LeadChangeTokenController.cls: the lead change token a partner page polls (one cheap call per
 * interval) in place of its data. It moves with every claim, release, recall and publication (the audit trail, the
 * field history, the publications) and when a first-look window of the user's tier opens. In the local org the pages
 * also learn of offered leads over GET /events/stream (local/leadChanges), so they poll it only slowly.
 */
export const LeadChangeTokenController: ApexClass = {
    getChangeToken: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler(ctx): string {
            const offeredUpTo = new LeadFirstLook(ctx.db, ctx.claims.rules(), ctx.clock).offeredUpTo(
                ctx.user
            );
            const row = new LeadPublicationSelector(ctx.db).changeCounters(offeredUpTo);
            // A String result travels as JSON, as Apex's does (a bare string would reach the client as plain text).
            return JSON.stringify(`l${row.claims}.${row.history}.${row.publications}.${row.opened}`);
        }
    }
};
