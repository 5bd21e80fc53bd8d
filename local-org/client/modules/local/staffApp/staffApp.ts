import { LightningElement } from 'lwc';
import { boot } from 'canal-local/boot';
import { label } from 'canal-local/labels';
import { onNavigate } from 'canal-local/navigation';

type StaffPage =
    | 'partners'
    | 'activity'
    | 'publish'
    | 'publications'
    | 'rules'
    | 'leads'
    | 'deals'
    | 'leadRecord'
    | 'dealRecord'
    | 'partnerRecord'
    | 'registrations'
    | 'registrationRecord';

/** The page of a site path for vendor staff; `/` is the persona's own home. */
export function staffPageOf(pathname: string, persona: string): { page: StaffPage; recordId?: string } {
    const [first, second] = pathname
        .replace(/^\/s\/?/, '')
        .split('/')
        .filter(Boolean);
    const record = (page: StaffPage) => ({ page, recordId: second });
    switch (first) {
        case 'partners':
            return { page: 'partners' };
        case 'activity':
            return { page: 'activity' };
        case 'publish':
            return { page: 'publish' };
        case 'publications':
            return { page: 'publications' };
        case 'rules':
            return { page: 'rules' };
        case 'lead':
            return second && second !== 'Lead' ? record('leadRecord') : { page: 'leads' };
        case 'opportunity':
            return second && second !== 'Opportunity' ? record('dealRecord') : { page: 'deals' };
        case 'account':
            return second ? record('partnerRecord') : { page: 'partners' };
        case 'registrations':
            return second ? record('registrationRecord') : { page: 'registrations' };
        default:
            return { page: persona === 'admin' ? 'rules' : 'partners' };
    }
}

/**
 * The local org's shell for vendor staff (channel managers, admins): the same theme layout as the partner site,
 * with the staff's own tabs (the server puts them in the boot data) and pages made for them: partners, live
 * activity, lead publication (CSV) and the publications' figures, every partner's leads and deals read-only with
 * their history, deal registrations to decide (and one registration at /registrations/<id>), and for admins the
 * claim rules. No partner card (allowance, queue, my leads) is ever on these pages.
 */
export default class StaffApp extends LightningElement {
    path = window.location.pathname;
    private stopListening?: () => void;

    readonly orgName = boot().orgName;
    readonly brandColor = boot().brandColor;
    readonly userName = boot().userName;
    readonly csrfToken = boot().csrfToken;
    readonly logoutLabel = label('Canal_Logout');
    readonly leadsTitle = label('Canal_Manager_Leads_Title');
    readonly dealsTitle = label('Canal_Manager_Deals_Title');

    override connectedCallback(): void {
        this.stopListening = onNavigate(() => {
            this.path = window.location.pathname;
            window.scrollTo(0, 0);
        });
        document.documentElement.lang = boot().lang;
    }

    override disconnectedCallback(): void {
        this.stopListening?.();
    }

    private get route(): { page: StaffPage; recordId?: string } {
        return staffPageOf(this.path, boot().persona);
    }

    get recordId(): string | undefined {
        return this.route.recordId;
    }

    get isPartners(): boolean {
        return this.route.page === 'partners';
    }
    get isActivity(): boolean {
        return this.route.page === 'activity';
    }
    get isPublish(): boolean {
        return this.route.page === 'publish';
    }
    get isPublications(): boolean {
        return this.route.page === 'publications';
    }
    get isRules(): boolean {
        return this.route.page === 'rules';
    }
    get isLeads(): boolean {
        return this.route.page === 'leads';
    }
    get isDeals(): boolean {
        return this.route.page === 'deals';
    }
    get isLeadRecord(): boolean {
        return this.route.page === 'leadRecord';
    }
    get isDealRecord(): boolean {
        return this.route.page === 'dealRecord';
    }
    get isPartnerRecord(): boolean {
        return this.route.page === 'partnerRecord';
    }
    get isRegistrations(): boolean {
        return this.route.page === 'registrations';
    }
    get isRegistrationRecord(): boolean {
        return this.route.page === 'registrationRecord';
    }
}
