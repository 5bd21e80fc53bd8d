import type {
    LeadDetail,
    LeadPage,
    LeadRow,
    QueueSortField,
    RecentItem,
    SortDirection,
    StatusOption
} from 'canal/apex/LeadClaimController';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { ClaimRule } from '../metadata/claimRules.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { LeadClaimSelector, type LeadRecord, type UserRecord } from './LeadClaimSelector.js';
import { LeadClaimWriter } from './LeadClaimWriter.js';
import { LeadFirstLook } from './LeadFirstLook.js';
import { LeadReadSelector } from './LeadReadSelector.js';
import { ApexError } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';

const statusTranslations = readStatusTranslations();
export const MAX_PAGE_SIZE = 200;
export const MAX_RECENT_ITEMS = 50;

export interface LeadReadServiceDeps {
    db: Db;
    clock: Clock;
    /** Lead statuses that close a lead without converting it. */
    closedStatuses: readonly string[];
    /** The claim rules, for the first-look windows of published leads (none: every lead is offered at once). */
    rules?: readonly ClaimRule[];
}

/**
 * The twin of LeadReadService.cls: the partner's read model (the queue, my leads, a lead, the statuses, Recent
 * Items), each limited to what the running user may see, as user mode is. The running user is the first parameter.
 */
export class LeadReadService {
    private readonly selector: LeadClaimSelector;
    private readonly reads: LeadReadSelector;

    constructor(private readonly deps: LeadReadServiceDeps) {
        this.selector = new LeadClaimSelector(deps.db);
        this.reads = new LeadReadSelector(deps.db);
    }

    /**
     * One keyset page of the unconverted leads in the user's queues. A cursor is honoured only when its lead is
     * visible to the user: where an unseen lead sorts is not theirs to know (INVALID_CURSOR; the list reloads).
     */
    getQueuePage(
        user: UserRecord,
        pageSize: number,
        afterId: string | null,
        searchTerm: string | null,
        sortBy: QueueSortField | null,
        sortDirection: SortDirection | null
    ): LeadPage {
        const size = clampPageSize(pageSize);
        const cursor = this.cursorOf(user, afterId);
        const firstLook = new LeadFirstLook(this.deps.db, this.deps.rules ?? [], this.deps.clock);
        const rows = this.reads.queuePage(user.id, {
            // One row more than the page, as LeadReadService.cls asks: it says whether a next page exists.
            pageSize: size + 1,
            afterId: cursor,
            searchTerm: searchTerm?.trim() || null,
            sortBy: sortBy ?? 'createdDate',
            sortDirection: sortDirection ?? 'asc',
            offeredUpTo: firstLook.offeredUpTo(user)
        });
        return {
            ...toPage(rows, size, (r) => this.toRow(user, r)),
            nextOfferAt: firstLook.nextOfferAt(user, this.selector.queueIdsOf(user.id))
        };
    }

    /** One keyset page of the user's own open leads, newest claim first; the cursor is checked as the queue's. */
    getMyLeads(user: UserRecord, pageSize: number, afterId: string | null): LeadPage {
        const size = clampPageSize(pageSize);
        const rows = this.reads.myLeads(user.id, size + 1, this.cursorOf(user, afterId));
        return toPage(rows, size, (r) => this.toRow(user, r));
    }

    /** One lead the user can see, for its detail page (reading it puts it in Recent Items); null when unseen. */
    getLead(user: UserRecord, rawLeadId: unknown): LeadDetail | null {
        const leadId = RecordIds.of(rawLeadId, 'Lead');
        const lead = leadId ? this.selector.visibleLead(user.id, leadId) : undefined;
        const detail = lead ? this.reads.leadDetail(lead.id) : undefined;
        if (!lead || !detail) return null;
        // Opening a record puts it in Recent Items, as viewing a record page does in the org.
        new LeadClaimWriter(this.deps.db).viewRecord(
            user.id,
            lead.id,
            'Lead',
            this.deps.clock.now().toISOString()
        );
        return {
            ...this.toRow(user, lead),
            email: detail.email,
            ownerName: detail.owner_name,
            partnerAccountName: detail.partner_name,
            isConverted: lead.is_converted === 1,
            convertedOpportunityId: detail.converted_opportunity_id,
            // A closed lead is final for partners (docs/CLAIM-RULES.md): they see it, but cannot edit its status.
            canEdit:
                lead.owner_id === user.id &&
                lead.is_converted === 0 &&
                !(user.account_id && this.deps.closedStatuses.includes(lead.status))
        };
    }

    /** The statuses a rep may set: the open ones, labelled in the user's language. */
    getLeadStatuses(user: UserRecord): StatusOption[] {
        return this.selector.openStatuses().map((value) => ({ value, label: statusLabel(user, value) }));
    }

    /** The leads and opportunities the user viewed last and may still see, newest first. */
    getRecentItems(user: UserRecord, maxItems: number): RecentItem[] {
        const rows = this.reads.recentItems(user.id, Math.min(MAX_RECENT_ITEMS, Math.max(1, maxItems)));
        return rows.flatMap((r) => {
            const record = this.reads.recentRecord(r.type, r.record_id);
            // Recent Items only lists what the user can still see, as RecentlyViewed does.
            if (!record || record.owner_id !== user.id) return [];
            return [{ id: r.record_id, name: record.name, type: r.type, lastViewedDate: r.last_viewed_date }];
        });
    }

    /** The cursor lead's id when the user may see it; INVALID_CURSOR otherwise (malformed, gone, or unseen). */
    private cursorOf(user: UserRecord, afterId: string | null): string | null {
        if (afterId === null || afterId === undefined) return null;
        const leadId = RecordIds.of(afterId, 'Lead');
        if (!leadId || !this.selector.visibleLead(user.id, leadId))
            throw new ApexError('INVALID_CURSOR', 400, 'Canal_Outcome_INVALID_CURSOR');
        return leadId;
    }

    private toRow(user: UserRecord, r: LeadRecord): LeadRow {
        return {
            id: r.id,
            name: [r.first_name, r.last_name].filter(Boolean).join(' '),
            company: r.company,
            status: r.status,
            statusLabel: statusLabel(user, r.status),
            city: r.city,
            country: r.country,
            createdDate: r.created_date,
            claimedAt: r.claimed_at,
            claimExpiresAt: r.claim_expires_at
        };
    }
}

/** A lead status in the user's language. */
export function statusLabel(user: UserRecord, status: string): string {
    return user.language === 'es' ? (statusTranslations.LeadStatus?.[status] ?? status) : status;
}

/** Wraps rows as a page: `next` is the last row's id when the page is full. */
/** A page of up to pageSize rows from pageSize + 1 read; the extra row only says that a next page exists. */
function toPage(rows: LeadRecord[], pageSize: number, toRow: (r: LeadRecord) => LeadRow): LeadPage {
    const page = rows.slice(0, pageSize);
    return {
        leads: page.map(toRow),
        next: rows.length > pageSize ? page[page.length - 1]!.id : null
    };
}

function clampPageSize(pageSize: number): number {
    return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(pageSize)));
}
