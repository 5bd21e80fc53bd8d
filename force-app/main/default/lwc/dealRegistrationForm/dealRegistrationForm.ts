import { LightningElement, api } from 'lwc';
import submitRegistration from '@salesforce/apex/DealRegistrationController.submitRegistration';
import type { SubmitResult } from 'canal/apex/DealRegistrationController';
import { showToast, toastOf } from 'c/claimOutcomes';
import {
    LIMITS,
    emptyDraft,
    isField,
    newSubmitKey,
    toInput,
    todayIso,
    validateDraft,
    type Draft,
    type FieldErrors
} from 'c/dealRegistrationDraft';
import headingLabel from '@salesforce/label/c.Canal_Deal_Register';
import introLabel from '@salesforce/label/c.Canal_Deal_Form_Intro';
import companyLabel from '@salesforce/label/c.Canal_Deal_Field_Company';
import contactNameLabel from '@salesforce/label/c.Canal_Deal_Field_Contact_Name';
import contactEmailLabel from '@salesforce/label/c.Canal_Deal_Field_Contact_Email';
import contactPhoneLabel from '@salesforce/label/c.Canal_Deal_Field_Contact_Phone';
import countryLabel from '@salesforce/label/c.Canal_Deal_Field_Country';
import taxIdLabel from '@salesforce/label/c.Canal_Deal_Field_Tax_Id';
import productInterestLabel from '@salesforce/label/c.Canal_Deal_Field_Product_Interest';
import amountLabel from '@salesforce/label/c.Canal_Deal_Field_Amount';
import closeDateLabel from '@salesforce/label/c.Canal_Deal_Field_Close_Date';
import descriptionLabel from '@salesforce/label/c.Canal_Deal_Field_Description';
import submitLabel from '@salesforce/label/c.Canal_Deal_Form_Submit';
import cancelLabel from '@salesforce/label/c.Canal_Action_Cancel';
import companyRequiredLabel from '@salesforce/label/c.Canal_Deal_Form_Company_Required';
import emailRequiredLabel from '@salesforce/label/c.Canal_Deal_Form_Email_Required';
import emailInvalidLabel from '@salesforce/label/c.Canal_Deal_Form_Email_Invalid';
import amountNegativeLabel from '@salesforce/label/c.Canal_Deal_Form_Amount_Negative';
import closeDatePastLabel from '@salesforce/label/c.Canal_Deal_Form_Close_Date_Past';
import closeDateInvalidLabel from '@salesforce/label/c.Canal_Deal_Form_Close_Date_Invalid';
import tooLongLabel from '@salesforce/label/c.Canal_Deal_Form_Too_Long';
import submittedLabel from '@salesforce/label/c.Canal_Deal_Form_Submitted';
import protectedLabel from '@salesforce/label/c.Canal_Deal_Form_Customer_Protected';
import invalidLabel from '@salesforce/label/c.Canal_Deal_Form_Invalid';
import submitErrorLabel from '@salesforce/label/c.Canal_Deal_Form_Submit_Error';

/** Dispatched once the registration is submitted, with its record id. */
const SUBMITTED_EVENT = 'registrationsubmitted';
/** Dispatched when the rep cancels: nothing was sent. */
const CANCEL_EVENT = 'registrationcancel';

/** A field input as the form drives it: the base components' constraint validation API. */
interface FieldInput extends HTMLElement {
    dataset: DOMStringMap & { field?: string };
    setCustomValidity(message: string): void;
    reportValidity(): boolean | undefined;
    checkValidity(): boolean | undefined;
}

/**
 * Register a deal: the customer company, the contact, country, tax id, product interest, estimated amount, expected
 * close date and the need. Checks what the server checks before sending, shows the server's field errors on the
 * fields, and sends one submit key per opened form, so a double click or a retry registers the deal once. On
 * SUBMITTED it says "Submitted: under review" and dispatches `registrationsubmitted`; a customer another partner
 * holds is refused with a message that names nobody.
 */
export default class DealRegistrationForm extends LightningElement {
    draft: Draft = emptyDraft();
    submitting = false;
    error: unknown;
    errorMessage = submitErrorLabel;
    /** A message for the whole form (the outcome that is not a field's), read out as an alert. */
    notice = '';
    noticeIsError = false;

    labels = {
        heading: headingLabel,
        intro: introLabel,
        company: companyLabel,
        contactName: contactNameLabel,
        contactEmail: contactEmailLabel,
        contactPhone: contactPhoneLabel,
        country: countryLabel,
        taxId: taxIdLabel,
        productInterest: productInterestLabel,
        amount: amountLabel,
        closeDate: closeDateLabel,
        description: descriptionLabel,
        submit: submitLabel,
        cancel: cancelLabel,
        companyRequired: companyRequiredLabel,
        emailRequired: emailRequiredLabel,
        emailInvalid: emailInvalidLabel,
        amountNegative: amountNegativeLabel,
        closeDatePast: closeDatePastLabel,
        closeDateInvalid: closeDateInvalidLabel,
        tooLong: tooLongLabel
    };
    limits = LIMITS;
    maxAmount = '99999999999999.99';
    today = todayIso();

    /** The key every submit of this opened form carries; a new one only once the server created nothing. */
    private submitKey = newSubmitKey();
    /** The server's field errors, shown until the field changes. */
    private serverErrors: FieldErrors = {};
    private pendingFocus: string | undefined;

    override connectedCallback(): void {
        this.pendingFocus = '[data-field="company"]';
    }

    override renderedCallback(): void {
        if (!this.pendingFocus) return;
        const target = this.template?.querySelector<HTMLElement>(this.pendingFocus);
        if (target) {
            this.pendingFocus = undefined;
            target.focus();
        }
    }

    /** Empties the form for another registration, with a new submit key. */
    @api
    reset(): void {
        this.draft = emptyDraft();
        this.submitKey = newSubmitKey();
        this.serverErrors = {};
        this.notice = '';
        this.error = undefined;
        this.today = todayIso();
    }

    get noticeClass(): string {
        return `slds-scoped-notification slds-m-bottom_small ${
            this.noticeIsError ? 'slds-theme_error' : 'slds-theme_warning'
        }`;
    }

    handleFieldChange(event: CustomEvent<{ value?: unknown }>): void {
        const input = event.target as FieldInput;
        const field = input.dataset.field;
        if (!isField(field)) return;
        const value = event.detail?.value;
        this.draft = { ...this.draft, [field]: value === null || value === undefined ? '' : String(value) };
        if (this.serverErrors[field]) {
            delete this.serverErrors[field];
            input.setCustomValidity('');
            input.reportValidity();
        }
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent(CANCEL_EVENT));
    }

    /** Sends the registration once: a second click while the first is on its way does nothing. */
    async handleSubmit(): Promise<void> {
        if (this.submitting) return;
        this.notice = '';
        this.error = undefined;
        this.serverErrors = {};
        this.today = todayIso();
        if (!this.showErrors(validateDraft(this.draft, this.today))) {
            this.setNotice(invalidLabel, false);
            return;
        }
        this.submitting = true;
        try {
            const result = await submitRegistration({
                input: toInput(this.draft),
                submitKey: this.submitKey
            });
            this.applyResult(result);
        } catch (error) {
            // The answer was lost, not necessarily the registration: the same key again returns the first one.
            this.error = error;
            this.errorMessage = submitErrorLabel;
        } finally {
            this.submitting = false;
        }
    }

    private applyResult(result: SubmitResult): void {
        if (result.code === 'SUBMITTED') {
            showToast(this, toastOf('success', submittedLabel));
            this.dispatchEvent(
                new CustomEvent(SUBMITTED_EVENT, {
                    detail: { recordId: result.recordId, status: result.status }
                })
            );
            return;
        }
        // INVALID and CUSTOMER_PROTECTED create nothing: the next submit is a new attempt with a key of its own.
        this.submitKey = newSubmitKey();
        if (result.code === 'CUSTOMER_PROTECTED') {
            this.setNotice(protectedLabel, true);
            showToast(this, toastOf('warning', protectedLabel));
            return;
        }
        const fieldErrors: FieldErrors = {};
        const unplaced: string[] = [];
        Object.entries(result.fieldErrors ?? {}).forEach(([field, message]) => {
            if (isField(field)) fieldErrors[field] = message;
            else unplaced.push(message);
        });
        this.serverErrors = fieldErrors;
        this.showErrors(fieldErrors);
        const placed = Object.keys(fieldErrors).length > 0;
        const message = result.code === 'INVALID' && placed ? invalidLabel : result.message || invalidLabel;
        this.setNotice([message, ...unplaced].join(' '), result.code !== 'INVALID');
        showToast(this, toastOf('warning', message));
    }

    private setNotice(message: string, isError: boolean): void {
        this.notice = message;
        this.noticeIsError = isError;
    }

    private fieldInputs(): FieldInput[] {
        return Array.from(this.template?.querySelectorAll<FieldInput>('[data-field]') ?? []);
    }

    /**
     * Puts each message on its field (setCustomValidity + reportValidity) and clears the others; the base
     * components' own checks count too. Returns whether every field is valid; focuses the first one that is not.
     */
    private showErrors(errors: FieldErrors): boolean {
        let firstInvalid: FieldInput | undefined;
        for (const input of this.fieldInputs()) {
            const field = input.dataset.field;
            const message = (isField(field) && errors[field]) || '';
            input.setCustomValidity(message);
            const valid = input.reportValidity() !== false && input.checkValidity() !== false;
            if (!firstInvalid && (!valid || message)) firstInvalid = input;
        }
        firstInvalid?.focus();
        return !firstInvalid;
    }
}
