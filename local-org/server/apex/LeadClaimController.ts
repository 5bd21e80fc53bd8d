import type { QueueSortField, SortDirection } from 'canal/apex/LeadClaimController';
import { LeadConvertService } from './LeadConvertService.js';
import { LeadReadService } from './LeadReadService.js';
import { ApexError, ID_SCHEMA, nullable, type ApexClass, type ApexContext } from './registry.js';

function reads(ctx: ApexContext): LeadReadService {
    return new LeadReadService({ db: ctx.db, clock: ctx.clock, closedStatuses: ctx.claims.closedStatuses() });
}

/** The twin of LeadClaimController.cls: same methods, parameters and results; thin over the services. */
export const LeadClaimController: ApexClass = {
    getQueuePage: {
        params: {
            type: 'object',
            properties: {
                pageSize: { type: 'integer' },
                afterId: nullable(ID_SCHEMA),
                searchTerm: nullable({ type: 'string', maxLength: 80 }),
                sortBy: nullable({ type: 'string', enum: ['createdDate', 'company', 'name'] }),
                sortDirection: nullable({ type: 'string', enum: ['asc', 'desc'] })
            },
            required: ['pageSize'],
            additionalProperties: false
        },
        handler(
            ctx,
            p: {
                pageSize: number;
                afterId?: string | null;
                searchTerm?: string | null;
                sortBy?: QueueSortField | null;
                sortDirection?: SortDirection | null;
            }
        ) {
            return reads(ctx).getQueuePage(
                ctx.user,
                p.pageSize,
                p.afterId ?? null,
                p.searchTerm ?? null,
                p.sortBy ?? null,
                p.sortDirection ?? null
            );
        }
    },
    getMyLeads: {
        params: {
            type: 'object',
            properties: { pageSize: { type: 'integer' }, afterId: nullable(ID_SCHEMA) },
            required: ['pageSize'],
            additionalProperties: false
        },
        handler: (ctx, p: { pageSize: number; afterId?: string | null }) =>
            reads(ctx).getMyLeads(ctx.user, p.pageSize, p.afterId ?? null)
    },
    getLead: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler(ctx, p: { leadId: string }) {
            const detail = reads(ctx).getLead(ctx.user, p.leadId);
            // Like a user-mode query: a lead the user cannot see does not exist for them.
            if (!detail) throw new ApexError('NOT_FOUND', 404);
            return detail;
        }
    },
    claimLead: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string }) => ctx.claims.claimLead(ctx.user.id, p.leadId)
    },
    claimLeads: {
        params: {
            type: 'object',
            properties: {
                leadIds: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 1000 }
            },
            required: ['leadIds'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadIds: string[] }) => ctx.claims.claimLeads(ctx.user.id, p.leadIds)
    },
    releaseLead: {
        params: {
            type: 'object',
            properties: {
                leadId: { type: 'string', maxLength: 64 },
                reason: { type: 'string', maxLength: 2000 }
            },
            required: ['leadId', 'reason'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string; reason: string }) =>
            ctx.claims.releaseLead(ctx.user.id, p.leadId, p.reason)
    },
    updateLeadStatus: {
        params: {
            type: 'object',
            properties: {
                leadId: { type: 'string', maxLength: 64 },
                status: { type: 'string', maxLength: 255 }
            },
            required: ['leadId', 'status'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string; status: string }) =>
            ctx.claims.updateLeadStatus(ctx.user.id, p.leadId, p.status)
    },
    convertLead: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string }) =>
            new LeadConvertService({
                db: ctx.db,
                clock: ctx.clock,
                labels: ctx.labels,
                closedStatuses: ctx.claims.closedStatuses()
            }).convertWithDefaults(ctx.user.id, p.leadId)
    },
    getAllowance: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx) => ctx.claims.getAllowance(ctx.user.id)
    },
    getLeadStatuses: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx) => reads(ctx).getLeadStatuses(ctx.user)
    },
    getRecentItems: {
        params: {
            type: 'object',
            properties: { maxItems: { type: 'integer' } },
            required: ['maxItems'],
            additionalProperties: false
        },
        handler: (ctx, p: { maxItems: number }) => reads(ctx).getRecentItems(ctx.user, p.maxItems)
    }
};
