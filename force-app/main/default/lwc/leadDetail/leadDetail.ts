import RecordPageElement from 'c/recordPageElement';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getLead from '@salesforce/apex/LeadClaimController.getLead';
import type { ClaimResult, LeadDetail as Lead } from 'canal/apex/LeadClaimController';
import type { ConvertResult } from 'canal/apex/LeadConvertController';
import type { LeadSaveResult } from 'canal/apex/LeadEditController';
import { LEAD_CHANGED_EVENT, leadEvent, toClaimResult } from 'c/claimOutcomes';
import leadLabel from '@salesforce/label/c.Canal_Object_Lead';
import loadErrorLabel from '@salesforce/label/c.Canal_Detail_Load_Error';
import convertedLabel from '@salesforce/label/c.Canal_Detail_Converted';
import viewOpportunityLabel from '@salesforce/label/c.Canal_Detail_View_Opportunity';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import editLabel from '@salesforce/label/c.Canal_Action_Edit';
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
interface DetailField {
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

/** One lead: its details, and for the rep who holds it Editar (the full edit form) and Convertir (the convert panel). */
export default class LeadDetail extends NavigationMixin(RecordPageElement) {
    lead: Lead | undefined;
    editing = false;
    converting = false;
    isLoading = true;
    error: unknown;
    errorMessage = loadErrorLabel;
    opportunityUrl = '#';

    labels = {
        lead: leadLabel,
        loading: loadingLabel,
        edit: editLabel,
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

    /** Editar opens the full lead edit (c-lead-edit-form: the Canal_Partner_Lead_Edit field set). */
    handleEdit(): void {
        if (!this.lead) return;
        this.editing = true;
    }

    handleCancel(): void {
        this.editing = false;
        this.pendingFocus = '[data-action="edit"]';
    }

    /** The form saved: tell the page (My leads, Recent items) and read the lead again (status, expiry). */
    handleSaved(event: CustomEvent<LeadSaveResult>): void {
        const lead = this.lead;
        this.editing = false;
        this.pendingFocus = '[data-action="edit"]';
        if (!lead) return;
        const changed: ClaimResult = {
            code: 'UPDATED',
            message: event.detail?.message ?? '',
            leadId: lead.id,
            ownerId: null,
            claimedAt: null,
            opportunityId: null
        };
        this.dispatchEvent(leadEvent(LEAD_CHANGED_EVENT, changed));
        notifyRecordUpdateAvailable([{ recordId: lead.id }]).catch(() => undefined);
        this.load(false);
    }

    /** Opens the convert panel (c-lead-convert-panel), which takes the focus. */
    handleConvert(): void {
        if (!this.lead) return;
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
}
