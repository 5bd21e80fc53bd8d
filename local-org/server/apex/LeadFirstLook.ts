import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { ClaimRule } from '../metadata/claimRules.js';
import type { UserRecord } from './LeadClaimSelector.js';
import { LeadPublicationSelector } from './LeadPublicationSelector.js';

/**
 * The twin of LeadFirstLook.cls: a published lead (leads.published_at) is offered to a partner from its publication
 * time plus the first-look delay of the partner's tier (Lead_Claim_Rule__mdt.First_Look_Minutes__c: Gold 0, Silver
 * 10, Bronze 20, Default 30). A lead queued by other means (no publication time) is offered to every partner at once.
 */
export class LeadFirstLook {
    constructor(
        private readonly db: Db,
        private readonly rules: readonly ClaimRule[],
        private readonly clock: Clock
    ) {}

    /** The first-look delay of a tier, in minutes (the Default rule's for no tier or a tier without a rule). */
    delayOfTier(tier: string | null): number {
        const rule =
            this.rules.find((r) => tier !== null && r.tier === tier) ??
            this.rules.find((r) => r.developerName === 'Default');
        return rule?.firstLookMinutes ?? 0;
    }

    /** The user's delay: their partner's tier's; 0 for users without a partner (they cannot claim anyway). */
    delayOf(user: Pick<UserRecord, 'account_id'>): number {
        if (!user.account_id) return 0;
        const account = new LeadPublicationSelector(this.db).partnerTierOf(user.account_id);
        return account ? this.delayOfTier(account.partner_tier) : 0;
    }

    /** Leads published at or before this instant (ISO 8601) are offered to the user now. */
    offeredUpTo(user: Pick<UserRecord, 'account_id'>): string {
        return new Date(this.clock.now().getTime() - this.delayOf(user) * 60_000).toISOString();
    }

    /** When the lead opens to the user, or null when it is already offered to them. */
    opensAt(user: Pick<UserRecord, 'account_id'>, publishedAt: string | null): string | null {
        if (!publishedAt) return null;
        const opens = new Date(new Date(publishedAt).getTime() + this.delayOf(user) * 60_000);
        return opens.getTime() > this.clock.now().getTime() ? opens.toISOString() : null;
    }

    /** When the next lead waiting in the user's queues opens to them, or null when none is waiting. */
    nextOfferAt(user: Pick<UserRecord, 'account_id'>, queueIds: readonly string[]): string | null {
        const first = new LeadPublicationSelector(this.db).firstPublishedAfter(
            queueIds,
            this.offeredUpTo(user)
        );
        return first ? this.opensAt(user, first) : null;
    }
}
