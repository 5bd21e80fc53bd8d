// Declarations for the platform modules that @salesforce/lightning-types does not describe.
// Each mirrors the documented platform API; only what our components use is declared.

declare module '@salesforce/label/c.*' {
    const label: string;
    export default label;
}

declare module '@salesforce/i18n/lang' {
    /** The user's language, such as "es" or "en-US". */
    const lang: string;
    export default lang;
}

declare module '@salesforce/i18n/locale' {
    const locale: string;
    export default locale;
}

declare module '@salesforce/i18n/currency' {
    const currency: string;
    export default currency;
}

declare module '@salesforce/i18n/timeZone' {
    const timeZone: string;
    export default timeZone;
}

declare module '@salesforce/apex' {
    import type { WireAdapterConstructor } from 'lwc';

    /** What a wired Apex method provisions: data or error, never both. */
    export interface WiredResult<R> {
        data?: R;
        error?: unknown;
    }

    /** An Apex method import: callable imperatively and usable with @wire when it is cacheable. */
    export type ApexMethod<P extends Record<string, unknown>, R> = ((params: P) => Promise<R>) &
        WireAdapterConstructor<P, WiredResult<R>>;

    /** Re-runs the wire behind a provisioned value. */
    export function refreshApex(provisioned: unknown): Promise<void>;
}

declare module 'lightning/navigation' {
    import type { LightningElement } from 'lwc';

    export interface PageReference {
        type: string;
        attributes?: Record<string, string | undefined>;
        state?: Record<string, string | undefined>;
    }

    type Constructor<T = object> = new (...args: any[]) => T;

    /** The NavigationMixin symbols; components call this[NavigationMixin.Navigate](pageRef). */
    export const NavigationMixin: {
        <T extends Constructor<LightningElement>>(base: T): T;
        readonly Navigate: unique symbol;
        readonly GenerateUrl: unique symbol;
    };

    export const CurrentPageReference: import('lwc').WireAdapterConstructor<
        Record<string, never>,
        PageReference
    >;
}

declare module 'lightning/uiRecordApi' {
    /** Tells Lightning Data Service that records changed outside it, so wired views refresh. */
    export function notifyRecordUpdateAvailable(items: Array<{ recordId: string }>): Promise<void>;
}

declare module '@salesforce/customPermission/*' {
    /** True when the user has the custom permission (through a permission set or profile), else undefined. */
    const hasPermission: boolean | undefined;
    export default hasPermission;
}

declare module '@salesforce/resourceUrl/*' {
    /** The URL of a static resource, for loadScript / loadStyle (lightning/platformResourceLoader). */
    const url: string;
    export default url;
}
