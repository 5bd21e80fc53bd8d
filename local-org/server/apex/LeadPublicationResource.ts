import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bearerGuard } from '../auth/guard.js';
import type { OrgContext } from '../context.js';
import {
    LeadPublicationService,
    MAX_PUBLISH_LEADS,
    PublishRefused,
    REFUSAL_STATUS
} from './LeadPublicationService.js';

/** 2,000 leads of about 300 bytes each, with room to spare; the other REST routes keep the 64 KB default. */
export const PUBLISH_BODY_LIMIT = 2 * 1024 * 1024;

/** The publication service of a request's org. */
export function publicationService(ctx: OrgContext): LeadPublicationService {
    return new LeadPublicationService({
        db: ctx.db,
        clock: ctx.clock,
        labels: ctx.labels,
        closedStatuses: ctx.claims.closedStatuses()
    });
}

/**
 * POST /services/apexrest/canal/v1/leads/publish (LeadPublicationResource.cls, urlMapping
 * '/canal/v1/leads/publish'): publishes up to 2,000 leads to a queue with the same OAuth token as the other REST
 * routes; channel managers and admins only. `Idempotency-Key` makes a repeated call create nothing new.
 */
export function LeadPublicationResourceRoutes(app: FastifyInstance, ctx: OrgContext): void {
    app.post(
        '/services/apexrest/canal/v1/leads/publish',
        {
            preValidation: bearerGuard(ctx),
            bodyLimit: PUBLISH_BODY_LIMIT,
            schema: {
                body: { type: 'object' },
                headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } }
            }
        },
        async (request: FastifyRequest, reply: FastifyReply) => {
            const user = request.user!;
            const header = request.headers['idempotency-key'];
            const key = typeof header === 'string' ? header : null;
            try {
                return publicationService(ctx).publish(user, request.body as Record<string, unknown>, key);
            } catch (error) {
                if (!(error instanceof PublishRefused)) throw error;
                return reply
                    .code(REFUSAL_STATUS[error.code])
                    .send({ code: error.code, message: error.userMessage });
            }
        }
    );
}

export { MAX_PUBLISH_LEADS };
