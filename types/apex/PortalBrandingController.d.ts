// The contract of PortalBrandingController (Apex). The theme layout fills every null with the site's vendor brand.

declare module 'canal/apex/PortalBrandingController' {
    /** PARTNER: the user's partner account set its own brand; VENDOR: the site shows the vendor's. */
    export type BrandingSource = 'PARTNER' | 'VENDOR';

    /** The brand the portal header shows; null values mean "use the vendor's". */
    export interface Branding {
        source: BrandingSource;
        accountId: string | null;
        brandName: string | null;
        /** An https or site-relative address, checked by the server. */
        logoUrl: string | null;
        /** A #rrggbb colour, checked by the server. */
        primaryColor: string | null;
    }
}

declare module '@salesforce/apex/PortalBrandingController.getBranding' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { Branding } from 'canal/apex/PortalBrandingController';
    /** Cacheable: wire it. */
    const getBranding: ApexMethod<Record<string, never>, Branding>;
    export default getBranding;
}
