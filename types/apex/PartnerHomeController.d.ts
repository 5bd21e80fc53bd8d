// The contract of PartnerHomeController (Apex) and of its local-org counterpart
// (local-org/server/apex/PartnerHomeController.ts).

declare module 'canal/apex/PartnerHomeController' {
    /** How many leads wait in the queues the rep belongs to. */
    export interface QueueSummary {
        waiting: number;
    }

    /** A held lead whose hold time ends within 24 hours. */
    export interface ExpiringLead {
        id: string;
        name: string;
        company: string;
        /** ISO 8601. */
        claimExpiresAt: string;
    }

    /** One open stage of the rep's pipeline, in the org's stage order. */
    export interface PipelineStage {
        stageName: string;
        /** In the user's language. */
        stageLabel: string;
        count: number;
        amount: number;
    }

    export interface ClosingDeal {
        id: string;
        name: string;
        accountName: string | null;
        stageLabel: string;
        amount: number | null;
        currencyIsoCode: string;
        /** YYYY-MM-DD. */
        closeDate: string;
    }
}

declare module '@salesforce/apex/PartnerHomeController.getQueueSummary' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { QueueSummary } from 'canal/apex/PartnerHomeController';
    const getQueueSummary: ApexMethod<Record<string, never>, QueueSummary>;
    export default getQueueSummary;
}

declare module '@salesforce/apex/PartnerHomeController.getExpiringLeads' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ExpiringLead } from 'canal/apex/PartnerHomeController';
    const getExpiringLeads: ApexMethod<Record<string, never>, ExpiringLead[]>;
    export default getExpiringLeads;
}

declare module '@salesforce/apex/PartnerHomeController.getPipeline' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { PipelineStage } from 'canal/apex/PartnerHomeController';
    const getPipeline: ApexMethod<Record<string, never>, PipelineStage[]>;
    export default getPipeline;
}

declare module '@salesforce/apex/PartnerHomeController.getClosingDeals' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { ClosingDeal } from 'canal/apex/PartnerHomeController';
    const getClosingDeals: ApexMethod<Record<string, never>, ClosingDeal[]>;
    export default getClosingDeals;
}
