import { LightningElement, api } from 'lwc';
import describeLeadForm from '@salesforce/apex/LeadEditController.describeLeadForm';
import saveLead from '@salesforce/apex/LeadEditController.saveLead';
import type {
    LeadFieldDescription,
    LeadFormDescription,
    LeadSaveResult
} from 'canal/apex/LeadEditController';
import { showToast, toastOf } from 'c/claimOutcomes';
import { formatLabel } from 'c/labelFormat';
import { validateValue, type Draft } from 'c/leadFieldRules';
import titleLabel from '@salesforce/label/c.Canal_Edit_Title';
import emptyLabel from '@salesforce/label/c.Canal_Edit_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Edit_Load_Error';
import reloadLabel from '@salesforce/label/c.Canal_Edit_Reload';
import noneLabel from '@salesforce/label/c.Canal_Edit_None';
import savedLabel from '@salesforce/label/c.Canal_Edit_Outcome_SAVED';
import requiredLabel from '@salesforce/label/c.Canal_Edit_Error_Required';
import emailLabel from '@salesforce/label/c.Canal_Edit_Error_Email';
import tooLongLabel from '@salesforce/label/c.Canal_Edit_Error_Too_Long';
import numberLabel from '@salesforce/label/c.Canal_Edit_Error_Number';
import integerLabel from '@salesforce/label/c.Canal_Edit_Error_Integer';
import rangeLabel from '@salesforce/label/c.Canal_Edit_Error_Range';
import urlLabel from '@salesforce/label/c.Canal_Edit_Error_Url';
import dateLabel from '@salesforce/label/c.Canal_Edit_Error_Date';
import saveErrorLabel from '@salesforce/label/c.Canal_Action_Error';
import noLeadLabel from '@salesforce/label/c.Canal_Outcome_INVALID_ID';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import saveLabel from '@salesforce/label/c.Canal_Action_Save';
import cancelLabel from '@salesforce/label/c.Canal_Action_Cancel';

/** A field as the template renders it. */
interface FieldView extends LeadFieldDescription {
    draft: Draft;
    disabled: boolean;
    isInput: boolean;
    isTextarea: boolean;
    isCombobox: boolean;
    isCheckbox: boolean;
    inputType: string;
    maxLength: number | undefined;
    step: string | undefined;
    comboOptions: Array<{ label: string; value: string }>;
    /** The base component's own checks speak our labels, never its English defaults. */
    messages: {
        valueMissing: string;
        typeMismatch: string;
        tooLong: string;
        range: string;
        badInput: string;
        stepMismatch: string;
    };
}

interface Validatable extends HTMLElement {
    setCustomValidity(message: string): void;
    reportValidity(): boolean;
}

const INPUT_TYPES: Record<string, string> = {
    text: 'text',
    email: 'email',
    phone: 'tel',
    url: 'url',
    integer: 'number',
    number: 'number',
    date: 'date',
    boolean: 'checkbox'
};

function toDraft(field: LeadFieldDescription): Draft {
    if (field.type === 'boolean') return field.value === true;
    return field.value === null || field.value === undefined ? '' : String(field.value);
}

/**
 * The full lead edit: renders the field set's fields from LeadEditController.describeLeadForm with the right input
 * per type, validates on the client and on the server (messages on each field, in the user's language), and saves
 * only what changed, with the version it read. A lead changed meanwhile (STALE_RECORD) is not overwritten: the
 * form says so and offers Reload. Fires `saved` (detail: the result) and `cancel`.
 */
export default class LeadEditForm extends LightningElement {
    @api leadId: string | undefined;
    /** 'view' lists the field set's values read-only (the lead page's read view); 'edit' is the form. */
    @api mode: 'edit' | 'view' = 'edit';
    /** In view mode, API names (comma-separated) the page already shows elsewhere. */
    @api omitFields = '';

    form: LeadFormDescription | undefined;
    drafts: Record<string, Draft> = {};
    isLoading = true;
    saving = false;
    loadError: unknown;
    saveError: unknown;
    /** The result's message when it is not a field's: STALE_RECORD, a validation rule, NOT_OWNER... */
    notice = '';
    stale = false;

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        loading: loadingLabel,
        loadError: loadErrorLabel,
        saveError: saveErrorLabel,
        reload: reloadLabel,
        save: saveLabel,
        cancel: cancelLabel,
        required: requiredLabel
    };

    /** Server messages by field, until the rep changes that field. */
    private serverErrors: Record<string, string> = {};
    private focusFirst = false;

    override connectedCallback(): void {
        this.load();
    }

    override renderedCallback(): void {
        if (!this.focusFirst) return;
        const first = this.template?.querySelector<HTMLElement>('[data-field]:not([disabled])');
        if (first) {
            this.focusFirst = false;
            first.focus();
        }
    }

    get fields(): FieldView[] {
        return (this.form?.fields ?? []).map((field) => {
            const type = field.type;
            const isCombobox = type === 'picklist';
            const isTextarea = type === 'textarea';
            const options = field.options.map((o) => ({ label: o.label, value: o.value }));
            return {
                ...field,
                draft: this.drafts[field.apiName] ?? toDraft(field),
                disabled: !field.updateable || this.saving,
                isCombobox,
                isTextarea,
                isCheckbox: type === 'boolean',
                isInput: !isCombobox && !isTextarea && type !== 'boolean',
                inputType: INPUT_TYPES[type] ?? 'text',
                maxLength: field.length > 0 ? field.length : undefined,
                step: type === 'number' ? String(10 ** -field.scale) : type === 'integer' ? '1' : undefined,
                comboOptions: field.required ? options : [{ label: noneLabel, value: '' }, ...options],
                messages: {
                    valueMissing: requiredLabel,
                    typeMismatch: type === 'email' ? emailLabel : type === 'url' ? urlLabel : dateLabel,
                    tooLong: formatLabel(tooLongLabel, field.length),
                    range: formatLabel(rangeLabel, String(field.min ?? ''), String(field.max ?? '')),
                    badInput: type === 'date' ? dateLabel : numberLabel,
                    stepMismatch: type === 'integer' ? integerLabel : numberLabel
                }
            };
        });
    }

    get isView(): boolean {
        return this.mode === 'view';
    }

    /** The values to read in view mode: picklists by their label, blanks left out. */
    get viewFields(): Array<{ apiName: string; label: string; text: string; labelKey: string }> {
        const omitted = new Set(this.omitFields.split(',').map((name) => name.trim()));
        return (this.form?.fields ?? []).flatMap((field) => {
            if (omitted.has(field.apiName) || field.value === null || field.value === '') return [];
            const option = field.options.find((o) => o.value === field.value);
            const text = option ? option.label : String(field.value);
            return [{ apiName: field.apiName, label: field.label, text, labelKey: `${field.apiName}-label` }];
        });
    }

    get hasFields(): boolean {
        return (this.form?.fields.length ?? 0) > 0;
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.loadError && !this.hasFields;
    }

    get showForm(): boolean {
        return !this.isLoading && !this.loadError && this.hasFields;
    }

    get saveDisabled(): boolean {
        return this.saving || this.stale || !this.form?.canEdit;
    }

    /** Reads the form again, dropping the draft: the first load, and Reload after STALE_RECORD. */
    private async load(): Promise<void> {
        const leadId = this.leadId;
        this.isLoading = true;
        this.loadError = undefined;
        try {
            if (!leadId) throw new Error(noLeadLabel);
            this.form = await describeLeadForm({ leadId });
            this.drafts = {};
            this.serverErrors = {};
            this.notice = '';
            this.stale = false;
            this.focusFirst = this.mode !== 'view';
        } catch (error) {
            this.form = undefined;
            this.loadError = error;
        } finally {
            this.isLoading = false;
        }
    }

    private elements(): Validatable[] {
        return Array.from(this.template?.querySelectorAll<Validatable>('[data-field]') ?? []);
    }

    private fieldOf(apiName: string): LeadFieldDescription | undefined {
        return this.form?.fields.find((f) => f.apiName === apiName);
    }

    handleChange(event: CustomEvent<{ value?: string; checked?: boolean }>): void {
        const target = event.target as Validatable;
        const apiName = target.dataset.field ?? '';
        const field = this.fieldOf(apiName);
        if (!field) return;
        const value: Draft =
            field.type === 'boolean' ? Boolean(event.detail.checked) : (event.detail.value ?? '');
        this.drafts = { ...this.drafts, [apiName]: value };
        if (this.serverErrors[apiName]) {
            const rest = { ...this.serverErrors };
            delete rest[apiName];
            this.serverErrors = rest;
        }
        target.setCustomValidity(validateValue(field, value));
    }

    handleBlur(event: Event): void {
        (event.target as Validatable).reportValidity();
    }

    /** Marks every field with its client or server message; true when none has one. */
    private reportAll(): boolean {
        let valid = true;
        for (const element of this.elements()) {
            const apiName = element.dataset.field ?? '';
            const field = this.fieldOf(apiName);
            if (!field) continue;
            const value = this.drafts[apiName] ?? toDraft(field);
            const message =
                this.serverErrors[apiName] || (field.updateable ? validateValue(field, value) : '');
            element.setCustomValidity(message);
            element.reportValidity();
            if (message) valid = false;
        }
        return valid;
    }

    /** The fields whose draft differs from what was read, as the server takes them. */
    private changes(): Record<string, string | boolean | null> {
        const values: Record<string, string | boolean | null> = {};
        for (const field of this.form?.fields ?? []) {
            const draft = this.drafts[field.apiName];
            if (draft === undefined || !field.updateable) continue;
            const value = typeof draft === 'boolean' ? draft : draft.trim() === '' ? null : draft.trim();
            // A field changed and changed back (spaces aside) is not a change: sending it could overwrite a
            // colleague's edit of that field for nothing.
            const read = toDraft(field);
            if (value === (typeof read === 'boolean' ? read : read.trim() === '' ? null : read.trim()))
                continue;
            values[field.apiName] = value;
        }
        return values;
    }

    async handleSave(): Promise<void> {
        const form = this.form;
        if (!form || this.saveDisabled) return;
        this.notice = '';
        this.saveError = undefined;
        if (!this.reportAll()) return;
        const values = this.changes();
        if (Object.keys(values).length === 0) {
            this.dispatchEvent(new CustomEvent('cancel'));
            return;
        }
        this.saving = true;
        let result: LeadSaveResult;
        try {
            result = await saveLead({ leadId: form.leadId, values, version: form.version });
        } catch (error) {
            this.saveError = error;
            return;
        } finally {
            this.saving = false;
        }
        this.handleResult(result);
    }

    private handleResult(result: LeadSaveResult): void {
        if (result.code === 'SAVED') {
            showToast(this, toastOf('success', result.message || savedLabel, savedLabel));
            this.dispatchEvent(new CustomEvent('saved', { detail: result }));
            return;
        }
        if (result.code === 'INVALID' && Object.keys(result.fieldErrors ?? {}).length > 0) {
            this.serverErrors = { ...result.fieldErrors };
            this.notice = result.message;
            this.reportAll();
            return;
        }
        this.stale = result.code === 'STALE_RECORD';
        this.notice = result.message;
    }

    handleReload(): void {
        this.load();
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('cancel'));
    }
}
