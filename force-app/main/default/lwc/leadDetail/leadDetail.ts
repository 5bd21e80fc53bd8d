import RecordPageElement from 'c/recordPageElement';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getLead from '@salesforce/apex/LeadClaimController.getLead';
import getLeadStatuses from '@salesforce/apex/LeadClaimController.getLeadStatuses';
import updateLeadStatus from '@salesforce/apex/LeadClaimController.updateLeadStatus';
import type { ClaimResult, LeadDetail as Lead, StatusOption } from 'canal/apex/LeadClaimController';
import type { ConvertResult } from 'canal/apex/LeadConvertController';
import { toClaimResult } from 'c/leadConvertPanel';
import { LEAD_CHANGED_EVENT, leadEvent, outcomeOf, showOutcome } from 'c/claimOutcomes';
import leadLabel from '@salesforce/label/c.Canal_Object_Lead';
import loadErrorLabel from '@salesforce/label/c.Canal_Detail_Load_Error';
import actionErrorLabel from '@salesforce/label/c.Canal_Action_Error';
import convertedLabel from '@salesforce/label/c.Canal_Detail_Converted';
import viewOpportunityLabel from '@salesforce/label/c.Canal_Detail_View_Opportunity';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import editLabel from '@salesforce/label/c.Canal_Action_Edit';
import saveLabel from '@salesforce/label/c.Canal_Action_Save';
import cancelLabel from '@salesforce/label/c.Canal_Action_Cancel';
import convertLabel from '@salesforce/label/c.Canal_Action_Convert';
import companyLabel from '@salesforce/label/c.Canal_Lead_Company';
import emailLabel from '@salesforce/label/c.Canal_Lead_Email';
import cityLabel from '@salesforce/label/c.Canal_Lead_City';
import countryLabel from '@salesforce/label/c.Canal_Lead_Country';
import statusLabel from '@salesforce/label/c.Canal_Lead_Status';
import ownerLabel from '@salesforce/label/c.Canal_Lead_Owner';
import partnerAccountLabel from '@salesforce/label/c.Canal_Lead_Partner_Account';
import claimedAtLabel from '@salesforce/label/c.Canal_Lead_Claimed_At';
import expiresAtLabel from '@salesforce/label/c.Canal_Lead_Expires_At';

/** One field of the read view. */
export interface DetailField {
    key: string;
    labelKey: string;
    label: string;
    value: string;
    isEmail: boolean;
    isDate: boolean;
    isText: boolean;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

/** Codes after which the lead is re-read: it changed hands or state under us. */
const STALE_CODES: ReadonlySet<string> = new Set(['NOT_OWNER', 'NOT_FOUND', 'NOT_ELIGIBLE']);

function field(
    key: string,
    label: string,
    value: string | null,
    kind: 'text' | 'email' | 'date' = 'text'
): DetailField {
    return {
        key,
        labelKey: `${key}-label`,
        label,
        value: value ?? '',
        isEmail: kind === 'email' && Boolean(value),
        isDate: kind === 'date' && Boolean(value),
        isText: kind === 'text' || !value
    };
}

function opportunityPage(recordId: string): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' }
    };
}

/** One lead: its details, and for the rep who holds it Edit (status), Save, Cancel and Convert. */
export default class LeadDetail extends NavigationMixin(RecordPageElement) {
    lead: Lead | undefined;
    statusOptions: StatusOption[] = [];
    draftStatus = '';
    editing = false;
    converting = false;
    busy = false;
    isLoading = true;
    error: unknown;
    errorMessage = loadErrorLabel;
    notice = '';
    opportunityUrl = '#';

    labels = {
        lead: leadLabel,
        loading: loadingLabel,
        edit: editLabel,
        save: saveLabel,
        cancel: cancelLabel,
        convert: convertLabel,
        status: statusLabel,
        converted: convertedLabel,
        viewOpportunity: viewOpportunityLabel
    };

    private requests = 0;

    protected override recordChanged(): void {
        this.editing = false;
        this.converting = false;
        this.load(true);
    }

    get heading(): string {
        return this.lead?.name || leadLabel;
    }

    get fields(): DetailField[] {
        const lead = this.lead;
        if (!lead) return [];
        return [
            field('company', companyLabel, lead.company),
            field('email', emailLabel, lead.email, 'email'),
            field('city', cityLabel, lead.city),
            field('country', countryLabel, lead.country),
            field('status', statusLabel, lead.statusLabel),
            field('owner', ownerLabel, lead.ownerName),
            field('partner', partnerAccountLabel, lead.partnerAccountName),
            field('claimedAt', claimedAtLabel, lead.claimedAt, 'date'),
            field('expiresAt', expiresAtLabel, lead.claimExpiresAt, 'date')
        ];
    }

    get canEdit(): boolean {
        return Boolean(this.lead?.canEdit) && !this.editing && !this.converting;
    }

    get isConverted(): boolean {
        return Boolean(this.lead?.isConverted);
    }

    get hasOpportunity(): boolean {
        return Boolean(this.lead?.convertedOpportunityId);
    }

    get saveDisabled(): boolean {
        return this.busy || !this.draftStatus;
    }

    get showLoadError(): boolean {
        return Boolean(this.error) && !this.lead;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && Boolean(this.lead);
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    /** Reads the lead; `showSpinner` for a first load, quietly after a save. */
    private async load(showSpinner: boolean): Promise<void> {
        const request = ++this.requests;
        const leadId = this.recordId;
        if (!leadId) {
            this.lead = undefined;
            this.isLoading = false;
            return;
        }
        if (showSpinner) this.isLoading = true;
        try {
            const lead = await getLead({ leadId });
            const opportunityId = lead.convertedOpportunityId;
            const url = opportunityId
                ? await this.navigator[NavigationMixin.GenerateUrl](opportunityPage(opportunityId)).catch(
                      () => '#'
                  )
                : '#';
            if (request !== this.requests) return;
            this.lead = lead;
            this.opportunityUrl = url;
            this.error = undefined;
        } catch (error) {
            if (request !== this.requests) return;
            if (showSpinner) this.lead = undefined;
            this.setError(error, loadErrorLabel);
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    private setError(error: unknown, message: string): void {
        this.error = error;
        this.errorMessage = message;
    }

    async handleEdit(): Promise<void> {
        if (!this.lead) return;
        this.notice = '';
        this.draftStatus = this.lead.status;
        this.editing = true;
        this.pendingFocus = 'lightning-combobox';
        if (this.statusOptions.length === 0) {
            try {
                this.statusOptions = await getLeadStatuses({});
            } catch (error) {
                this.setError(error, actionErrorLabel);
            }
        }
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        this.draftStatus = event.detail.value;
    }

    handleCancel(): void {
        this.editing = false;
        this.notice = '';
        this.pendingFocus = '[data-action="edit"]';
    }

    async handleSave(): Promise<void> {
        const lead = this.lead;
        const status = this.draftStatus;
        if (!lead || !status || this.busy) return;
        const result = await this.run(() => updateLeadStatus({ leadId: lead.id, status }));
        if (result?.code !== 'UPDATED') return;
        const label = this.statusOptions.find((option) => option.value === status)?.label ?? status;
        this.lead = { ...lead, status, statusLabel: label };
        this.editing = false;
        this.pendingFocus = '[data-action="edit"]';
        // Saving clears the claim's expiry on the server: read the lead again for it.
        this.load(false);
    }

    /** Opens the convert panel (c-lead-convert-panel), which takes the focus. */
    handleConvert(): void {
        if (!this.lead || this.busy) return;
        this.notice = '';
        this.converting = true;
    }

    handleConvertCancel(): void {
        this.converting = false;
        this.pendingFocus = '[data-action="convert"]';
    }

    /** The panel converted the lead (and opens the opportunity when one was created): tell the page, re-read. */
    handleConverted(event: CustomEvent<ConvertResult>): void {
        const leadId = this.lead?.id;
        this.converting = false;
        this.error = undefined;
        this.dispatchEvent(leadEvent(LEAD_CHANGED_EVENT, toClaimResult(event.detail)));
        if (leadId) notifyRecordUpdateAvailable([{ recordId: leadId }]).catch(() => undefined);
        if (!event.detail.opportunityId) this.load(false);
    }

    handleOpenOpportunity(event: Event): void {
        event.preventDefault();
        const opportunityId = this.lead?.convertedOpportunityId;
        if (opportunityId) this.navigator[NavigationMixin.Navigate](opportunityPage(opportunityId));
    }

    /** Runs one action: toasts its outcome, shows a failure in place too, tells the page on success. */
    private async run(action: () => Promise<ClaimResult>): Promise<ClaimResult | undefined> {
        const leadId = this.lead?.id;
        if (!leadId) return undefined;
        this.busy = true;
        this.notice = '';
        try {
            const result = await action();
            showOutcome(this, result);
            if (result.code === 'UPDATED' || result.code === 'CONVERTED') {
                this.error = undefined;
                this.dispatchEvent(leadEvent(LEAD_CHANGED_EVENT, result));
                notifyRecordUpdateAvailable([{ recordId: leadId }]).catch(() => undefined);
            } else {
                // Record pages in Lightning Experience may have no toast container: say it here as well.
                this.notice = outcomeOf(result.code).label;
                if (STALE_CODES.has(result.code)) {
                    this.editing = false;
                    this.load(false);
                }
            }
            return result;
        } catch (error) {
            this.setError(error, actionErrorLabel);
            return undefined;
        } finally {
            this.busy = false;
        }
    }
}
