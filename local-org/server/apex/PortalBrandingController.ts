import type { Branding } from 'canal/apex/PortalBrandingController';
import type { ApexClass } from './registry.js';

const COLOR = /^#[0-9a-fA-F]{6}$/;
const LOGO = /^(https:\/\/|\/)[^\s"'<>]*$/;

/** The local counterpart of PortalBrandingController.cls: the running partner user's own brand, if any. */
export const PortalBrandingController: ApexClass = {
    getBranding: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler(ctx): Branding {
            const account = ctx.user.account_id
                ? (ctx.db
                      .prepare(
                          'SELECT id, portal_brand_name, portal_logo_url, portal_primary_color FROM accounts WHERE id = ?'
                      )
                      .get(ctx.user.account_id) as
                      | {
                            id: string;
                            portal_brand_name: string | null;
                            portal_logo_url: string | null;
                            portal_primary_color: string | null;
                        }
                      | undefined)
                : undefined;
            const color =
                account?.portal_primary_color && COLOR.test(account.portal_primary_color)
                    ? account.portal_primary_color
                    : null;
            const logo =
                account?.portal_logo_url && LOGO.test(account.portal_logo_url)
                    ? account.portal_logo_url
                    : null;
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
    }
};
