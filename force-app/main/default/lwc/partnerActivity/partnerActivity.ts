import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { isEmpEnabled, onError, subscribe, unsubscribe, type Subscription } from 'lightning/empApi';
import getActivity from '@salesforce/apex/PartnerActivityController.getActivity';
import type { ActivityItem, ActivityKind, ActivityPage } from 'canal/apex/PartnerActivityController';
import { formatAge, formatLabel } from 'c/labelFormat';
import locale from '@salesforce/i18n/locale';
import currency from '@salesforce/i18n/currency';
import titleLabel from '@salesforce/label/c.Canal_Activity_Title';
import claimedLabel from '@salesforce/label/c.Canal_Activity_Kind_CLAIMED';
import releasedLabel from '@salesforce/label/c.Canal_Activity_Kind_RELEASED';
import recalledLabel from '@salesforce/label/c.Canal_Activity_Kind_RECALLED';
import convertedLabel from '@salesforce/label/c.Canal_Activity_Kind_CONVERTED';
import dealCreatedLabel from '@salesforce/label/c.Canal_Activity_Kind_DEAL_CREATED';
import stageChangedLabel from '@salesforce/label/c.Canal_Activity_Kind_STAGE_CHANGED';
import amountChangedLabel from '@salesforce/label/c.Canal_Activity_Kind_AMOUNT_CHANGED';
import closeDateChangedLabel from '@salesforce/label/c.Canal_Activity_Kind_CLOSE_DATE_CHANGED';
import publishedLabel from '@salesforce/label/c.Canal_Activity_Kind_PUBLISHED';
import publishedOneLabel from '@salesforce/label/c.Canal_Activity_Kind_PUBLISHED_One';
import sourceLabel from '@salesforce/label/c.Canal_Activity_Source';
import changeLabel from '@salesforce/label/c.Canal_Activity_Change';
import reasonLabel from '@salesforce/label/c.Canal_Activity_Reason';
import loadMoreLabel from '@salesforce/label/c.Canal_Activity_Load_More';
import emptyLabel from '@salesforce/label/c.Canal_Activity_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Activity_Load_Error';
import liveLabel from '@salesforce/label/c.Canal_Activity_Live';
import pollingLabel from '@salesforce/label/c.Canal_Activity_Polling';
import newLabel from '@salesforce/label/c.Canal_Activity_New';
import streamErrorLabel from '@salesforce/label/c.Canal_Activity_Stream_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

/** The platform events that mean "the feed changed"; their payload is not trusted for display. */
const CHANNELS = ['/event/Lead_Claim_Event__e', '/event/Deal_Change_Event__e'];
const PAGE_SIZE = 20;
/** Events come in bursts (a bulk claim, a save of three fields): one refetch per burst. */
const DEBOUNCE_MS = 300;
/** Without empApi (LWR sites, a refused subscription) the feed polls while the page is visible. */
const POLL_MS = 15_000;

const KINDS: Record<ActivityKind, { label: string; icon: string }> = {
    CLAIMED: { label: claimedLabel, icon: 'utility:user' },
    RELEASED: { label: releasedLabel, icon: 'utility:undo' },
    RECALLED: { label: recalledLabel, icon: 'utility:clock' },
    CONVERTED: { label: convertedLabel, icon: 'utility:change_record_type' },
    DEAL_CREATED: { label: dealCreatedLabel, icon: 'utility:add' },
    STAGE_CHANGED: { label: stageChangedLabel, icon: 'utility:stage' },
    AMOUNT_CHANGED: { label: amountChangedLabel, icon: 'utility:moneybag' },
    CLOSE_DATE_CHANGED: { label: closeDateChangedLabel, icon: 'utility:date_input' },
    PUBLISHED: { label: publishedLabel, icon: 'utility:upload' }
};

/** "3 leads published to Partner pool": the count and the queue in the kind's own words. */
function kindLabelOf(item: ActivityItem, fallback: string): string {
    if (item.kind !== 'PUBLISHED') return fallback;
    const count = item.leadCount ?? 0;
    return formatLabel(count === 1 ? publishedOneLabel : publishedLabel, count, item.queueName ?? '');
}

/** The page of a lead or an opportunity (006 is the opportunity key prefix). */
function recordPage(recordId: string): PageReference {
    const objectApiName = recordId.startsWith('006') ? 'Opportunity' : 'Lead';
    return { type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName: 'view' } };
}

/** One feed item as the template shows it. */
interface ActivityView {
    id: string;
    kind: ActivityKind;
    kindLabel: string;
    icon: string;
    occurredAt: string;
    when: string;
    whenTitle: string;
    who: string;
    recordId: string;
    recordName: string;
    /** The record page's address, once generated: a real link that opens in a new tab too. */
    recordUrl: string | undefined;
    /** Leads and deals link to their page; a publication is named, not linked (it has no page of its own here). */
    isLink: boolean;
    change: string;
    reason: string;
    isNew: boolean;
    className: string;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

function displayValue(kind: ActivityKind, value: string | null): string {
    if (value === null || value === '') return '';
    if (kind === 'AMOUNT_CHANGED' && !Number.isNaN(Number(value))) {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(value));
    }
    if (kind === 'CLOSE_DATE_CHANGED' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
            new Date(`${value}T00:00:00Z`)
        );
    }
    return value;
}

function byNewest(a: ActivityItem, b: ActivityItem): number {
    if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? 1 : -1;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The live feed of partner activity: claims, releases, recalls, conversions and deal changes, newest first,
 * across partners or for one partner (on its Account page); across partners, lead publications too. It listens to Lead_Claim_Event__e and
 * Deal_Change_Event__e with empApi and, on any message, re-reads the first page (debounced) and marks what is
 * new; where empApi is unavailable it polls while the page is visible.
 */
export default class PartnerActivity extends NavigationMixin(LightningElement) {
    /** A partner Account id: only that partner's activity. */
    @api recordId: string | undefined;

    labels = {
        title: titleLabel,
        loadMore: loadMoreLabel,
        empty: emptyLabel,
        loadError: loadErrorLabel,
        live: liveLabel,
        newItem: newLabel,
        streamError: streamErrorLabel,
        loading: loadingLabel
    };

    items: ActivityItem[] = [];
    /** Record page addresses by record id (NavigationMixin.GenerateUrl), filled in as items arrive. */
    recordUrls: Record<string, string> = {};
    nextCursor: string | null = null;
    error: unknown;
    isLoading = true;
    isLoadingMore = false;
    isLive = false;
    isPolling = false;
    streamFailed = false;

    private newIds = new Set<string>();
    private loadedOnce = false;
    private connected = false;
    private requests = 0;
    private subscriptions: Subscription[] = [];
    private debounceTimer: ReturnType<typeof setTimeout> | undefined;
    private pollTimer: ReturnType<typeof setInterval> | undefined;

    override connectedCallback(): void {
        this.connected = true;
        this.refresh();
        this.startLiveUpdates();
    }

    override disconnectedCallback(): void {
        this.connected = false;
        clearTimeout(this.debounceTimer);
        this.stopPolling();
        this.dropSubscriptions();
        this.isLive = false;
    }

    private dropSubscriptions(): void {
        const subscriptions = this.subscriptions;
        this.subscriptions = [];
        subscriptions.forEach((s) => {
            unsubscribe(s, () => undefined).catch(() => undefined);
        });
    }

    get views(): ActivityView[] {
        const now = Date.now();
        const absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
        return this.items.map((item) => {
            const kind = KINDS[item.kind] ?? { label: item.kind, icon: 'utility:info' };
            const oldValue = displayValue(item.kind, item.oldValue);
            const newValue = displayValue(item.kind, item.newValue);
            const isNew = this.newIds.has(item.id);
            return {
                id: item.id,
                kind: item.kind,
                kindLabel: kindLabelOf(item, kind.label),
                icon: kind.icon,
                occurredAt: item.occurredAt,
                when: formatAge(item.occurredAt, now),
                whenTitle: absolute.format(new Date(item.occurredAt)),
                who: [item.userName, item.partnerName].filter(Boolean).join(' · '),
                recordId: item.recordId,
                recordName: item.recordName || item.recordId,
                recordUrl: this.recordUrls[item.recordId],
                isLink: item.kind !== 'PUBLISHED',
                change: item.source
                    ? formatLabel(sourceLabel, item.source)
                    : oldValue || newValue
                      ? formatLabel(changeLabel, oldValue || '—', newValue || '—')
                      : '',
                reason: item.reason ? formatLabel(reasonLabel, item.reason) : '',
                isNew,
                className: `slds-item activity-item${isNew ? ' activity-item_new' : ''}`
            };
        });
    }

    get hasItems(): boolean {
        return this.items.length > 0;
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.error && this.items.length === 0;
    }

    get showLoadError(): boolean {
        return Boolean(this.error) && this.items.length === 0;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && this.items.length > 0;
    }

    get hasMore(): boolean {
        return this.nextCursor !== null;
    }

    get pollingText(): string {
        return formatLabel(pollingLabel, POLL_MS / 1000);
    }

    /** Re-reads the newest page and merges it in front of what is loaded; items not seen before are marked new. */
    async refresh(): Promise<void> {
        const request = ++this.requests;
        try {
            const page: ActivityPage = await getActivity({
                partnerAccountId: this.recordId ?? null,
                cursor: null,
                pageSize: PAGE_SIZE
            });
            if (request !== this.requests || !this.connected) return;
            const known = new Set(this.items.map((i) => i.id));
            const fresh = page.items.filter((i) => !known.has(i.id));
            if (this.loadedOnce) fresh.forEach((i) => this.newIds.add(i.id));
            const freshIds = new Set(page.items.map((i) => i.id));
            // Older items already loaded stay, so the cursor of the oldest one stays valid for "load more".
            this.items = [...page.items, ...this.items.filter((i) => !freshIds.has(i.id))].sort(byNewest);
            this.generateRecordUrls().catch(() => undefined);
            if (!this.loadedOnce) this.nextCursor = page.nextCursor;
            this.loadedOnce = true;
            this.error = undefined;
        } catch (error) {
            if (request === this.requests) this.error = error;
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    async handleLoadMore(): Promise<void> {
        if (!this.nextCursor || this.isLoadingMore) return;
        this.isLoadingMore = true;
        try {
            const page = await getActivity({
                partnerAccountId: this.recordId ?? null,
                cursor: this.nextCursor,
                pageSize: PAGE_SIZE
            });
            const known = new Set(this.items.map((i) => i.id));
            this.items = [...this.items, ...page.items.filter((i) => !known.has(i.id))];
            this.generateRecordUrls().catch(() => undefined);
            this.nextCursor = page.nextCursor;
            this.error = undefined;
        } catch (error) {
            this.error = error;
        } finally {
            this.isLoadingMore = false;
        }
    }

    /** Generates the record page address of every item that has none yet. */
    private async generateRecordUrls(): Promise<void> {
        const linked = this.items.filter((item) => item.kind !== 'PUBLISHED');
        const missing = [...new Set(linked.map((item) => item.recordId))].filter(
            (recordId) => recordId && !this.recordUrls[recordId]
        );
        if (missing.length === 0) return;
        const navigator = this as unknown as Navigator;
        const urls = await Promise.all(
            missing.map((recordId) =>
                navigator[NavigationMixin.GenerateUrl](recordPage(recordId)).catch(() => '')
            )
        );
        const next = { ...this.recordUrls };
        missing.forEach((recordId, index) => {
            if (urls[index]) next[recordId] = urls[index];
        });
        this.recordUrls = next;
    }

    handleOpenRecord(event: MouseEvent): void {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        const recordId = (event.currentTarget as HTMLElement).dataset.recordId;
        if (!recordId) return;
        (this as unknown as Navigator)[NavigationMixin.Navigate](recordPage(recordId));
    }

    private async startLiveUpdates(): Promise<void> {
        let enabled = false;
        try {
            enabled = Boolean(await isEmpEnabled());
        } catch {
            enabled = false;
        }
        if (!this.connected) return;
        if (!enabled) {
            this.startPolling();
            return;
        }
        onError(this.handleStreamError);
        const results = await Promise.allSettled(
            CHANNELS.map((channel) => subscribe(channel, -1, this.handleMessage))
        );
        results.forEach((r) => {
            if (r.status === 'fulfilled' && r.value) this.subscriptions.push(r.value);
        });
        // Half a feed would miss changes silently: without both channels, drop them and poll instead.
        if (!this.connected || results.some((r) => r.status === 'rejected')) {
            this.dropSubscriptions();
            this.handleStreamError();
            return;
        }
        this.isLive = true;
    }

    private readonly handleMessage = (): void => {
        if (!this.connected) return;
        clearTimeout(this.debounceTimer);
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- debounce: one refetch per burst of events
        this.debounceTimer = setTimeout(() => {
            this.refresh();
        }, DEBOUNCE_MS);
    };

    private readonly handleStreamError = (): void => {
        if (!this.connected) return;
        this.isLive = false;
        this.streamFailed = true;
        this.startPolling();
    };

    private startPolling(): void {
        if (this.pollTimer) return;
        this.isPolling = true;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- visibility-aware polling where empApi is missing
        this.pollTimer = setInterval(() => {
            if (document.visibilityState === 'visible') this.refresh();
        }, POLL_MS);
        document.addEventListener('visibilitychange', this.handleVisibilityChange);
    }

    private stopPolling(): void {
        clearInterval(this.pollTimer);
        this.pollTimer = undefined;
        this.isPolling = false;
        document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    }

    private readonly handleVisibilityChange = (): void => {
        if (document.visibilityState === 'visible') this.refresh();
    };
}
