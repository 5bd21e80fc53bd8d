import type {
    LeadDetail,
    LeadRow,
    QueueSortField,
    RecentItem,
    SortDirection,
    StatusOption
} from 'canal/apex/LeadClaimController';
import { isIdOf, normalizeId } from '../ids.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';
import { LeadClaimSelector, toPage, type LeadRecord } from './LeadClaimSelector.js';
import { ApexError, ID_SCHEMA, nullable, type ApexClass, type ApexContext } from './registry.js';

const statusTranslations = readStatusTranslations();

function statusLabel(ctx: ApexContext, status: string): string {
    return ctx.user.language === 'es' ? (statusTranslations.LeadStatus?.[status] ?? status) : status;
}

function toRow(ctx: ApexContext) {
    return (r: LeadRecord): LeadRow => ({
        id: r.id,
        name: [r.first_name, r.last_name].filter(Boolean).join(' '),
        company: r.company,
        status: r.status,
        statusLabel: statusLabel(ctx, r.status),
        city: r.city,
        country: r.country,
        createdDate: r.created_date,
        claimedAt: r.claimed_at,
        claimExpiresAt: r.claim_expires_at
    });
}

function clampPageSize(pageSize: number): number {
    return Math.min(200, Math.max(1, Math.trunc(pageSize)));
}

/** The local counterpart of LeadClaimController.cls: same methods, parameters and results. */
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
            const pageSize = clampPageSize(p.pageSize);
            const rows = new LeadClaimSelector(ctx.db).queuePage(ctx.user.id, {
                pageSize,
                afterId: p.afterId ?? null,
                searchTerm: p.searchTerm?.trim() || null,
                sortBy: p.sortBy ?? 'createdDate',
                sortDirection: p.sortDirection ?? 'asc'
            });
            return toPage(rows, pageSize, toRow(ctx));
        }
    },
    getMyLeads: {
        params: {
            type: 'object',
            properties: { pageSize: { type: 'integer' }, afterId: nullable(ID_SCHEMA) },
            required: ['pageSize'],
            additionalProperties: false
        },
        handler(ctx, p: { pageSize: number; afterId?: string | null }) {
            const pageSize = clampPageSize(p.pageSize);
            return toPage(
                new LeadClaimSelector(ctx.db).myLeads(ctx.user.id, pageSize, p.afterId ?? null),
                pageSize,
                toRow(ctx)
            );
        }
    },
    getLead: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler(ctx, p: { leadId: string }): LeadDetail {
            const selector = new LeadClaimSelector(ctx.db);
            const lead = isIdOf(p.leadId, 'Lead')
                ? selector.visibleLead(ctx.user.id, normalizeId(p.leadId)!)
                : undefined;
            // Like a user-mode query: a lead the user cannot see does not exist for them.
            if (!lead) throw new ApexError('NOT_FOUND', 404);
            const extra = ctx.db
                .prepare(
                    `SELECT l.email, l.converted_opportunity_id, COALESCE(u.first_name || ' ' || u.last_name, q.name) AS owner_name, a.name AS partner_name
                     FROM leads l LEFT JOIN users u ON u.id = l.owner_id LEFT JOIN queues q ON q.id = l.owner_id LEFT JOIN accounts a ON a.id = l.partner_account_id
                     WHERE l.id = ?`
                )
                .get(lead.id) as {
                email: string | null;
                converted_opportunity_id: string | null;
                owner_name: string;
                partner_name: string | null;
            };
            // Opening a record puts it in Recent Items, as viewing a record page does in the org.
            ctx.db
                .prepare(
                    "INSERT INTO recently_viewed (user_id, record_id, type, last_viewed_date) VALUES (?, ?, 'Lead', ?) ON CONFLICT(user_id, record_id) DO UPDATE SET last_viewed_date = excluded.last_viewed_date"
                )
                .run(ctx.user.id, lead.id, ctx.clock.now().toISOString());
            return {
                ...toRow(ctx)(lead),
                email: extra.email,
                ownerName: extra.owner_name,
                partnerAccountName: extra.partner_name,
                isConverted: lead.is_converted === 1,
                convertedOpportunityId: extra.converted_opportunity_id,
                // A closed lead is final for partners (docs/CLAIM-RULES.md), as in Apex.
                canEdit:
                    lead.owner_id === ctx.user.id &&
                    lead.is_converted === 0 &&
                    !(ctx.user.account_id && ctx.claims.closedStatuses().includes(lead.status))
            };
        }
    },
    claimLead: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string }) => ctx.claims.claim(ctx.user.id, p.leadId)
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
        handler: (ctx, p: { leadIds: string[] }) => ctx.claims.claimMany(ctx.user.id, p.leadIds)
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
            ctx.claims.release(ctx.user.id, p.leadId, p.reason)
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
            ctx.claims.updateStatus(ctx.user.id, p.leadId, p.status)
    },
    convertLead: {
        params: {
            type: 'object',
            properties: { leadId: { type: 'string', maxLength: 64 } },
            required: ['leadId'],
            additionalProperties: false
        },
        handler: (ctx, p: { leadId: string }) => ctx.claims.convert(ctx.user.id, p.leadId)
    },
    getAllowance: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler: (ctx) => ctx.claims.allowance(ctx.user.id)
    },
    getLeadStatuses: {
        params: { type: 'object', properties: {}, additionalProperties: false },
        handler(ctx): StatusOption[] {
            return new LeadClaimSelector(ctx.db)
                .openStatuses()
                .map((value) => ({ value, label: statusLabel(ctx, value) }));
        }
    },
    getRecentItems: {
        params: {
            type: 'object',
            properties: { maxItems: { type: 'integer' } },
            required: ['maxItems'],
            additionalProperties: false
        },
        handler(ctx, p: { maxItems: number }): RecentItem[] {
            const rows = new LeadClaimSelector(ctx.db).recentItems(
                ctx.user.id,
                Math.min(50, Math.max(1, p.maxItems))
            );
            return rows.flatMap((r) => {
                const record =
                    r.type === 'Lead'
                        ? (ctx.db
                              .prepare(
                                  "SELECT COALESCE(first_name || ' ', '') || last_name AS name, owner_id FROM leads WHERE id = ?"
                              )
                              .get(r.record_id) as { name: string; owner_id: string } | undefined)
                        : (ctx.db
                              .prepare('SELECT name, owner_id FROM opportunities WHERE id = ?')
                              .get(r.record_id) as { name: string; owner_id: string } | undefined);
                // Recent Items only lists what the user can still see, as RecentlyViewed does.
                if (!record || record.owner_id !== ctx.user.id) return [];
                return [
                    { id: r.record_id, name: record.name, type: r.type, lastViewedDate: r.last_viewed_date }
                ];
            });
        }
    }
};
