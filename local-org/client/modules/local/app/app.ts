import { LightningElement } from 'lwc';
import { boot } from 'canal-local/boot';
import { label } from 'canal-local/labels';
import { onNavigate, pageReferenceOf, type PageReference } from 'canal-local/navigation';

/**
 * The local org's page router around our real theme layout (c-portal-theme-layout: brand, tabs from the site's
 * navigation menu, sidebar): it puts the components of the current route in the layout's region, as the LWR
 * site's routes and views do. Only the user bar with Log out is local.
 */
export default class App extends LightningElement {
    ref: PageReference = pageReferenceOf(window.location.pathname, window.location.search);
    private stopListening?: () => void;

    readonly orgName = boot().orgName;
    readonly brandColor = boot().brandColor;
    readonly userName = boot().userName;
    readonly csrfToken = boot().csrfToken;
    readonly logoutLabel = label('Canal_Logout');

    override connectedCallback(): void {
        this.stopListening = onNavigate((ref) => {
            this.ref = ref;
            window.scrollTo(0, 0);
        });
        document.documentElement.lang = boot().lang;
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

    get isNewOpportunity(): boolean {
        return this.ref.type === 'comm__namedPage' && this.ref.attributes?.name === 'New_Opportunity__c';
    }

    get isLeads(): boolean {
        return this.ref.type === 'standard__objectPage' && this.objectApiName === 'Lead';
    }

    get isOpportunities(): boolean {
        return this.ref.type === 'standard__objectPage' && this.objectApiName === 'Opportunity';
    }

    get isLeadRecord(): boolean {
        return this.ref.type === 'standard__recordPage' && this.objectApiName === 'Lead';
    }

    get isOpportunityRecord(): boolean {
        return this.ref.type === 'standard__recordPage' && this.objectApiName === 'Opportunity';
    }

    get recordId(): string | undefined {
        return this.ref.attributes?.recordId;
    }
}
