import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import locale from '@salesforce/i18n/locale';
import currency from '@salesforce/i18n/currency';
import getSubmittedRegistrations from '@salesforce/apex/DealRegistrationController.getSubmittedRegistrations';
import getRegistration from '@salesforce/apex/DealRegistrationController.getRegistration';
import approveRegistrations from '@salesforce/apex/DealRegistrationController.approveRegistrations';
import rejectRegistrations from '@salesforce/apex/DealRegistrationController.rejectRegistrations';
import extendProtection from '@salesforce/apex/DealRegistrationController.extendProtection';
import getRegistrationFigures from '@salesforce/apex/DealRegistrationController.getRegistrationFigures';
import type {
    DecisionResult,
    PartnerFigures,
    RegistrationDetail,
    RegistrationFigures,
    ReviewRow
} from 'canal/apex/DealRegistrationController';
import { showToast, toastOf } from 'c/claimOutcomes';
import { formatLabel } from 'c/labelFormat';
import {
    badgeClass,
    conflictLines,
    decisionText,
    figuresText,
    formatDay,
    protectionText,
    type ConflictLine
} from 'c/dealRegistrationView';
import titleLabel from '@salesforce/label/c.Canal_Deal_Review_Title';
import queueLabel from '@salesforce/label/c.Canal_Deal_Review_Queue';
import emptyLabel from '@salesforce/label/c.Canal_Deal_Review_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Deal_Review_Load_Error';
import detailLoadErrorLabel from '@salesforce/label/c.Canal_Deal_Review_Detail_Load_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import selectLabel from '@salesforce/label/c.Canal_Deal_Review_Select';
import selectAllLabel from '@salesforce/label/c.Canal_Deal_Review_Select_All';
import selectColumnLabel from '@salesforce/label/c.Canal_Deal_Col_Select';
import registrationLabel from '@salesforce/label/c.Canal_Deal_Col_Registration';
import partnerLabel from '@salesforce/label/c.Canal_Deal_Col_Partner';
import companyLabel from '@salesforce/label/c.Canal_Deal_Field_Company';
import contactLabel from '@salesforce/label/c.Canal_Deal_Col_Contact';
import emailLabel from '@salesforce/label/c.Canal_Deal_Field_Contact_Email';
import phoneLabel from '@salesforce/label/c.Canal_Deal_Field_Contact_Phone';
import countryLabel from '@salesforce/label/c.Canal_Deal_Field_Country';
import taxIdLabel from '@salesforce/label/c.Canal_Deal_Field_Tax_Id';
import productLabel from '@salesforce/label/c.Canal_Deal_Field_Product_Interest';
import descriptionLabel from '@salesforce/label/c.Canal_Deal_Field_Description';
import amountLabel from '@salesforce/label/c.Canal_Deal_Field_Amount';
import closeDateLabel from '@salesforce/label/c.Canal_Deal_Field_Close_Date';
import submittedLabel from '@salesforce/label/c.Canal_Deal_Col_Submitted';
import statusLabel from '@salesforce/label/c.Canal_Deal_Col_Status';
import conflictLabel from '@salesforce/label/c.Canal_Deal_Col_Conflict';
import resultLabel from '@salesforce/label/c.Canal_Deal_Col_Result';
import conflictBadgeLabel from '@salesforce/label/c.Canal_Deal_Review_Conflict';
import noConflictLabel from '@salesforce/label/c.Canal_Deal_Review_No_Conflict';
import approveLabel from '@salesforce/label/c.Canal_Deal_Review_Approve';
import rejectLabel from '@salesforce/label/c.Canal_Deal_Review_Reject';
import reasonLabel from '@salesforce/label/c.Canal_Deal_Review_Reason';
import reasonRequiredLabel from '@salesforce/label/c.Canal_Deal_Review_Reason_Required';
import noneSelectedLabel from '@salesforce/label/c.Canal_Deal_Review_None_Selected';
import resultsLabel from '@salesforce/label/c.Canal_Deal_Review_Results';
import extendLabel from '@salesforce/label/c.Canal_Deal_Review_Extend';
import decisionErrorLabel from '@salesforce/label/c.Canal_Deal_Review_Decision_Error';
import rejectionReasonLabel from '@salesforce/label/c.Canal_Deal_Rejection_Reason';
import figuresTitleLabel from '@salesforce/label/c.Canal_Deal_Figures_Title';
import figuresPendingLabel from '@salesforce/label/c.Canal_Deal_Figures_Pending';
import figuresRateLabel from '@salesforce/label/c.Canal_Deal_Figures_Approval_Rate';
import figuresMedianLabel from '@salesforce/label/c.Canal_Deal_Figures_Median';
import figuresConflictsLabel from '@salesforce/label/c.Canal_Deal_Figures_Conflicts';
import figuresByPartnerLabel from '@salesforce/label/c.Canal_Deal_Figures_By_Partner';
import figuresErrorLabel from '@salesforce/label/c.Canal_Deal_Figures_Error';
import figuresNoneLabel from '@salesforce/label/c.Canal_Deal_Figures_None';
import tierLabel from '@salesforce/label/c.Canal_Deal_Col_Tier';
import countSubmittedLabel from '@salesforce/label/c.Canal_Deal_Col_Count_Submitted';
import countApprovedLabel from '@salesforce/label/c.Canal_Deal_Col_Count_Approved';
import countRejectedLabel from '@salesforce/label/c.Canal_Deal_Col_Count_Rejected';
import countExpiredLabel from '@salesforce/label/c.Canal_Deal_Col_Count_Expired';

/** How many registrations one approve or reject call decides (the controller takes 1 to 25). */
const DECISION_BATCH = 25;

/** A submitted registration as the review table shows it. */
interface QueueRow extends ReviewRow {
    selected: boolean;
    selectLabel: string;
    partnerText: string;
    closeDateText: string;
    submittedText: string;
    lines: ConflictLine[];
    /** The last decision's result for this row, when it is still waiting (e.g. another one is approved). */
    resultText: string;
    /** The registration's record page (every field, the history); empty until its URL is generated. */
    recordUrl: string;
}

interface Navigator {
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

function registrationPage(recordId: string): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId, objectApiName: 'Deal_Registration__c', actionName: 'view' }
    };
}

/** One decision's result, kept after the decided row has left the queue. */
interface ResultRow {
    key: string;
    id: string;
    name: string;
    company: string;
    text: string;
    className: string;
    canExtend: boolean;
}

/** A label and a value of the record page's detail. */
interface DetailField {
    key: string;
    label: string;
    value: string;
    /** The description takes the whole width; the other fields a third. */
    className: string;
}

/** The base components' constraint validation API, as the reason field offers it. */
interface ValidatedInput extends HTMLElement {
    setCustomValidity(message: string): void;
    reportValidity(): boolean | undefined;
}

/**
 * Deal registrations, for channel managers: the submitted registrations oldest first, each with its partner and, when
 * flagged, a conflict badge and what it collides with (what, held by whom, since when). Select several, Approve, or
 * Reject with a reason (required); every registration gets its own result, read out in a live region, and approved
 * ones can have their protection extended once. Then the figures: by partner and outcome, approval rate, median time
 * to decision, conflicts. On a registration's record page (recordId) it shows that registration and its decision.
 */
export default class DealRegistrationReview extends NavigationMixin(LightningElement) {
    rows: QueueRow[] = [];
    results: ResultRow[] = [];
    figures: RegistrationFigures | undefined;
    detail: RegistrationDetail | undefined;
    reason = '';
    notice = '';
    isLoading = true;
    busy = false;
    error: unknown;
    errorMessage = loadErrorLabel;
    figuresError: unknown;
    currencyCode = currency;

    labels = {
        title: titleLabel,
        queue: queueLabel,
        empty: emptyLabel,
        loading: loadingLabel,
        selectAll: selectAllLabel,
        selectColumn: selectColumnLabel,
        registration: registrationLabel,
        partner: partnerLabel,
        company: companyLabel,
        contact: contactLabel,
        amount: amountLabel,
        closeDate: closeDateLabel,
        submitted: submittedLabel,
        status: statusLabel,
        conflict: conflictLabel,
        result: resultLabel,
        conflictBadge: conflictBadgeLabel,
        noConflict: noConflictLabel,
        approve: approveLabel,
        reject: rejectLabel,
        reason: reasonLabel,
        results: resultsLabel,
        extend: extendLabel,
        figuresTitle: figuresTitleLabel,
        figuresPending: figuresPendingLabel,
        figuresRate: figuresRateLabel,
        figuresMedian: figuresMedianLabel,
        figuresConflicts: figuresConflictsLabel,
        figuresByPartner: figuresByPartnerLabel,
        figuresError: figuresErrorLabel,
        tier: tierLabel,
        countSubmitted: countSubmittedLabel,
        countApproved: countApprovedLabel,
        countRejected: countRejectedLabel,
        countExpired: countExpiredLabel
    };

    private registrationId: string | undefined;
    private connected = false;
    private requests = 0;

    /** On a Deal_Registration__c record page: that registration; none for the review queue. */
    @api
    get recordId(): string | undefined {
        return this.registrationId;
    }
    set recordId(value: string | undefined) {
        const changed = (value || undefined) !== this.registrationId;
        this.registrationId = value || undefined;
        if (changed && this.connected) this.load();
    }

    override connectedCallback(): void {
        this.connected = true;
        this.load();
    }

    override disconnectedCallback(): void {
        this.connected = false;
    }

    get isRecordPage(): boolean {
        return Boolean(this.registrationId);
    }

    get isQueue(): boolean {
        return !this.registrationId;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.error && !this.hasRows;
    }

    get hasResults(): boolean {
        return this.results.length > 0;
    }

    get allSelected(): boolean {
        return this.hasRows && this.rows.every((row) => row.selected);
    }

    get selectedIds(): string[] {
        return this.rows.filter((row) => row.selected).map((row) => row.id);
    }

    /** The registration on its record page can still be decided. */
    get canDecide(): boolean {
        return this.isQueue ? this.hasRows : this.detail?.status === 'Submitted';
    }

    get canExtendDetail(): boolean {
        return this.detail?.status === 'Approved' && !this.detail.extended;
    }

    get detailBadgeClass(): string {
        return badgeClass(this.detail?.status ?? '');
    }

    get detailProtection(): string {
        return this.detail?.status === 'Approved' ? protectionText(this.detail.protectedUntil, locale) : '';
    }

    get detailReason(): string {
        const reason = this.detail?.status === 'Rejected' ? this.detail.rejectionReason : null;
        return reason ? formatLabel(rejectionReasonLabel, reason) : '';
    }

    get detailConflicts(): ConflictLine[] {
        return conflictLines(this.detail?.conflicts, locale);
    }

    get detailHasConflicts(): boolean {
        return this.detailConflicts.length > 0;
    }

    /** The registration's fields as label and value, blanks shown as a dash. */
    get detailFields(): DetailField[] {
        const detail = this.detail;
        if (!detail) return [];
        const fields: Array<[string, string, string | null]> = [
            ['partner', partnerLabel, detail.partnerName],
            ['company', companyLabel, detail.company],
            ['contact', contactLabel, detail.contactName],
            ['email', emailLabel, detail.contactEmail],
            ['phone', phoneLabel, detail.contactPhone],
            ['country', countryLabel, detail.country],
            ['taxId', taxIdLabel, detail.taxId],
            ['product', productLabel, detail.productInterest],
            ['closeDate', closeDateLabel, formatDay(detail.closeDate, locale)],
            ['submitted', submittedLabel, formatDay(detail.submittedAt, locale)],
            ['description', descriptionLabel, detail.description]
        ];
        return fields.map(([key, label, value]) => ({
            key,
            label,
            value: value || figuresNoneLabel,
            className: `slds-col slds-size_1-of-1 slds-m-bottom_x-small${
                key === 'description' ? '' : ' slds-medium-size_1-of-3'
            }`
        }));
    }

    get figureTexts(): {
        approvalRate: string;
        medianHours: string;
        pending: string;
        conflicts: string;
    } | null {
        return this.figures ? figuresText(this.figures, locale) : null;
    }

    get partnerFigures(): Array<PartnerFigures & { key: string; tierText: string }> {
        return (this.figures?.byPartner ?? []).map((row, index) => ({
            ...row,
            key: `${row.partnerName}-${index}`,
            tierText: row.tier ?? figuresNoneLabel
        }));
    }

    get hasPartnerFigures(): boolean {
        return this.partnerFigures.length > 0;
    }

    private load(): Promise<void> {
        return this.isRecordPage ? this.loadDetail() : this.loadQueue();
    }

    private async loadQueue(): Promise<void> {
        const request = ++this.requests;
        this.isLoading = true;
        const [queue, figures] = await Promise.allSettled([
            getSubmittedRegistrations({}),
            getRegistrationFigures({})
        ]);
        if (request !== this.requests) return;
        if (queue.status === 'fulfilled') {
            const selected = new Set(this.selectedIds);
            const pending = new Map(this.rows.map((row) => [row.id, row.resultText]));
            this.rows = queue.value.map((row) =>
                this.toQueueRow(row, selected.has(row.id), pending.get(row.id))
            );
            this.resolveRecordUrls();
            this.error = undefined;
        } else {
            this.rows = [];
            this.error = queue.reason;
            this.errorMessage = loadErrorLabel;
        }
        if (figures.status === 'fulfilled') {
            this.figures = figures.value;
            this.figuresError = undefined;
        } else {
            this.figures = undefined;
            this.figuresError = figures.reason;
        }
        this.isLoading = false;
    }

    private async loadDetail(): Promise<void> {
        const request = ++this.requests;
        const recordId = this.registrationId as string;
        this.isLoading = true;
        try {
            const detail = await getRegistration({ recordId });
            if (request !== this.requests) return;
            this.detail = detail;
            this.error = undefined;
        } catch (error) {
            if (request !== this.requests) return;
            this.detail = undefined;
            this.error = error;
            this.errorMessage = detailLoadErrorLabel;
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    private toQueueRow(row: ReviewRow, selected: boolean, resultText = ''): QueueRow {
        const name = `${row.name} ${row.company}`;
        return {
            ...row,
            selected,
            selectLabel: formatLabel(selectLabel, name),
            partnerText: row.tier ? `${row.partnerName} (${row.tier})` : row.partnerName,
            closeDateText: formatDay(row.closeDate, locale),
            submittedText: formatDay(row.submittedAt, locale),
            lines: row.conflict ? conflictLines(row.conflicts, locale) : [],
            resultText,
            recordUrl: ''
        };
    }

    /** Each registration's number links to its record page once the platform has generated the URL. */
    private async resolveRecordUrls(): Promise<void> {
        const navigator = this as unknown as Navigator;
        const urls = new Map<string, string>();
        await Promise.all(
            this.rows.map((row) =>
                navigator[NavigationMixin.GenerateUrl](registrationPage(row.id))
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

    handleSelect(event: CustomEvent<{ checked?: boolean }>): void {
        const id = (event.target as HTMLElement).dataset.rowId;
        const checked = Boolean(event.detail?.checked);
        this.rows = this.rows.map((row) => (row.id === id ? { ...row, selected: checked } : row));
        this.notice = '';
    }

    handleSelectAll(event: CustomEvent<{ checked?: boolean }>): void {
        const checked = Boolean(event.detail?.checked);
        this.rows = this.rows.map((row) => ({ ...row, selected: checked }));
        this.notice = '';
    }

    handleReasonChange(event: CustomEvent<{ value?: string }>): void {
        this.reason = event.detail?.value ?? '';
        if (this.reason.trim()) {
            const field = this.reasonField();
            field?.setCustomValidity('');
            field?.reportValidity();
        }
    }

    private reasonField(): ValidatedInput | null {
        return this.template?.querySelector<ValidatedInput>('[data-id="reason"]') ?? null;
    }

    /** The ids a decision applies to: the selected rows, or the registration of the record page. */
    private decisionIds(): string[] {
        if (this.isRecordPage) return this.detail ? [this.detail.id] : [];
        return this.selectedIds;
    }

    async handleApprove(): Promise<void> {
        const ids = this.decisionIds();
        if (!this.canStart(ids)) return;
        await this.decide(ids, (chunk) => approveRegistrations({ ids: chunk }));
    }

    /** A rejection needs a reason: a blank one is shown on the field and nothing is sent. */
    async handleReject(): Promise<void> {
        const ids = this.decisionIds();
        if (!this.canStart(ids)) return;
        const field = this.reasonField();
        const reason = this.reason.trim();
        if (!reason) {
            field?.setCustomValidity(reasonRequiredLabel);
            field?.reportValidity();
            field?.focus();
            return;
        }
        field?.setCustomValidity('');
        await this.decide(ids, (chunk) => rejectRegistrations({ ids: chunk, reason }));
    }

    async handleExtend(event: Event): Promise<void> {
        const id = (event.currentTarget as HTMLElement | null)?.dataset.rowId ?? this.detail?.id;
        if (!id || this.busy) return;
        this.busy = true;
        try {
            const result = await extendProtection({ recordId: id });
            this.applyResults([result]);
            if (this.isRecordPage) await this.loadDetail();
        } catch (error) {
            this.failDecision(error);
        } finally {
            this.busy = false;
        }
    }

    private canStart(ids: string[]): boolean {
        if (this.busy) return false;
        if (!ids.length) {
            this.notice = noneSelectedLabel;
            return false;
        }
        this.notice = '';
        return true;
    }

    /**
     * Runs a decision, DECISION_BATCH ids per call (the server's bound: one org transaction's DML budget); the queue
     * and the figures are then loaded again (decided rows leave the queue). When a call fails, the results of the
     * calls before it are still shown.
     */
    private async decide(ids: string[], call: (chunk: string[]) => Promise<DecisionResult[]>): Promise<void> {
        this.busy = true;
        const results: DecisionResult[] = [];
        let failure: unknown;
        try {
            for (let start = 0; start < ids.length; start += DECISION_BATCH) {
                // One batch after the other: each is its own transaction, and results keep the rows' order.
                // eslint-disable-next-line no-await-in-loop
                results.push(...(await call(ids.slice(start, start + DECISION_BATCH))));
            }
        } catch (error) {
            failure = error ?? new Error(decisionErrorLabel);
        }
        try {
            if (results.length) {
                this.applyResults(results);
                if (results.some((result) => result.code === 'REJECTED')) this.reason = '';
                await this.load();
            }
        } finally {
            this.busy = false;
        }
        if (failure !== undefined) this.failDecision(failure);
    }

    private failDecision(error: unknown): void {
        this.error = error;
        this.errorMessage = decisionErrorLabel;
        showToast(this, toastOf('error', decisionErrorLabel));
    }

    /**
     * Puts each result at the top of the results list (replacing an older result of the same registration) and on
     * its row while the row is still waiting; one toast sums them up.
     */
    private applyResults(results: DecisionResult[]): void {
        const known = new Map<string, { name: string; company: string }>();
        this.rows.forEach((row) => known.set(row.id, { name: row.name, company: row.company }));
        if (this.detail) known.set(this.detail.id, { name: this.detail.name, company: this.detail.company });
        this.results.forEach((row) => known.has(row.id) || known.set(row.id, row));
        const fresh = results.map((result, index) => {
            const { text, ok } = decisionText(result, locale);
            const record = known.get(result.id) ?? { name: result.id, company: '' };
            return {
                key: `${result.id}-${result.code}-${Date.now()}-${index}`,
                id: result.id,
                name: record.name,
                company: record.company,
                text,
                className: ok ? 'slds-text-color_success' : 'slds-text-color_error',
                canExtend: result.code === 'APPROVED'
            };
        });
        const decided = new Set(fresh.map((row) => row.id));
        this.results = [...fresh, ...this.results.filter((row) => !decided.has(row.id))];
        const byId = new Map(fresh.map((row) => [row.id, row.text]));
        this.rows = this.rows.map((row) => {
            const resultText = byId.get(row.id);
            return resultText === undefined ? row : { ...row, selected: false, resultText };
        });
        const failures = fresh.filter((row) => row.className === 'slds-text-color_error').length;
        showToast(
            this,
            toastOf(
                failures ? 'warning' : 'success',
                fresh.map((row) => `${row.name}: ${row.text}`).join(' ')
            )
        );
    }
}
