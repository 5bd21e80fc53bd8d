// The contract of OpportunityController (Apex). Parameter names are the @AuraEnabled parameter names; field
// names match the @AuraEnabled fields of OpportunityDtos' classes exactly.

declare module 'canal/apex/OpportunityController' {
    /**
     * The list views the Apex selector mirrors (objects/Opportunity/listViews/<name>.listView-meta.xml); any
     * other name is refused by the server.
     */
    export type ListViewName =
        | 'Canal_My_Opportunities'
        | 'Canal_Partner_Opportunities'
        | 'Canal_Closing_This_Month'
        | 'Canal_Open_Pipeline'
        | 'Canal_Won_This_Quarter';

    /** One list view the user may choose, labelled in the user's language. */
    export interface ListViewOption {
        /** The list view's developer name. */
        name: ListViewName;
        label: string;
    }

    /** An opportunity as the list shows it. */
    export interface OpportunityRow {
        id: string;
        name: string;
        accountId: string | null;
        /** Null when the opportunity has no account or the user cannot see it. */
        accountName: string | null;
        /** The StageName API value. */
        stageName: string;
        /** The stage label in the user's language. */
        stageLabel: string;
        amount: number | null;
        /** The record's currency (the org's currency when multi-currency is off). */
        currencyIsoCode: string;
        /** YYYY-MM-DD. */
        closeDate: string;
        ownerName: string;
        /** 0..100, null when unset. */
        probability: number | null;
    }

    /** One keyset page: `next` is the cursor for the following page, null on the last one. */
    export interface OpportunityPage {
        rows: OpportunityRow[];
        next: string | null;
    }

    /** One opportunity for its detail view and form; `canEdit` when the user has edit access to it. */
    export interface OpportunityDetail extends OpportunityRow {
        nextStep: string | null;
        description: string | null;
        partnerAccountName: string | null;
        canEdit: boolean;
    }

    /** An active stage, in the org's stage order. */
    export interface StageOption {
        value: string;
        label: string;
        /** The stage's default probability (0..100); a saved opportunity takes it. */
        probability: number;
        closed: boolean;
        won: boolean;
    }

    /** A customer account the user may put on an opportunity. */
    export interface AccountOption {
        id: string;
        name: string;
    }

    /** Stable outcome codes of saveOpportunity. */
    export type SaveCode =
        'SAVED' | 'INVALID' | 'NOT_FOUND' | 'NOT_EDITABLE' | 'NOT_ELIGIBLE' | 'CUSTOMER_PROTECTED';

    /** The fields of OpportunityInput that can carry a field error. */
    export type OpportunityField =
        'name' | 'accountId' | 'stageName' | 'amount' | 'closeDate' | 'nextStep' | 'description';

    export interface SaveResult {
        code: SaveCode;
        /** The code's Custom Label in the user's language. */
        message: string;
        /** The saved opportunity on SAVED; the one asked for otherwise, or null for a new one. */
        recordId: string | null;
        /** On INVALID: the field (an OpportunityField) to its translated message; empty otherwise. */
        fieldErrors: Record<string, string>;
    }

    /** What the form sends: `id` null creates an opportunity, an id updates it. */
    export interface OpportunityInput {
        id: string | null;
        name: string;
        accountId: string;
        stageName: string;
        amount: number | null;
        /** YYYY-MM-DD. */
        closeDate: string;
        nextStep: string | null;
        description: string | null;
    }

    export type OpportunitySortField = 'name' | 'closeDate' | 'amount' | 'stageName';
    export type SortDirection = 'asc' | 'desc';

    export interface OpportunityPageParams extends Record<string, unknown> {
        listView: ListViewName;
        /** 1..200; the server clamps it. */
        pageSize: number;
        /** The `next` of the previous page, or null for the first page. */
        afterId: string | null;
        sortBy: OpportunitySortField | null;
        sortDirection: SortDirection | null;
    }
}

declare module '@salesforce/apex/OpportunityController.getListViews' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ListViewOption } from 'canal/apex/OpportunityController';
    const getListViews: ApexMethod<Record<string, never>, ListViewOption[]>;
    export default getListViews;
}

declare module '@salesforce/apex/OpportunityController.getOpportunities' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { OpportunityPage, OpportunityPageParams } from 'canal/apex/OpportunityController';
    const getOpportunities: ApexMethod<OpportunityPageParams, OpportunityPage>;
    export default getOpportunities;
}

declare module '@salesforce/apex/OpportunityController.getOpportunity' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { OpportunityDetail } from 'canal/apex/OpportunityController';
    /** Rejects with the NOT_FOUND label when the user cannot see the opportunity. */
    const getOpportunity: ApexMethod<{ recordId: string }, OpportunityDetail>;
    export default getOpportunity;
}

declare module '@salesforce/apex/OpportunityController.getStages' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { StageOption } from 'canal/apex/OpportunityController';
    const getStages: ApexMethod<Record<string, never>, StageOption[]>;
    export default getStages;
}

declare module '@salesforce/apex/OpportunityController.getAccountOptions' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { AccountOption } from 'canal/apex/OpportunityController';
    const getAccountOptions: ApexMethod<{ searchTerm: string | null }, AccountOption[]>;
    export default getAccountOptions;
}

declare module '@salesforce/apex/OpportunityController.saveOpportunity' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { OpportunityInput, SaveResult } from 'canal/apex/OpportunityController';
    const saveOpportunity: ApexMethod<{ input: OpportunityInput }, SaveResult>;
    export default saveOpportunity;
}
