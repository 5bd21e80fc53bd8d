import type { ClaimCode, ClaimResult, StatusOption } from 'canal/apex/LeadClaimController';
import type {
    AccountMatch,
    ConvertOptions,
    ConvertRequest,
    ConvertResult
} from 'canal/apex/LeadConvertController';
import type { Clock } from '../clock.js';
import { newId, type Db } from '../db/database.js';
import { isIdOf, normalizeId } from '../ids.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { outcomeMessage } from './LeadClaimOutcome.js';
import { LeadClaimSelector, type UserRecord } from './LeadClaimSelector.js';

export const MAX_OPPORTUNITY_NAME = 120;
export const MAX_MATCHES = 10;
const OPPORTUNITY_NAME_SEPARATOR = ' - ';
/** E-mail domains that say nothing about the company: they never match an account (as in LeadConvertService.cls). */
const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
    'gmail.com',
    'googlemail.com',
    'hotmail.com',
    'hotmail.es',
    'outlook.com',
    'outlook.es',
    'live.com',
    'yahoo.com',
    'yahoo.es',
    'icloud.com',
    'me.com',
    'aol.com',
    'gmx.com',
    'proton.me',
    'protonmail.com'
]);

export interface ConvertServiceDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
}

interface ConvertLead {
    id: string;
    first_name: string | null;
    last_name: string;
    company: string;
    email: string | null;
    city: string | null;
    country: string | null;
    owner_id: string;
    partner_account_id: string | null;
    is_converted: number;
}

/** The company part of an e-mail address, lower case; null for a blank or public mail domain. */
export function domainOf(email: string | null | undefined): string | null {
    if (!email || !email.includes('@')) return null;
    const domain = email
        .slice(email.lastIndexOf('@') + 1)
        .trim()
        .toLowerCase();
    return domain && !PUBLIC_MAIL_DOMAINS.has(domain) ? domain : null;
}

function idOf(value: unknown, type: 'Lead' | 'Account' | 'Contact'): string | null {
    return isIdOf(value, type) ? normalizeId(value) : null;
}

function isBlank(value: unknown): boolean {
    return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The local counterpart of LeadConvertService.cls: the convert form's options (matches the rep may see) and the
 * conversion itself, in one BEGIN IMMEDIATE transaction (the partner row, then the lead, as every writer).
 */
export class LeadConvertService {
    private readonly selector: LeadClaimSelector;

    constructor(private readonly deps: ConvertServiceDeps) {
        this.selector = new LeadClaimSelector(deps.db);
    }

    /** Prefills, matching customer accounts with their matching contacts, and the converted statuses. */
    options(userId: string, rawLeadId: unknown, statusLabel: (value: string) => string): ConvertOptions {
        const user = this.requireUser(userId);
        const leadId = idOf(rawLeadId, 'Lead');
        if (!leadId) return this.emptyOptions(user, 'INVALID_ID', null);
        const lead = this.heldLead(user, leadId);
        if (typeof lead === 'string') return this.emptyOptions(user, lead, leadId);
        const statuses: StatusOption[] = this.convertedStatuses().map((value) => ({
            value,
            label: statusLabel(value)
        }));
        return {
            code: 'OK',
            message: '',
            leadId,
            company: lead.company,
            contactName: [lead.first_name, lead.last_name].filter(Boolean).join(' '),
            email: lead.email,
            opportunityName: `${lead.company}${OPPORTUNITY_NAME_SEPARATOR}`,
            accounts: this.matches(user, lead),
            statuses,
            defaultStatus: statuses[0]?.value ?? null
        };
    }

    /** Converts as the request says; CONVERTED with the account, contact and opportunity, or why not. */
    convert(userId: string, request: Partial<ConvertRequest> | null | undefined): ConvertResult {
        const user = this.requireUser(userId);
        const leadId = idOf(request?.leadId, 'Lead');
        if (!request || !leadId) return this.result(user, 'INVALID_ID', null);
        if (!this.isWellFormed(request)) return this.result(user, 'INVALID_REQUEST', leadId);
        const accountId = idOf(request.accountId, 'Account');
        const contactId = idOf(request.contactId, 'Contact');
        return this.deps.db
            .transaction((): ConvertResult => {
                // Inside BEGIN IMMEDIATE the database is write-locked: this read stands for the partner row's FOR UPDATE.
                if (user.account_id) {
                    this.deps.db.prepare('SELECT id FROM accounts WHERE id = ?').get(user.account_id);
                }
                const lead = this.heldLead(user, leadId);
                if (typeof lead === 'string') return this.result(user, lead, leadId);
                const statuses = this.convertedStatuses();
                const status = isBlank(request.convertedStatus) ? statuses[0] : request.convertedStatus;
                if (!status || !statuses.includes(status)) return this.result(user, 'INVALID_STATUS', leadId);
                if (!this.mayAttach(user, accountId, contactId)) {
                    return this.result(user, 'ACCOUNT_NOT_VISIBLE', leadId);
                }
                return this.convertLocked(user, lead, request, status, accountId, contactId);
            })
            .immediate();
    }

    /** The one-click convert's defaults: new account and contact, an opportunity named as the company. */
    convertWithDefaults(userId: string, rawLeadId: unknown): ClaimResult {
        const leadId = idOf(rawLeadId, 'Lead');
        const lead = leadId ? this.readLead(leadId) : undefined;
        const converted = this.convert(userId, {
            leadId: typeof rawLeadId === 'string' ? rawLeadId : '',
            doNotCreateOpportunity: false,
            // A lead the rep may not see is refused under the lock; the name only has to be well formed until then.
            opportunityName: lead ? lead.company.slice(0, MAX_OPPORTUNITY_NAME) : '-'
        });
        return {
            code: converted.code,
            message: converted.message,
            leadId: converted.leadId,
            ownerId: converted.code === 'CONVERTED' ? userId : null,
            claimedAt: null,
            opportunityId: converted.opportunityId
        };
    }

    private convertLocked(
        user: UserRecord,
        lead: ConvertLead,
        request: Partial<ConvertRequest>,
        status: string,
        chosenAccountId: string | null,
        chosenContactId: string | null
    ): ConvertResult {
        const db = this.deps.db;
        const now = this.deps.clock.now().toISOString();
        const partnerId = user.account_id ?? lead.partner_account_id;
        let accountId = chosenAccountId;
        if (!accountId) {
            accountId = newId(db, 'Account');
            db.prepare(
                'INSERT INTO accounts (id, name, owner_id, city, country, partner_account_id, created_date) VALUES (?, ?, ?, ?, ?, ?, ?)'
            ).run(accountId, lead.company, user.id, lead.city, lead.country, partnerId, now);
        }
        let contactId = chosenContactId;
        if (!contactId) {
            contactId = newId(db, 'Contact');
            db.prepare(
                'INSERT INTO contacts (id, account_id, first_name, last_name, email) VALUES (?, ?, ?, ?, ?)'
            ).run(contactId, accountId, lead.first_name, lead.last_name, lead.email);
        }
        let opportunityId: string | null = null;
        if (request.doNotCreateOpportunity !== true) {
            opportunityId = newId(db, 'Opportunity');
            const closeDate =
                request.closeDate ??
                new Date(this.deps.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
            db.prepare(
                `INSERT INTO opportunities (id, name, account_id, partner_account_id, owner_id, stage_name, probability, amount, close_date, lead_id, created_date, last_modified_date)
                 VALUES (?, ?, ?, ?, ?, 'Prospecting', 10, ?, ?, ?, ?, ?)`
            ).run(
                opportunityId,
                request.opportunityName!.trim(),
                accountId,
                partnerId,
                user.id,
                request.amount ?? null,
                closeDate,
                lead.id,
                now,
                now
            );
        }
        db.prepare(
            'UPDATE leads SET is_converted = 1, status = ?, converted_opportunity_id = ?, converted_account_id = ?, converted_contact_id = ?, claim_expires_at = NULL, last_modified_date = ? WHERE id = ?'
        ).run(status, opportunityId, accountId, contactId, now, lead.id);
        const seq = (
            db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM lead_claims').get() as { s: number }
        ).s;
        db.prepare(
            "INSERT INTO lead_claims (id, lead_id, partner_account_id, user_id, action, occurred_at, opportunity_id, seq) VALUES (?, ?, ?, ?, 'Converted', ?, ?, ?)"
        ).run(newId(db, 'LeadClaim'), lead.id, partnerId, user.id, now, opportunityId, seq);
        // The platform's FOR VIEW: the opportunity (or the account) appears in the rep's Recent Items.
        db.prepare(
            'INSERT INTO recently_viewed (user_id, record_id, type, last_viewed_date) VALUES (?, ?, ?, ?) ON CONFLICT(user_id, record_id) DO UPDATE SET last_viewed_date = excluded.last_viewed_date'
        ).run(user.id, opportunityId ?? accountId, opportunityId ? 'Opportunity' : 'Account', now);
        return { ...this.result(user, 'CONVERTED', lead.id), accountId, contactId, opportunityId };
    }

    private isWellFormed(request: Partial<ConvertRequest>): boolean {
        if (!isBlank(request.accountId) && !idOf(request.accountId, 'Account')) return false;
        if (
            !isBlank(request.contactId) &&
            (!idOf(request.contactId, 'Contact') || isBlank(request.accountId))
        ) {
            return false;
        }
        const amount = request.amount;
        if (amount !== null && amount !== undefined && (typeof amount !== 'number' || !(amount >= 0))) {
            return false;
        }
        if (request.doNotCreateOpportunity === true) return true;
        const name = typeof request.opportunityName === 'string' ? request.opportunityName.trim() : '';
        return name.length > 0 && name.length <= MAX_OPPORTUNITY_NAME;
    }

    /** A customer account the rep may see (their partner's customers; vendor staff: any customer), and a contact on it. */
    private mayAttach(user: UserRecord, accountId: string | null, contactId: string | null): boolean {
        if (!accountId) return true;
        const scope = this.accountScope(user);
        const account = this.deps.db
            .prepare(`SELECT a.id FROM accounts a WHERE a.id = ? AND ${scope.sql}`)
            .get(accountId, ...scope.params);
        if (!account) return false;
        if (!contactId) return true;
        return (
            this.deps.db
                .prepare('SELECT 1 FROM contacts WHERE id = ? AND account_id = ?')
                .get(contactId, accountId) !== undefined
        );
    }

    private matches(user: UserRecord, lead: ConvertLead): AccountMatch[] {
        const db = this.deps.db;
        const scope = this.accountScope(user);
        const found: AccountMatch[] = (
            db
                .prepare(
                    `SELECT a.id, a.name FROM accounts a WHERE ${scope.sql} AND a.name = ? COLLATE NOCASE ORDER BY a.name, a.id LIMIT ?`
                )
                .all(...scope.params, lead.company, MAX_MATCHES) as Array<{ id: string; name: string }>
        ).map((a) => ({ ...a, matchedBy: 'NAME', contacts: [] }));
        const domain = domainOf(lead.email);
        if (domain) {
            const pattern = `%@${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
            const byDomain = db
                .prepare(
                    `SELECT a.id, a.name FROM accounts a WHERE ${scope.sql}
                       AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND lower(c.email) LIKE ? ESCAPE '\\')
                     ORDER BY a.name, a.id LIMIT ?`
                )
                .all(...scope.params, pattern, MAX_MATCHES) as Array<{ id: string; name: string }>;
            for (const a of byDomain) {
                if (found.length < MAX_MATCHES && !found.some((f) => f.id === a.id)) {
                    found.push({ ...a, matchedBy: 'DOMAIN', contacts: [] });
                }
            }
        }
        if (found.length === 0) return found;
        const contacts = db
            .prepare(
                `SELECT c.id, c.account_id, TRIM(COALESCE(c.first_name || ' ', '') || c.last_name) AS name, c.email
                   FROM contacts c
                  WHERE c.account_id IN (${found.map(() => '?').join(', ')})
                    AND ((? IS NOT NULL AND c.email = ? COLLATE NOCASE)
                      OR (COALESCE(c.first_name, '') = COALESCE(?, '') COLLATE NOCASE AND c.last_name = ? COLLATE NOCASE))
                  ORDER BY name, c.id LIMIT ?`
            )
            .all(
                ...found.map((f) => f.id),
                lead.email,
                lead.email,
                lead.first_name,
                lead.last_name,
                MAX_MATCHES
            ) as Array<{ id: string; account_id: string; name: string; email: string | null }>;
        for (const c of contacts) {
            found
                .find((f) => f.id === c.account_id)!
                .contacts.push({ id: c.id, name: c.name, email: c.email });
        }
        return found;
    }

    /** Customer accounts the user may see: their partner's customers; vendor staff see every customer. */
    private accountScope(user: UserRecord): { sql: string; params: unknown[] } {
        if (!user.account_id) return { sql: 'a.is_partner = 0', params: [] };
        return { sql: 'a.is_partner = 0 AND a.partner_account_id = ?', params: [user.account_id] };
    }

    /** The lead the user holds, or the code that says why not (NOT_FOUND, NOT_ELIGIBLE, NOT_OWNER). */
    private heldLead(user: UserRecord, leadId: string): ConvertLead | ClaimCode {
        const lead = this.readLead(leadId);
        if (!lead) return 'NOT_FOUND';
        if (lead.is_converted) return 'NOT_ELIGIBLE';
        if (lead.owner_id !== user.id) return 'NOT_OWNER';
        return lead;
    }

    private readLead(leadId: string): ConvertLead | undefined {
        return this.deps.db
            .prepare(
                'SELECT id, first_name, last_name, company, email, city, country, owner_id, partner_account_id, is_converted FROM leads WHERE id = ?'
            )
            .get(leadId) as ConvertLead | undefined;
    }

    private convertedStatuses(): string[] {
        return (
            this.deps.db
                .prepare('SELECT value FROM lead_statuses WHERE is_converted = 1 ORDER BY sort_order')
                .all() as Array<{ value: string }>
        ).map((r) => r.value);
    }

    private requireUser(userId: string): UserRecord {
        const user = this.selector.user(userId);
        if (!user) throw new Error(`Unknown user ${userId}`);
        return user;
    }

    private emptyOptions(user: UserRecord, code: ClaimCode, leadId: string | null): ConvertOptions {
        return {
            code,
            message: outcomeMessage(this.deps.labels, user.language, code),
            leadId,
            company: null,
            contactName: null,
            email: null,
            opportunityName: null,
            accounts: [],
            statuses: [],
            defaultStatus: null
        };
    }

    private result(user: UserRecord, code: ClaimCode, leadId: string | null): ConvertResult {
        return {
            code,
            message: outcomeMessage(this.deps.labels, user.language, code),
            leadId,
            accountId: null,
            contactId: null,
            opportunityId: null
        };
    }
}
