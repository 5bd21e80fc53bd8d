import { PartnerActivityService } from './PartnerActivityService.js';
import { ID_SCHEMA, nullable, type ApexClass } from './registry.js';

export { MAX_ACTIVITY_PAGE } from './PartnerActivityService.js';

/** The twin of PartnerActivityController.cls (CONTRACT-11): thin, over PartnerActivityService. */
export const PartnerActivityController: ApexClass = {
    getActivity: {
        params: {
            type: 'object',
            properties: {
                partnerAccountId: nullable(ID_SCHEMA),
                cursor: nullable({ type: 'string', maxLength: 64 }),
                pageSize: { type: 'integer' }
            },
            required: ['pageSize'],
            additionalProperties: false
        },
        handler: (ctx, p: { partnerAccountId?: string | null; cursor?: string | null; pageSize: number }) =>
            PartnerActivityService.getActivity(ctx, p)
    }
};
