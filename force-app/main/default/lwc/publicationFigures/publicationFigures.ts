import { LightningElement } from 'lwc';
import getPublications from '@salesforce/apex/LeadPublicationController.getPublications';
import getPublicationFigures from '@salesforce/apex/LeadPublicationController.getPublicationFigures';
import type { ClaimFigures, PublicationFigures, PublicationSummary } from 'canal/apex/LeadPublicationFigures';
import { formatLabel } from 'c/labelFormat';
import locale from '@salesforce/i18n/locale';
import titleLabel from '@salesforce/label/c.Canal_Figures_Title';
import emptyLabel from '@salesforce/label/c.Canal_Figures_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Figures_Load_Error';
import publicationLabel from '@salesforce/label/c.Canal_Figures_Publication';
import sourceLabel from '@salesforce/label/c.Canal_Figures_Source';
import queueLabel from '@salesforce/label/c.Canal_Figures_Queue';
import publishedAtLabel from '@salesforce/label/c.Canal_Figures_Published_At';
import publishedByLabel from '@salesforce/label/c.Canal_Figures_Published_By';
import createdLabel from '@salesforce/label/c.Canal_Figures_Created';
import offeredToLabel from '@salesforce/label/c.Canal_Figures_Offered_To';
import nextOfferLabel from '@salesforce/label/c.Canal_Figures_Next_Offer';
import offeredLabel from '@salesforce/label/c.Canal_Figures_Offered';
import claimedLabel from '@salesforce/label/c.Canal_Figures_Claimed';
import stillOpenLabel from '@salesforce/label/c.Canal_Figures_Still_Open';
import firstLookLabel from '@salesforce/label/c.Canal_Figures_First_Look';
import firstClaimLabel from '@salesforce/label/c.Canal_Figures_First_Claim';
import medianClaimLabel from '@salesforce/label/c.Canal_Figures_Median_Claim';
import byPartnerLabel from '@salesforce/label/c.Canal_Figures_By_Partner';
import byTierLabel from '@salesforce/label/c.Canal_Figures_By_Tier';
import noClaimsLabel from '@salesforce/label/c.Canal_Figures_No_Claims';
import figuresOfLabel from '@salesforce/label/c.Canal_Figures_Of';
import showLabel from '@salesforce/label/c.Canal_Figures_Show';
import partnerLabel from '@salesforce/label/c.Canal_Manager_Partner';
import tierLabel from '@salesforce/label/c.Canal_Manager_Tier';
import noTierLabel from '@salesforce/label/c.Canal_Manager_No_Tier';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

const NONE = '—';

/** One publication row as the template shows it. */
interface PublicationView {
    id: string;
    name: string;
    showLabel: string;
    source: string;
    queueName: string;
    publishedAt: string;
    publishedAtText: string;
    publishedByName: string;
    created: number;
    claimed: number;
    stillOpen: number;
    /** Offered so far: the tiers whose first-look window has opened. */
    offeredTo: string;
    nextOffer: string;
    isSelected: boolean;
    rowClass: string;
}

/** One partner or tier row of the figures. */
interface ClaimView {
    key: string;
    partnerName: string;
    tier: string;
    firstLook: string;
    claimed: number;
    firstClaim: string;
    medianClaim: string;
}

/**
 * What became of each lead publication, for channel managers and admins: the newest publications (created, claimed,
 * still in the queue) and, for the one chosen, the leads offered, claimed and still open, and the claims by partner
 * and by tier with the minutes from the publication to the first and the median claim. Not cacheable: claims change
 * the counts, so the figures are read each time a publication is chosen.
 */
export default class PublicationFiguresCard extends LightningElement {
    labels = {
        title: titleLabel,
        empty: emptyLabel,
        loadError: loadErrorLabel,
        publication: publicationLabel,
        source: sourceLabel,
        queue: queueLabel,
        publishedAt: publishedAtLabel,
        publishedBy: publishedByLabel,
        created: createdLabel,
        offeredTo: offeredToLabel,
        offered: offeredLabel,
        claimed: claimedLabel,
        stillOpen: stillOpenLabel,
        firstLook: firstLookLabel,
        firstClaim: firstClaimLabel,
        medianClaim: medianClaimLabel,
        byPartner: byPartnerLabel,
        byTier: byTierLabel,
        noClaims: noClaimsLabel,
        partner: partnerLabel,
        tier: tierLabel,
        loading: loadingLabel
    };

    publications: PublicationSummary[] | undefined;
    figures: PublicationFigures | undefined;
    selectedId: string | null = null;
    error: unknown;
    isLoadingFigures = false;
    private request = 0;

    override connectedCallback(): void {
        this.load();
    }

    async load(): Promise<void> {
        try {
            this.publications = await getPublications({});
            this.error = undefined;
            const first = this.publications[0];
            if (first && !this.selectedId) await this.select(first.id);
        } catch (error) {
            this.error = error;
        }
    }

    async select(publicationId: string): Promise<void> {
        const request = ++this.request;
        this.selectedId = publicationId;
        this.isLoadingFigures = true;
        try {
            const figures = await getPublicationFigures({ publicationId });
            if (request !== this.request) return;
            this.figures = figures;
            this.error = undefined;
        } catch (error) {
            if (request === this.request) this.error = error;
        } finally {
            if (request === this.request) this.isLoadingFigures = false;
        }
    }

    handleSelect(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.publicationId;
        if (id) this.select(id);
    }

    get isLoading(): boolean {
        return this.publications === undefined && !this.error;
    }

    get showEmpty(): boolean {
        return this.publications !== undefined && this.publications.length === 0;
    }

    get hasPublications(): boolean {
        return (this.publications?.length ?? 0) > 0;
    }

    get rows(): PublicationView[] {
        const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
        const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
        return (this.publications ?? []).map((p) => {
            const isSelected = p.id === this.selectedId;
            return {
                id: p.id,
                name: p.name,
                showLabel: formatLabel(showLabel, p.name),
                source: p.source ?? NONE,
                queueName: p.queueName ?? NONE,
                publishedAt: p.publishedAt,
                publishedAtText: when.format(new Date(p.publishedAt)),
                publishedByName: p.publishedByName ?? NONE,
                created: p.created,
                claimed: p.claimed,
                stillOpen: p.stillOpen,
                offeredTo:
                    (p.offeredTiers ?? []).map((t) => (t === 'Default' ? noTierLabel : t)).join(', ') || NONE,
                nextOffer: p.nextOfferAt
                    ? formatLabel(nextOfferLabel, time.format(new Date(p.nextOfferAt)))
                    : '',
                isSelected,
                rowClass: isSelected ? 'slds-is-selected' : ''
            };
        });
    }

    get hasFigures(): boolean {
        return this.figures !== undefined;
    }

    get figuresHeading(): string {
        return this.figures ? formatLabel(figuresOfLabel, this.figures.publication.name) : '';
    }

    get summary(): Array<{ key: string; label: string; value: string }> {
        const f = this.figures;
        if (!f) return [];
        return [
            { key: 'total-offered', label: offeredLabel, value: String(f.offered) },
            { key: 'total-claimed', label: claimedLabel, value: String(f.claimed) },
            { key: 'total-still-open', label: stillOpenLabel, value: String(f.stillOpen) },
            { key: 'total-first-claim', label: firstClaimLabel, value: this.minutes(f.firstClaimMinutes) },
            { key: 'total-median-claim', label: medianClaimLabel, value: this.minutes(f.medianClaimMinutes) }
        ];
    }

    get hasClaims(): boolean {
        return (this.figures?.byPartner.length ?? 0) > 0;
    }

    get partnerRows(): ClaimView[] {
        return (this.figures?.byPartner ?? []).map((c, i) => this.claimView(c, `p${i}`));
    }

    get tierRows(): ClaimView[] {
        return (this.figures?.byTier ?? []).map((c, i) => this.claimView(c, `t${i}`));
    }

    private claimView(c: ClaimFigures, key: string): ClaimView {
        return {
            key: c.partnerAccountId ?? key,
            partnerName: c.partnerName ?? NONE,
            tier: c.tier ?? noTierLabel,
            firstLook: this.minutes(c.firstLookMinutes),
            claimed: c.claimed,
            firstClaim: this.minutes(c.firstClaimMinutes),
            medianClaim: this.minutes(c.medianClaimMinutes)
        };
    }

    private minutes(value: number | null): string {
        return value === null || value === undefined
            ? NONE
            : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
    }
}
