import { PortalBrandingService } from './PortalBrandingService.js';
import type { ApexClass } from './registry.js';

/** The twin of PortalBrandingController.cls: thin, over PortalBrandingService. */
export const PortalBrandingController: ApexClass = {
    getBranding: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx) => PortalBrandingService.getBranding(ctx)
    }
};
