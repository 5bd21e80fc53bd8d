import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getMyLeads from '@salesforce/apex/LeadClaimController.getMyLeads';
import getLeadStatuses from '@salesforce/apex/LeadClaimController.getLeadStatuses';
import updateLeadStatus from '@salesforce/apex/LeadClaimController.updateLeadStatus';
import releaseLead from '@salesforce/apex/LeadClaimController.releaseLead';
import type { ClaimResult, LeadRow, StatusOption } from 'canal/apex/LeadClaimController';
import type { ConvertResult } from 'canal/apex/LeadConvertController';
import { LEAD_CHANGED_EVENT, leadEvent, onLeadEvents, showOutcome, toClaimResult } from 'c/claimOutcomes';
import { formatLabel } from 'c/labelFormat';
import { AnswerGuard } from 'c/answerGuard';
import { Poller } from 'c/poller';
import titleLabel from '@salesforce/label/c.Canal_MyLeads_Title';
import emptyLabel from '@salesforce/label/c.Canal_MyLeads_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_MyLeads_Load_Error';
import statusForLabel from '@salesforce/label/c.Canal_MyLeads_Status_For';
import actionErrorLabel from '@salesforce/label/c.Canal_Action_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import saveLabel from '@salesforce/label/c.Canal_Action_Save';
import releaseLabel from '@salesforce/label/c.Canal_Action_Release';
import convertLabel from '@salesforce/label/c.Canal_Action_Convert';
import confirmLabel from '@salesforce/label/c.Canal_Action_Confirm';
import cancelLabel from '@salesforce/label/c.Canal_Action_Cancel';
import loadMoreLabel from '@salesforce/label/c.Canal_Action_Load_More';
import reasonLabel from '@salesforce/label/c.Canal_Release_Reason';
import releaseTitleLabel from '@salesforce/label/c.Canal_Release_Title';
import companyLabel from '@salesforce/label/c.Canal_Lead_Company';
import cityLabel from '@salesforce/label/c.Canal_Lead_City';

/** One of the rep's leads as the list shows it. */
interface MyLeadRow extends LeadRow {
    url: string;
    place: string;
    draftStatus: string;
    statusFieldLabel: string;
    releaseTitle: string;
    saveDisabled: boolean;
    busy: boolean;
    isReleasing: boolean;
    isConverting: boolean;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_REFRESH_SECONDS = 15;
const MAX_PAGE_SIZE = 200;
const MAX_REASON_LENGTH = 255;
/** Codes that mean the list no longer matches the server: it reloads. */
const STALE_CODES: ReadonlySet<string> = new Set(['NOT_OWNER', 'NOT_FOUND', 'NOT_ELIGIBLE']);

function leadPage(recordId: string): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId, objectApiName: 'Lead', actionName: 'view' }
    };
}

/** The rep's own open leads: change the status, release with a reason, or convert to an opportunity. */
export default class MyLeads extends NavigationMixin(LightningElement) {
    /** Leads fetched per page (the server allows 1 to 200). */
    @api pageSize = DEFAULT_PAGE_SIZE;
    /** The list reloads at most this often while the page is visible (leads assigned directly arrive so). */
    @api refreshIntervalSeconds = DEFAULT_REFRESH_SECONDS;

    leads: LeadRow[] = [];
    statusOptions: StatusOption[] = [];
    drafts: Record<string, string> = {};
    urls: Record<string, string> = {};
    busyId: string | null = null;
    releasingId: string | null = null;
    convertingId: string | null = null;
    releaseReason = '';
    error: unknown;
    errorMessage = loadErrorLabel;
    isLoading = true;
    isLoadingMore = false;

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        loading: loadingLabel,
        save: saveLabel,
        release: releaseLabel,
        convert: convertLabel,
        confirm: confirmLabel,
        cancel: cancelLabel,
        loadMore: loadMoreLabel,
        reason: reasonLabel,
        company: companyLabel,
        city: cityLabel
    };
    maxReasonLength = MAX_REASON_LENGTH;

    private next: string | null = null;
    private answers = new AnswerGuard();
    private ownEvent: Event | undefined;
    private stopListening: (() => void) | undefined;
    private pendingFocus: string | undefined;
    // Like the queue: reloads on a timer while the page is visible, at once when it shows again, slower on errors.
    private poller = new Poller(() => this.reload(), {
        intervalMs: () => {
            const seconds = Number(this.refreshIntervalSeconds);
            return (seconds > 0 ? seconds : DEFAULT_REFRESH_SECONDS) * 1000;
        },
        pollOnVisible: true
    });

    override connectedCallback(): void {
        this.stopListening = onLeadEvents(this.handleLeadEvent);
        this.reload();
        this.poller.start();
    }

    override disconnectedCallback(): void {
        this.stopListening?.();
        this.stopListening = undefined;
        this.poller.stop();
    }

    override renderedCallback(): void {
        if (!this.pendingFocus) return;
        const target = this.template?.querySelector<HTMLElement>(this.pendingFocus);
        if (target) {
            this.pendingFocus = undefined;
            target.focus();
        }
    }

    get rows(): MyLeadRow[] {
        return this.leads.map((lead) => {
            const draftStatus = this.drafts[lead.id] ?? lead.status;
            const busy = this.busyId === lead.id;
            return {
                ...lead,
                url: this.urls[lead.id] ?? '#',
                place: [lead.company, lead.city].filter(Boolean).join(' · '),
                draftStatus,
                statusFieldLabel: formatLabel(statusForLabel, lead.name),
                releaseTitle: formatLabel(releaseTitleLabel, lead.name),
                saveDisabled: busy || draftStatus === lead.status,
                busy,
                isReleasing: this.releasingId === lead.id,
                isConverting: this.convertingId === lead.id
            };
        });
    }

    get hasRows(): boolean {
        return this.leads.length > 0;
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

    get confirmDisabled(): boolean {
        const length = this.releaseReason.trim().length;
        return this.busyId !== null || length === 0 || length > MAX_REASON_LENGTH;
    }

    private get effectivePageSize(): number {
        const size = Math.trunc(Number(this.pageSize));
        return size > 0 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    /** Reads the status options until it once succeeds; resolves to the error of a failed read. */
    private async loadStatuses(): Promise<unknown> {
        if (this.statusOptions.length > 0) return undefined;
        try {
            this.statusOptions = await getLeadStatuses({});
            return undefined;
        } catch (error) {
            return error;
        }
    }

    /** Loads the first page again, as many rows as were shown, keeping unsaved status choices; false on failure. */
    private async reload(): Promise<boolean> {
        const generation = this.answers.restart();
        const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(this.effectivePageSize, this.leads.length));
        try {
            const [page, statusError] = await Promise.all([
                getMyLeads({ pageSize, afterId: null }),
                this.loadStatuses()
            ]);
            if (!this.answers.isCurrent(generation)) return true;
            await this.generateUrls(page.leads);
            this.leads = page.leads;
            this.next = page.next;
            this.drafts = this.keepDrafts(page.leads);
            // Without the status options the rows still show; the panel says what is missing.
            this.error = statusError;
            this.errorMessage = loadErrorLabel;
            return true;
        } catch (error) {
            if (this.answers.isCurrent(generation)) this.setError(error, loadErrorLabel);
            return false;
        } finally {
            if (this.answers.isCurrent(generation)) this.isLoading = false;
        }
    }

    async handleLoadMore(): Promise<void> {
        if (!this.next || this.isLoadingMore) return;
        const generation = this.answers.ticket();
        this.isLoadingMore = true;
        try {
            const page = await getMyLeads({ pageSize: this.effectivePageSize, afterId: this.next });
            if (!this.answers.isCurrent(generation)) return;
            const known = new Set(this.leads.map((lead) => lead.id));
            const added = page.leads.filter((lead) => !known.has(lead.id));
            await this.generateUrls(added);
            this.leads = [...this.leads, ...added];
            this.next = page.next;
        } catch (error) {
            this.setError(error, loadErrorLabel);
        } finally {
            this.isLoadingMore = false;
        }
    }

    private async generateUrls(leads: LeadRow[]): Promise<void> {
        const missing = leads.filter((lead) => !this.urls[lead.id]);
        if (missing.length === 0) return;
        const urls = await Promise.all(
            missing.map((lead) =>
                this.navigator[NavigationMixin.GenerateUrl](leadPage(lead.id)).catch(() => '#')
            )
        );
        const next = { ...this.urls };
        missing.forEach((lead, index) => {
            next[lead.id] = urls[index];
        });
        this.urls = next;
    }

    private keepDrafts(leads: LeadRow[]): Record<string, string> {
        const kept: Record<string, string> = {};
        for (const lead of leads) {
            const draft = this.drafts[lead.id];
            if (draft !== undefined && draft !== lead.status) kept[lead.id] = draft;
        }
        return kept;
    }

    private setError(error: unknown, message: string): void {
        this.error = error;
        this.errorMessage = message;
    }

    private leadIdOf(event: Event): string {
        return (event.currentTarget as HTMLElement).dataset.leadId ?? '';
    }

    handleOpen(event: Event): void {
        event.preventDefault();
        const leadId = this.leadIdOf(event);
        if (leadId) this.navigator[NavigationMixin.Navigate](leadPage(leadId));
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        const leadId = this.leadIdOf(event);
        if (!leadId) return;
        this.drafts = { ...this.drafts, [leadId]: event.detail.value };
    }

    async handleSave(event: Event): Promise<void> {
        const leadId = this.leadIdOf(event);
        const status = this.drafts[leadId];
        if (!leadId || status === undefined) return;
        const result = await this.run(leadId, () => updateLeadStatus({ leadId, status }));
        if (result?.code === 'UPDATED') {
            const label = this.statusOptions.find((option) => option.value === status)?.label ?? status;
            this.leads = this.leads.map((lead) => {
                return lead.id === leadId ? { ...lead, status, statusLabel: label } : lead;
            });
            const { [leadId]: saved, ...others } = this.drafts;
            this.drafts = saved === undefined ? this.drafts : others;
        }
    }

    handleStartRelease(event: Event): void {
        const leadId = this.leadIdOf(event);
        this.releasingId = leadId;
        this.releaseReason = '';
        this.pendingFocus = 'lightning-textarea';
    }

    handleReasonChange(event: CustomEvent<{ value: string }>): void {
        this.releaseReason = event.detail.value ?? '';
    }

    handleCancelRelease(): void {
        const leadId = this.releasingId;
        this.releasingId = null;
        this.releaseReason = '';
        if (leadId) this.pendingFocus = `[data-action="release"][data-lead-id="${leadId}"]`;
    }

    async handleConfirmRelease(): Promise<void> {
        const leadId = this.releasingId;
        const reason = this.releaseReason.trim();
        const textarea = this.template?.querySelector<HTMLElement & { reportValidity(): boolean }>(
            'lightning-textarea'
        );
        if (!leadId || this.confirmDisabled) {
            textarea?.reportValidity();
            return;
        }
        const result = await this.run(leadId, () => releaseLead({ leadId, reason }));
        if (result?.code === 'RELEASED') {
            this.releasingId = null;
            this.releaseReason = '';
            this.removeLead(leadId);
        }
    }

    /** Opens the convert panel (c-lead-convert-panel) under the lead's row; it takes the focus. */
    handleConvert(event: Event): void {
        const leadId = this.leadIdOf(event);
        if (!leadId) return;
        this.releasingId = null;
        this.convertingId = leadId;
    }

    handleConvertCancel(): void {
        const leadId = this.convertingId;
        this.convertingId = null;
        if (leadId) this.pendingFocus = `[data-action="convert"][data-lead-id="${leadId}"]`;
    }

    /** The panel converted the lead (and opens the opportunity when one was created): the row leaves the list. */
    handleConverted(event: CustomEvent<ConvertResult>): void {
        const leadId = this.convertingId;
        this.convertingId = null;
        if (!leadId) return;
        if (this.error) this.error = undefined;
        this.ownEvent = leadEvent(LEAD_CHANGED_EVENT, toClaimResult(event.detail));
        this.dispatchEvent(this.ownEvent);
        notifyRecordUpdateAvailable([{ recordId: leadId }]).catch(() => undefined);
        this.removeLead(leadId);
    }

    /** Runs one action on one lead: toasts its outcome, tells the page on success, reloads when stale. */
    private async run(leadId: string, action: () => Promise<ClaimResult>): Promise<ClaimResult | undefined> {
        if (this.busyId) return undefined;
        this.busyId = leadId;
        try {
            const result = await action();
            showOutcome(this, result);
            if (result.code === 'UPDATED' || result.code === 'RELEASED' || result.code === 'CONVERTED') {
                if (this.error) this.error = undefined;
                this.ownEvent = leadEvent(LEAD_CHANGED_EVENT, result);
                this.dispatchEvent(this.ownEvent);
                notifyRecordUpdateAvailable([{ recordId: leadId }]).catch(() => undefined);
            } else if (STALE_CODES.has(result.code)) {
                this.reload();
            }
            return result;
        } catch (error) {
            this.setError(error, actionErrorLabel);
            return undefined;
        } finally {
            this.busyId = null;
        }
    }

    private removeLead(leadId: string): void {
        this.leads = this.leads.filter((lead) => lead.id !== leadId);
        const { [leadId]: removed, ...others } = this.drafts;
        if (removed !== undefined) this.drafts = others;
    }

    /** A lead was claimed or changed elsewhere on the page: the list reloads (its own events excepted). */
    private readonly handleLeadEvent = (event: Event): void => {
        if (event === this.ownEvent) return;
        this.reload();
    };
}
