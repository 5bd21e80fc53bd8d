import type {
    DuplicateRow,
    LeadInput,
    LeadInputField,
    PublishPreview,
    PublishRefusal,
    PublishResult,
    RowError,
    RowErrorCode
} from 'canal/apex/LeadPublicationController';
import type { Clock } from '../clock.js';
import { newId, type Db } from '../db/database.js';
import type { LabelCatalog, Language } from '../metadata/labels.js';
import { isVendorStaff, type UserRecord } from './LeadClaimSelector.js';
import {
    LeadPublicationSelector,
    type DuplicateCandidate,
    type PublishedLead
} from './LeadPublicationSelector.js';

/** Leads one call may carry (the REST route, the page). */
export const MAX_PUBLISH_LEADS = 2000;
/** Idempotency-Key: 1 to 200 printable ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/;
/** The answer kept for a replay fits a Long Text Area (131,072); a longer one keeps its counts only. */
const MAX_STORED_RESPONSE = 131_072;

/** The lead fields a row may carry and their Lead field lengths, in the order errors are reported. */
export const LEAD_FIELDS: ReadonlyArray<{ name: LeadInputField; max: number; required: boolean }> = [
    { name: 'firstName', max: 40, required: false },
    { name: 'lastName', max: 80, required: true },
    { name: 'company', max: 255, required: true },
    { name: 'email', max: 80, required: false },
    { name: 'phone', max: 40, required: false },
    { name: 'title', max: 128, required: false },
    { name: 'city', max: 40, required: false },
    { name: 'country', max: 80, required: false }
];
const FIELD_NAMES = new Set<string>(LEAD_FIELDS.map((f) => f.name));
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** What a spreadsheet evaluates when a cell starts with it (docs/PUBLICATION.md, "Formula-like cells"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PHONE = /^\+[0-9][0-9 ().-]*$/;

/** HTTP status of each refusal of a whole call. */
export const REFUSAL_STATUS: Record<PublishRefusal, number> = {
    INSUFFICIENT_ACCESS: 403,
    INVALID_REQUEST: 400,
    TOO_MANY_LEADS: 400,
    QUEUE_NOT_FOUND: 404
};

/** A whole call refused: nothing was read or written. */
export class PublishRefused extends Error {
    constructor(
        readonly code: PublishRefusal,
        readonly userMessage: string
    ) {
        super(code);
    }
}

export interface PublicationDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    closedStatuses: readonly string[];
}

type CleanRow = Omit<PublishedLead, 'id'>;

interface Checked {
    valid: Array<{ index: number; lead: CleanRow }>;
    duplicates: DuplicateRow[];
    errors: RowError[];
}

/**
 * Publishes leads to a partner queue (LeadPublicationService.cls): per-row checks with translated errors, likely
 * duplicates among open leads and within the call, an Idempotency-Key, and the publication time that starts each
 * tier's first-look window. Channel managers and admins only.
 */
export class LeadPublicationService {
    private readonly selector: LeadPublicationSelector;

    constructor(private readonly deps: PublicationDeps) {
        this.selector = new LeadPublicationSelector(deps.db);
    }

    /** The lead queues a channel manager may publish to. */
    queues(user: UserRecord): Array<{ developerName: string; name: string }> {
        this.requireStaff(user);
        return this.selector.queues().map((q) => ({ developerName: q.developer_name, name: q.name }));
    }

    /** Checks rows as publish would, creating nothing. */
    preview(user: UserRecord, leads: unknown): PublishPreview {
        this.requireStaff(user);
        const rows = this.requireRows(user, leads);
        const checked = this.check(user, rows);
        return { valid: checked.valid.length, duplicates: checked.duplicates, errors: checked.errors };
    }

    /**
     * Creates the valid, non-duplicate rows as leads owned by the queue, in one transaction with their
     * Lead_Publication__c. A repeated Idempotency-Key answers the first call's result and creates nothing.
     */
    publish(
        user: UserRecord,
        body: { queue?: unknown; source?: unknown; leads?: unknown },
        idempotencyKey: string | null
    ): PublishResult {
        this.requireStaff(user);
        if (typeof body.queue !== 'string' || body.queue.length === 0 || body.queue.length > 80)
            throw this.refused(user, 'INVALID_REQUEST');
        if (body.source !== undefined && body.source !== null) {
            if (typeof body.source !== 'string' || body.source.length > 255)
                throw this.refused(user, 'INVALID_REQUEST');
        }
        if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey))
            throw this.refused(user, 'INVALID_REQUEST');
        const rows = this.requireRows(user, body.leads);
        const queue = this.selector.queueByDeveloperName(body.queue);
        if (!queue) throw this.refused(user, 'QUEUE_NOT_FOUND');
        // Keys are per caller: another user's key never answers someone else's publication.
        const storedKey = idempotencyKey === null ? null : `${user.id}:${idempotencyKey}`;
        const source =
            typeof body.source === 'string' && body.source.trim() !== '' ? body.source.trim() : null;

        return this.deps.db
            .transaction((): PublishResult => {
                if (storedKey !== null) {
                    const earlier = this.selector.publicationByKey(storedKey);
                    if (earlier) return this.replay(earlier.id, earlier.lead_count, earlier.response);
                }
                const checked = this.check(user, rows);
                if (checked.valid.length === 0) {
                    return {
                        publicationId: null,
                        created: 0,
                        duplicates: checked.duplicates,
                        errors: checked.errors
                    };
                }
                const now = this.deps.clock.now().toISOString();
                const publicationId = newId(this.deps.db, 'LeadPublication');
                this.selector.insertPublication({
                    id: publicationId,
                    name: `PUB-${String(this.selector.nextPublicationNumber()).padStart(6, '0')}`,
                    queue_id: queue.id,
                    source,
                    published_at: now,
                    published_by: user.id,
                    lead_count: 0,
                    idempotency_key: storedKey,
                    response: null
                });
                const status = this.selector.defaultStatus();
                for (const { lead } of checked.valid) {
                    this.selector.insertLead(
                        { id: newId(this.deps.db, 'Lead'), ...lead },
                        queue.id,
                        status,
                        publicationId,
                        now
                    );
                }
                const result: PublishResult = {
                    publicationId,
                    created: checked.valid.length,
                    duplicates: checked.duplicates,
                    errors: checked.errors
                };
                this.selector.saveResponse(publicationId, result.created, storedResponse(result));
                return result;
            })
            .immediate();
    }

    /** The refusal's translated message. */
    refusalMessage(language: Language, code: PublishRefusal): string {
        return this.label(language, `Canal_Publish_Refused_${code}`);
    }

    private replay(publicationId: string, created: number, response: string | null): PublishResult {
        const stored = response ? (JSON.parse(response) as PublishResult) : null;
        return stored ?? { publicationId, created, duplicates: [], errors: [] };
    }

    private requireStaff(user: UserRecord): void {
        if (!isVendorStaff(user)) throw this.refused(user, 'INSUFFICIENT_ACCESS');
    }

    private requireRows(user: UserRecord, leads: unknown): unknown[] {
        if (!Array.isArray(leads)) throw this.refused(user, 'INVALID_REQUEST');
        if (leads.length > MAX_PUBLISH_LEADS) throw this.refused(user, 'TOO_MANY_LEADS');
        return leads;
    }

    private refused(user: UserRecord, code: PublishRefusal): PublishRefused {
        return new PublishRefused(code, this.refusalMessage(user.language, code));
    }

    /** Per-row checks, then duplicates among the valid rows (open leads first, then earlier rows of the call). */
    private check(user: UserRecord, rows: unknown[]): Checked {
        const errors: RowError[] = [];
        const clean: Array<{ index: number; lead: CleanRow }> = [];
        rows.forEach((row, index) => {
            const rowErrors = this.checkRow(user.language, row, index);
            if (rowErrors.errors.length > 0) errors.push(...rowErrors.errors);
            else clean.push({ index, lead: rowErrors.lead! });
        });
        const emails = [
            ...new Set(clean.map((r) => r.lead.email?.toLowerCase()).filter((e): e is string => !!e))
        ];
        const companies = [...new Set(clean.map((r) => r.lead.company.toLowerCase()))];
        const candidates = this.selector.openCandidates(emails, companies, this.deps.closedStatuses);
        const existingByEmail = new Map<string, string>();
        const existingByName = new Map<string, string>();
        for (const c of candidates) {
            const email = c.email?.toLowerCase();
            if (email && !existingByEmail.has(email)) existingByEmail.set(email, c.id);
            const name = nameKey(c);
            if (!existingByName.has(name)) existingByName.set(name, c.id);
        }
        const seenEmail = new Map<string, number>();
        const seenName = new Map<string, number>();
        const duplicates: DuplicateRow[] = [];
        const valid: Checked['valid'] = [];
        for (const row of clean) {
            const email = row.lead.email?.toLowerCase() ?? null;
            const name = nameKey({
                company: row.lead.company,
                first_name: row.lead.firstName,
                last_name: row.lead.lastName
            });
            const duplicate = (match: DuplicateRow['match'], leadId: string | null, of: number | null) =>
                duplicates.push({
                    index: row.index,
                    match,
                    leadId,
                    duplicateOfIndex: of,
                    message: this.label(user.language, `Canal_Publish_Duplicate_${match}`)
                });
            if (email !== null && existingByEmail.has(email))
                duplicate('EMAIL', existingByEmail.get(email)!, null);
            else if (email !== null && seenEmail.has(email)) duplicate('EMAIL', null, seenEmail.get(email)!);
            else if (existingByName.has(name)) duplicate('COMPANY_AND_NAME', existingByName.get(name)!, null);
            else if (seenName.has(name)) duplicate('COMPANY_AND_NAME', null, seenName.get(name)!);
            else {
                if (email !== null) seenEmail.set(email, row.index);
                seenName.set(name, row.index);
                valid.push(row);
            }
        }
        return { valid, duplicates, errors };
    }

    private checkRow(
        language: Language,
        row: unknown,
        index: number
    ): { errors: RowError[]; lead?: CleanRow } {
        const error = (field: string | null, code: RowErrorCode): RowError => ({
            index,
            field,
            code,
            message: this.label(language, `Canal_Publish_Error_${code}`)
        });
        if (row === null || typeof row !== 'object' || Array.isArray(row))
            return { errors: [error(null, 'INVALID_ROW')] };
        const input = row as Record<string, unknown>;
        const errors: RowError[] = [];
        const lead: Record<string, string | null> = {};
        for (const field of LEAD_FIELDS) {
            const raw = input[field.name];
            if (raw !== undefined && raw !== null && typeof raw !== 'string') {
                errors.push(error(field.name, 'INVALID_VALUE'));
                continue;
            }
            // Trimmed, and a formula-like value kept as text (an apostrophe first): the length check sees what is stored.
            const value =
                typeof raw === 'string' && raw.trim() !== '' ? asText(field.name, raw.trim()) : null;
            if (value === null && field.required) errors.push(error(field.name, 'REQUIRED'));
            else if (value !== null && value.length > field.max) errors.push(error(field.name, 'TOO_LONG'));
            else if (value !== null && field.name === 'email' && !EMAIL.test(value))
                errors.push(error(field.name, 'INVALID_EMAIL'));
            lead[field.name] = value;
        }
        for (const key of Object.keys(input).sort()) {
            if (!FIELD_NAMES.has(key)) errors.push(error(key, 'UNKNOWN_FIELD'));
        }
        if (errors.length > 0) return { errors };
        return {
            errors,
            lead: {
                firstName: lead.firstName ?? null,
                lastName: lead.lastName!,
                company: lead.company!,
                email: lead.email ?? null,
                phone: lead.phone ?? null,
                title: lead.title ?? null,
                city: lead.city ?? null,
                country: lead.country ?? null
            }
        };
    }

    private label(language: Language, name: string): string {
        return this.deps.labels[language][name] ?? name;
    }
}

/**
 * A value starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet that opens an
 * export shows it as text instead of evaluating it; a phone that reads as a phone number (+34 600 000 000: a plus, then
 * 6 to 15 digits with spaces, dots, dashes or brackets) is kept as it is (LeadPublicationService.cls asText).
 */
function asText(field: LeadInputField, value: string): string {
    if (!FORMULA_START.test(value)) return value;
    const digits = value.replace(/[^0-9]/g, '').length;
    const phoneNumber = field === 'phone' && PHONE.test(value) && digits >= 6 && digits <= 15;
    return phoneNumber ? value : `'${value}`;
}

/** Company, first and last name, lower case: the "same company and name" key. */
function nameKey(lead: Pick<DuplicateCandidate, 'company' | 'first_name' | 'last_name'>): string {
    return [lead.company, lead.first_name ?? '', lead.last_name]
        .map((v) => v.trim().toLowerCase())
        .join('\u0000');
}

function storedResponse(result: PublishResult): string {
    const full = JSON.stringify(result);
    return full.length <= MAX_STORED_RESPONSE
        ? full
        : JSON.stringify({ ...result, duplicates: [], errors: [] });
}

/** Re-exported for the routes' input typing. */
export type { LeadInput };
