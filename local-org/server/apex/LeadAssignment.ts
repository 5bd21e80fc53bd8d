import { isIdOf, normalizeId } from '../ids.js';
import { ApexError, ID_SCHEMA, type ApexClass } from './registry.js';

/** What an assignment answers: the lead and its new owner. */
export interface AssignmentResult {
    code: 'ASSIGNED';
    leadId: string;
    ownerId: string;
    partnerAccountId: string;
}

/**
 * Local only: a channel manager or the vendor admin assigns a lead directly to a partner rep. In an org this is
 * the standard Change Owner of Lightning Experience (internal users only: LeadClaimWorkTrigger's guard refuses any
 * owner change by an external user), so there is no Apex class behind it; the local org needs a way to do the
 * same, authenticated (session + CSRF, as every /apex call) and refused to every partner persona.
 * A direct assignment is not a claim: no claim stamps, no hold time, no audit row, nothing counted against limits.
 */
export const LeadAssignment: ApexClass = {
    assignLead: {
        params: {
            type: 'object',
            properties: { leadId: ID_SCHEMA, userId: ID_SCHEMA },
            required: ['leadId', 'userId'],
            additionalProperties: false
        },
        handler(ctx, p: { leadId: string; userId: string }): AssignmentResult {
            if (ctx.user.persona !== 'channel_manager' && ctx.user.persona !== 'admin') {
                throw new ApexError('INSUFFICIENT_ACCESS', 403);
            }
            if (!isIdOf(p.leadId, 'Lead') || !isIdOf(p.userId, 'User'))
                throw new ApexError('INVALID_ID', 400);
            const leadId = normalizeId(p.leadId)!;
            const userId = normalizeId(p.userId)!;
            return ctx.db
                .transaction((): AssignmentResult => {
                    const lead = ctx.db.prepare('SELECT is_converted FROM leads WHERE id = ?').get(leadId) as
                        { is_converted: number } | undefined;
                    if (!lead) throw new ApexError('NOT_FOUND', 404);
                    if (lead.is_converted) throw new ApexError('NOT_ELIGIBLE', 409);
                    const rep = ctx.db
                        .prepare(
                            "SELECT account_id FROM users WHERE id = ? AND persona = 'partner_rep' AND is_active = 1"
                        )
                        .get(userId) as { account_id: string | null } | undefined;
                    if (!rep?.account_id) throw new ApexError('INVALID_REQUEST', 400);
                    ctx.db
                        .prepare(
                            `UPDATE leads SET owner_id = ?, partner_account_id = ?, claimed_at = NULL, claim_expires_at = NULL,
                             claimed_from_queue = NULL, last_modified_date = ? WHERE id = ?`
                        )
                        .run(userId, rep.account_id, ctx.clock.now().toISOString(), leadId);
                    return { code: 'ASSIGNED', leadId, ownerId: userId, partnerAccountId: rep.account_id };
                })
                .immediate();
        }
    }
};
