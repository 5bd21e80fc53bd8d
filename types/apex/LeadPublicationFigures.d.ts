// The contract of the publications' figures (Apex LeadPublicationFigures, through LeadPublicationController's
// getPublications and getPublicationFigures; channel managers and admins only): docs/PUBLICATION.md, "Figures".

declare module 'canal/apex/LeadPublicationFigures' {
    /** One publication in the list, newest first. */
    export interface PublicationSummary {
        id: string;
        /** The publication number (PUB-000001). */
        name: string;
        /** The event or campaign, or null. */
        source: string | null;
        queueName: string | null;
        /** ISO 8601 date-time: when each tier's first-look window started counting. */
        publishedAt: string;
        publishedById: string | null;
        publishedByName: string | null;
        /** Leads the publication created. */
        created: number;
        /** Of them, leads claimed at least once. */
        claimed: number;
        /** Of them, leads waiting in a queue now (never claimed, or released or recalled). */
        stillOpen: number;
        /** Offered so far: the tiers whose first-look window has opened, earliest first ('Default': no tier). */
        offeredTiers: string[];
        /** ISO 8601: when the next tier's window opens; null once every tier has been offered the leads. */
        nextOfferAt: string | null;
    }

    /** The claims of one partner (byPartner) or one tier (byTier, partner fields null). */
    export interface ClaimFigures {
        partnerAccountId: string | null;
        partnerName: string | null;
        /** Partner_Tier__c; null for partners without a tier. */
        tier: string | null;
        /** The tier's first-look delay, in minutes. */
        firstLookMinutes: number | null;
        claimed: number;
        /** Minutes from the publication to the first claim, one decimal. */
        firstClaimMinutes: number | null;
        /** Minutes from the publication to the median claim, one decimal. */
        medianClaimMinutes: number | null;
    }

    /** The figures of one publication. */
    export interface PublicationFigures {
        publication: PublicationSummary;
        /** Leads of the publication. */
        offered: number;
        /** Leads claimed at least once. */
        claimed: number;
        /** Leads waiting in a queue now. */
        stillOpen: number;
        /** Claims of its leads (a lead released and claimed again counts twice). */
        claims: number;
        firstClaimMinutes: number | null;
        medianClaimMinutes: number | null;
        /** Most claims first. */
        byPartner: ClaimFigures[];
        /** Earliest first-look window first; partners without a tier last. */
        byTier: ClaimFigures[];
    }

    /** Refusals (AuraHandledException): partners INSUFFICIENT_ACCESS; a bad id INVALID_REQUEST, INVALID_ID, NOT_FOUND. */
    export type FiguresRefusal = 'INSUFFICIENT_ACCESS' | 'INVALID_REQUEST' | 'INVALID_ID' | 'NOT_FOUND';
}

declare module '@salesforce/apex/LeadPublicationController.getPublications' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { PublicationSummary } from 'canal/apex/LeadPublicationFigures';
    /** The 50 newest publications, newest first. Not cacheable: claims change the counts. */
    const getPublications: ApexMethod<Record<string, never>, PublicationSummary[]>;
    export default getPublications;
}

declare module '@salesforce/apex/LeadPublicationController.getPublicationFigures' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { PublicationFigures } from 'canal/apex/LeadPublicationFigures';
    /** One publication's figures. */
    const getPublicationFigures: ApexMethod<{ publicationId: string | null }, PublicationFigures>;
    export default getPublicationFigures;
}
