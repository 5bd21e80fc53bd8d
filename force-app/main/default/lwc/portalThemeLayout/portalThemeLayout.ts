import { LightningElement, api, wire } from 'lwc';
import ToastContainer from 'lightning/toastContainer';
import { CurrentPageReference, NavigationMixin, type PageReference } from 'lightning/navigation';
import {
    getNavigationMenu,
    type NavigationMenuItemData,
    type NavigationMenuItemType,
    type NavigationMenuParams,
    type NavigationMenuResult
} from 'experience/navigationMenuApi';
import getBranding from '@salesforce/apex/PortalBrandingController.getBranding';
import type { Branding } from 'canal/apex/PortalBrandingController';
import type { WiredResult } from '@salesforce/apex';
import basePath from '@salesforce/community/basePath';
import { FALLBACK_COLOR, contrastColor, darkenColor, safeColor, safeLogoUrl } from 'c/brandColors';
import homeTabLabel from '@salesforce/label/c.Canal_Tab_Home';
import leadsTabLabel from '@salesforce/label/c.Canal_Tab_Leads';
import opportunitiesTabLabel from '@salesforce/label/c.Canal_Tab_Opportunities';
import navigationLabel from '@salesforce/label/c.Canal_Site_Navigation';
import sidebarLabel from '@salesforce/label/c.Canal_Site_Sidebar';
import skipLabel from '@salesforce/label/c.Canal_Site_Skip_To_Content';
import homeLinkLabel from '@salesforce/label/c.Canal_Site_Home_Link';
import newWindowLabel from '@salesforce/label/c.Canal_Site_New_Window';

/** One tab of the header. */
interface PortalTab {
    key: string;
    label: string;
    href: string;
    /** Where a click goes inside the site; null for a link the browser follows (an external site). */
    pageReference: PageReference | null;
    /** The first path segment this tab owns ("" for Home); record pages under it keep the tab active. */
    section: string | null;
    opensNewWindow: boolean;
    className: string;
    ariaCurrent: string | null;
    target: string | null;
    rel: string | null;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

type TabDraft = Omit<PortalTab, 'className' | 'ariaCurrent'>;

/** The CSS a brand needs: its colour, a readable text colour on it, and the DXP/SLDS hooks our components use. */
interface BrandTheme {
    name: string;
    logoUrl: string | null;
    color: string;
    isPartner: boolean;
}

// Menu items a tab bar can show; log-in/log-out events, topics and modals have no place in it.
const MENU_ITEM_TYPES_TO_SKIP: NavigationMenuItemType[] = [
    'DataSourceDriven',
    'Event',
    'GlobalAction',
    'MenuLabel',
    'Modal',
    'NavigationalTopic',
    'SystemLink'
];

/** Toasts shown at once; older ones wait their turn. */
const MAX_TOASTS = 3;

/** Lightness points of Experience Builder's three darker shades of a branding colour (--dxp-g-brand-1 to -3). */
const SHADE_STEPS = [8, 24, 48];

function firstSegment(path: string): string {
    return path.replace(/^\/+/, '').split(/[/?#]/)[0].toLowerCase();
}

/** The part of a site URL after the site's base path, always starting with "/". */
function sitePath(pathname: string): string {
    const base = (basePath || '').replace(/\/+$/, '');
    const rest = base && pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
    return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * The partner portal's theme layout (LWR): the brand header (the vendor's, or the partner's own when its account
 * sets one), the tabs of the site's navigation menu, a sidebar region with the recent items, the page in the
 * default region, and the page's one toast container (lightning/toastContainer).
 * @slot sidebar
 * @slot default
 */
export default class PortalThemeLayout extends NavigationMixin(LightningElement) {
    /** Developer name of the site's navigation menu; without it (or when it fails) the three standard tabs show. */
    @api navigationMenuName = '';
    /** The vendor's name: the brand when the partner has none. */
    @api vendorName = '';
    /** The vendor's logo (https or a site path). */
    @api vendorLogoUrl = '';
    /** The vendor's colour, #RRGGBB. */
    @api vendorColor = '';
    /** Shows the vendor's brand to every partner, ignoring the partners' own (their accounts' Portal fields). */
    @api vendorBrandOnly = false;
    /** Leaves out the sidebar region (the home page lays out its own recent items), giving the page the full width. */
    @api hideSidebar = false;

    labels = {
        navigation: navigationLabel,
        sidebar: sidebarLabel,
        skip: skipLabel,
        homeLink: homeLinkLabel,
        newWindow: newWindowLabel
    };

    branding: Branding | undefined;
    menuItems: NavigationMenuItemData[] | undefined;
    menuFailed = false;
    publishStatus: 'Live' | 'Draft' = 'Live';
    currentPath = '/';
    homeUrl = basePath ? `${basePath}/` : '/';
    private standardTabs: TabDraft[] = [];
    /** URLs of tabs that navigate by page reference, by tab key, as the router generates them. */
    private generatedUrls: Record<string, string> = {};
    private logoFailed = false;

    @wire(CurrentPageReference)
    wiredPageReference(pageReference: PageReference | undefined): void {
        // Experience Builder previews the draft menu; the live site shows the published one.
        this.publishStatus = pageReference?.state?.app === 'commeditor' ? 'Draft' : 'Live';
        this.currentPath = sitePath(window.location.pathname);
    }

    @wire<NavigationMenuParams, NavigationMenuResult, PortalThemeLayout>(getNavigationMenu, {
        navigationLinkSetDeveloperName: '$navigationMenuName',
        publishStatus: '$publishStatus',
        addHomeMenuItem: false,
        includeImageUrl: false,
        menuItemTypesToSkip: MENU_ITEM_TYPES_TO_SKIP
    })
    wiredMenu({ data, error }: NavigationMenuResult): void {
        if (data) {
            this.menuItems = data.menuItems ?? [];
            this.menuFailed = false;
            this.generateUrls(this.menuTabs ?? []);
        } else if (error) {
            this.menuItems = undefined;
            this.menuFailed = true;
        }
    }

    @wire(getBranding, {})
    wiredBranding({ data, error }: WiredResult<Branding>): void {
        if (data) {
            this.branding = data;
            this.logoFailed = false;
        } else if (error) {
            // Branding is cosmetic: on any failure the site shows the vendor's brand.
            this.branding = undefined;
        }
    }

    override connectedCallback(): void {
        // The page's one toast container (LWR: the theme layout holds it); lightning/toast's Toast.show fills it.
        const toasts = ToastContainer.instance();
        if (toasts) toasts.maxToasts = MAX_TOASTS;
        this.currentPath = sitePath(window.location.pathname);
        this.buildStandardTabs();
    }

    /** The brand shown: the partner's values where it set them, the vendor's for the rest. */
    get brand(): BrandTheme {
        const partner = !this.vendorBrandOnly && this.branding?.source === 'PARTNER' ? this.branding : null;
        return {
            name: (partner?.brandName || this.vendorName || '').trim(),
            logoUrl: safeLogoUrl(partner?.logoUrl) ?? safeLogoUrl(this.vendorLogoUrl),
            color: safeColor(partner?.primaryColor) ?? safeColor(this.vendorColor) ?? FALLBACK_COLOR,
            isPartner: partner !== null
        };
    }

    get showSidebar(): boolean {
        return !this.hideSidebar;
    }

    get mainClass(): string {
        return `slds-col slds-size_1-of-1${this.hideSidebar ? '' : ' slds-large-size_8-of-12'}`;
    }

    get brandName(): string {
        return this.brand.name;
    }

    get logoUrl(): string | null {
        return this.logoFailed ? null : this.brand.logoUrl;
    }

    get brandSource(): string {
        return this.brand.isPartner ? 'partner' : 'vendor';
    }

    /**
     * The brand as CSS custom properties on the layout: our header, SLDS brand buttons and the DXP hooks, with the
     * shades the branding set derives (--dxp-g-brand-1 to -3 and their contrasts), so that a partner's colour
     * replaces the vendor's in hover and active states too.
     */
    get brandStyle(): string {
        const color = this.brand.color;
        const contrast = contrastColor(color);
        const shades = SHADE_STEPS.map((points) => darkenColor(color, points));
        return [
            `--canal-brand-color: ${color}`,
            `--canal-brand-contrast: ${contrast}`,
            `--dxp-g-brand: ${color}`,
            `--dxp-g-brand-contrast: ${contrast}`,
            ...shades.flatMap((shade, i) => [
                `--dxp-g-brand-${i + 1}: ${shade}`,
                `--dxp-g-brand-contrast-${i + 1}: ${contrastColor(shade)}`
            ]),
            `--slds-c-button-brand-color-background: ${color}`,
            `--slds-c-button-brand-color-border: ${color}`,
            `--slds-c-button-brand-text-color: ${contrast}`,
            `--slds-c-button-brand-color-background-hover: ${shades[0]}`,
            `--slds-c-button-brand-color-border-hover: ${shades[0]}`,
            `--slds-c-button-brand-text-color-hover: ${contrastColor(shades[0])}`
        ].join('; ');
    }

    /** The page's h1: the active tab's label, else the brand's name. */
    get pageTitle(): string {
        return this.tabs.find((tab) => tab.ariaCurrent === 'page')?.label || this.brandName;
    }

    get tabs(): PortalTab[] {
        const drafts = this.menuTabs ?? this.standardTabs;
        const activeKey = this.activeKey(drafts);
        return drafts.map((tab) => {
            const active = tab.key === activeKey;
            return {
                ...tab,
                href: tab.href || this.generatedUrls[tab.key] || this.homeUrl,
                className: `slds-context-bar__item${active ? ' slds-is-active' : ''}`,
                ariaCurrent: active ? 'page' : null
            };
        });
    }

    /** The menu's items as tabs, or null when the standard tabs should show (no menu, an error, no items). */
    private get menuTabs(): TabDraft[] | null {
        if (!this.navigationMenuName || this.menuFailed || !this.menuItems?.length) return null;
        const tabs = this.menuItems
            .map((item, index) => this.tabOfMenuItem(item, index))
            .filter((tab): tab is TabDraft => tab !== null);
        return tabs.length ? tabs : null;
    }

    private tabOfMenuItem(item: NavigationMenuItemData, index: number): TabDraft | null {
        const value = (item.actionValue ?? '').trim();
        if (!item.label || !value) return null;
        const opensNewWindow = item.target === 'NewWindow';
        if (item.actionType === 'ExternalLink') {
            if (!/^https?:\/\//i.test(value)) return null;
            return {
                key: `menu-${index}`,
                label: item.label,
                href: value,
                pageReference: null,
                section: null,
                opensNewWindow,
                target: opensNewWindow ? '_blank' : null,
                rel: 'noopener noreferrer'
            };
        }
        if (item.actionType === 'InternalLink') {
            const path = value.startsWith('/') ? value : `/${value}`;
            const href = `${(basePath || '').replace(/\/+$/, '')}${path}`;
            return {
                key: `menu-${index}`,
                label: item.label,
                href,
                pageReference: { type: 'standard__webPage', attributes: { url: href } },
                section: firstSegment(path),
                opensNewWindow,
                target: opensNewWindow ? '_blank' : null,
                rel: opensNewWindow ? 'noopener' : null
            };
        }
        if (item.actionType === 'SalesforceObject') {
            return {
                key: `menu-${index}`,
                label: item.label,
                href: '',
                pageReference: {
                    type: 'standard__objectPage',
                    attributes: { objectApiName: value, actionName: 'list' }
                },
                section: value.toLowerCase(),
                opensNewWindow: false,
                target: null,
                rel: null
            };
        }
        return null;
    }

    /** The tab whose section holds the current page: Home only on the home page itself. */
    private activeKey(tabs: TabDraft[]): string | null {
        const segment = firstSegment(this.currentPath);
        const match = tabs.find((tab) => tab.section !== null && tab.section === segment);
        return match?.key ?? null;
    }

    private buildStandardTabs(): void {
        const standard: Array<[string, string, PageReference, string]> = [
            ['home', homeTabLabel, { type: 'comm__namedPage', attributes: { name: 'Home' } }, ''],
            [
                'leads',
                leadsTabLabel,
                { type: 'standard__objectPage', attributes: { objectApiName: 'Lead', actionName: 'list' } },
                'lead'
            ],
            [
                'opportunities',
                opportunitiesTabLabel,
                {
                    type: 'standard__objectPage',
                    attributes: { objectApiName: 'Opportunity', actionName: 'list' }
                },
                'opportunity'
            ]
        ];
        this.standardTabs = standard.map(([key, label, pageReference, section]) => ({
            key,
            label,
            href: '',
            pageReference,
            section,
            opensNewWindow: false,
            target: null,
            rel: null
        }));
        this.generateUrls(this.standardTabs);
    }

    /** Asks the router for the URL of every tab that has none yet (standard and object tabs). */
    private generateUrls(tabs: TabDraft[]): void {
        tabs.filter((tab) => !tab.href && tab.pageReference).forEach((tab) => {
            this.navigator[NavigationMixin.GenerateUrl](tab.pageReference!)
                .then((url) => {
                    this.generatedUrls = { ...this.generatedUrls, [tab.key]: url };
                })
                .catch(() => undefined);
        });
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    handleTabClick(event: MouseEvent): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        const tab = this.tabs.find((candidate) => candidate.key === key);
        // External links and new-window links are the browser's; modified clicks open a tab as usual.
        if (!tab?.pageReference || tab.opensNewWindow || event.ctrlKey || event.metaKey || event.shiftKey)
            return;
        event.preventDefault();
        this.navigator[NavigationMixin.Navigate](tab.pageReference);
    }

    handleHomeClick(event: MouseEvent): void {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        this.navigator[NavigationMixin.Navigate]({ type: 'comm__namedPage', attributes: { name: 'Home' } });
    }

    handleSkipToContent(event: Event): void {
        event.preventDefault();
        this.template?.querySelector<HTMLElement>('[data-id="content"]')?.focus();
    }

    // A broken logo address leaves the brand name alone instead of a broken image.
    handleLogoError(): void {
        this.logoFailed = true;
    }
}
