import type { Branding } from 'canal/apex/PortalBrandingController';
import { PortalBrandingSelector } from './PortalBrandingSelector.js';
import type { ApexContext } from './registry.js';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const LOGO = /^(https:\/\/|\/)[^\s"'<>]*$/;

/** The twin of PortalBrandingService.cls: the running partner user's own brand, if any, else the vendor's. */
export const PortalBrandingService = {
    getBranding(ctx: ApexContext): Branding {
        const account = ctx.user.account_id
            ? new PortalBrandingSelector(ctx.db).brandOf(ctx.user.account_id)
            : undefined;
        const color =
            account?.portal_primary_color && COLOR.test(account.portal_primary_color)
                ? account.portal_primary_color
                : null;
        const logo =
            account?.portal_logo_url && LOGO.test(account.portal_logo_url) ? account.portal_logo_url : null;
        const name = account?.portal_brand_name?.trim() || null;
        const own = Boolean(color || logo || name);
        return {
            source: own ? 'PARTNER' : 'VENDOR',
            accountId: account?.id ?? null,
            brandName: name,
            logoUrl: logo,
            primaryColor: color
        };
    }
};
