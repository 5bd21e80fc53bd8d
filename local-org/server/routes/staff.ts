import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { limitsFor } from '../apex/LeadClaimRules.js';
import type { UserRecord } from '../apex/LeadClaimSelector.js';
import { isVendorStaff } from '../apex/LeadClaimSelector.js';
import { StaffRecordsSelector } from '../apex/StaffRecordsSelector.js';
import { apexError, pageSession, visitorLanguage } from '../auth/guard.js';
import { label, type OrgContext } from '../context.js';
import { isIdOf, normalizeId } from '../ids.js';
import { readStatusTranslations } from '../metadata/statusTranslations.js';

const translations = readStatusTranslations();
const MAX_ROWS = 100;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)\|([A-Za-z0-9]{18})$/;

/** One partner lead or deal in the channel manager's lists (the org's list views stand in for these). */
export interface PartnerRecordRow {
    id: string;
    name: string;
    /** The lead's company, or the deal's customer account. */
    company: string | null;
    partnerAccountId: string | null;
    partnerName: string | null;
    /** The lead status or the deal stage, in the user's language. */
    status: string;
    ownerName: string | null;
    amount: number | null;
    closeDate: string | null;
    lastModifiedDate: string;
}

/** The vendor staff's session, or an answer in the platform's error shape (401, 403). */
async function staffUser(
    ctx: OrgContext,
    request: FastifyRequest,
    reply: FastifyReply
): Promise<UserRecord | null> {
    const active = pageSession(ctx, request);
    if (!active) {
        await apexError(
            reply,
            401,
            'NOT_AUTHENTICATED',
            label(ctx, visitorLanguage(request), 'Canal_Error_Session')
        );
        return null;
    }
    if (!isVendorStaff(active.user) || active.user.must_change_password) {
        await apexError(
            reply,
            403,
            'INSUFFICIENT_ACCESS',
            label(ctx, active.user.language, 'Canal_Error_Forbidden')
        );
        return null;
    }
    return active.user;
}

/**
 * Read-only pages of the local org's channel-manager and admin personas: every partner's leads and deals (in an
 * org: the list views `Held by partners` and `Canal_Partner_Opportunities`) and the claim rules with the
 * partners' overrides (in an org: Setup, Custom Metadata, and the Account fields). Vendor staff only.
 */
export function registerStaffRoutes(app: FastifyInstance, ctx: OrgContext): void {
    app.get(
        '/local/records/:object',
        {
            schema: {
                params: {
                    type: 'object',
                    properties: { object: { type: 'string', enum: ['Lead', 'Opportunity'] } },
                    required: ['object'],
                    additionalProperties: false
                },
                querystring: {
                    type: 'object',
                    properties: {
                        partner: { type: 'string', maxLength: 18 },
                        after: { type: 'string', maxLength: 64 },
                        size: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }
                    },
                    additionalProperties: false
                }
            }
        },
        async (request, reply) => {
            const user = await staffUser(ctx, request, reply);
            if (!user) return reply;
            const { object } = request.params as { object: 'Lead' | 'Opportunity' };
            const query = request.query as { partner?: string; after?: string; size?: string };
            const size = Math.min(MAX_ROWS, Number(query.size ?? 25));
            const cursor = query.after ? CURSOR.exec(query.after) : null;
            if ((query.partner && !isIdOf(query.partner, 'Account')) || (query.after && !cursor)) {
                return apexError(
                    reply,
                    400,
                    'INVALID_REQUEST',
                    label(ctx, user.language, 'Canal_Error_Bad_Request')
                );
            }
            const rows = new StaffRecordsSelector(ctx.db).partnerRecords(
                object,
                query.partner ? normalizeId(query.partner) : null,
                cursor ? { lastModifiedDate: cursor[1]!, id: cursor[2]! } : null,
                size
            );
            const picklist =
                (object === 'Lead' ? translations.LeadStatus : translations.OpportunityStage) ?? {};
            const page = rows.slice(0, size);
            const last = page[page.length - 1];
            return {
                rows: page.map((r): PartnerRecordRow => ({
                    id: r.id,
                    name: r.name,
                    company: r.company,
                    partnerAccountId: r.partner_account_id,
                    partnerName: r.partner_name,
                    status: user.language === 'es' ? (picklist[r.status] ?? r.status) : r.status,
                    ownerName: r.owner_name,
                    amount: r.amount,
                    closeDate: r.close_date,
                    lastModifiedDate: r.last_modified_date
                })),
                next: rows.length > size && last ? `${last.last_modified_date}|${last.id}` : null
            };
        }
    );

    app.get('/local/claim-rules', async (request, reply) => {
        const user = await staffUser(ctx, request, reply);
        if (!user) return reply;
        const partners = new StaffRecordsSelector(ctx.db).partnerAccounts();
        return {
            rules: ctx.rules.map((r) => ({
                developerName: r.developerName,
                tier: r.tier,
                maxOpen: r.maxOpen,
                maxPerDay: r.maxPerDay,
                holdHours: r.holdHours
            })),
            partners: partners.map((p) => {
                const limits = limitsFor(ctx.rules, p);
                return {
                    accountId: p.id,
                    name: p.name,
                    tier: p.partner_tier,
                    leadClaimLimit: p.lead_claim_limit,
                    dailyClaimLimit: p.daily_claim_limit,
                    openLimit: limits.openLimit,
                    dailyLimit: limits.dailyLimit,
                    holdHours: limits.holdHours
                };
            })
        };
    });
}
