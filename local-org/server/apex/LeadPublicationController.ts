import type {
    LeadInput,
    PublishPreview,
    PublishQueue,
    PublishResult
} from 'canal/apex/LeadPublicationController';
import type { PublicationFigures, PublicationSummary } from 'canal/apex/LeadPublicationFigures';
import { ID_SCHEMA, nullable, type ApexClass, type ApexContext, type ApexMethod } from './registry.js';
import { ApexError } from './shared/AuraErrors.js';
import { LeadPublicationService, PublishRefused, REFUSAL_STATUS } from './LeadPublicationService.js';
import { PUBLISH_BODY_LIMIT } from './LeadPublicationResource.js';
import { LeadPublicationFigures } from './LeadPublicationFigures.js';

function service(ctx: ApexContext): LeadPublicationService {
    return new LeadPublicationService({
        db: ctx.db,
        clock: ctx.clock,
        labels: ctx.labels,
        closedStatuses: ctx.claims.closedStatuses()
    });
}

/** A refusal becomes the AuraHandledException of LeadPublicationController.cls: its code and status. */
function run<T>(work: () => T): T {
    try {
        return work();
    } catch (error) {
        if (error instanceof PublishRefused)
            throw new ApexError(
                error.code,
                REFUSAL_STATUS[error.code],
                `Canal_Publish_Refused_${error.code}`
            );
        throw error;
    }
}

const LEADS_SCHEMA = { type: 'array', items: {} };

/**
 * The Publish leads page's methods (LeadPublicationController.cls): queues, preview, publish; and the publications'
 * figures (LeadPublicationFigures).
 */
export const LeadPublicationController: ApexClass = {
    getQueues: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx): PublishQueue[] => run(() => service(ctx).queues(ctx.user))
    },
    previewLeads: {
        params: {
            type: 'object',
            properties: { leads: LEADS_SCHEMA },
            required: ['leads'],
            additionalProperties: false
        },
        bodyLimit: PUBLISH_BODY_LIMIT,
        handler: (ctx, params: { leads: LeadInput[] }): PublishPreview =>
            run(() => service(ctx).preview(ctx.user, params.leads))
    } satisfies ApexMethod,
    publishLeads: {
        params: {
            type: 'object',
            properties: {
                queue: { type: 'string', maxLength: 80 },
                source: nullable({ type: 'string', maxLength: 255 }),
                leads: LEADS_SCHEMA,
                idempotencyKey: nullable({ type: 'string', maxLength: 200 })
            },
            required: ['queue', 'leads'],
            additionalProperties: false
        },
        bodyLimit: PUBLISH_BODY_LIMIT,
        handler: (
            ctx,
            params: {
                queue: string;
                source?: string | null;
                leads: LeadInput[];
                idempotencyKey?: string | null;
            }
        ): PublishResult =>
            run(() =>
                service(ctx).publish(
                    ctx.user,
                    { queue: params.queue, source: params.source ?? null, leads: params.leads },
                    params.idempotencyKey ?? null
                )
            )
    } satisfies ApexMethod,
    getPublications: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx): PublicationSummary[] => new LeadPublicationFigures(ctx).publications()
    },
    getPublicationFigures: {
        params: {
            type: 'object',
            properties: { publicationId: nullable(ID_SCHEMA) },
            additionalProperties: false
        },
        handler: (ctx, params: { publicationId?: string | null }): PublicationFigures =>
            new LeadPublicationFigures(ctx).figures(params.publicationId)
    } satisfies ApexMethod
};
