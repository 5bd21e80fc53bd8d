import { LightningElement } from 'lwc';
import { boot } from 'canal-local/boot';
import { label } from 'canal-local/labels';
import { onNavigate, pageReferenceOf, type PageReference } from 'canal-local/navigation';
import { pageKey, type PageKey } from 'canal-local/routes';

type PageModule = { default: typeof LightningElement };

/**
 * The pages, by route key (see pageKey): each is loaded on demand, so the production build makes one chunk per
 * page and the Leads page downloads only the components it renders. A new page: a module local/<name>Page
 * (its template lists the page's components, `@api recordId` like the others), one line here and one in
 * PAGE_CHUNKS (canal-local/routes), which the type below keeps in step.
 */
export const PAGES: Record<PageKey, () => Promise<PageModule>> = {
    'comm__namedPage/Home': () => import('local/homePage'),
    'comm__namedPage/New_Opportunity__c': () => import('local/newOpportunityPage'),
    'standard__objectPage/Lead': () => import('local/leadsPage'),
    'standard__recordPage/Lead': () => import('local/leadRecordPage'),
    'standard__objectPage/Opportunity': () => import('local/opportunitiesPage'),
    'standard__recordPage/Opportunity': () => import('local/opportunityRecordPage')
};

/**
 * The local org's page router around our real theme layout (c-portal-theme-layout: brand, tabs from the site's
 * navigation menu, sidebar): it puts the components of the current route in the layout's region, as the LWR
 * site's routes and views do. Only the user bar with Log out is local.
 */
export default class App extends LightningElement {
    ref: PageReference = pageReferenceOf(window.location.pathname, window.location.search);
    /** The current page's component, once its chunk has loaded. */
    page?: typeof LightningElement;
    private stopListening?: () => void;

    readonly orgName = boot().orgName;
    readonly brandColor = boot().brandColor;
    readonly userName = boot().userName;
    readonly csrfToken = boot().csrfToken;
    readonly logoutLabel = label('Canal_Logout');

    override connectedCallback(): void {
        this.stopListening = onNavigate((ref) => {
            this.ref = ref;
            void this.loadPage(ref);
            window.scrollTo(0, 0);
        });
        document.documentElement.lang = boot().lang;
        void this.loadPage(this.ref);
    }

    private async loadPage(ref: PageReference): Promise<void> {
        const load = PAGES[pageKey(ref) as PageKey] as (() => Promise<PageModule>) | undefined;
        const page = load ? (await load()).default : undefined;
        // A later navigation wins over a page that finished loading after it.
        if (ref === this.ref) this.page = page;
    }

    override disconnectedCallback(): void {
        this.stopListening?.();
    }

    get objectApiName(): string | undefined {
        return this.ref.attributes?.objectApiName;
    }

    get isHome(): boolean {
        return this.ref.type === 'comm__namedPage' && (this.ref.attributes?.name ?? 'Home') === 'Home';
    }

    get recordId(): string | undefined {
        return this.ref.attributes?.recordId;
    }
}
