import type {
    LeadEditCode,
    LeadFieldDescription,
    LeadFieldOption,
    LeadFieldType,
    LeadFormDescription,
    LeadSaveResult
} from 'canal/apex/LeadEditController';
import type { ClaimCode } from 'canal/apex/LeadClaimController';
import { INDUSTRIES, RATINGS } from '../db/picklists.js';
import { loadClosedStatuses } from '../metadata/claimRules.js';
import { loadFieldSet, type FieldSetMember } from '../metadata/fieldSets.js';
import type { Language } from '../metadata/labels.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { outcomeMessage } from './LeadClaimOutcome.js';
import { isVendorStaff } from './LeadClaimSelector.js';
import { LeadEditSelector } from './LeadEditSelector.js';
import type { ApexContext } from './registry.js';
import { ApexError } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';

export const FIELD_SET = 'Canal_Partner_Lead_Edit';
export const MIN_PHONE_DIGITS = 6;
export const MAX_PHONE_DIGITS = 15;

/**
 * The describe of the standard Lead fields a field set may hold, as a new org answers it (types, lengths, digits,
 * labels in English and Spanish) and the column that stores each here. A field set member missing from this table
 * is left out of the form, as a field the user cannot read is in the org.
 */
interface StandardField {
    column: string;
    type: LeadFieldType;
    length: number;
    precision?: number;
    nillable: boolean;
    label: Record<Language, string>;
    /** The standard value set whose values a picklist takes, and whose Spanish translation labels them. */
    valueSet?: 'LeadStatus' | 'Industry' | 'AccountRating';
    min?: number;
}

export const LEAD_FIELDS: Record<string, StandardField> = {
    FirstName: {
        column: 'first_name',
        type: 'text',
        length: 40,
        nillable: true,
        label: { en: 'First Name', es: 'Nombre' }
    },
    LastName: {
        column: 'last_name',
        type: 'text',
        length: 80,
        nillable: false,
        label: { en: 'Last Name', es: 'Apellidos' }
    },
    Company: {
        column: 'company',
        type: 'text',
        length: 255,
        nillable: false,
        label: { en: 'Company', es: 'Empresa' }
    },
    Title: {
        column: 'title',
        type: 'text',
        length: 128,
        nillable: true,
        label: { en: 'Title', es: 'Cargo' }
    },
    Phone: {
        column: 'phone',
        type: 'phone',
        length: 40,
        nillable: true,
        label: { en: 'Phone', es: 'Teléfono' }
    },
    MobilePhone: {
        column: 'mobile_phone',
        type: 'phone',
        length: 40,
        nillable: true,
        label: { en: 'Mobile', es: 'Móvil' }
    },
    Email: {
        column: 'email',
        type: 'email',
        length: 80,
        nillable: true,
        label: { en: 'Email', es: 'Correo electrónico' }
    },
    Website: {
        column: 'website',
        type: 'url',
        length: 255,
        nillable: true,
        label: { en: 'Website', es: 'Sitio web' }
    },
    Street: {
        column: 'street',
        type: 'textarea',
        length: 255,
        nillable: true,
        label: { en: 'Street', es: 'Calle' }
    },
    City: { column: 'city', type: 'text', length: 40, nillable: true, label: { en: 'City', es: 'Ciudad' } },
    State: {
        column: 'state',
        type: 'text',
        length: 80,
        nillable: true,
        label: { en: 'State/Province', es: 'Estado o provincia' }
    },
    PostalCode: {
        column: 'postal_code',
        type: 'text',
        length: 20,
        nillable: true,
        label: { en: 'Zip/Postal Code', es: 'Código postal' }
    },
    Country: {
        column: 'country',
        type: 'text',
        length: 80,
        nillable: true,
        label: { en: 'Country', es: 'País' }
    },
    Industry: {
        column: 'industry',
        type: 'picklist',
        length: 255,
        nillable: true,
        label: { en: 'Industry', es: 'Sector' },
        valueSet: 'Industry'
    },
    Rating: {
        column: 'rating',
        type: 'picklist',
        length: 255,
        nillable: true,
        label: { en: 'Rating', es: 'Valoración' },
        valueSet: 'AccountRating'
    },
    NumberOfEmployees: {
        column: 'number_of_employees',
        type: 'integer',
        length: 0,
        precision: 8,
        nillable: true,
        label: { en: 'No. of Employees', es: 'Nº de empleados' },
        min: 0
    },
    Status: {
        column: 'status',
        type: 'picklist',
        length: 255,
        nillable: false,
        label: { en: 'Lead Status', es: 'Estado del candidato' },
        valueSet: 'LeadStatus'
    },
    Description: {
        column: 'description',
        type: 'textarea',
        length: 32000,
        nillable: true,
        label: { en: 'Description', es: 'Descripción' }
    }
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^[0-9+()./ xX-]+$/;
const URL_PATTERN = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/;
const translations = readStatusTranslations();

type Value = string | number | boolean | null;

/** The field set as deployed, read once: the same XML the org deploys. */
let members: FieldSetMember[] | undefined;
function fieldSet(): FieldSetMember[] {
    members ??= loadFieldSet('Lead', FIELD_SET);
    return members;
}

function label(ctx: ApexContext, name: string, ...args: Array<string | number>): string {
    const text = ctx.labels[ctx.user.language][name] ?? name;
    return text.replace(/\{(\d+)\}/g, (match, i: string) => String(args[Number(i)] ?? match));
}

function options(ctx: ApexContext, field: StandardField): LeadFieldOption[] {
    if (!field.valueSet) return [];
    const values: readonly string[] =
        field.valueSet === 'LeadStatus'
            ? new LeadEditSelector(ctx.db).openStatuses()
            : field.valueSet === 'Industry'
              ? INDUSTRIES
              : RATINGS;
    const spanish = translations[field.valueSet] ?? {};
    return values.map((value) => ({
        value,
        label: ctx.user.language === 'es' ? (spanish[value] ?? value) : value
    }));
}

/** The field set's members this org knows, described for the calling user (updateable: FLS, not yet holder). */
function describeFields(ctx: ApexContext): LeadFieldDescription[] {
    return fieldSet().flatMap((member) => {
        const field = LEAD_FIELDS[member.field];
        if (!field) return [];
        const max = field.type === 'integer' ? 10 ** (field.precision ?? 0) - 1 : null;
        return [
            {
                apiName: member.field,
                label: field.label[ctx.user.language],
                type: field.type,
                required: member.isRequired || !field.nillable,
                updateable: true,
                length: field.length,
                precision: field.precision ?? 0,
                scale: 0,
                min: max === null ? null : (field.min ?? -max),
                max,
                options: options(ctx, field),
                value: null
            }
        ];
    });
}

function versionOf(lastModified: string): string {
    return String(Date.parse(lastModified));
}

/** Why a value may not be saved in a field, or null: the same checks as LeadEditService.validate. */
export function validateField(ctx: ApexContext, field: LeadFieldDescription, value: unknown): string | null {
    if (field.type === 'boolean') {
        return value === null || typeof value === 'boolean' ? null : label(ctx, 'Canal_Edit_Error_Invalid');
    }
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
        return label(ctx, 'Canal_Edit_Error_Invalid');
    }
    const text = value === null ? '' : String(value).trim();
    if (text === '') return field.required ? label(ctx, 'Canal_Edit_Error_Required') : null;
    if (field.type === 'integer' || field.type === 'number') {
        const n = Number(text);
        if (!/^[-+]?\d*\.?\d+$/.test(text) || !Number.isFinite(n))
            return label(ctx, 'Canal_Edit_Error_Number');
        if (field.type === 'integer' && !Number.isInteger(n)) return label(ctx, 'Canal_Edit_Error_Integer');
        if ((field.min !== null && n < field.min) || (field.max !== null && n > field.max)) {
            return label(ctx, 'Canal_Edit_Error_Range', format(ctx, field.min), format(ctx, field.max));
        }
        return null;
    }
    if (field.type === 'picklist') {
        return field.options.some((o) => o.value === text) ? null : label(ctx, 'Canal_Edit_Error_Picklist');
    }
    if (field.length > 0 && text.length > field.length)
        return label(ctx, 'Canal_Edit_Error_Too_Long', field.length);
    if (field.type === 'email' && !EMAIL_PATTERN.test(text)) return label(ctx, 'Canal_Edit_Error_Email');
    if (field.type === 'phone') {
        const digits = text.replace(/[^0-9]/g, '').length;
        if (!PHONE_PATTERN.test(text) || digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) {
            return label(ctx, 'Canal_Edit_Error_Phone', MIN_PHONE_DIGITS, MAX_PHONE_DIGITS);
        }
    }
    if (field.type === 'url' && !URL_PATTERN.test(text)) return label(ctx, 'Canal_Edit_Error_Url');
    return null;
}

function format(ctx: ApexContext, n: number | null): string {
    return n === null ? '' : n.toLocaleString(ctx.user.language === 'es' ? 'es-ES' : 'en-US');
}

function toColumnValue(field: LeadFieldDescription, value: unknown): Value {
    if (value === null) return null;
    const text = String(value).trim();
    if (text === '') return null;
    if (field.type === 'integer') return Math.trunc(Number(text));
    if (field.type === 'number') return Number(text);
    return text;
}

function result(ctx: ApexContext, code: LeadEditCode, extra: Partial<LeadSaveResult> = {}): LeadSaveResult {
    const message =
        code === 'SAVED' || code === 'INVALID' || code === 'STALE_RECORD'
            ? label(ctx, `Canal_Edit_Outcome_${code}`)
            : outcomeMessage(ctx.labels, ctx.user.language, code as ClaimCode);
    return { code, message, version: null, fieldErrors: {}, ...extra };
}

/** Lead_Claim_Closed_Status__mdt, read once: a partner user cannot reopen a lead in one of these. */
let closedStatuses: readonly string[] | undefined;
function isClosed(status: string): boolean {
    closedStatuses ??= loadClosedStatuses();
    return closedStatuses.includes(status);
}

/**
 * The twin of LeadEditService.cls: the full edit of a lead's field-set fields. Only the holder of an open,
 * unconverted lead saves; a closed lead is final for partners (the status picklist cannot reopen it: that would
 * take back an open-claim slot without passing the limit); vendor staff are read-only in the portal.
 */
export const LeadEditService = {
    describeLeadForm(ctx: ApexContext, rawLeadId: string): LeadFormDescription {
        const leadId = RecordIds.of(rawLeadId, 'Lead');
        const selector = new LeadEditSelector(ctx.db);
        const lead = leadId ? selector.visibleLeadRow(ctx.user.id, leadId) : undefined;
        if (!lead) throw new ApexError('NOT_FOUND', 404);
        const canEdit = lead.owner_id === ctx.user.id && lead.is_converted === 0 && !isVendorStaff(ctx.user);
        return {
            leadId: lead.id,
            version: versionOf(lead.last_modified_date),
            canEdit,
            fields: describeFields(ctx).map((field) => ({
                ...field,
                updateable: canEdit && field.updateable,
                value: (lead[LEAD_FIELDS[field.apiName]!.column] as Value | undefined) ?? null
            }))
        };
    },

    saveLead(
        ctx: ApexContext,
        rawLeadId: string,
        values: Record<string, unknown>,
        version: string
    ): LeadSaveResult {
        const leadId = RecordIds.of(rawLeadId, 'Lead');
        if (!leadId) return result(ctx, 'INVALID_ID');
        const names = Object.keys(values);
        if (names.length === 0 || !version.trim()) return result(ctx, 'INVALID_REQUEST');
        const fields = new Map(describeFields(ctx).map((f) => [f.apiName, f]));
        if (!names.every((name) => fields.has(name))) return result(ctx, 'INVALID_REQUEST');
        const fieldErrors: Record<string, string> = {};
        for (const name of names) {
            const error = validateField(ctx, fields.get(name)!, values[name]);
            if (error) fieldErrors[name] = error;
        }
        if (Object.keys(fieldErrors).length > 0) return result(ctx, 'INVALID', { fieldErrors });
        const selector = new LeadEditSelector(ctx.db);
        // BEGIN IMMEDIATE: the local counterpart of locking the partner row and the lead FOR UPDATE.
        return ctx.db
            .transaction((): LeadSaveResult => {
                const seen = selector.visibleLeadRow(ctx.user.id, leadId);
                const lead = seen ?? selector.anyLeadRow(leadId);
                if (!lead) return result(ctx, 'NOT_FOUND');
                if (lead.is_converted) return result(ctx, 'NOT_ELIGIBLE');
                if (!seen || lead.owner_id !== ctx.user.id) return result(ctx, 'NOT_OWNER');
                if (versionOf(lead.last_modified_date) !== version) return result(ctx, 'STALE_RECORD');
                const status = lead.status as string;
                // Closed is final for partners, as LeadOwnerGuard refuses it in the org: no reopening here either.
                if (
                    ctx.user.account_id &&
                    'Status' in values &&
                    isClosed(status) &&
                    !isClosed(String(values.Status ?? ''))
                ) {
                    return result(ctx, 'NOT_ELIGIBLE');
                }
                // The version must move on every save, even within one millisecond of the last one.
                const now = new Date(
                    Math.max(ctx.clock.now().getTime(), Date.parse(lead.last_modified_date) + 1)
                ).toISOString();
                const changes: Array<[string, Value]> = names.map((name) => [
                    LEAD_FIELDS[name]!.column,
                    toColumnValue(fields.get(name)!, values[name])
                ]);
                // A status change marks the claim worked, as LeadClaimWorkTrigger does in the org.
                const worked = 'Status' in values && values.Status !== status;
                selector.update(leadId, changes, worked, now);
                return result(ctx, 'SAVED', { version: versionOf(now) });
            })
            .immediate();
    }
};
