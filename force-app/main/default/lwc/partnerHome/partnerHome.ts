import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import getQueueSummary from '@salesforce/apex/PartnerHomeController.getQueueSummary';
import getExpiringLeads from '@salesforce/apex/PartnerHomeController.getExpiringLeads';
import getPipeline from '@salesforce/apex/PartnerHomeController.getPipeline';
import getClosingDeals from '@salesforce/apex/PartnerHomeController.getClosingDeals';
import type {
    ClosingDeal,
    ExpiringLead,
    PipelineStage,
    QueueSummary
} from 'canal/apex/PartnerHomeController';
import currency from '@salesforce/i18n/currency';
import { Poller } from 'c/poller';
import { onLeadEvents } from 'c/claimOutcomes';
import { formatCount, formatLabel, formatTimeLeft } from 'c/labelFormat';
import loadErrorLabel from '@salesforce/label/c.Canal_Home_Load_Error';
import queueTitleLabel from '@salesforce/label/c.Canal_Home_Queue_Title';
import queueCountLabel from '@salesforce/label/c.Canal_Home_Queue_Count';
import queueCountOneLabel from '@salesforce/label/c.Canal_Home_Queue_Count_One';
import queueEmptyLabel from '@salesforce/label/c.Canal_Home_Queue_Empty';
import queueLinkLabel from '@salesforce/label/c.Canal_Home_Queue_Link';
import expiringTitleLabel from '@salesforce/label/c.Canal_Home_Expiring_Title';
import expiringEmptyLabel from '@salesforce/label/c.Canal_Home_Expiring_Empty';
import expiringLeftLabel from '@salesforce/label/c.Canal_Home_Expiring_Left';
import pipelineTitleLabel from '@salesforce/label/c.Canal_Home_Pipeline_Title';
import pipelineEmptyLabel from '@salesforce/label/c.Canal_Home_Pipeline_Empty';
import pipelineDealsLabel from '@salesforce/label/c.Canal_Home_Pipeline_Deals';
import closingTitleLabel from '@salesforce/label/c.Canal_Home_Closing_Title';
import closingEmptyLabel from '@salesforce/label/c.Canal_Home_Closing_Empty';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

const DEFAULT_REFRESH_SECONDS = 15;

/** One card's state: loading only until its first answer, then data or an error. */
interface Card<T> {
    data: T | undefined;
    error: unknown;
    loading: boolean;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

const LEADS_PAGE: PageReference = {
    type: 'standard__objectPage',
    attributes: { objectApiName: 'Lead', actionName: 'list' }
};

function recordPage(recordId: string, objectApiName: string): PageReference {
    return { type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName: 'view' } };
}

function card<T>(): Card<T> {
    return { data: undefined, error: undefined, loading: true };
}

/** One card's next state: new data, or on failure what it showed (the error only when it had nothing). */
async function read<T>(previous: Card<T>, call: () => Promise<T>): Promise<{ card: Card<T>; ok: boolean }> {
    try {
        return { card: { data: await call(), error: undefined, loading: false }, ok: true };
    } catch (error) {
        return {
            card: { data: previous.data, error: previous.data ? undefined : error, loading: false },
            ok: false
        };
    }
}

/**
 * The partner rep's Home: leads waiting in their queues (with the way to the Leads tab), held leads whose hold
 * time ends within 24 hours, their open pipeline by stage as a small bar chart, and deals closing this month. Each
 * card loads, fails and shows its empty state on its own; all refresh by visibility-aware polling (c/poller).
 */
export default class PartnerHome extends NavigationMixin(LightningElement) {
    /** The cards reload at most this often while the page is visible. */
    @api refreshIntervalSeconds = DEFAULT_REFRESH_SECONDS;

    queue: Card<QueueSummary> = card();
    expiring: Card<ExpiringLead[]> = card();
    pipeline: Card<PipelineStage[]> = card();
    closing: Card<ClosingDeal[]> = card();
    leadsUrl = '#';
    urls: Record<string, string> = {};
    currencyCode = currency;

    labels = {
        loadError: loadErrorLabel,
        queueTitle: queueTitleLabel,
        queueEmpty: queueEmptyLabel,
        queueLink: queueLinkLabel,
        expiringTitle: expiringTitleLabel,
        expiringEmpty: expiringEmptyLabel,
        pipelineTitle: pipelineTitleLabel,
        pipelineEmpty: pipelineEmptyLabel,
        closingTitle: closingTitleLabel,
        closingEmpty: closingEmptyLabel,
        loading: loadingLabel
    };

    private poller = new Poller(() => this.refresh(), {
        intervalMs: () => this.refreshMs,
        pollOnVisible: true
    });
    private stopListening: (() => void) | undefined;

    override connectedCallback(): void {
        this.stopListening = onLeadEvents(this.handleLeadEvent);
        this.navigator[NavigationMixin.GenerateUrl](LEADS_PAGE)
            .then((url) => {
                this.leadsUrl = url;
            })
            .catch(() => undefined);
        this.refresh().then((ok) => this.poller.refreshed(ok));
        this.poller.start();
    }

    override disconnectedCallback(): void {
        this.poller.stop();
        this.stopListening?.();
        this.stopListening = undefined;
    }

    private get refreshMs(): number {
        const seconds = Number(this.refreshIntervalSeconds);
        return (seconds > 0 ? seconds : DEFAULT_REFRESH_SECONDS) * 1000;
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    get queueText(): string {
        return formatCount(this.queue.data?.waiting ?? 0, queueCountOneLabel, queueCountLabel);
    }

    get queueEmpty(): boolean {
        return this.queue.data?.waiting === 0;
    }

    get queueHasLeads(): boolean {
        return (this.queue.data?.waiting ?? 0) > 0;
    }

    get expiringRows(): Array<ExpiringLead & { url: string; left: string }> {
        const now = Date.now();
        return (this.expiring.data ?? []).map((lead) => ({
            ...lead,
            url: this.urls[lead.id] ?? '#',
            left: formatTimeLeft(expiringLeftLabel, lead.claimExpiresAt, now)
        }));
    }

    get expiringEmpty(): boolean {
        return this.expiring.data?.length === 0;
    }

    /** One bar per stage, as wide as its amount against the largest stage (count when no amounts). */
    get pipelineBars(): Array<PipelineStage & { deals: string; barStyle: string }> {
        const stages = this.pipeline.data ?? [];
        const useAmount = stages.some((s) => s.amount > 0);
        const measure = (s: PipelineStage) => (useAmount ? s.amount : s.count);
        const largest = Math.max(1, ...stages.map(measure));
        return stages.map((stage) => ({
            ...stage,
            deals: formatLabel(pipelineDealsLabel, stage.count),
            barStyle: `width: ${Math.max(2, Math.round((measure(stage) / largest) * 100))}%`
        }));
    }

    get pipelineEmpty(): boolean {
        return this.pipeline.data?.length === 0;
    }

    get closingRows(): Array<ClosingDeal & { url: string }> {
        return (this.closing.data ?? []).map((deal) => ({ ...deal, url: this.urls[deal.id] ?? '#' }));
    }

    get closingEmpty(): boolean {
        return this.closing.data?.length === 0;
    }

    /** Reloads every card at once; resolves to false when any failed (the poller then backs off). */
    private async refresh(): Promise<boolean> {
        // Each card shows its answer as it arrives: a slow card never holds the others back.
        const results = await Promise.all([
            read(this.queue, () => getQueueSummary({})).then((r) => {
                this.queue = r.card;
                return r.ok;
            }),
            read(this.expiring, () => getExpiringLeads({})).then((r) => {
                this.expiring = r.card;
                return r.ok;
            }),
            read(this.pipeline, () => getPipeline({})).then((r) => {
                this.pipeline = r.card;
                return r.ok;
            }),
            read(this.closing, () => getClosingDeals({})).then((r) => {
                this.closing = r.card;
                return r.ok;
            })
        ]);
        await this.generateUrls();
        return results.every(Boolean);
    }

    private async generateUrls(): Promise<void> {
        const wanted: Array<[string, string]> = [
            ...(this.expiring.data ?? []).map((l): [string, string] => [l.id, 'Lead']),
            ...(this.closing.data ?? []).map((d): [string, string] => [d.id, 'Opportunity'])
        ].filter(([id]) => !this.urls[id]);
        if (wanted.length === 0) return;
        const urls = await Promise.all(
            wanted.map(([id, object]) =>
                this.navigator[NavigationMixin.GenerateUrl](recordPage(id, object)).catch(() => '#')
            )
        );
        const next = { ...this.urls };
        wanted.forEach(([id], index) => {
            next[id] = urls[index];
        });
        this.urls = next;
    }

    handleOpenLeads(event: Event): void {
        event.preventDefault();
        this.navigator[NavigationMixin.Navigate](LEADS_PAGE);
    }

    handleOpenRecord(event: Event): void {
        event.preventDefault();
        const target = event.currentTarget as HTMLElement;
        const { recordId, objectApiName } = target.dataset;
        if (recordId && objectApiName) {
            this.navigator[NavigationMixin.Navigate](recordPage(recordId, objectApiName));
        }
    }

    /** A lead was claimed or changed elsewhere on the page: the cards reload now. */
    private readonly handleLeadEvent = (): void => {
        this.refresh().then((ok) => this.poller.refreshed(ok));
    };
}
