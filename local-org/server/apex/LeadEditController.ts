import { LeadEditService } from './LeadEditService.js';
import type { ApexClass } from './registry.js';

/** The twin of LeadEditController.cls: thin, each method hands its validated parameters to LeadEditService. */
export const LeadEditController: ApexClass = {
    describeLeadForm: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string }) => LeadEditService.describeLeadForm(ctx, p.leadId)
    },
    saveLead: {
        params: {
            type: 'object',
            properties: {
                leadId: { type: 'string', maxLength: 64 },
                values: {
                    type: 'object',
                    maxProperties: 50,
                    additionalProperties: {
                        anyOf: [
                            { type: 'string', maxLength: 32000 },
                            { type: 'number' },
                            { type: 'boolean' },
                            { type: 'null' }
                        ]
                    }
                },
                version: { type: 'string', maxLength: 40 }
            },
            required: ['leadId', 'values', 'version'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string; values: Record<string, unknown>; version: string }) =>
            LeadEditService.saveLead(ctx, p.leadId, p.values, p.version)
    }
};
