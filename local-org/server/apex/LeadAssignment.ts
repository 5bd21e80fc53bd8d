import { LeadAssignmentSelector } from './LeadAssignmentSelector.js';
import { isProtectedFromOwner } from './LeadOwnerGuard.js';
import { ApexError, ID_SCHEMA, type ApexClass } from './registry.js';
import { RecordIds } from './shared/RecordIds.js';
import { PlatformDml } from './shared/PlatformDml.js';

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
 * But the Lead trigger's guard (LeadOwnerGuard.refuseProtectedOwners) holds for it: a lead whose customer another
 * partner's approved deal registration protects is not given to this partner's rep (CUSTOMER_PROTECTED, 409).
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
            const leadId = RecordIds.of(p.leadId, 'Lead');
            const userId = RecordIds.of(p.userId, 'User');
            if (!leadId || !userId) throw new ApexError('INVALID_ID', 400);
            const selector = new LeadAssignmentSelector(ctx.db);
            return ctx.db
                .transaction((): AssignmentResult => {
                    const lead = selector.lead(leadId);
                    if (!lead) throw new ApexError('NOT_FOUND', 404);
                    if (lead.is_converted) throw new ApexError('NOT_ELIGIBLE', 409);
                    const rep = selector.activePartnerRep(userId);
                    if (!rep?.account_id) throw new ApexError('INVALID_REQUEST', 400);
                    if (
                        isProtectedFromOwner(
                            { db: ctx.db, clock: ctx.clock, closedStatuses: ctx.claims.closedStatuses() },
                            lead,
                            userId
                        )
                    )
                        throw new ApexError('CUSTOMER_PROTECTED', 409, 'Canal_Owner_CUSTOMER_PROTECTED');
                    new PlatformDml(ctx.db).assignLead(
                        leadId,
                        userId,
                        rep.account_id,
                        ctx.clock.now().toISOString()
                    );
                    return { code: 'ASSIGNED', leadId, ownerId: userId, partnerAccountId: rep.account_id };
                })
                .immediate();
        }
    }
};
