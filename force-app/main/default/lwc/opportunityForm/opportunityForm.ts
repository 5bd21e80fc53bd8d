import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import getOpportunity from '@salesforce/apex/OpportunityController.getOpportunity';
import getStages from '@salesforce/apex/OpportunityController.getStages';
import getAccountOptions from '@salesforce/apex/OpportunityController.getAccountOptions';
import saveOpportunity from '@salesforce/apex/OpportunityController.saveOpportunity';
import type {
    AccountOption,
    OpportunityDetail,
    OpportunityField,
    SaveCode,
    SaveResult,
    StageOption
} from 'canal/apex/OpportunityController';
import { showToast, toastOf, toastTitle, type ToastVariant } from 'c/claimOutcomes';
import {
    LIMITS,
    draftOf,
    emptyDraft,
    toInput,
    validateDraft,
    type Draft,
    type FieldErrors
} from 'c/opportunityDraft';
import newTitleLabel from '@salesforce/label/c.Canal_Opp_New';
import editTitleLabel from '@salesforce/label/c.Canal_Opp_Form_Edit_Title';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import saveLabel from '@salesforce/label/c.Canal_Action_Save';
import cancelLabel from '@salesforce/label/c.Canal_Action_Cancel';
import loadErrorLabel from '@salesforce/label/c.Canal_Opp_Form_Load_Error';
import saveErrorLabel from '@salesforce/label/c.Canal_Opp_Save_Error';
import formInvalidLabel from '@salesforce/label/c.Canal_Opp_Form_Invalid';
import nameLabel from '@salesforce/label/c.Canal_Opp_Field_Name';
import accountLabel from '@salesforce/label/c.Canal_Opp_Field_Account';
import accountSearchLabel from '@salesforce/label/c.Canal_Opp_Account_Search';
import accountPlaceholderLabel from '@salesforce/label/c.Canal_Opp_Account_Placeholder';
import stageLabel from '@salesforce/label/c.Canal_Opp_Field_Stage';
import stagePlaceholderLabel from '@salesforce/label/c.Canal_Opp_Stage_Placeholder';
import probabilityLabel from '@salesforce/label/c.Canal_Opp_Field_Probability';
import amountLabel from '@salesforce/label/c.Canal_Opp_Field_Amount';
import closeDateLabel from '@salesforce/label/c.Canal_Opp_Field_Close_Date';
import nextStepLabel from '@salesforce/label/c.Canal_Opp_Field_Next_Step';
import descriptionLabel from '@salesforce/label/c.Canal_Opp_Field_Description';
import nameRequiredLabel from '@salesforce/label/c.Canal_Opp_Error_Name_Required';
import nameTooLongLabel from '@salesforce/label/c.Canal_Opp_Error_Name_Too_Long';
import accountRequiredLabel from '@salesforce/label/c.Canal_Opp_Error_Account_Required';
import stageInvalidLabel from '@salesforce/label/c.Canal_Opp_Error_Stage_Invalid';
import closeDateRequiredLabel from '@salesforce/label/c.Canal_Opp_Error_Close_Date_Required';
import closeDateInvalidLabel from '@salesforce/label/c.Canal_Opp_Error_Close_Date_Invalid';
import amountRangeLabel from '@salesforce/label/c.Canal_Opp_Error_Amount_Range';
import nextStepTooLongLabel from '@salesforce/label/c.Canal_Opp_Error_Next_Step_Too_Long';
import descriptionTooLongLabel from '@salesforce/label/c.Canal_Opp_Error_Description_Too_Long';
import SAVED from '@salesforce/label/c.Canal_Opp_Outcome_SAVED';
import INVALID from '@salesforce/label/c.Canal_Opp_Outcome_INVALID';
import NOT_FOUND from '@salesforce/label/c.Canal_Opp_Outcome_NOT_FOUND';
import NOT_EDITABLE from '@salesforce/label/c.Canal_Opp_Outcome_NOT_EDITABLE';
import NOT_ELIGIBLE from '@salesforce/label/c.Canal_Opp_Outcome_NOT_ELIGIBLE';
import CUSTOMER_PROTECTED from '@salesforce/label/c.Canal_Opp_Outcome_CUSTOMER_PROTECTED';

/** Dispatched after a save, with the record's id. */
const SAVED_EVENT = 'opportunitysaved';
/** Dispatched when the user cancels: nothing was saved. */
const CANCEL_EVENT = 'opportunitycancel';

const OUTCOMES: Record<SaveCode, { label: string; variant: ToastVariant }> = {
    SAVED: { label: SAVED, variant: 'success' },
    INVALID: { label: INVALID, variant: 'warning' },
    NOT_FOUND: { label: NOT_FOUND, variant: 'error' },
    NOT_EDITABLE: { label: NOT_EDITABLE, variant: 'error' },
    NOT_ELIGIBLE: { label: NOT_ELIGIBLE, variant: 'error' },
    CUSTOMER_PROTECTED: { label: CUSTOMER_PROTECTED, variant: 'error' }
};
const FIELDS: ReadonlySet<string> = new Set<OpportunityField>([
    'name',
    'accountId',
    'stageName',
    'amount',
    'closeDate',
    'nextStep',
    'description'
]);
const SEARCH_DELAY_MS = 300;
const MAX_SEARCH_LENGTH = 80;

/** A field input as the form drives it: the base components' constraint validation API. */
interface FieldInput extends HTMLElement {
    dataset: DOMStringMap & { field?: OpportunityField };
    setCustomValidity(message: string): void;
    reportValidity(): boolean | undefined;
    checkValidity(): boolean | undefined;
}

/**
 * Creates (no recordId) or edits an opportunity in place: name, customer account, stage (its probability follows),
 * amount, close date, next step and description. Checks every field before saving and shows the server's field
 * errors on the fields; Save dispatches `opportunitysaved` and a toast, Cancel dispatches `opportunitycancel`.
 */
export default class OpportunityForm extends NavigationMixin(LightningElement) {
    /**
     * On a page of its own (the site's New opportunity page) nobody listens for the events: Save then opens the
     * saved deal's page and Cancel the Opportunities list.
     */
    @api standalone = false;

    opportunity: OpportunityDetail | undefined;
    stages: StageOption[] = [];
    accountOptions: AccountOption[] = [];
    draft: Draft = emptyDraft();
    accountSearch = '';
    isLoading = true;
    saving = false;
    error: unknown;
    errorMessage = loadErrorLabel;
    loadFailed = false;
    notice = '';

    labels = {
        loading: loadingLabel,
        save: saveLabel,
        cancel: cancelLabel,
        name: nameLabel,
        account: accountLabel,
        accountSearch: accountSearchLabel,
        accountPlaceholder: accountPlaceholderLabel,
        stage: stageLabel,
        stagePlaceholder: stagePlaceholderLabel,
        probability: probabilityLabel,
        amount: amountLabel,
        closeDate: closeDateLabel,
        nextStep: nextStepLabel,
        description: descriptionLabel,
        nameRequired: nameRequiredLabel,
        nameTooLong: nameTooLongLabel,
        accountRequired: accountRequiredLabel,
        stageInvalid: stageInvalidLabel,
        closeDateRequired: closeDateRequiredLabel,
        closeDateInvalid: closeDateInvalidLabel,
        amountRange: amountRangeLabel,
        nextStepTooLong: nextStepTooLongLabel,
        descriptionTooLong: descriptionTooLongLabel
    };
    limits = LIMITS;
    maxAmount = '999999999999.99';
    maxSearchLength = MAX_SEARCH_LENGTH;

    private opportunityId: string | undefined;
    private connected = false;
    private requests = 0;
    private searches = 0;
    private searchTimer: ReturnType<typeof setTimeout> | undefined;
    /** The server's field errors, shown until the field changes. */
    private serverErrors: FieldErrors = {};
    private pendingFocus: string | undefined;

    /** The opportunity to edit; none for a new one. */
    @api
    get recordId(): string | undefined {
        return this.opportunityId;
    }
    set recordId(value: string | undefined) {
        const changed = value !== this.opportunityId;
        this.opportunityId = value || undefined;
        if (changed && this.connected) this.load();
    }

    override connectedCallback(): void {
        this.connected = true;
        this.load();
    }

    override disconnectedCallback(): void {
        this.connected = false;
        clearTimeout(this.searchTimer);
    }

    override renderedCallback(): void {
        if (!this.pendingFocus) return;
        const target = this.template?.querySelector<HTMLElement>(this.pendingFocus);
        if (target) {
            this.pendingFocus = undefined;
            target.focus();
        }
    }

    get isNew(): boolean {
        return !this.opportunityId;
    }

    get heading(): string {
        return this.isNew ? newTitleLabel : editTitleLabel;
    }

    get readOnly(): boolean {
        return Boolean(this.opportunity) && !this.opportunity?.canEdit;
    }

    get showForm(): boolean {
        return !this.isLoading && !this.loadFailed;
    }

    get showLoadError(): boolean {
        return !this.isLoading && this.loadFailed;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && !this.loadFailed;
    }

    get saveDisabled(): boolean {
        return this.saving || this.isLoading || this.loadFailed || this.readOnly;
    }

    get stageOptions(): Array<{ label: string; value: string }> {
        return this.stages.map((stage) => ({ label: stage.label, value: stage.value }));
    }

    /** The search results, plus the account the opportunity already has, so the combobox can always show it. */
    get accountComboboxOptions(): Array<{ label: string; value: string }> {
        const options = this.accountOptions.map((account) => ({ label: account.name, value: account.id }));
        const current = this.opportunity;
        if (
            current?.accountId &&
            current.accountId === this.draft.accountId &&
            !options.some((option) => option.value === current.accountId)
        ) {
            options.unshift({ label: current.accountName ?? current.accountId, value: current.accountId });
        }
        return options;
    }

    /** The chosen stage's default probability: what the opportunity will have once saved. */
    get probability(): string {
        const stage = this.stages.find((option) => option.value === this.draft.stageName);
        return stage ? String(stage.probability) : '';
    }

    private async load(): Promise<void> {
        const request = ++this.requests;
        const recordId = this.opportunityId;
        this.isLoading = true;
        this.notice = '';
        this.error = undefined;
        this.loadFailed = false;
        this.serverErrors = {};
        try {
            const [stages, accounts, opportunity] = await Promise.all([
                this.stages.length ? Promise.resolve(this.stages) : getStages({}),
                getAccountOptions({ searchTerm: null }),
                recordId ? getOpportunity({ recordId }) : Promise.resolve(undefined)
            ]);
            if (request !== this.requests) return;
            this.stages = stages;
            this.accountOptions = accounts;
            this.opportunity = opportunity;
            this.draft = opportunity ? draftOf(opportunity) : emptyDraft();
            this.accountSearch = '';
            if (opportunity && !opportunity.canEdit) this.notice = NOT_EDITABLE;
            this.pendingFocus = '[data-field="name"]';
        } catch (error) {
            if (request !== this.requests) return;
            this.opportunity = undefined;
            this.loadFailed = true;
            this.error = error;
            this.errorMessage = loadErrorLabel;
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    handleFieldChange(event: CustomEvent<{ value?: unknown }>): void {
        const input = event.target as FieldInput;
        const field = input.dataset.field;
        if (!field || !FIELDS.has(field)) return;
        const value = event.detail?.value;
        this.draft = { ...this.draft, [field]: value === null || value === undefined ? '' : String(value) };
        if (this.serverErrors[field]) {
            delete this.serverErrors[field];
            input.setCustomValidity('');
            input.reportValidity();
        }
    }

    handleAccountSearch(event: CustomEvent<{ value?: string }>): void {
        const term = (event.detail?.value ?? '').slice(0, MAX_SEARCH_LENGTH);
        this.accountSearch = term;
        clearTimeout(this.searchTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: one search once typing pauses
        this.searchTimer = setTimeout(() => {
            this.searchTimer = undefined;
            this.searchAccounts(term.trim());
        }, SEARCH_DELAY_MS);
    }

    private async searchAccounts(term: string): Promise<void> {
        const search = ++this.searches;
        try {
            const accounts = await getAccountOptions({ searchTerm: term || null });
            if (search === this.searches) this.accountOptions = accounts;
        } catch (error) {
            if (search === this.searches) {
                this.error = error;
                this.errorMessage = loadErrorLabel;
            }
        }
    }

    handleCancel(): void {
        clearTimeout(this.searchTimer);
        this.dispatchEvent(new CustomEvent(CANCEL_EVENT));
        if (this.standalone)
            this.navigate({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Opportunity', actionName: 'list', filterName: 'Default' }
            });
    }

    private navigate(pageReference: PageReference): void {
        (this as unknown as { [NavigationMixin.Navigate](ref: PageReference): void })[
            NavigationMixin.Navigate
        ](pageReference);
    }

    async handleSave(): Promise<void> {
        if (this.saveDisabled) return;
        this.notice = '';
        this.error = undefined;
        this.serverErrors = {};
        const errors = validateDraft(this.draft, this.stages);
        if (!this.showErrors(errors)) {
            this.notice = formInvalidLabel;
            return;
        }
        this.saving = true;
        try {
            const result = await saveOpportunity({ input: toInput(this.draft, this.opportunityId) });
            this.applyResult(result);
        } catch (error) {
            this.error = error;
            this.errorMessage = saveErrorLabel;
        } finally {
            this.saving = false;
        }
    }

    private applyResult(result: SaveResult): void {
        const outcome = OUTCOMES[result.code] ?? {
            label: toastTitle('error'),
            variant: 'error' as ToastVariant
        };
        if (result.code === 'SAVED') {
            const recordId = result.recordId ?? this.opportunityId ?? '';
            showToast(this, toastOf('success', outcome.label));
            this.dispatchEvent(new CustomEvent(SAVED_EVENT, { detail: { recordId } }));
            if (recordId) notifyRecordUpdateAvailable([{ recordId }]).catch(() => undefined);
            if (this.standalone && recordId)
                this.navigate({
                    type: 'standard__recordPage',
                    attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' }
                });
            return;
        }
        const fieldErrors: FieldErrors = {};
        const unplaced: string[] = [];
        Object.entries(result.fieldErrors ?? {}).forEach(([field, message]) => {
            if (FIELDS.has(field)) fieldErrors[field as OpportunityField] = message;
            else unplaced.push(message);
        });
        this.serverErrors = fieldErrors;
        this.showErrors(fieldErrors);
        // An INVALID without field errors carries its own message (an org validation rule's text).
        const placed = Object.keys(fieldErrors).length > 0;
        const message =
            result.code === 'INVALID' && !placed && result.message ? result.message : outcome.label;
        this.notice = [message, ...unplaced].join(' ');
        showToast(this, toastOf(outcome.variant, message));
    }

    private fieldInputs(): FieldInput[] {
        return Array.from(this.template?.querySelectorAll<FieldInput>('[data-field]') ?? []);
    }

    /**
     * Puts each message on its field (setCustomValidity + reportValidity) and clears the others; the base
     * components' own checks (required, bad input) count too. Returns whether every field is valid; focuses the
     * first one that is not.
     */
    private showErrors(errors: FieldErrors): boolean {
        let firstInvalid: FieldInput | undefined;
        for (const input of this.fieldInputs()) {
            const field = input.dataset.field;
            input.setCustomValidity((field && errors[field]) || '');
            const valid = input.reportValidity() !== false && input.checkValidity() !== false;
            if (!firstInvalid && (!valid || (field && errors[field]))) firstInvalid = input;
        }
        firstInvalid?.focus();
        return !firstInvalid;
    }
}
