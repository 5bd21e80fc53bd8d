import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import getRecentItems from '@salesforce/apex/LeadClaimController.getRecentItems';
import type { RecentItem } from 'canal/apex/LeadClaimController';
import { onLeadEvents } from 'c/claimOutcomes';
import titleLabel from '@salesforce/label/c.Canal_Recent_Title';
import emptyLabel from '@salesforce/label/c.Canal_Recent_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Recent_Load_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import leadLabel from '@salesforce/label/c.Canal_Object_Lead';
import opportunityLabel from '@salesforce/label/c.Canal_Object_Opportunity';

/** A recent item as the list shows it. */
interface RecentItemView extends RecentItem {
    url: string;
    iconName: string;
    typeLabel: string;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

const TYPES: Record<string, { iconName: string; label: string }> = {
    Lead: { iconName: 'standard:lead', label: leadLabel },
    Opportunity: { iconName: 'standard:opportunity', label: opportunityLabel }
};

const DEFAULT_MAX_ITEMS = 10;

function recordPage(item: RecentItem): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId: item.id, objectApiName: item.type, actionName: 'view' }
    };
}

/** The leads and opportunities the rep viewed last; a claimed lead shows here at once. */
export default class RecentItems extends NavigationMixin(LightningElement) {
    /** How many items to show (1 to 50). */
    @api maxItems = DEFAULT_MAX_ITEMS;

    items: RecentItemView[] = [];
    error: unknown;
    isLoading = true;

    labels = { title: titleLabel, empty: emptyLabel, loadError: loadErrorLabel, loading: loadingLabel };

    private stopListening: (() => void) | undefined;
    private requests = 0;

    override connectedCallback(): void {
        this.stopListening = onLeadEvents(this.handleLeadEvent);
        document.addEventListener('visibilitychange', this.handleVisibilityChange);
        this.load();
    }

    override disconnectedCallback(): void {
        this.stopListening?.();
        this.stopListening = undefined;
        document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    }

    get hasItems(): boolean {
        return this.items.length > 0;
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.error && !this.hasItems;
    }

    private get effectiveMaxItems(): number {
        const max = Math.trunc(Number(this.maxItems));
        return max > 0 ? Math.min(max, 50) : DEFAULT_MAX_ITEMS;
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    private async load(): Promise<void> {
        const request = ++this.requests;
        try {
            const items = await getRecentItems({ maxItems: this.effectiveMaxItems });
            const urls = await Promise.all(
                items.map((item) =>
                    this.navigator[NavigationMixin.GenerateUrl](recordPage(item)).catch(() => '#')
                )
            );
            if (request !== this.requests) return;
            this.items = items.map((item, index) => ({
                ...item,
                url: urls[index],
                iconName: TYPES[item.type]?.iconName ?? 'standard:record',
                typeLabel: TYPES[item.type]?.label ?? item.type
            }));
            this.error = undefined;
        } catch (error) {
            if (request === this.requests) this.error = error;
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    handleOpen(event: Event): void {
        event.preventDefault();
        const id = (event.currentTarget as HTMLElement).dataset.recordId;
        const item = this.items.find((candidate) => candidate.id === id);
        if (item) this.navigator[NavigationMixin.Navigate](recordPage(item));
    }

    private readonly handleLeadEvent = (): void => {
        this.load();
    };

    // Records viewed in another tab show when the rep comes back.
    private readonly handleVisibilityChange = (): void => {
        if (document.visibilityState === 'visible') this.load();
    };
}
