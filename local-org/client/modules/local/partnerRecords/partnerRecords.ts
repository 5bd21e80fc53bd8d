import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import { label } from 'canal-local/labels';
import { boot } from 'canal-local/boot';
import { siteUrlOf } from 'canal-local/routes';

interface RecordRow {
    id: string;
    name: string;
    company: string | null;
    partnerName: string | null;
    status: string;
    ownerName: string | null;
    amount: number | null;
    closeDate: string | null;
    lastModifiedDate: string;
}

interface RowView extends RecordRow {
    /** The record page's address: a real link, which also opens in a new tab. */
    url: string;
    amountText: string;
    modifiedText: string;
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
}

const PAGE_SIZE = 25;

/**
 * Every partner's leads or deals, read-only, newest change first (in an org, the channel manager's list views);
 * a name opens the record page with its history. GET /local/records/<object>, vendor staff only.
 */
export default class PartnerRecords extends NavigationMixin(LightningElement) {
    @api objectApiName: 'Lead' | 'Opportunity' = 'Lead';
    @api partnerAccountId: string | undefined;
    @api heading = '';

    rows: RecordRow[] = [];
    next: string | null = null;
    error: unknown;
    isLoading = true;

    readonly labels = {
        name: label('Canal_Manager_Col_Name'),
        company: label('Canal_Manager_Col_Company'),
        partner: label('Canal_Manager_Partner'),
        status: label('Canal_Manager_Col_Status'),
        stage: label('Canal_Manager_Col_Stage'),
        owner: label('Canal_Manager_Col_Owner'),
        amount: label('Canal_Manager_Col_Amount'),
        closeDate: label('Canal_Manager_Col_Close_Date'),
        modified: label('Canal_Manager_Col_Modified'),
        empty: label('Canal_Manager_Records_Empty'),
        error: label('Canal_Manager_Records_Error'),
        loadMore: label('Canal_Activity_Load_More'),
        loading: label('Canal_Loading')
    };

    override connectedCallback(): void {
        this.load(null);
    }

    get isLead(): boolean {
        return this.objectApiName === 'Lead';
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.error && this.rows.length === 0;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get hasMore(): boolean {
        return this.next !== null;
    }

    get views(): RowView[] {
        const locale = boot().lang === 'es' ? 'es-ES' : 'en-US';
        const money = new Intl.NumberFormat(locale, {
            style: 'currency',
            currency: 'EUR',
            maximumFractionDigits: 0
        });
        const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
        return this.rows.map((r) => ({
            ...r,
            url: siteUrlOf(
                {
                    type: 'standard__recordPage',
                    attributes: { recordId: r.id, objectApiName: this.objectApiName, actionName: 'view' }
                },
                boot().basePath
            ),
            amountText: r.amount === null ? '' : money.format(r.amount),
            modifiedText: date.format(new Date(r.lastModifiedDate))
        }));
    }

    handleLoadMore(): void {
        this.load(this.next);
    }

    handleOpen(event: MouseEvent): void {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        (this as unknown as Navigator)[NavigationMixin.Navigate]({
            type: 'standard__recordPage',
            attributes: {
                recordId: (event.currentTarget as HTMLElement).dataset.recordId,
                objectApiName: this.objectApiName,
                actionName: 'view'
            }
        });
    }

    private async load(after: string | null): Promise<void> {
        this.isLoading = true;
        const query = new URLSearchParams({ size: String(PAGE_SIZE) });
        if (this.partnerAccountId) query.set('partner', this.partnerAccountId);
        if (after) query.set('after', after);
        try {
            const response = await fetch(`/local/records/${this.objectApiName}?${query.toString()}`, {
                credentials: 'same-origin'
            });
            const body = (await response.json()) as {
                rows: RecordRow[];
                next: string | null;
                message?: string;
            };
            if (!response.ok)
                throw { status: response.status, body: { message: body.message ?? response.statusText } };
            this.rows = after ? [...this.rows, ...body.rows] : body.rows;
            this.next = body.next;
            this.error = undefined;
        } catch (error) {
            this.error = error;
        } finally {
            this.isLoading = false;
        }
    }
}
