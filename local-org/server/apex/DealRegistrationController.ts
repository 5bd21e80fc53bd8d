import type { DealRegistrationInput } from 'canal/apex/DealRegistrationController';
import { DealRegistrationService } from './DealRegistrationService.js';
import { ID_SCHEMA, nullable, type ApexClass, type ApexContext } from './registry.js';

const INPUT_SCHEMA = {
    type: 'object',
    properties: {
        company: nullable({ type: 'string', maxLength: 1000 }),
        contactName: nullable({ type: 'string', maxLength: 1000 }),
        contactEmail: nullable({ type: 'string', maxLength: 1000 }),
        contactPhone: nullable({ type: 'string', maxLength: 1000 }),
        country: nullable({ type: 'string', maxLength: 1000 }),
        taxId: nullable({ type: 'string', maxLength: 1000 }),
        productInterest: nullable({ type: 'string', maxLength: 1000 }),
        amount: nullable({ type: 'number' }),
        closeDate: nullable({ type: 'string', maxLength: 32 }),
        description: nullable({ type: 'string', maxLength: 40000 })
    },
    additionalProperties: false
};
const NO_PARAMS = { type: 'object', properties: {}, additionalProperties: false } as const;
const IDS_SCHEMA = { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 200 };

/** The service of the request, with the org's closed lead statuses. */
export function dealService(ctx: ApexContext): DealRegistrationService {
    return new DealRegistrationService({
        db: ctx.db,
        clock: ctx.clock,
        labels: ctx.labels,
        closedStatuses: ctx.claims.closedStatuses()
    });
}

/** The twin of DealRegistrationController.cls: thin, each method hands its validated parameters to the service. */
export const DealRegistrationController: ApexClass = {
    submitRegistration: {
        params: {
            type: 'object',
            properties: { input: INPUT_SCHEMA, submitKey: nullable({ type: 'string', maxLength: 80 }) },
            required: ['input'],
            additionalProperties: false
        },
        handler: (ctx, p: { input: DealRegistrationInput; submitKey?: string | null }) =>
            dealService(ctx).submitRegistration(ctx.user, p.input, p.submitKey ?? null)
    },
    getMyRegistrations: {
        params: {
            type: 'object',
            properties: { cursor: nullable({ type: 'string', maxLength: 200 }) },
            additionalProperties: false
        },
        handler: (ctx, p: { cursor?: string | null }) =>
            dealService(ctx).getMyRegistrations(ctx.user, p.cursor ?? null)
    },
    getRegistration: {
        params: {
            type: 'object',
            properties: { recordId: { type: 'string', maxLength: 64 } },
            required: ['recordId'],
            additionalProperties: false
        },
        handler: (ctx, p: { recordId: string }) => dealService(ctx).getRegistration(ctx.user, p.recordId)
    },
    getSubmittedRegistrations: {
        params: NO_PARAMS,
        handler: (ctx) => dealService(ctx).getSubmittedRegistrations(ctx.user)
    },
    approveRegistrations: {
        params: {
            type: 'object',
            properties: { ids: IDS_SCHEMA },
            required: ['ids'],
            additionalProperties: false
        },
        handler: (ctx, p: { ids: string[] }) => dealService(ctx).approveRegistrations(ctx.user, p.ids)
    },
    rejectRegistrations: {
        params: {
            type: 'object',
            properties: { ids: IDS_SCHEMA, reason: nullable({ type: 'string', maxLength: 32000 }) },
            required: ['ids'],
            additionalProperties: false
        },
        handler: (ctx, p: { ids: string[]; reason?: string | null }) =>
            dealService(ctx).rejectRegistrations(ctx.user, p.ids, p.reason ?? null)
    },
    extendProtection: {
        params: {
            type: 'object',
            properties: { recordId: ID_SCHEMA },
            required: ['recordId'],
            additionalProperties: false
        },
        handler: (ctx, p: { recordId: string }) => dealService(ctx).extendProtection(ctx.user, p.recordId)
    },
    getRegistrationFigures: {
        params: NO_PARAMS,
        handler: (ctx) => dealService(ctx).getRegistrationFigures(ctx.user)
    }
};
