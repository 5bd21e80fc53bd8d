import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import getPartners from '@salesforce/apex/PartnerOverviewController.getPartners';
import type { PartnerSummary } from 'canal/apex/PartnerOverviewController';
import type { WiredResult } from '@salesforce/apex';
import { formatCount, formatLabel } from 'c/labelFormat';
import locale from '@salesforce/i18n/locale';
import currency from '@salesforce/i18n/currency';
import titleLabel from '@salesforce/label/c.Canal_Manager_Partners_Title';
import partnerLabel from '@salesforce/label/c.Canal_Manager_Partner';
import tierLabel from '@salesforce/label/c.Canal_Manager_Tier';
import noTierLabel from '@salesforce/label/c.Canal_Manager_No_Tier';
import openClaimsLabel from '@salesforce/label/c.Canal_Manager_Open_Claims';
import claims24hLabel from '@salesforce/label/c.Canal_Manager_Claims_24h';
import ofLabel from '@salesforce/label/c.Canal_Manager_Of';
import pipelineLabel from '@salesforce/label/c.Canal_Manager_Open_Pipeline';
import wonLabel from '@salesforce/label/c.Canal_Manager_Won_Quarter';
import dealCountLabel from '@salesforce/label/c.Canal_Manager_Deal_Count';
import dealCountOneLabel from '@salesforce/label/c.Canal_Manager_Deal_Count_One';
import emptyLabel from '@salesforce/label/c.Canal_Manager_Partners_Empty';
import errorLabel from '@salesforce/label/c.Canal_Manager_Partners_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

/** A count against its limit, as a sentence and a bar. */
interface LimitMeter {
    text: string;
    value: number;
    max: number;
    barStyle: string;
    barClass: string;
}

/** One partner row as the template shows it. */
interface PartnerView {
    accountId: string;
    name: string;
    /** The partner Account page's address, once generated. */
    url: string | undefined;
    tier: string;
    open: LimitMeter;
    daily: LimitMeter;
    pipelineAmount: string;
    pipelineCount: string;
    wonAmount: string;
    wonCount: string;
}

function accountPage(recordId: string): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId, objectApiName: 'Account', actionName: 'view' }
    };
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

function meter(value: number, max: number): LimitMeter {
    const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 100;
    return {
        text: formatLabel(ofLabel, value, max),
        value,
        max,
        barStyle: `width: ${percent}%`,
        // At the limit the partner cannot claim: the bar says so in colour as well as in text.
        barClass: `slds-progress-bar__value${value >= max ? ' overview-bar_full' : ''}`
    };
}

/**
 * Every partner (or, on a partner Account page, that one) with its claims against its limits, its open
 * pipeline and what it won this quarter: what a channel manager checks before giving a partner resources.
 */
export default class PartnerOverview extends NavigationMixin(LightningElement) {
    partnerAccountId: string | null = null;
    partners: PartnerSummary[] | undefined;
    error: unknown;
    /** Account page addresses by account id (NavigationMixin.GenerateUrl). */
    urls: Record<string, string> = {};

    labels = {
        title: titleLabel,
        partner: partnerLabel,
        tier: tierLabel,
        openClaims: openClaimsLabel,
        claims24h: claims24hLabel,
        pipeline: pipelineLabel,
        won: wonLabel,
        empty: emptyLabel,
        error: errorLabel,
        loading: loadingLabel
    };

    /** A partner Account id (its record page): only that partner. */
    @api
    get recordId(): string | undefined {
        return this.partnerAccountId ?? undefined;
    }
    set recordId(value: string | undefined) {
        this.partnerAccountId = value || null;
    }

    @wire(getPartners, { partnerAccountId: '$partnerAccountId' })
    wiredPartners({ data, error }: WiredResult<PartnerSummary[]>): void {
        if (data) {
            this.partners = data;
            this.error = undefined;
            this.generateUrls(data).catch(() => undefined);
        } else if (error) {
            this.partners = undefined;
            this.error = error;
        }
    }

    get isLoading(): boolean {
        return this.partners === undefined && !this.error;
    }

    get hasPartners(): boolean {
        return (this.partners?.length ?? 0) > 0;
    }

    get showEmpty(): boolean {
        return this.partners !== undefined && this.partners.length === 0;
    }

    get views(): PartnerView[] {
        const money = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency,
            maximumFractionDigits: 0
        });
        return (this.partners ?? []).map((p) => ({
            accountId: p.accountId,
            name: p.name,
            url: this.urls[p.accountId],
            tier: p.tier || noTierLabel,
            open: meter(p.openClaims, p.openLimit),
            daily: meter(p.claimsLast24Hours, p.dailyLimit),
            pipelineAmount: money.format(p.openPipelineAmount),
            pipelineCount: formatCount(p.openPipelineCount, dealCountOneLabel, dealCountLabel),
            wonAmount: money.format(p.wonThisQuarterAmount),
            wonCount: formatCount(p.wonThisQuarterCount, dealCountOneLabel, dealCountLabel)
        }));
    }

    handleOpenPartner(event: MouseEvent): void {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        const recordId = (event.currentTarget as HTMLElement).dataset.accountId;
        if (recordId) (this as unknown as Navigator)[NavigationMixin.Navigate](accountPage(recordId));
    }

    private async generateUrls(partners: PartnerSummary[]): Promise<void> {
        const missing = partners.map((p) => p.accountId).filter((id) => !this.urls[id]);
        if (missing.length === 0) return;
        const navigator = this as unknown as Navigator;
        const urls = await Promise.all(
            missing.map((id) => navigator[NavigationMixin.GenerateUrl](accountPage(id)).catch(() => ''))
        );
        const next = { ...this.urls };
        missing.forEach((id, index) => {
            if (urls[index]) next[id] = urls[index];
        });
        this.urls = next;
    }
}
