import type { ClaimCode } from 'canal/apex/LeadClaimController';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerGuard } from '../auth/guard.js';
import type { OrgContext } from '../context.js';
import { HTTP_STATUS } from './LeadClaimOutcome.js';
import { LeadClaimSelector } from './LeadClaimSelector.js';

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
        async (request: FastifyRequest<{ Querystring: { limit?: string; after?: string } }>) => {
            const limit = Number(request.query.limit ?? 50);
            const after = request.query.after;
            const rows = new LeadClaimSelector(ctx.db).queuePage(request.user!.id, {
                pageSize: limit,
                afterId: after ?? null,
                searchTerm: null,
                sortBy: 'createdDate',
                sortDirection: 'asc'
            });
            return {
                leads: rows.map((r) => ({
                    id: r.id,
                    name: [r.first_name, r.last_name].filter(Boolean).join(' '),
                    company: r.company,
                    status: r.status,
                    city: r.city,
                    country: r.country,
                    createdDate: r.created_date
                })),
                next: rows.length === limit ? rows[rows.length - 1]!.id : null
            };
        }
    );

    app.post(
        `${BASE}/leads/:leadId/claim`,
        { preValidation: guard },
        async (request: FastifyRequest<{ Params: { leadId: string } }>, reply) => {
            const result = ctx.claims.claim(request.user!.id, request.params.leadId);
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
            const result = ctx.claims.release(request.user!.id, request.params.leadId, request.body.reason);
            return sendOutcome(reply, result, { code: result.code });
        }
    );

    app.get(`${BASE}/allowance`, { preValidation: guard }, async (request, reply) => {
        const a = ctx.claims.allowance(request.user!.id);
        if (a.code !== 'OK') return reply.code(403).send({ code: a.code, message: a.message });
        return {
            openClaims: a.openClaims,
            openLimit: a.openLimit,
            claimsToday: a.claimsToday,
            dailyLimit: a.dailyLimit
        };
    });
}
