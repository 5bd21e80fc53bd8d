import { LightningElement } from 'lwc';
import { label } from 'canal-local/labels';

interface RuleRow {
    developerName: string;
    tier: string | null;
    maxOpen: number;
    maxPerDay: number;
    holdHours: number | null;
}

interface PartnerRow {
    accountId: string;
    name: string;
    tier: string | null;
    leadClaimLimit: number | null;
    dailyClaimLimit: number | null;
    openLimit: number;
    dailyLimit: number;
    holdHours: number | null;
}

/**
 * The vendor admin's page in the local org: the claim rules per tier (Lead_Claim_Rule__mdt, read from
 * customMetadata/) and each partner's account overrides with the limits in force, read-only, and the outbox
 * where the welcome e-mails land. GET /local/claim-rules, vendor staff only.
 */
export default class ClaimRules extends LightningElement {
    rules: Array<RuleRow & { tierText: string; holdText: string }> = [];
    partners: Array<
        PartnerRow & { tierText: string; openOverride: string; dailyOverride: string; inForce: string }
    > = [];
    error: unknown;
    isLoading = true;

    readonly labels = {
        title: label('Canal_Manager_Rules_Title'),
        intro: label('Canal_Manager_Rules_Intro'),
        tier: label('Canal_Manager_Tier'),
        maxOpen: label('Canal_Manager_Rule_Max_Open'),
        maxDay: label('Canal_Manager_Rule_Max_Day'),
        hold: label('Canal_Manager_Rule_Hold'),
        overrides: label('Canal_Manager_Overrides_Title'),
        partner: label('Canal_Manager_Partner'),
        openOverride: label('Canal_Manager_Override_Open'),
        dailyOverride: label('Canal_Manager_Override_Daily'),
        inForce: label('Canal_Manager_Effective'),
        outbox: label('Canal_Manager_Outbox_Link'),
        error: label('Canal_Manager_Rules_Error'),
        loading: label('Canal_Loading')
    };

    override connectedCallback(): void {
        this.load();
    }

    get loaded(): boolean {
        return !this.isLoading && !this.error;
    }

    private async load(): Promise<void> {
        const none = label('Canal_Manager_None');
        const noTier = label('Canal_Manager_No_Tier');
        try {
            const response = await fetch('/local/claim-rules', { credentials: 'same-origin' });
            const body = (await response.json()) as {
                rules: RuleRow[];
                partners: PartnerRow[];
                message?: string;
            };
            if (!response.ok)
                throw { status: response.status, body: { message: body.message ?? response.statusText } };
            this.rules = body.rules.map((r) => ({
                ...r,
                tierText: r.tier ?? r.developerName,
                holdText: r.holdHours === null ? none : String(r.holdHours)
            }));
            this.partners = body.partners.map((p) => ({
                ...p,
                tierText: p.tier ?? noTier,
                openOverride: p.leadClaimLimit === null ? none : String(p.leadClaimLimit),
                dailyOverride: p.dailyClaimLimit === null ? none : String(p.dailyClaimLimit),
                inForce: `${this.labels.maxOpen}: ${p.openLimit} · ${this.labels.maxDay}: ${p.dailyLimit}`
            }));
            this.error = undefined;
        } catch (error) {
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }
}
