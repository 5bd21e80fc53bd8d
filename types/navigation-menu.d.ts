// The navigation menu wire adapter of LWR sites, as Salesforce's own LWR components use it. The docs name no
// `lightning/navigationMenuItemsApi` module; `experience/navigationMenuApi` is the platform module those components
// import, and its shapes mirror ConnectApi.NavigationMenuItem (Connect REST "Navigation Menu Items"). Only what the
// portal theme layout uses is declared.

declare module 'experience/navigationMenuApi' {
    import type { WireAdapterConstructor } from 'lwc';

    /** ConnectApi.NavigationMenuItemType values. */
    export type NavigationMenuItemType =
        | 'DataSourceDriven'
        | 'Event'
        | 'ExternalLink'
        | 'GlobalAction'
        | 'InternalLink'
        | 'MenuLabel'
        | 'Modal'
        | 'NavigationalTopic'
        | 'SalesforceObject'
        | 'SystemLink';

    /** One item of a site's navigation menu. */
    export interface NavigationMenuItemData {
        label: string;
        /** InternalLink: a path inside the site ("/lead/Lead/Default"); ExternalLink: a URL. */
        actionValue: string | null;
        actionType: NavigationMenuItemType | string;
        imageUrl?: string | null;
        /** CurrentWindow or NewWindow. */
        target?: string | null;
        subMenu?: NavigationMenuItemData[];
    }

    export interface NavigationMenu {
        menuItems: NavigationMenuItemData[];
    }

    export interface NavigationMenuParams {
        /** The NavigationMenu's developer name (its metadata fullName). */
        navigationLinkSetDeveloperName?: string;
        navigationLinkSetId?: string;
        /** Live, or Draft in Experience Builder's preview. */
        publishStatus?: 'Live' | 'Draft';
        includeImageUrl?: boolean;
        addHomeMenuItem?: boolean;
        menuItemTypesToSkip?: NavigationMenuItemType[];
    }

    /** What the adapter provisions: data or error, never both. */
    export interface NavigationMenuResult {
        data?: NavigationMenu;
        error?: unknown;
    }

    export const getNavigationMenu: WireAdapterConstructor<NavigationMenuParams, NavigationMenuResult>;
}
