import { LightningElement, api } from 'lwc';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getQueuePage from '@salesforce/apex/LeadClaimController.getQueuePage';
import claimLead from '@salesforce/apex/LeadClaimController.claimLead';
import getAllowance from '@salesforce/apex/LeadClaimController.getAllowance';
import type {
    Allowance,
    ClaimResult,
    LeadPage,
    LeadRow,
    QueueSortField,
    SortDirection
} from 'canal/apex/LeadClaimController';
import { LEAD_CLAIMED_EVENT, leadEvent, onLeadEvents, showOutcome } from 'c/claimOutcomes';
import { formatAge, formatLabel } from 'c/labelFormat';
import { AnswerGuard } from 'c/answerGuard';
import { Poller } from 'c/poller';
import titleLabel from '@salesforce/label/c.Canal_Queue_Title';
import searchLabel from '@salesforce/label/c.Canal_Queue_Search';
import emptyLabel from '@salesforce/label/c.Canal_Queue_Empty';
import noMatchLabel from '@salesforce/label/c.Canal_Queue_No_Match';
import loadErrorLabel from '@salesforce/label/c.Canal_Queue_Load_Error';
import claimErrorLabel from '@salesforce/label/c.Canal_Queue_Claim_Error';
import limitNoticeLabel from '@salesforce/label/c.Canal_Queue_Limit_Notice';
import actionLabel from '@salesforce/label/c.Canal_Queue_Action';
import acceptLabel from '@salesforce/label/c.Canal_Action_Accept';
import acceptTitleLabel from '@salesforce/label/c.Canal_Queue_Accept_Title';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import nameLabel from '@salesforce/label/c.Canal_Lead_Name';
import companyLabel from '@salesforce/label/c.Canal_Lead_Company';
import cityLabel from '@salesforce/label/c.Canal_Lead_City';
import statusLabel from '@salesforce/label/c.Canal_Lead_Status';
import ageLabel from '@salesforce/label/c.Canal_Lead_Age';
import allowanceOpenLabel from '@salesforce/label/c.Canal_Allowance_Open';
import allowanceDailyLabel from '@salesforce/label/c.Canal_Allowance_Daily';
import loadMoreLabel from '@salesforce/label/c.Canal_Action_Load_More';

/** A queue lead as the table shows it. */
interface QueueRow extends LeadRow {
    age: string;
    acceptTitle: string;
    acceptDisabled: boolean;
}

/** A column header of the queue table, with its sort state. */
interface QueueHeader {
    key: string;
    label: string;
    sortable: boolean;
    cellClass: string;
    /** `ascending`, `descending` or `none` on sortable columns (WAI-ARIA), undefined on the others. */
    ariaSort?: string;
    sortIcon?: string;
}

const COLUMNS: ReadonlyArray<{ key: string; label: string; sortable: boolean }> = [
    { key: 'name', label: nameLabel, sortable: true },
    { key: 'company', label: companyLabel, sortable: true },
    { key: 'city', label: cityLabel, sortable: false },
    { key: 'status', label: statusLabel, sortable: false },
    { key: 'age', label: ageLabel, sortable: true },
    { key: 'action', label: actionLabel, sortable: false }
];

/** The column the table sorts by; `age` is shown for createdDate, so it sorts the other way round. */
type SortColumn = 'name' | 'company' | 'age';

const SEARCH_DELAY_MS = 300;
const MAX_SEARCH_LENGTH = 80;
const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_REFRESH_SECONDS = 15;

function flip(direction: SortDirection): SortDirection {
    return direction === 'asc' ? 'desc' : 'asc';
}

function hasRoom(allowance: Allowance): boolean {
    return (
        allowance.code === 'OK' &&
        allowance.openClaims < allowance.openLimit &&
        allowance.claimsToday < allowance.dailyLimit
    );
}

/** The leads waiting in the rep's queues, each with a visible Accept button: first come, first served. */
export default class LeadQueue extends LightningElement {
    /** Rows fetched per page (the server allows 1 to 200). */
    @api pageSize = DEFAULT_PAGE_SIZE;
    /** The list reloads at most this often while the page is visible. */
    @api refreshIntervalSeconds = DEFAULT_REFRESH_SECONDS;

    rows: QueueRow[] = [];
    error: unknown;
    errorMessage = loadErrorLabel;
    isLoading = true;
    isLoadingMore = false;
    limitReached = false;
    limitMessage = '';
    sortColumn: SortColumn = 'age';
    sortDirection: SortDirection = 'desc';
    searchTerm = '';

    labels = {
        title: titleLabel,
        search: searchLabel,
        loading: loadingLabel,
        limitNotice: limitNoticeLabel,
        accept: acceptLabel,
        loadMore: loadMoreLabel
    };
    maxSearchLength = MAX_SEARCH_LENGTH;

    private next: string | null = null;
    /** Sort and search start the list over: answers for an older list are dropped. */
    private answers = new AnswerGuard();
    private claiming = new Set<string>();
    /** Rows taken out by a claim, with the mutation count at the time, so a refresh in flight cannot revive them. */
    private removedAt = new Map<string, number>();
    private mutations = 0;
    /** Bumped when a refresh moves the cursor: a Load more page asked for with the old cursor is dropped. */
    private cursorMoves = 0;
    private refreshing = false;
    private connected = false;
    // LWR sites have no empApi: the list reloads on a timer while someone can see it (c/poller, shared with My
    // leads and Home), waiting out what is left of the interval when the page shows again, slower after errors.
    private poller = new Poller(() => this.refresh(), { intervalMs: () => this.refreshMs });
    private searchTimer: ReturnType<typeof setTimeout> | undefined;
    private ownEvent: Event | undefined;
    private stopListening: (() => void) | undefined;

    override connectedCallback(): void {
        this.connected = true;
        this.stopListening = onLeadEvents(this.handleLeadChanged);
        this.loadFirstPage();
    }

    override disconnectedCallback(): void {
        this.connected = false;
        this.stopListening?.();
        this.stopListening = undefined;
        this.poller.stop();
        clearTimeout(this.searchTimer);
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get headers(): QueueHeader[] {
        return COLUMNS.map(({ key, label, sortable }) => {
            const sorted = sortable && key === this.sortColumn;
            const ascending = this.sortDirection === 'asc';
            return {
                key,
                label,
                sortable,
                cellClass: `column-${key}${sortable ? ' slds-is-sortable' : ''}${sorted ? ' slds-is-sorted' : ''}`,
                ariaSort: sortable ? (sorted ? (ascending ? 'ascending' : 'descending') : 'none') : undefined,
                sortIcon: sorted ? (ascending ? 'utility:arrowup' : 'utility:arrowdown') : undefined
            };
        });
    }

    get hasMore(): boolean {
        return this.next !== null;
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

    get emptyMessage(): string {
        return this.searchTerm.trim() ? noMatchLabel : emptyLabel;
    }

    private get refreshMs(): number {
        const seconds = Number(this.refreshIntervalSeconds);
        return (seconds > 0 ? seconds : DEFAULT_REFRESH_SECONDS) * 1000;
    }

    private get effectivePageSize(): number {
        const size = Math.trunc(Number(this.pageSize));
        return size > 0 ? Math.min(size, 200) : DEFAULT_PAGE_SIZE;
    }

    private get serverSort(): { sortBy: QueueSortField; sortDirection: SortDirection } {
        if (this.sortColumn === 'age') {
            return { sortBy: 'createdDate', sortDirection: flip(this.sortDirection) };
        }
        return { sortBy: this.sortColumn, sortDirection: this.sortDirection };
    }

    private fetchPage(afterId: string | null): Promise<LeadPage> {
        const term = this.searchTerm.trim();
        return getQueuePage({
            pageSize: this.effectivePageSize,
            afterId,
            searchTerm: term ? term : null,
            ...this.serverSort
        });
    }

    private toRows(leads: LeadRow[]): QueueRow[] {
        const now = Date.now();
        return leads.map((lead) => ({
            ...lead,
            age: formatAge(lead.createdDate, now),
            acceptTitle: formatLabel(acceptTitleLabel, lead.name),
            acceptDisabled: this.limitReached || this.claiming.has(lead.id)
        }));
    }

    /** Recomputes the per-row state (age, disabled Accept) after a change that is not a reload. */
    private restate(): void {
        this.rows = this.toRows(this.rows);
    }

    /** Starts the list over: first page for the current sort and search. */
    private async loadFirstPage(): Promise<void> {
        const generation = this.answers.restart();
        const startedAt = this.mutations;
        this.isLoading = true;
        this.poller.stop();
        try {
            const page = await this.fetchPage(null);
            if (!this.answers.isCurrent(generation)) return;
            this.rows = this.toRows(this.withoutRemoved(page.leads, startedAt));
            this.next = page.next;
            this.error = undefined;
        } catch (error) {
            if (!this.answers.isCurrent(generation)) return;
            this.rows = [];
            this.next = null;
            this.setError(error, loadErrorLabel);
        } finally {
            if (this.answers.isCurrent(generation)) {
                this.isLoading = false;
                if (this.connected) this.poller.start();
            }
        }
    }

    /** Reloads the first page, keeping rows loaded beyond it and dropping rows that vanished from it. */
    private async refresh(): Promise<boolean> {
        if (this.refreshing || this.isLoading) return true;
        const generation = this.answers.ticket();
        const startedAt = this.mutations;
        this.refreshing = true;
        try {
            const [page] = await Promise.all([this.fetchPage(null), this.recheckAllowance()]);
            if (!this.answers.isCurrent(generation)) return true;
            this.rows = this.toRows(this.merge(this.withoutRemoved(page.leads, startedAt), page.next));
            if (this.error) this.error = undefined;
            return true;
        } catch (error) {
            if (this.answers.isCurrent(generation)) this.setError(error, loadErrorLabel);
            return false;
        } finally {
            this.refreshing = false;
            this.pruneRemoved(startedAt);
        }
    }

    /**
     * Fresh first page + the loaded rows past its end. Rows the old list held up to the last row the fresh
     * page still has, and that the fresh page lacks, are gone; rows after that point were never reloaded.
     */
    private merge(fresh: LeadRow[], freshNext: string | null): LeadRow[] {
        const freshIds = new Set(fresh.map((lead) => lead.id));
        let lastShared = -1;
        this.rows.forEach((row, index) => {
            if (freshIds.has(row.id)) lastShared = index;
        });
        // The fresh page is the whole queue, or shares nothing with what we had: it replaces the list.
        if (freshNext === null || lastShared < 0) {
            this.moveCursor(freshNext);
            return fresh;
        }
        const tail = this.rows.slice(lastShared + 1).filter((row) => !freshIds.has(row.id));
        if (tail.length === 0) this.moveCursor(freshNext);
        return [...fresh, ...tail];
    }

    private moveCursor(next: string | null): void {
        if (next !== this.next) this.cursorMoves++;
        this.next = next;
    }

    private withoutRemoved(leads: LeadRow[], startedAt: number): LeadRow[] {
        return leads.filter((lead) => (this.removedAt.get(lead.id) ?? -1) <= startedAt);
    }

    private pruneRemoved(startedAt: number): void {
        this.removedAt.forEach((at, id) => {
            if (at <= startedAt) this.removedAt.delete(id);
        });
    }

    private setError(error: unknown, message: string): void {
        this.error = error;
        this.errorMessage = message;
    }

    async handleLoadMore(): Promise<void> {
        if (!this.next || this.isLoadingMore || this.isLoading) return;
        const generation = this.answers.ticket();
        const cursorMoves = this.cursorMoves;
        this.isLoadingMore = true;
        try {
            const page = await this.fetchPage(this.next);
            if (!this.answers.isCurrent(generation) || cursorMoves !== this.cursorMoves) return;
            const known = new Set(this.rows.map((row) => row.id));
            const added = this.withoutRemoved(page.leads, this.mutations).filter(
                (lead) => !known.has(lead.id)
            );
            this.rows = [...this.rows, ...this.toRows(added)];
            this.next = page.next;
        } catch (error) {
            if (this.answers.isCurrent(generation)) this.setError(error, loadErrorLabel);
        } finally {
            this.isLoadingMore = false;
        }
    }

    /** A header click sorts by that column ascending, or flips the order of the column already sorted. */
    handleSortClick(event: Event): void {
        const column = (event.currentTarget as HTMLElement | null)?.dataset.column;
        if (column !== 'name' && column !== 'company' && column !== 'age') return;
        this.sortDirection = column === this.sortColumn ? flip(this.sortDirection) : 'asc';
        this.sortColumn = column;
        this.loadFirstPage();
    }

    handleSearchChange(event: CustomEvent<{ value: string }>): void {
        const value = (event.detail?.value ?? '').slice(0, MAX_SEARCH_LENGTH);
        clearTimeout(this.searchTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: one query once typing pauses
        this.searchTimer = setTimeout(() => {
            this.searchTimer = undefined;
            if (value.trim() === this.searchTerm.trim()) {
                this.searchTerm = value;
                return;
            }
            this.searchTerm = value;
            this.loadFirstPage();
        }, SEARCH_DELAY_MS);
    }

    async handleAccept(event: Event): Promise<void> {
        const leadId = (event.currentTarget as HTMLElement | null)?.dataset.leadId;
        if (!leadId || !this.rows.some((row) => row.id === leadId)) return;
        await this.claim(leadId);
    }

    private async claim(leadId: string): Promise<void> {
        if (this.limitReached || this.claiming.has(leadId)) return;
        this.claiming.add(leadId);
        this.restate();
        let result: ClaimResult | undefined;
        try {
            result = await claimLead({ leadId });
        } catch (error) {
            this.setError(error, claimErrorLabel);
        }
        this.claiming.delete(leadId);
        if (result) await this.applyClaimResult(leadId, result);
        this.restate();
        if (result) {
            // Kept before dispatching: window listeners run during dispatchEvent.
            this.ownEvent = leadEvent(LEAD_CLAIMED_EVENT, result);
            this.dispatchEvent(this.ownEvent);
            notifyRecordUpdateAvailable([{ recordId: leadId }]).catch(() => undefined);
        }
    }

    private async applyClaimResult(leadId: string, result: ClaimResult): Promise<void> {
        switch (result.code) {
            case 'CLAIMED':
            case 'ALREADY_CLAIMED':
                this.removeRow(leadId);
                showOutcome(this, result);
                break;
            case 'CLAIM_LIMIT_REACHED':
            case 'DAILY_LIMIT_REACHED': {
                this.limitReached = true;
                const allowance = await this.fetchAllowance();
                const numbers = allowance ? this.allowanceText(allowance) : '';
                this.limitMessage = numbers ? `${limitNoticeLabel} ${numbers}` : limitNoticeLabel;
                showOutcome(this, result, numbers);
                break;
            }
            default:
                showOutcome(this, result);
        }
    }

    private removeRow(leadId: string): void {
        this.removedAt.set(leadId, ++this.mutations);
        this.rows = this.rows.filter((row) => row.id !== leadId);
    }

    private allowanceText(allowance: Allowance): string {
        return `${formatLabel(allowanceOpenLabel, allowance.openClaims, allowance.openLimit)} · ${formatLabel(
            allowanceDailyLabel,
            allowance.claimsToday,
            allowance.dailyLimit
        )}`;
    }

    private async fetchAllowance(): Promise<Allowance | undefined> {
        try {
            return await getAllowance({});
        } catch {
            return undefined;
        }
    }

    /** While Accept is paused by a limit, asks for the allowance and resumes once there is room. */
    private async recheckAllowance(): Promise<void> {
        if (!this.limitReached) return;
        const allowance = await this.fetchAllowance();
        if (allowance && hasRoom(allowance)) {
            this.limitReached = false;
            this.limitMessage = '';
        } else if (allowance) {
            this.limitMessage = `${limitNoticeLabel} ${this.allowanceText(allowance)}`;
        }
    }

    /** Another component released, converted or claimed a lead: refresh now, and re-check a paused limit. */
    private readonly handleLeadChanged = (event: Event): void => {
        if (event === this.ownEvent || !this.connected || this.isLoading) return;
        this.refresh().then((ok) => this.poller.refreshed(ok));
    };
}
