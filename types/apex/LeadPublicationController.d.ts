// The contract of lead publication (Apex LeadPublicationService, REST POST /canal/v1/leads/publish and the
// LeadPublicationController methods of the Publish leads page): docs/PUBLICATION.md.

declare module 'canal/apex/LeadPublicationController' {
    /** The fields of one lead to publish, as the REST body and the CSV page send them. */
    export interface LeadInput {
        firstName?: string | null;
        lastName?: string | null;
        company?: string | null;
        email?: string | null;
        phone?: string | null;
        title?: string | null;
        city?: string | null;
        country?: string | null;
    }

    export type LeadInputField = keyof LeadInput;

    /** Why a row was refused (each with the label Canal_Publish_Error_<CODE>). */
    export type RowErrorCode =
        | 'REQUIRED'
        | 'TOO_LONG'
        | 'INVALID_EMAIL'
        | 'INVALID_VALUE'
        | 'UNKNOWN_FIELD'
        | 'INVALID_ROW'
        | 'REJECTED';

    /** One refused field of one row; `index` is the row's position in `leads` (0-based). */
    export interface RowError {
        index: number;
        field: string | null;
        code: RowErrorCode;
        message: string;
    }

    /** EMAIL: same e-mail; COMPANY_AND_NAME: same company, first and last name (both case-insensitive). */
    export type DuplicateMatch = 'EMAIL' | 'COMPANY_AND_NAME';

    /**
     * A row not created because it likely duplicates an open lead (`leadId`) or an earlier row of the same call
     * (`duplicateOfIndex`).
     */
    export interface DuplicateRow {
        index: number;
        match: DuplicateMatch;
        leadId: string | null;
        duplicateOfIndex: number | null;
        message: string;
    }

    /** The answer of a publication: `publicationId` is null when no row was created. */
    export interface PublishResult {
        publicationId: string | null;
        created: number;
        duplicates: DuplicateRow[];
        errors: RowError[];
    }

    /** What the page shows before publishing: the same checks, nothing created. */
    export interface PublishPreview {
        valid: number;
        duplicates: DuplicateRow[];
        errors: RowError[];
    }

    /** A lead queue the channel manager may publish to. */
    export interface PublishQueue {
        developerName: string;
        name: string;
    }

    /** Refusals of a whole call, before any row is read. */
    export type PublishRefusal =
        'INSUFFICIENT_ACCESS' | 'INVALID_REQUEST' | 'TOO_MANY_LEADS' | 'QUEUE_NOT_FOUND';
}

declare module '@salesforce/apex/LeadPublicationController.getQueues' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { PublishQueue } from 'canal/apex/LeadPublicationController';
    /** The lead queues, by name; INSUFFICIENT_ACCESS for anyone but channel managers and admins. */
    const getQueues: ApexMethod<Record<string, never>, PublishQueue[]>;
    export default getQueues;
}

declare module '@salesforce/apex/LeadPublicationController.previewLeads' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadInput, PublishPreview } from 'canal/apex/LeadPublicationController';
    /** Checks rows (at most 2,000) without creating anything. */
    const previewLeads: ApexMethod<{ leads: LeadInput[] }, PublishPreview>;
    export default previewLeads;
}

declare module '@salesforce/apex/LeadPublicationController.publishLeads' {
    import type { ApexMethod } from '@salesforce/apex';
    import type { LeadInput, PublishResult } from 'canal/apex/LeadPublicationController';
    /** Publishes the valid rows to the queue; a repeated idempotencyKey creates nothing new. */
    const publishLeads: ApexMethod<
        { queue: string; source: string | null; leads: LeadInput[]; idempotencyKey: string | null },
        PublishResult
    >;
    export default publishLeads;
}

declare module '@salesforce/apex/LeadChangeTokenController.getChangeToken' {
    import type { ApexMethod } from '@salesforce/apex';
    /** The lead change token: a partner page reloads its data only when it moved (c/leadChanges). */
    const getChangeToken: ApexMethod<Record<string, never>, string>;
    export default getChangeToken;
}
