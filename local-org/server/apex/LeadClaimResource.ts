import type { ClaimCode, LeadPage } from 'canal/apex/LeadClaimController';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerGuard } from '../auth/guard.js';
import type { OrgContext } from '../context.js';
import { HTTP_STATUS, outcomeMessage } from './LeadClaimOutcome.js';
import { LeadReadService } from './LeadReadService.js';
import { ApexError, auraErrorMessage } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';

const BASE = '/services/apexrest/canal/v1';

function sendOutcome(
    reply: FastifyReply,
    result: { code: ClaimCode; message: string },
    success: Record<string, unknown>
): FastifyReply {
    const status = HTTP_STATUS[result.code];
    return reply.code(status).send(status === 200 ? success : { code: result.code, message: result.message });
}

/** The REST contract of LeadClaimResource.cls (@RestResource urlMapping '/canal/v1/*'), for scripts and jsforce. */
export function LeadClaimResourceRoutes(app: FastifyInstance, ctx: OrgContext): void {
    const guard = bearerGuard(ctx);

    app.get(
        `${BASE}/queue`,
        {
            preValidation: guard,
            schema: {
                querystring: {
                    type: 'object',
                    properties: {
                        limit: { type: 'string', pattern: '^(?:[1-9]|[1-9][0-9]|1[0-9][0-9]|200)$' },
                        after: { type: 'string', maxLength: 18 }
                    },
                    additionalProperties: false
                }
            }
        },
        async (request: FastifyRequest<{ Querystring: { limit?: string; after?: string } }>, reply) => {
            const user = request.user!;
            const limit = Number(request.query.limit ?? 50);
            const after = request.query.after;
            if (after && !RecordIds.of(after, 'Lead')) {
                return reply.code(HTTP_STATUS.INVALID_ID).send({
                    code: 'INVALID_ID',
                    message: outcomeMessage(ctx.labels, user.language, 'INVALID_ID')
                });
            }
            let page: LeadPage;
            try {
                page = new LeadReadService({
                    db: ctx.db,
                    clock: ctx.clock,
                    closedStatuses: ctx.claims.closedStatuses()
                }).getQueuePage(user, limit, after ?? null, null, 'createdDate', 'asc');
            } catch (error) {
                if (!(error instanceof ApexError)) throw error;
                return reply.code(error.status).send({
                    code: error.code,
                    message: auraErrorMessage(ctx.labels, user.language, error)
                });
            }
            return {
                leads: page.leads.map((r) => ({
                    id: r.id,
                    name: r.name,
                    company: r.company,
                    status: r.status,
                    city: r.city,
                    country: r.country,
                    createdDate: r.createdDate
                })),
                next: page.next
            };
        }
    );

    app.post(
        `${BASE}/leads/:leadId/claim`,
        { preValidation: guard },
        async (request: FastifyRequest<{ Params: { leadId: string } }>, reply) => {
            const result = ctx.claims.claimLead(request.user!.id, request.params.leadId);
            return sendOutcome(reply, result, {
                code: result.code,
                leadId: result.leadId,
                ownerId: result.ownerId,
                claimedAt: result.claimedAt
            });
        }
    );

    app.post(
        `${BASE}/leads/:leadId/release`,
        {
            preValidation: guard,
            schema: {
                body: {
                    type: 'object',
                    properties: { reason: { type: 'string', maxLength: 2000 } },
                    required: ['reason']
                }
            }
        },
        async (request: FastifyRequest<{ Params: { leadId: string }; Body: { reason: string } }>, reply) => {
            const result = ctx.claims.releaseLead(
                request.user!.id,
                request.params.leadId,
                request.body.reason
            );
            return sendOutcome(reply, result, { code: result.code });
        }
    );

    app.get(`${BASE}/allowance`, { preValidation: guard }, async (request, reply) => {
        const a = ctx.claims.getAllowance(request.user!.id);
        if (a.code !== 'OK') return reply.code(403).send({ code: a.code, message: a.message });
        return {
            openClaims: a.openClaims,
            openLimit: a.openLimit,
            claimsToday: a.claimsToday,
            dailyLimit: a.dailyLimit
        };
    });
}
