import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import getConvertOptions from '@salesforce/apex/LeadConvertController.getConvertOptions';
import convertLead from '@salesforce/apex/LeadConvertController.convertLead';
import type { AccountMatch, ConvertOptions, ConvertResult } from 'canal/apex/LeadConvertController';
import { outcomeOf, showOutcome } from 'c/claimOutcomes';
import { formatLabel } from 'c/labelFormat';
import titleLabel from '@salesforce/label/c.Canal_Convert_Title';
import loadErrorLabel from '@salesforce/label/c.Canal_Convert_Load_Error';
import actionErrorLabel from '@salesforce/label/c.Canal_Action_Error';
import noLeadLabel from '@salesforce/label/c.Canal_Outcome_INVALID_ID';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import cancelLabel from '@salesforce/label/c.Canal_Action_Cancel';
import convertLabel from '@salesforce/label/c.Canal_Action_Convert';
import accountLegendLabel from '@salesforce/label/c.Canal_Convert_Account_Legend';
import accountNewLabel from '@salesforce/label/c.Canal_Convert_Account_New';
import accountExistingLabel from '@salesforce/label/c.Canal_Convert_Account_Existing';
import matchedNameLabel from '@salesforce/label/c.Canal_Convert_Matched_Name';
import matchedDomainLabel from '@salesforce/label/c.Canal_Convert_Matched_Domain';
import noMatchesLabel from '@salesforce/label/c.Canal_Convert_No_Matches';
import contactLegendLabel from '@salesforce/label/c.Canal_Convert_Contact_Legend';
import contactNewLabel from '@salesforce/label/c.Canal_Convert_Contact_New';
import contactExistingLabel from '@salesforce/label/c.Canal_Convert_Contact_Existing';
import opportunityLegendLabel from '@salesforce/label/c.Canal_Convert_Opportunity_Legend';
import opportunityNameLabel from '@salesforce/label/c.Canal_Convert_Opportunity_Name';
import opportunityNameRequiredLabel from '@salesforce/label/c.Canal_Convert_Opportunity_Name_Required';
import noOpportunityLabel from '@salesforce/label/c.Canal_Convert_No_Opportunity';
import amountLabel from '@salesforce/label/c.Canal_Convert_Amount';
import amountNegativeLabel from '@salesforce/label/c.Canal_Convert_Amount_Negative';
import closeDateLabel from '@salesforce/label/c.Canal_Convert_Close_Date';
import statusLabel from '@salesforce/label/c.Canal_Convert_Status';
import summaryTitleLabel from '@salesforce/label/c.Canal_Convert_Summary_Title';
import summaryNewAccountLabel from '@salesforce/label/c.Canal_Convert_Summary_New_Account';
import summaryExistingAccountLabel from '@salesforce/label/c.Canal_Convert_Summary_Existing_Account';
import summaryNewContactLabel from '@salesforce/label/c.Canal_Convert_Summary_New_Contact';
import summaryExistingContactLabel from '@salesforce/label/c.Canal_Convert_Summary_Existing_Contact';
import summaryOpportunityLabel from '@salesforce/label/c.Canal_Convert_Summary_Opportunity';
import summaryNoOpportunityLabel from '@salesforce/label/c.Canal_Convert_Summary_No_Opportunity';
import summaryFinalLabel from '@salesforce/label/c.Canal_Convert_Summary_Final';

/** The choice of a new account or contact in the radio groups. */
const NEW_RECORD = 'new';
/** The longest opportunity name (Opportunity.Name), as the server checks it. */
const MAX_OPPORTUNITY_NAME = 120;

/** One radio button of the account or contact group. */
interface RadioChoice {
    inputId: string;
    value: string;
    label: string;
    checked: boolean;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
}

interface Validatable extends HTMLElement {
    reportValidity(): boolean;
    setCustomValidity(message: string): void;
}

/**
 * The convert form of one lead as an inline panel: the account (new, prefilled from the lead, or a customer that
 * matches), the contact (new, or a match on that account), the opportunity (name, or none; amount and close date),
 * the converted status when there is a choice, and a live summary. Focus moves to the panel when it opens; Escape
 * and Cancel fire `cancel` (the host returns focus); a conversion fires `converted` and opens the opportunity.
 */
export default class LeadConvertPanel extends NavigationMixin(LightningElement) {
    /** The lead to convert. */
    @api leadId: string | undefined;

    options: ConvertOptions | undefined;
    accountChoice = NEW_RECORD;
    contactChoice = NEW_RECORD;
    opportunityName = '';
    noOpportunity = false;
    amount: number | null = null;
    closeDate: string | null = null;
    status: string | null = null;
    isLoading = true;
    busy = false;
    error: unknown;
    errorMessage = loadErrorLabel;
    notice = '';

    labels = {
        loading: loadingLabel,
        cancel: cancelLabel,
        convert: convertLabel,
        accountLegend: accountLegendLabel,
        noMatches: noMatchesLabel,
        contactLegend: contactLegendLabel,
        opportunityLegend: opportunityLegendLabel,
        opportunityName: opportunityNameLabel,
        opportunityNameRequired: opportunityNameRequiredLabel,
        noOpportunity: noOpportunityLabel,
        amount: amountLabel,
        amountNegative: amountNegativeLabel,
        closeDate: closeDateLabel,
        status: statusLabel,
        summaryTitle: summaryTitleLabel,
        summaryFinal: summaryFinalLabel
    };
    maxNameLength = MAX_OPPORTUNITY_NAME;

    private focusPending = true;

    override connectedCallback(): void {
        this.load();
    }

    override renderedCallback(): void {
        // Focus moves into the panel once, when it opens (the heading, so screen readers announce the form).
        if (!this.focusPending) return;
        const heading = this.template?.querySelector<HTMLElement>('[data-id="convert-title"]');
        if (heading) {
            this.focusPending = false;
            heading.focus();
        }
    }

    get heading(): string {
        return formatLabel(titleLabel, this.options?.contactName || this.options?.company || '');
    }

    get hasOptions(): boolean {
        return !this.isLoading && this.options?.code === 'OK';
    }

    get showLoadError(): boolean {
        return !this.isLoading && !this.hasOptions;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && this.hasOptions;
    }

    get loadErrorText(): string {
        return this.options && this.options.code !== 'OK' ? outcomeOf(this.options.code).label : '';
    }

    get noMatches(): boolean {
        return (this.options?.accounts.length ?? 0) === 0;
    }

    get nameRequired(): boolean {
        return !this.noOpportunity;
    }

    get accountChoices(): RadioChoice[] {
        const options = this.options;
        if (!options) return [];
        return [
            {
                inputId: 'account-new',
                value: NEW_RECORD,
                label: formatLabel(accountNewLabel, options.company ?? ''),
                checked: this.accountChoice === NEW_RECORD
            },
            ...options.accounts.map((account, index) => ({
                inputId: `account-${index}`,
                value: account.id,
                label: formatLabel(
                    accountExistingLabel,
                    account.name,
                    account.matchedBy === 'NAME' ? matchedNameLabel : matchedDomainLabel
                ),
                checked: this.accountChoice === account.id
            }))
        ];
    }

    get chosenAccount(): AccountMatch | undefined {
        return this.options?.accounts.find((account) => account.id === this.accountChoice);
    }

    get hasContactMatches(): boolean {
        return (this.chosenAccount?.contacts.length ?? 0) > 0;
    }

    get contactChoices(): RadioChoice[] {
        const account = this.chosenAccount;
        const contactName = this.options?.contactName ?? '';
        return [
            {
                inputId: 'contact-new',
                value: NEW_RECORD,
                label: formatLabel(contactNewLabel, contactName),
                checked: this.contactChoice === NEW_RECORD
            },
            ...(account?.contacts ?? []).map((contact, index) => ({
                inputId: `contact-${index}`,
                value: contact.id,
                label: formatLabel(
                    contactExistingLabel,
                    contact.name,
                    contact.email ? `(${contact.email})` : ''
                ).trim(),
                checked: this.contactChoice === contact.id
            }))
        ];
    }

    get statusOptions(): Array<{ label: string; value: string }> {
        return (this.options?.statuses ?? []).map((s) => ({ label: s.label, value: s.value }));
    }

    /** The converted status is a choice only when the org has more than one. */
    get hasStatusChoice(): boolean {
        return (this.options?.statuses.length ?? 0) > 1;
    }

    get opportunityFieldsDisabled(): boolean {
        return this.noOpportunity || this.busy;
    }

    /** What the conversion will do, one line each, in the rep's words. */
    get summary(): Array<{ key: string; text: string }> {
        const options = this.options;
        if (!options) return [];
        const account = this.chosenAccount;
        const contact = account?.contacts.find((c) => c.id === this.contactChoice);
        const name = this.opportunityName.trim();
        return [
            {
                key: 'account',
                text: account
                    ? formatLabel(summaryExistingAccountLabel, account.name)
                    : formatLabel(summaryNewAccountLabel, options.company ?? '')
            },
            {
                key: 'contact',
                text: contact
                    ? formatLabel(summaryExistingContactLabel, contact.name)
                    : formatLabel(summaryNewContactLabel, options.contactName ?? '')
            },
            {
                key: 'opportunity',
                text: this.noOpportunity
                    ? summaryNoOpportunityLabel
                    : formatLabel(summaryOpportunityLabel, name || '…')
            }
        ];
    }

    get convertDisabled(): boolean {
        return this.busy || !this.hasOptions;
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    private async load(): Promise<void> {
        const leadId = this.leadId;
        this.isLoading = true;
        try {
            if (!leadId) throw new Error(noLeadLabel);
            const options = await getConvertOptions({ leadId });
            this.options = options;
            this.opportunityName = options.opportunityName ?? '';
            this.status = options.defaultStatus;
            this.error = options.code === 'OK' ? undefined : this.error;
        } catch (error) {
            this.error = error;
            this.errorMessage = loadErrorLabel;
        } finally {
            this.isLoading = false;
        }
    }

    handleAccountChange(event: Event): void {
        this.accountChoice = (event.target as HTMLInputElement).value;
        // A contact belongs to its account: another account means a new contact until the rep picks one.
        this.contactChoice = NEW_RECORD;
    }

    handleContactChange(event: Event): void {
        this.contactChoice = (event.target as HTMLInputElement).value;
    }

    handleNameChange(event: CustomEvent<{ value: string }>): void {
        this.opportunityName = event.detail.value ?? '';
    }

    handleNoOpportunityChange(event: CustomEvent<{ checked: boolean }>): void {
        this.noOpportunity = Boolean(event.detail.checked);
    }

    handleAmountChange(event: CustomEvent<{ value: string }>): void {
        const value = event.detail.value;
        this.amount = value === '' || value === null || value === undefined ? null : Number(value);
    }

    handleCloseDateChange(event: CustomEvent<{ value: string }>): void {
        this.closeDate = event.detail.value || null;
    }

    handleStatusChange(event: CustomEvent<{ value: string }>): void {
        this.status = event.detail.value;
    }

    handleKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape' && !this.busy) {
            event.stopPropagation();
            this.handleCancel();
        }
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    /** Checks the fields and says what is wrong beside each one; true when the request may go. */
    private validate(): boolean {
        const nameError =
            !this.noOpportunity && this.opportunityName.trim() === '' ? opportunityNameRequiredLabel : '';
        const amountError =
            !this.noOpportunity && this.amount !== null && !(this.amount >= 0) ? amountNegativeLabel : '';
        this.showValidity('opportunityName', nameError);
        this.showValidity('amount', amountError);
        return !nameError && !amountError;
    }

    private showValidity(field: string, message: string): void {
        const input = this.template?.querySelector<Validatable>(`[data-field="${field}"]`);
        if (typeof input?.setCustomValidity === 'function') input.setCustomValidity(message);
        if (typeof input?.reportValidity === 'function') input.reportValidity();
    }

    async handleConvert(): Promise<void> {
        const leadId = this.leadId;
        if (!leadId || this.convertDisabled || !this.validate()) return;
        this.busy = true;
        this.notice = '';
        try {
            const accountId = this.chosenAccount ? this.chosenAccount.id : null;
            const result: ConvertResult = await convertLead({
                request: {
                    leadId,
                    accountId,
                    contactId: accountId && this.contactChoice !== NEW_RECORD ? this.contactChoice : null,
                    doNotCreateOpportunity: this.noOpportunity,
                    opportunityName: this.noOpportunity ? null : this.opportunityName.trim(),
                    amount: this.noOpportunity ? null : this.amount,
                    closeDate: this.noOpportunity ? null : this.closeDate,
                    convertedStatus: this.status
                }
            });
            showOutcome(this, result);
            if (result.code !== 'CONVERTED') {
                // Said in place too: record pages in Lightning Experience may have no toast container.
                this.notice = outcomeOf(result.code).label;
                return;
            }
            this.error = undefined;
            this.dispatchEvent(new CustomEvent('converted', { detail: result }));
            if (result.opportunityId) {
                this.navigator[NavigationMixin.Navigate]({
                    type: 'standard__recordPage',
                    attributes: {
                        recordId: result.opportunityId,
                        objectApiName: 'Opportunity',
                        actionName: 'view'
                    }
                });
            }
        } catch (error) {
            this.error = error;
            this.errorMessage = actionErrorLabel;
        } finally {
            this.busy = false;
        }
    }
}
