// The contract of LeadConvertController (Apex) and of its local-org counterpart
// (local-org/server/apex/LeadConvertController.ts). Parameter names are the @AuraEnabled parameter names.

declare module 'canal/apex/LeadConvertController' {
    import type { ClaimCode, StatusOption } from 'canal/apex/LeadClaimController';

    /** A contact on a matching account with the lead's e-mail or name. */
    export interface ContactMatch {
        id: string;
        name: string;
        email: string | null;
    }

    /** A customer account the rep may see that matches the lead: by company name or by e-mail domain. */
    export interface AccountMatch {
        id: string;
        name: string;
        matchedBy: 'NAME' | 'DOMAIN';
        contacts: ContactMatch[];
    }

    /** What the convert form offers: OK with prefills, matches and statuses; or why the lead cannot be converted. */
    export interface ConvertOptions {
        code: 'OK' | ClaimCode;
        message: string;
        leadId: string | null;
        company: string | null;
        contactName: string | null;
        email: string | null;
        /** Prefilled "Company - ". */
        opportunityName: string | null;
        accounts: AccountMatch[];
        /** The converted statuses (LeadStatus where IsConverted), in the org's order. */
        statuses: StatusOption[];
        defaultStatus: string | null;
    }

    /** The rep's choices; blank accountId / contactId mean "create a new one". */
    export interface ConvertRequest {
        leadId: string;
        accountId: string | null;
        contactId: string | null;
        doNotCreateOpportunity: boolean;
        /** Required (1 to 120 characters) unless doNotCreateOpportunity. */
        opportunityName: string | null;
        amount: number | null;
        /** YYYY-MM-DD. */
        closeDate: string | null;
        convertedStatus: string | null;
    }

    export interface ConvertResult {
        code: ClaimCode;
        message: string;
        leadId: string | null;
        accountId: string | null;
        contactId: string | null;
        opportunityId: string | null;
    }
}

declare module '@salesforce/apex/LeadConvertController.getConvertOptions' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ConvertOptions } from 'canal/apex/LeadConvertController';
    const getConvertOptions: ApexMethod<{ leadId: string }, ConvertOptions>;
    export default getConvertOptions;
}

declare module '@salesforce/apex/LeadConvertController.convertLead' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ConvertRequest, ConvertResult } from 'canal/apex/LeadConvertController';
    const convertLead: ApexMethod<{ request: ConvertRequest }, ConvertResult>;
    export default convertLead;
}
