import type {
    ListViewName,
    OpportunityInput,
    OpportunitySortField,
    SortDirection
} from 'canal/apex/OpportunityController';
import { LIST_VIEW_ORDER, OpportunityService } from './OpportunityService.js';
import { ID_SCHEMA, nullable, type ApexClass } from './registry.js';

const INPUT_SCHEMA = {
    type: 'object',
    properties: {
        id: nullable(ID_SCHEMA),
        name: { type: 'string', maxLength: 1000 },
        accountId: { type: 'string', maxLength: 64 },
        stageName: { type: 'string', maxLength: 255 },
        amount: nullable({ type: 'number' }),
        closeDate: { type: 'string', maxLength: 32 },
        nextStep: nullable({ type: 'string', maxLength: 1000 }),
        description: nullable({ type: 'string', maxLength: 40000 })
    },
    required: ['id', 'name', 'accountId', 'stageName', 'closeDate'],
    additionalProperties: false
};

/** The twin of OpportunityController.cls: thin, each method hands its validated parameters to OpportunityService. */
export const OpportunityController: ApexClass = {
    getListViews: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx) => OpportunityService.getListViews(ctx)
    },
    getOpportunities: {
        params: {
            type: 'object',
            properties: {
                listView: { type: 'string', enum: LIST_VIEW_ORDER.map(([n]) => n) },
                pageSize: { type: 'integer' },
                afterId: nullable(ID_SCHEMA),
                sortBy: nullable({ type: 'string', enum: ['name', 'closeDate', 'amount', 'stageName'] }),
                sortDirection: nullable({ type: 'string', enum: ['asc', 'desc'] })
            },
            required: ['listView', 'pageSize'],
            additionalProperties: false
        },
        handler: (
            ctx,
            p: {
                listView: ListViewName;
                pageSize: number;
                afterId?: string | null;
                sortBy?: OpportunitySortField | null;
                sortDirection?: SortDirection | null;
            }
        ) => OpportunityService.getOpportunities(ctx, p)
    },
    getOpportunity: {
        params: {
            type: 'object',
            properties: { recordId: { type: 'string', maxLength: 64 } },
            required: ['recordId'],
            additionalProperties: false
        },
        handler: (ctx, p: { recordId: string }) => OpportunityService.getOpportunity(ctx, p.recordId)
    },
    getStages: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx) => OpportunityService.getStages(ctx)
    },
    getAccountOptions: {
        params: {
            type: 'object',
            properties: { searchTerm: nullable({ type: 'string', maxLength: 80 }) },
            additionalProperties: false
        },
        handler: (ctx, p: { searchTerm?: string | null }) =>
            OpportunityService.getAccountOptions(ctx, p.searchTerm)
    },
    saveOpportunity: {
        params: {
            type: 'object',
            properties: { input: INPUT_SCHEMA },
            required: ['input'],
            additionalProperties: false
        },
        handler: (ctx, p: { input: OpportunityInput }) => OpportunityService.saveOpportunity(ctx, p.input)
    }
};
