// The contract of PartnerOverviewController (Apex): each partner's claims against its limits and pipeline.

declare module 'canal/apex/PartnerOverviewController' {
    /** One partner account as the channel manager follows it. */
    export interface PartnerSummary {
        accountId: string;
        name: string;
        /** Partner_Tier__c; null when the partner has none (the Default rule applies). */
        tier: string | null;
        /** Leads the partner holds (claimed, not converted) against its open limit. */
        openClaims: number;
        openLimit: number;
        /** Claims in the rolling 24 hours against its daily limit. */
        claimsLast24Hours: number;
        dailyLimit: number;
        /** Open (not closed) partner deals: total amount and count. */
        openPipelineAmount: number;
        openPipelineCount: number;
        /** Deals closed won with a close date in this calendar quarter. */
        wonThisQuarterAmount: number;
        wonThisQuarterCount: number;
    }
}

declare module '@salesforce/apex/PartnerOverviewController.getPartners' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { PartnerSummary } from 'canal/apex/PartnerOverviewController';
    /** Cacheable: one partner when an id is given, else every partner the user can see, by name. */
    const getPartners: ApexMethod<{ partnerAccountId: string | null }, PartnerSummary[]>;
    export default getPartners;
}
