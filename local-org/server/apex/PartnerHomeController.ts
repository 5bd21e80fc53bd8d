import { PartnerHomeService } from './PartnerHomeService.js';
import type { ApexClass } from './registry.js';

export { EXPIRING_WITHIN_HOURS, MAX_CARD_ROWS } from './PartnerHomeService.js';

const NO_PARAMS = { type: 'object', properties: {}, additionalProperties: false } as const;

/** The twin of PartnerHomeController.cls: thin, over PartnerHomeService. */
export const PartnerHomeController: ApexClass = {
    getQueueSummary: { params: NO_PARAMS, handler: (ctx) => PartnerHomeService.getQueueSummary(ctx) },
    getExpiringLeads: { params: NO_PARAMS, handler: (ctx) => PartnerHomeService.getExpiringLeads(ctx) },
    getPipeline: { params: NO_PARAMS, handler: (ctx) => PartnerHomeService.getPipeline(ctx) },
    getClosingDeals: { params: NO_PARAMS, handler: (ctx) => PartnerHomeService.getClosingDeals(ctx) }
};
