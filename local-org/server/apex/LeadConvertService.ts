import type { ClaimCode, ClaimResult, StatusOption } from 'canal/apex/LeadClaimController';
import type {
    AccountMatch,
    ConvertOptions,
    ConvertRequest,
    ConvertResult
} from 'canal/apex/LeadConvertController';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { LabelCatalog } from '../metadata/labels.js';
import { outcomeMessage } from './LeadClaimOutcome.js';
import { LeadClaimSelector, type UserRecord } from './LeadClaimSelector.js';
import {
    LeadConvertSelector,
    MAX_MATCHES,
    type AccountScope,
    type ConvertLead
} from './LeadConvertSelector.js';
import { LockFailures } from './shared/LockFailures.js';
import { RecordIds } from './shared/RecordIds.js';
import { LeadClaimWriter } from './LeadClaimWriter.js';
import { PlatformDml } from './shared/PlatformDml.js';
import { FREE_MAIL_DOMAINS } from './DealRegistrationKeys.js';

export const MAX_OPPORTUNITY_NAME = 120;
export { MAX_MATCHES };
const OPPORTUNITY_NAME_SEPARATOR = ' - ';

export interface ConvertServiceDeps {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    /** Lead statuses that close a lead without converting it (Lead_Claim_Closed_Status__mdt). */
    closedStatuses?: readonly string[];
}

/** The company part of an e-mail address, lower case; null for a blank or public mail domain (the one list). */
export function domainOf(email: string | null | undefined): string | null {
    if (!email || !email.includes('@')) return null;
    const domain = email
        .slice(email.lastIndexOf('@') + 1)
        .trim()
        .toLowerCase();
    return domain && !FREE_MAIL_DOMAINS.has(domain) ? domain : null;
}

function idOf(value: unknown, type: 'Lead' | 'Account' | 'Contact'): string | null {
    return RecordIds.of(value, type);
}

function isBlank(value: unknown): boolean {
    return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * The twin of LeadConvertService.cls: the convert form's options (matches the rep may see) and the conversion
 * itself, in one BEGIN IMMEDIATE transaction (the partner row, then the lead, as every writer).
 */
export class LeadConvertService {
    private readonly users: LeadClaimSelector;
    private readonly selector: LeadConvertSelector;
    private readonly writer: LeadClaimWriter;
    private readonly dml: PlatformDml;

    constructor(private readonly deps: ConvertServiceDeps) {
        this.users = new LeadClaimSelector(deps.db);
        this.selector = new LeadConvertSelector(deps.db);
        this.writer = new LeadClaimWriter(deps.db);
        this.dml = new PlatformDml(deps.db);
    }

    /** Prefills, matching customer accounts with their matching contacts, and the converted statuses. */
    getConvertOptions(
        userId: string,
        rawLeadId: unknown,
        statusLabel: (value: string) => string
    ): ConvertOptions {
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
        return LockFailures.inWriteTransaction(this.deps.db, (): ConvertResult => {
            // Inside BEGIN IMMEDIATE the database is write-locked: this read stands for the partner row's FOR UPDATE.
            if (user.account_id) this.selector.lockPartnerAccount(user.account_id);
            const lead = this.heldLead(user, leadId);
            if (typeof lead === 'string') return this.result(user, lead, leadId);
            const statuses = this.convertedStatuses();
            const status = isBlank(request.convertedStatus) ? statuses[0] : request.convertedStatus;
            if (!status || !statuses.includes(status)) return this.result(user, 'INVALID_STATUS', leadId);
            if (!this.mayAttach(user, accountId, contactId)) {
                return this.result(user, 'ACCOUNT_NOT_VISIBLE', leadId);
            }
            return this.convertLocked(user, lead, request, status, accountId, contactId);
        });
    }

    /** The one-click convert's defaults: new account and contact, an opportunity named as the company. */
    convertWithDefaults(userId: string, rawLeadId: unknown): ClaimResult {
        const leadId = idOf(rawLeadId, 'Lead');
        const lead = leadId ? this.selector.lead(leadId) : undefined;
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
        const now = this.deps.clock.now().toISOString();
        const partnerId = user.account_id ?? lead.partner_account_id;
        const closeDate =
            request.closeDate ??
            new Date(this.deps.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
        const { accountId, contactId, opportunityId } = this.dml.convertLead({
            leadId: lead.id,
            status,
            userId: user.id,
            partnerAccountId: partnerId,
            accountId: chosenAccountId,
            newAccount: { name: lead.company, city: lead.city, country: lead.country },
            contactId: chosenContactId,
            newContact: { firstName: lead.first_name, lastName: lead.last_name, email: lead.email },
            opportunity:
                request.doNotCreateOpportunity === true
                    ? null
                    : { name: request.opportunityName!.trim(), amount: request.amount ?? null, closeDate },
            at: now
        });
        this.writer.insertAudit({
            leadId: lead.id,
            partnerAccountId: partnerId,
            userId: user.id,
            action: 'Converted',
            opportunityId,
            occurredAt: now
        });
        // The platform's FOR VIEW: the opportunity (or the account) appears in the rep's Recent Items.
        this.writer.viewRecord(
            user.id,
            opportunityId ?? accountId,
            opportunityId ? 'Opportunity' : 'Account',
            now
        );
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
        if (!this.selector.visibleAccount(this.accountScope(user), accountId)) return false;
        return !contactId || this.selector.isContactOf(contactId, accountId);
    }

    private matches(user: UserRecord, lead: ConvertLead): AccountMatch[] {
        const scope = this.accountScope(user);
        const found: AccountMatch[] = this.selector
            .accountsNamed(scope, lead.company)
            .map((a) => ({ ...a, matchedBy: 'NAME', contacts: [] }));
        const domain = domainOf(lead.email);
        if (domain) {
            for (const a of this.selector.accountsWithDomain(scope, domain)) {
                if (found.length < MAX_MATCHES && !found.some((f) => f.id === a.id)) {
                    found.push({ ...a, matchedBy: 'DOMAIN', contacts: [] });
                }
            }
        }
        if (found.length === 0) return found;
        const contacts = this.selector.matchingContacts(
            found.map((f) => f.id),
            lead.email,
            lead.first_name,
            lead.last_name
        );
        for (const c of contacts) {
            found
                .find((f) => f.id === c.account_id)!
                .contacts.push({ id: c.id, name: c.name, email: c.email });
        }
        return found;
    }

    /** Customer accounts the user may see: their partner's customers; vendor staff see every customer. */
    private accountScope(user: UserRecord): AccountScope {
        if (!user.account_id) return { sql: 'a.is_partner = 0', params: [] };
        return { sql: 'a.is_partner = 0 AND a.partner_account_id = ?', params: [user.account_id] };
    }

    /** The lead the user holds, or the code that says why not (NOT_FOUND, NOT_ELIGIBLE, NOT_OWNER, LEAD_CLOSED). */
    private heldLead(user: UserRecord, leadId: string): ConvertLead | ClaimCode {
        const lead = this.selector.lead(leadId);
        const refusal = LockFailures.holderRefusal(lead, user.id);
        if (refusal || !lead) return refusal ?? 'NOT_FOUND';
        // A closed lead is final for partners (docs/CLAIM-RULES.md): converting it is refused with its own code.
        if (user.account_id && (this.deps.closedStatuses ?? []).includes(lead.status)) return 'LEAD_CLOSED';
        return lead;
    }

    private convertedStatuses(): string[] {
        return this.selector.convertedStatuses();
    }

    private requireUser(userId: string): UserRecord {
        const user = this.users.user(userId);
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
