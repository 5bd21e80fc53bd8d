// The contract of LeadEditController (Apex) and of its local-org counterpart
// (local-org/server/apex/LeadEditController.ts). Parameter names are the @AuraEnabled parameter names.

declare module 'canal/apex/LeadEditController' {
    /** How a field renders and is checked. */
    export type LeadFieldType =
        | 'text'
        | 'textarea'
        | 'email'
        | 'phone'
        | 'url'
        | 'picklist'
        | 'integer'
        | 'number'
        | 'boolean'
        | 'date';

    /** Stable save codes. */
    export type LeadEditCode =
        | 'SAVED'
        | 'INVALID'
        | 'STALE_RECORD'
        | 'NOT_FOUND'
        | 'NOT_OWNER'
        | 'NOT_ELIGIBLE'
        | 'INVALID_ID'
        | 'INVALID_REQUEST'
        | 'TRY_AGAIN';

    export interface LeadFieldOption {
        value: string;
        /** In the user's language. */
        label: string;
    }

    /** One field of the Canal_Partner_Lead_Edit field set, as the user may see it. */
    export interface LeadFieldDescription {
        apiName: string;
        label: string;
        type: LeadFieldType;
        required: boolean;
        /** The user's field access and the claim contract (they hold the lead). */
        updateable: boolean;
        /** Maximum characters of a text field; 0 otherwise. */
        length: number;
        precision: number;
        scale: number;
        min: number | null;
        max: number | null;
        options: LeadFieldOption[];
        value: string | number | boolean | null;
    }

    export interface LeadFormDescription {
        leadId: string;
        /** The lead's SystemModstamp (epoch ms): sent back with the save. */
        version: string;
        canEdit: boolean;
        fields: LeadFieldDescription[];
    }

    export interface LeadSaveResult {
        code: LeadEditCode;
        /** The code's label in the user's language (or an org validation rule's message). */
        message: string;
        /** The lead's new version after SAVED. */
        version: string | null;
        /** One message per field API name. */
        fieldErrors: Record<string, string>;
    }
}

declare module '@salesforce/apex/LeadEditController.describeLeadForm' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadFormDescription } from 'canal/apex/LeadEditController';
    const describeLeadForm: ApexMethod<{ leadId: string }, LeadFormDescription>;
    export default describeLeadForm;
}

declare module '@salesforce/apex/LeadEditController.saveLead' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadSaveResult } from 'canal/apex/LeadEditController';
    const saveLead: ApexMethod<
        { leadId: string; values: Record<string, string | number | boolean | null>; version: string },
        LeadSaveResult
    >;
    export default saveLead;
}
