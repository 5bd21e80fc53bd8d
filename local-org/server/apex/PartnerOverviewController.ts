import { PartnerOverviewService } from './PartnerOverviewService.js';
import { ID_SCHEMA, nullable, type ApexClass } from './registry.js';

export { quarterOf } from './PartnerOverviewService.js';

/** The twin of PartnerOverviewController.cls (CONTRACT-11): thin, over PartnerOverviewService. */
export const PartnerOverviewController: ApexClass = {
    getPartners: {
        params: {
            type: 'object',
            properties: { partnerAccountId: nullable(ID_SCHEMA) },
            additionalProperties: false
        },
        handler: (ctx, p: { partnerAccountId?: string | null }) =>
            PartnerOverviewService.getPartners(ctx, p.partnerAccountId)
    }
};
