import type {
    ClaimFigures,
    FiguresRefusal,
    PublicationFigures,
    PublicationSummary
} from 'canal/apex/LeadPublicationFigures';
import { isVendorStaff } from './LeadClaimSelector.js';
import { LeadFirstLook } from './LeadFirstLook.js';
import { LeadPublicationFiguresSelector, type PublicationRow } from './LeadPublicationFiguresSelector.js';
import type { ApexContext } from './registry.js';
import { ApexError } from './shared/AuraErrors.js';
import { RecordIds } from './shared/RecordIds.js';

/** How many publications the list shows. */
export const MAX_PUBLICATIONS = 50;

const STATUS: Record<FiguresRefusal, number> = {
    INSUFFICIENT_ACCESS: 403,
    INVALID_REQUEST: 400,
    INVALID_ID: 400,
    NOT_FOUND: 404
};

/** One decimal, half up (Decimal.setScale(1, RoundingMode.HALF_UP) for the non-negative minutes). */
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * The twin of LeadPublicationFigures.cls: what became of each publication (the recent publications with their created,
 * claimed and still-open counts; for one publication the leads offered, claimed and still open, and the claims by
 * partner and by tier with the minutes from publication to the first and the median claim). Vendor staff only: a
 * partner never sees figures.
 */
export class LeadPublicationFigures {
    private readonly selector: LeadPublicationFiguresSelector;

    constructor(private readonly ctx: ApexContext) {
        this.selector = new LeadPublicationFiguresSelector(ctx.db);
    }

    /** The newest publications, newest first, with their counts. */
    publications(): PublicationSummary[] {
        this.requireAccess();
        const records = this.selector.recentPublications(MAX_PUBLICATIONS);
        const ids = records.map((r) => r.id);
        const counts = this.selector.leadCounts(ids);
        const claimed = this.selector.claimedLeadCounts(ids);
        return records.map((r) => summaryOf(r, counts.get(r.id), claimed.get(r.id), this.windows(r)));
    }

    /** The figures of one publication. */
    figures(publicationId: string | null | undefined): PublicationFigures {
        this.requireAccess();
        const record = this.requirePublication(publicationId);
        const id = record.id;
        const counts = this.selector.leadCounts([id]).get(id)!;
        const publication = summaryOf(
            record,
            counts,
            this.selector.claimedLeadCounts([id]).get(id),
            this.windows(record)
        );
        const firstLook = new LeadFirstLook(this.ctx.db, this.ctx.claims.rules(), this.ctx.clock);

        const byPartner = new Map<string | null, ClaimFigures>();
        let claims = 0;
        for (const row of this.selector.claimsByPartner(id)) {
            byPartner.set(row.partner_id, {
                partnerAccountId: row.partner_id,
                partnerName: null,
                tier: null,
                firstLookMinutes: null,
                claimed: row.total,
                firstClaimMinutes: this.minutesBetween(record.published_at, row.first_at),
                medianClaimMinutes: null
            });
            claims += row.total;
        }
        const allMinutes: number[] = [];
        const minutesByPartner = this.claimMinutesByPartner(record, allMinutes);

        const accounts = new Map(
            this.selector
                .partners([...byPartner.keys()].filter((k): k is string => k !== null))
                .map((a) => [a.id, a])
        );
        for (const partner of byPartner.values()) {
            const account = partner.partnerAccountId ? accounts.get(partner.partnerAccountId) : undefined;
            partner.partnerName = account?.name ?? null;
            partner.tier = account?.partner_tier ?? null;
            partner.firstLookMinutes = firstLook.delayOfTier(partner.tier);
            partner.medianClaimMinutes = this.median(minutesByPartner.get(partner.partnerAccountId) ?? []);
        }
        const partners = [...byPartner.values()];
        return {
            publication,
            offered: counts[0],
            claimed: publication.claimed,
            stillOpen: counts[1],
            claims,
            firstClaimMinutes: allMinutes.length > 0 ? allMinutes[0]! : null,
            medianClaimMinutes: this.median(allMinutes),
            byPartner: [...partners].sort(mostClaimsFirst),
            byTier: this.tierFigures(partners, minutesByPartner)
        };
    }

    /** The median of sorted values (the mean of the two middle ones for an even count), one decimal; null for none. */
    median(sorted: readonly number[]): number | null {
        if (sorted.length === 0) return null;
        const middle = Math.floor(sorted.length / 2);
        const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
        return oneDecimal(value);
    }

    /** Minutes from one time to another, one decimal (never below 0); null when either is missing. */
    minutesBetween(fromTime: string | null, toTime: string | null): number | null {
        if (!fromTime || !toTime) return null;
        return oneDecimal(Math.max(0, Date.parse(toTime) - Date.parse(fromTime)) / 60_000);
    }

    /** The label of a refusal's message (the user's language is the /apex route's business). */
    messageOf(code: FiguresRefusal): string {
        switch (code) {
            case 'INSUFFICIENT_ACCESS':
                return 'Canal_Publish_Refused_INSUFFICIENT_ACCESS';
            case 'INVALID_ID':
                return 'Canal_Activity_Error_Invalid_Id';
            case 'NOT_FOUND':
                return 'Canal_Error_Not_Found';
            default:
                return 'Canal_Activity_Error_Invalid_Request';
        }
    }

    private requirePublication(publicationId: string | null | undefined): PublicationRow {
        if (publicationId === null || publicationId === undefined || publicationId === '')
            throw this.refused('INVALID_REQUEST');
        const id = RecordIds.of(publicationId, 'LeadPublication');
        if (!id) throw this.refused('INVALID_ID');
        const record = this.selector.publication(id);
        if (!record) throw this.refused('NOT_FOUND');
        return record;
    }

    /** Minutes from the publication to each claim, by partner, in time order; every claim's also go to allMinutes. */
    private claimMinutesByPartner(
        record: PublicationRow,
        allMinutes: number[]
    ): Map<string | null, number[]> {
        const minutesByPartner = new Map<string | null, number[]>();
        for (const claim of this.selector.claimTimes(record.id)) {
            const minutes = this.minutesBetween(record.published_at, claim.occurred_at)!;
            allMinutes.push(minutes);
            const list = minutesByPartner.get(claim.partner_account_id) ?? [];
            list.push(minutes);
            minutesByPartner.set(claim.partner_account_id, list);
        }
        return minutesByPartner;
    }

    /** The partners' claims summed by tier, the earliest first-look window first. */
    private tierFigures(
        partners: readonly ClaimFigures[],
        minutesByPartner: Map<string | null, number[]>
    ): ClaimFigures[] {
        const byTier = new Map<string, ClaimFigures>();
        const minutesByTier = new Map<string, number[]>();
        for (const partner of partners) {
            const key = partner.tier ?? '';
            if (!byTier.has(key)) {
                byTier.set(key, {
                    partnerAccountId: null,
                    partnerName: null,
                    tier: partner.tier,
                    firstLookMinutes: partner.firstLookMinutes,
                    claimed: 0,
                    firstClaimMinutes: null,
                    medianClaimMinutes: null
                });
                minutesByTier.set(key, []);
            }
            const tier = byTier.get(key)!;
            tier.claimed += partner.claimed;
            tier.firstClaimMinutes = minOf(tier.firstClaimMinutes, partner.firstClaimMinutes);
            minutesByTier.get(key)!.push(...(minutesByPartner.get(partner.partnerAccountId) ?? []));
        }
        for (const [key, tier] of byTier) {
            tier.medianClaimMinutes = this.median(minutesByTier.get(key)!.sort((a, b) => a - b));
        }
        return [...byTier.values()].sort(earliestWindowFirst);
    }

    /** The tiers offered the publication's leads so far (Default for no tier), and when the next window opens. */
    private windows(record: PublicationRow): { offeredTiers: string[]; nextOfferAt: string | null } {
        const published = Date.parse(record.published_at);
        const now = this.ctx.clock.now().getTime();
        const windows = this.ctx.claims
            .rules()
            .map((rule) => ({ tier: rule.tier ?? rule.developerName, delay: rule.firstLookMinutes ?? 0 }))
            .sort((a, b) =>
                a.delay !== b.delay ? a.delay - b.delay : a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0
            );
        const offeredTiers: string[] = [];
        let next: number | null = null;
        for (const window of windows) {
            const opensAt = published + window.delay * 60_000;
            if (opensAt <= now) offeredTiers.push(window.tier);
            else if (next === null || opensAt < next) next = opensAt;
        }
        return { offeredTiers, nextOfferAt: next === null ? null : new Date(next).toISOString() };
    }

    private requireAccess(): void {
        if (!isVendorStaff(this.ctx.user)) throw this.refused('INSUFFICIENT_ACCESS');
    }

    private refused(code: FiguresRefusal): ApexError {
        return new ApexError(code, STATUS[code], this.messageOf(code));
    }
}

function summaryOf(
    record: PublicationRow,
    counts: [number, number] | undefined,
    claimed: number | undefined,
    windows: { offeredTiers: string[]; nextOfferAt: string | null }
): PublicationSummary {
    return {
        id: record.id,
        name: record.name,
        source: record.source,
        queueName: record.queue_name,
        publishedAt: record.published_at,
        publishedById: record.published_by,
        publishedByName: record.published_by_name,
        created: record.lead_count,
        claimed: claimed ?? 0,
        stillOpen: counts?.[1] ?? 0,
        offeredTiers: windows.offeredTiers,
        nextOfferAt: windows.nextOfferAt
    };
}

function minOf(left: number | null, right: number | null): number | null {
    if (left === null) return right;
    return right === null || left <= right ? left : right;
}

function mostClaimsFirst(left: ClaimFigures, right: ClaimFigures): number {
    if (left.claimed !== right.claimed) return left.claimed > right.claimed ? -1 : 1;
    const a = left.partnerName ?? '';
    const b = right.partnerName ?? '';
    return a < b ? -1 : a > b ? 1 : 0;
}

function earliestWindowFirst(left: ClaimFigures, right: ClaimFigures): number {
    if (left.tier === null || right.tier === null)
        return left.tier === right.tier ? 0 : left.tier === null ? 1 : -1;
    const leftDelay = left.firstLookMinutes ?? 0;
    const rightDelay = right.firstLookMinutes ?? 0;
    if (leftDelay !== rightDelay) return leftDelay < rightDelay ? -1 : 1;
    return left.tier < right.tier ? -1 : left.tier > right.tier ? 1 : 0;
}
