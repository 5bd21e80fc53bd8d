import type { ConvertOptions, ConvertRequest, ConvertResult } from 'canal/apex/LeadConvertController';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { LeadConvertService } from './LeadConvertService.js';
import { nullable, type ApexClass, type ApexContext } from './registry.js';

const statusTranslations = readStatusTranslations();

function service(ctx: ApexContext): LeadConvertService {
    return new LeadConvertService({
        db: ctx.db,
        clock: ctx.clock,
        labels: ctx.labels,
        closedStatuses: ctx.claims.closedStatuses()
    });
}

const REQUEST_SCHEMA = {
    type: 'object',
    properties: {
        leadId: { type: 'string', maxLength: 64 },
        accountId: nullable({ type: 'string', maxLength: 64 }),
        contactId: nullable({ type: 'string', maxLength: 64 }),
        doNotCreateOpportunity: nullable({ type: 'boolean' }),
        opportunityName: nullable({ type: 'string', maxLength: 1000 }),
        amount: nullable({ type: 'number' }),
        closeDate: nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
        convertedStatus: nullable({ type: 'string', maxLength: 255 })
    },
    required: ['leadId'],
    additionalProperties: false
};

/** The twin of LeadConvertController.cls: same methods, parameters and results; thin over LeadConvertService. */
export const LeadConvertController: ApexClass = {
    getConvertOptions: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler(ctx, p: { leadId: string }): ConvertOptions {
            const label = (value: string): string =>
                ctx.user.language === 'es' ? (statusTranslations.LeadStatus?.[value] ?? value) : value;
            return service(ctx).getConvertOptions(ctx.user.id, p.leadId, label);
        }
    },
    convertLead: {
        params: {
            type: 'object',
            properties: { request: REQUEST_SCHEMA },
            required: ['request'],
            additionalProperties: false
        },
        handler(ctx, p: { request: Partial<ConvertRequest> }): ConvertResult {
            return service(ctx).convert(ctx.user.id, p.request);
        }
    }
};
