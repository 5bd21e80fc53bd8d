// The contract of LeadClaimController (Apex) and of its local-org counterpart
// (local-org/server/apex/LeadClaimController.ts). Parameter names are the @AuraEnabled parameter names.

declare module 'canal/apex/LeadClaimController' {
    /** Stable outcome codes; docs/CLAIM-RULES.md says when each is given. */
    export type ClaimCode =
        | 'CLAIMED'
        | 'RELEASED'
        | 'CONVERTED'
        | 'UPDATED'
        | 'ALREADY_CLAIMED'
        | 'CLAIM_LIMIT_REACHED'
        | 'DAILY_LIMIT_REACHED'
        | 'NOT_ELIGIBLE'
        | 'NOT_OWNER'
        | 'NOT_FOUND'
        | 'INVALID_ID'
        | 'INVALID_REQUEST'
        | 'INVALID_STATUS'
        | 'TRY_AGAIN'
        | 'ACCOUNT_NOT_VISIBLE'
        /** First look: the lead was published and the partner's tier window has not opened yet. */
        | 'NOT_YET_OFFERED'
        | 'LEAD_CLOSED'
        /** Deal registration: another partner's approved registration protects the lead's customer. */
        | 'CUSTOMER_PROTECTED';

    /** A lead as the partner lists show it. Dates are ISO 8601 strings. */
    export interface LeadRow {
        id: string;
        name: string;
        company: string;
        status: string;
        /** The status label in the user's language. */
        statusLabel: string;
        city: string | null;
        country: string | null;
        createdDate: string;
        claimedAt: string | null;
        claimExpiresAt: string | null;
    }

    /** One lead the user can see, for its detail page; `canEdit` when the user holds it and it is open. */
    export interface LeadDetail extends LeadRow {
        email: string | null;
        ownerName: string;
        partnerAccountName: string | null;
        isConverted: boolean;
        convertedOpportunityId: string | null;
        canEdit: boolean;
    }

    /** One keyset page: `next` is the cursor for the following page, null on the last one. */
    export interface LeadPage {
        leads: LeadRow[];
        next: string | null;
        /** First look: when the next published lead waiting in the user's queues opens to them (ISO 8601), or null. */
        nextOfferAt?: string | null;
    }

    export type QueueSortField = 'createdDate' | 'company' | 'name';
    export type SortDirection = 'asc' | 'desc';

    /** The outcome of one action on one lead. */
    export interface ClaimResult {
        code: ClaimCode;
        /** The outcome's Custom Label in the user's language. */
        message: string;
        leadId: string | null;
        ownerId: string | null;
        claimedAt: string | null;
        /** Set by convertLead on CONVERTED. */
        opportunityId: string | null;
    }

    export interface BulkClaimResult {
        /** COMPLETED with one result per id asked, in order; INVALID_REQUEST (0 or > 200 ids) with none. */
        code: 'COMPLETED' | 'INVALID_REQUEST';
        message: string;
        results: ClaimResult[];
    }

    export interface Allowance {
        /** OK, or NOT_ELIGIBLE for a user without a partner account (the counts are then 0). */
        code: 'OK' | 'NOT_ELIGIBLE';
        message: string;
        openClaims: number;
        openLimit: number;
        claimsToday: number;
        dailyLimit: number;
        holdHours: number | null;
    }

    export interface StatusOption {
        value: string;
        label: string;
    }

    export interface RecentItem {
        id: string;
        name: string;
        /** 'Lead' or 'Opportunity'. */
        type: string;
        lastViewedDate: string;
    }

    export interface QueuePageParams extends Record<string, unknown> {
        pageSize: number;
        afterId: string | null;
        searchTerm: string | null;
        sortBy: QueueSortField | null;
        sortDirection: SortDirection | null;
    }
}

declare module '@salesforce/apex/LeadClaimController.getQueuePage' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadPage, QueuePageParams } from 'canal/apex/LeadClaimController';
    const getQueuePage: ApexMethod<QueuePageParams, LeadPage>;
    export default getQueuePage;
}

declare module '@salesforce/apex/LeadClaimController.getMyLeads' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadPage } from 'canal/apex/LeadClaimController';
    const getMyLeads: ApexMethod<{ pageSize: number; afterId: string | null }, LeadPage>;
    export default getMyLeads;
}

declare module '@salesforce/apex/LeadClaimController.getLead' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadDetail } from 'canal/apex/LeadClaimController';
    const getLead: ApexMethod<{ leadId: string }, LeadDetail>;
    export default getLead;
}

declare module '@salesforce/apex/LeadClaimController.claimLead' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ClaimResult } from 'canal/apex/LeadClaimController';
    const claimLead: ApexMethod<{ leadId: string }, ClaimResult>;
    export default claimLead;
}

declare module '@salesforce/apex/LeadClaimController.claimLeads' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { BulkClaimResult } from 'canal/apex/LeadClaimController';
    const claimLeads: ApexMethod<{ leadIds: string[] }, BulkClaimResult>;
    export default claimLeads;
}

declare module '@salesforce/apex/LeadClaimController.releaseLead' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ClaimResult } from 'canal/apex/LeadClaimController';
    const releaseLead: ApexMethod<{ leadId: string; reason: string }, ClaimResult>;
    export default releaseLead;
}

declare module '@salesforce/apex/LeadClaimController.updateLeadStatus' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ClaimResult } from 'canal/apex/LeadClaimController';
    const updateLeadStatus: ApexMethod<{ leadId: string; status: string }, ClaimResult>;
    export default updateLeadStatus;
}

declare module '@salesforce/apex/LeadClaimController.convertLead' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ClaimResult } from 'canal/apex/LeadClaimController';
    const convertLead: ApexMethod<{ leadId: string }, ClaimResult>;
    export default convertLead;
}

declare module '@salesforce/apex/LeadClaimController.getAllowance' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { Allowance } from 'canal/apex/LeadClaimController';
    const getAllowance: ApexMethod<Record<string, never>, Allowance>;
    export default getAllowance;
}

declare module '@salesforce/apex/LeadClaimController.getLeadStatuses' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { StatusOption } from 'canal/apex/LeadClaimController';
    const getLeadStatuses: ApexMethod<Record<string, never>, StatusOption[]>;
    export default getLeadStatuses;
}

declare module '@salesforce/apex/LeadClaimController.getRecentItems' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { RecentItem } from 'canal/apex/LeadClaimController';
    const getRecentItems: ApexMethod<{ maxItems: number }, RecentItem[]>;
    export default getRecentItems;
}
