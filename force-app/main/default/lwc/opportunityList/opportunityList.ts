import { LightningElement, api, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin, type PageReference } from 'lightning/navigation';
import getListViews from '@salesforce/apex/OpportunityController.getListViews';
import getOpportunities from '@salesforce/apex/OpportunityController.getOpportunities';
import type {
    ListViewName,
    OpportunityPage,
    OpportunityRow,
    OpportunitySortField,
    SortDirection
} from 'canal/apex/OpportunityController';
import { formatLabel } from 'c/labelFormat';
import { AnswerGuard } from 'c/answerGuard';
import titleLabel from '@salesforce/label/c.Canal_Opp_List_Title';
import listViewLabel from '@salesforce/label/c.Canal_Opp_List_View';
import newLabel from '@salesforce/label/c.Canal_Opp_New';
import editLabel from '@salesforce/label/c.Canal_Action_Edit';
import editTitleLabel from '@salesforce/label/c.Canal_Opp_Edit_Title';
import actionLabel from '@salesforce/label/c.Canal_Opp_Action_Column';
import emptyLabel from '@salesforce/label/c.Canal_Opp_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Opp_Load_Error';
import loadMoreLabel from '@salesforce/label/c.Canal_Action_Load_More';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import nameLabel from '@salesforce/label/c.Canal_Opp_Field_Name';
import accountLabel from '@salesforce/label/c.Canal_Opp_Field_Account';
import stageLabel from '@salesforce/label/c.Canal_Opp_Field_Stage';
import amountLabel from '@salesforce/label/c.Canal_Opp_Field_Amount';
import closeDateLabel from '@salesforce/label/c.Canal_Opp_Field_Close_Date';
import ownerLabel from '@salesforce/label/c.Canal_Opp_Field_Owner';
import myViewLabel from '@salesforce/label/c.Canal_Opp_View_My';
import openTitleLabel from '@salesforce/label/c.Canal_Opp_Open_Title';
import registerLabel from '@salesforce/label/c.Canal_Deal_Register';
import myRegistrationsLabel from '@salesforce/label/c.Canal_Deal_List_View';
import registeredLabel from '@salesforce/label/c.Canal_Deal_Form_Submitted';

/** An opportunity as the datatable shows it. */
interface ListRow extends OpportunityRow {
    editTitle: string;
    /** The deal's page (its name links there); '#' until the URL is generated. */
    recordUrl: string;
    openTitle: string;
}

/** Page state a deal's page reads to send the user back to this list, on the same list view, after Save. */
const FROM_LIST_STATE = 'c__from';
const LIST_VIEW_STATE = 'c__listView';

interface DatatableColumn {
    label: string;
    fieldName?: string;
    type?: string;
    sortable?: boolean;
    hideDefaultActions?: boolean;
    initialWidth?: number;
    wrapText?: boolean;
    typeAttributes?: Record<string, unknown>;
}

interface ComboboxOption {
    label: string;
    value: string;
}

/** What the list shows: the list itself, or a form in its place (no modal: LWR sites have none). */
type Mode = 'list' | 'edit' | 'new' | 'register';

/**
 * The list view of the rep's deal registrations, next to My opportunities: not an Opportunity list view (a
 * registration is not an opportunity until approved), so c-deal-registration-list shows it instead of the table.
 */
const MY_REGISTRATIONS = 'Canal_My_Registrations';
type ViewName = ListViewName | typeof MY_REGISTRATIONS;

const DEFAULT_LIST_VIEW: ListViewName = 'Canal_My_Opportunities';
const DEFAULT_PAGE_SIZE = 50;
const LIST_VIEWS: ReadonlySet<string> = new Set<ListViewName>([
    'Canal_My_Opportunities',
    'Canal_Partner_Opportunities',
    'Canal_Closing_This_Month',
    'Canal_Open_Pipeline',
    'Canal_Won_This_Quarter'
]);
/** The datatable columns that sort, and the server field each sorts by. */
const SORT_FIELDS: Readonly<Record<string, OpportunitySortField>> = {
    recordUrl: 'name',
    stageLabel: 'stageName',
    amount: 'amount',
    closeDate: 'closeDate'
};

function isListView(value: unknown): value is ListViewName {
    return typeof value === 'string' && LIST_VIEWS.has(value);
}

function isView(value: unknown): value is ViewName {
    return value === MY_REGISTRATIONS || isListView(value);
}

/** The picker's options with My registrations right after My opportunities. */
function withRegistrations(options: ComboboxOption[]): ComboboxOption[] {
    const rest = options.filter((option) => option.value !== MY_REGISTRATIONS);
    const mine = rest.findIndex((option) => option.value === DEFAULT_LIST_VIEW);
    rest.splice(mine + 1, 0, { label: myRegistrationsLabel, value: MY_REGISTRATIONS });
    return rest;
}

/** The deal's page, telling it which list (and list view) the user came from. */
function opportunityPageFromList(recordId: string, listView: ViewName): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' },
        state: { [FROM_LIST_STATE]: 'list', [LIST_VIEW_STATE]: listView }
    };
}

interface Navigator {
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

/**
 * The Opportunities tab: a list-view picker over a sortable, keyset-paged table with Edit on every row and a New
 * button; Edit and New open c-opportunity-form in place, and Save brings the list back, reloaded. A deal's name
 * links to its page (wrapped, never cut; the full name on hover). Register a deal opens c-deal-registration-form in
 * place; once submitted, the list view My registrations (c-deal-registration-list) shows it under review.
 */
export default class OpportunityList extends NavigationMixin(LightningElement) {
    /** Rows fetched per page (the server allows 1 to 200). */
    @api pageSize = DEFAULT_PAGE_SIZE;
    /** The list view shown first; the how-to's "Mis oportunidades" by default. */
    @api defaultListView: string = DEFAULT_LIST_VIEW;

    listView: ViewName = DEFAULT_LIST_VIEW;
    listViewOptions: ComboboxOption[] = withRegistrations([{ label: myViewLabel, value: DEFAULT_LIST_VIEW }]);
    /** "Submitted: under review", shown over My registrations right after a registration. */
    registeredNotice = '';
    rows: ListRow[] = [];
    error: unknown;
    errorMessage = loadErrorLabel;
    isLoading = true;
    isLoadingMore = false;
    sortColumn = 'closeDate';
    sortDirection: SortDirection = 'asc';
    mode: Mode = 'list';
    editingId: string | undefined;

    labels = {
        title: titleLabel,
        listView: listViewLabel,
        newOpportunity: newLabel,
        register: registerLabel,
        empty: emptyLabel,
        loadMore: loadMoreLabel,
        loading: loadingLabel
    };

    columns: DatatableColumn[] = [
        {
            label: nameLabel,
            fieldName: 'recordUrl',
            type: 'url',
            sortable: true,
            hideDefaultActions: true,
            wrapText: true,
            initialWidth: 240,
            typeAttributes: {
                label: { fieldName: 'name' },
                tooltip: { fieldName: 'openTitle' },
                target: '_self'
            }
        },
        { label: accountLabel, fieldName: 'accountName', hideDefaultActions: true, wrapText: true },
        { label: stageLabel, fieldName: 'stageLabel', sortable: true, hideDefaultActions: true },
        {
            label: amountLabel,
            fieldName: 'amount',
            type: 'currency',
            sortable: true,
            hideDefaultActions: true,
            typeAttributes: { currencyCode: { fieldName: 'currencyIsoCode' } }
        },
        {
            label: closeDateLabel,
            fieldName: 'closeDate',
            type: 'date-local',
            sortable: true,
            hideDefaultActions: true,
            typeAttributes: { year: 'numeric', month: 'short', day: '2-digit' }
        },
        { label: ownerLabel, fieldName: 'ownerName', hideDefaultActions: true },
        {
            label: actionLabel,
            type: 'button',
            hideDefaultActions: true,
            initialWidth: 110,
            typeAttributes: {
                label: editLabel,
                name: 'edit',
                title: { fieldName: 'editTitle' },
                variant: 'neutral'
            }
        }
    ];

    private next: string | null = null;
    /** Every new list starts over: answers for an older list are dropped. */
    private answers = new AnswerGuard();
    private pendingFocus: string | undefined;

    private connected = false;

    /** Back from a deal's page: the list view the user left (a page-state parameter) wins over the default. */
    @wire(CurrentPageReference)
    wiredPageReference(pageReference: PageReference | undefined): void {
        const fromPage = pageReference?.state?.[LIST_VIEW_STATE];
        if (!isView(fromPage) || fromPage === this.listView) return;
        this.listView = fromPage;
        if (this.connected) this.loadFirstPage();
    }

    override connectedCallback(): void {
        this.connected = true;
        if (this.listView === DEFAULT_LIST_VIEW && isView(this.defaultListView))
            this.listView = this.defaultListView;
        this.loadListViews();
        this.loadFirstPage();
    }

    override disconnectedCallback(): void {
        this.connected = false;
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    override renderedCallback(): void {
        if (!this.pendingFocus) return;
        const target = this.template?.querySelector<HTMLElement>(this.pendingFocus);
        if (target) {
            this.pendingFocus = undefined;
            target.focus();
        }
    }

    get isList(): boolean {
        return this.mode === 'list';
    }

    get isRegister(): boolean {
        return this.mode === 'register';
    }

    /** My registrations is chosen: its own list replaces the opportunities table. */
    get showRegistrations(): boolean {
        return this.listView === MY_REGISTRATIONS;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get hasMore(): boolean {
        return this.next !== null;
    }

    get showLoadMore(): boolean {
        return this.hasRows && this.hasMore && !this.isLoading;
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.hasRows && !this.error;
    }

    get showLoadError(): boolean {
        return Boolean(this.error) && !this.hasRows && !this.isLoading;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && this.hasRows;
    }

    private get effectivePageSize(): number {
        const size = Math.trunc(Number(this.pageSize));
        return size > 0 ? Math.min(size, 200) : DEFAULT_PAGE_SIZE;
    }

    private fetchPage(afterId: string | null): Promise<OpportunityPage> {
        return getOpportunities({
            listView: this.listView as ListViewName,
            pageSize: this.effectivePageSize,
            afterId,
            sortBy: SORT_FIELDS[this.sortColumn] ?? 'closeDate',
            sortDirection: this.sortDirection
        });
    }

    private toRows(rows: OpportunityRow[]): ListRow[] {
        const listRows = rows.map((row) => ({
            ...row,
            editTitle: formatLabel(editTitleLabel, row.name),
            openTitle: formatLabel(openTitleLabel, row.name),
            recordUrl: '#'
        }));
        this.resolveRecordUrls(listRows);
        return listRows;
    }

    /** The names become links once the platform has generated the deals' URLs (one update for the page). */
    private async resolveRecordUrls(rows: ListRow[]): Promise<void> {
        const listView = this.listView;
        const urls = new Map<string, string>();
        await Promise.all(
            rows.map((row) =>
                this.navigator[NavigationMixin.GenerateUrl](opportunityPageFromList(row.id, listView))
                    .then((url) => urls.set(row.id, url))
                    .catch(() => undefined)
            )
        );
        if (!urls.size) return;
        this.rows = this.rows.map((row) => {
            const recordUrl = urls.get(row.id);
            return recordUrl ? { ...row, recordUrl } : row;
        });
    }

    /** The picker's options; on failure the picker keeps My opportunities and the list still works. */
    private async loadListViews(): Promise<void> {
        try {
            const views = await getListViews({});
            this.listViewOptions = withRegistrations(
                views.map((view) => ({ label: view.label, value: view.name }))
            );
        } catch (error) {
            this.setError(error, loadErrorLabel);
        }
    }

    /** Starts the list over: first page for the current list view and sort. */
    private async loadFirstPage(): Promise<void> {
        const generation = this.answers.restart();
        if (this.showRegistrations) {
            // c-deal-registration-list loads its own rows.
            this.isLoading = false;
            return;
        }
        this.isLoading = true;
        this.isLoadingMore = false;
        try {
            const page = await this.fetchPage(null);
            if (!this.answers.isCurrent(generation)) return;
            this.rows = this.toRows(page.rows);
            this.next = page.next;
            this.error = undefined;
        } catch (error) {
            if (!this.answers.isCurrent(generation)) return;
            this.rows = [];
            this.next = null;
            this.setError(error, loadErrorLabel);
        } finally {
            if (this.answers.isCurrent(generation)) this.isLoading = false;
        }
    }

    private setError(error: unknown, message: string): void {
        this.error = error;
        this.errorMessage = message;
    }

    /** The next keyset page (infinite scrolling or the Load more button). */
    async handleLoadMore(): Promise<void> {
        if (!this.next || this.isLoadingMore || this.isLoading) return;
        const generation = this.answers.ticket();
        this.isLoadingMore = true;
        try {
            const page = await this.fetchPage(this.next);
            if (!this.answers.isCurrent(generation)) return;
            const known = new Set(this.rows.map((row) => row.id));
            this.rows = [...this.rows, ...this.toRows(page.rows.filter((row) => !known.has(row.id)))];
            this.next = page.next;
        } catch (error) {
            if (this.answers.isCurrent(generation)) this.setError(error, loadErrorLabel);
        } finally {
            if (this.answers.isCurrent(generation)) this.isLoadingMore = false;
        }
    }

    handleListViewChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail?.value;
        if (!isView(value) || value === this.listView) return;
        this.listView = value;
        this.registeredNotice = '';
        this.loadFirstPage();
    }

    handleSort(event: CustomEvent<{ fieldName: string; sortDirection: SortDirection }>): void {
        const { fieldName, sortDirection } = event.detail;
        if (!SORT_FIELDS[fieldName]) return;
        this.sortColumn = fieldName;
        this.sortDirection = sortDirection === 'desc' ? 'desc' : 'asc';
        this.loadFirstPage();
    }

    handleRowAction(event: CustomEvent<{ action: { name: string }; row: ListRow }>): void {
        const { action, row } = event.detail;
        if (action?.name !== 'edit' || !row) return;
        this.editingId = row.id;
        this.mode = 'edit';
    }

    handleNew(): void {
        this.editingId = undefined;
        this.mode = 'new';
    }

    /** Register a deal: the registration form in place of the list. */
    handleRegister(): void {
        this.editingId = undefined;
        this.mode = 'register';
    }

    /** Submitted: back on the list, on My registrations, where the new registration shows under review. */
    handleRegistered(): void {
        this.backToList();
        this.registeredNotice = registeredLabel;
        this.pendingFocus = '[data-id="registered"]';
        if (this.listView !== MY_REGISTRATIONS) {
            this.listView = MY_REGISTRATIONS;
            this.loadFirstPage();
        }
    }

    /** Saved: back on the list, reloaded so the edited or added row shows as the server has it. */
    handleSaved(): void {
        this.backToList();
        this.loadFirstPage();
    }

    /** Cancel discards the form: the list comes back as it was. */
    handleCancel(): void {
        this.backToList();
    }

    private backToList(): void {
        this.mode = 'list';
        this.editingId = undefined;
        this.pendingFocus = '[data-action="new"]';
    }
}
