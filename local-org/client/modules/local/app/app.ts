import { LightningElement } from 'lwc';
import { boot } from 'canal-local/boot';
import { label } from 'canal-local/labels';
import { navigate, onNavigate, pageReferenceOf, type PageReference } from 'canal-local/navigation';

interface Tab {
    name: string;
    label: string;
    href: string;
    ref: PageReference;
    className: string;
    ariaCurrent: string | null;
}

/**
 * The local org's shell around our real components: header with the vendor's brand, the site's tabs, and
 * the page of the current route. In the org the LWR site's theme layout and pages play this part.
 */
export default class App extends LightningElement {
    ref: PageReference = pageReferenceOf(window.location.pathname, window.location.search);
    private stopListening?: () => void;

    readonly orgName = boot().orgName;
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

    get headerStyle(): string {
        return `background:${boot().brandColor};color:#fff`;
    }

    get objectApiName(): string | undefined {
        return this.ref.attributes?.objectApiName;
    }

    get isHome(): boolean {
        return this.ref.type === 'comm__namedPage';
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

    get tabs(): Tab[] {
        const tabs: Array<[string, string, PageReference, boolean]> = [
            [
                'home',
                label('Canal_Tab_Home'),
                { type: 'comm__namedPage', attributes: { name: 'Home' } },
                this.isHome
            ],
            [
                'leads',
                label('Canal_Tab_Leads'),
                { type: 'standard__objectPage', attributes: { objectApiName: 'Lead', actionName: 'list' } },
                this.isLeads || this.isLeadRecord
            ],
            [
                'opportunities',
                label('Canal_Tab_Opportunities'),
                {
                    type: 'standard__objectPage',
                    attributes: { objectApiName: 'Opportunity', actionName: 'list' }
                },
                this.isOpportunities || this.isOpportunityRecord
            ]
        ];
        return tabs.map(([name, text, ref, active]) => ({
            name,
            label: text,
            ref,
            href: '#',
            className: `slds-context-bar__item${active ? ' slds-is-active' : ''}`,
            ariaCurrent: active ? 'page' : null
        }));
    }

    handleTabClick(event: MouseEvent): void {
        event.preventDefault();
        const name = (event.currentTarget as HTMLElement).dataset.name;
        const tab = this.tabs.find((t) => t.name === name);
        if (tab) navigate(tab.ref);
    }
}
