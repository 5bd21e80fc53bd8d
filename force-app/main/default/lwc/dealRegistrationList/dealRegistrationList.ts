import { LightningElement, api } from 'lwc';
import { NavigationMixin, type PageReference } from 'lightning/navigation';
import locale from '@salesforce/i18n/locale';
import currency from '@salesforce/i18n/currency';
import getMyRegistrations from '@salesforce/apex/DealRegistrationController.getMyRegistrations';
import type { RegistrationRow } from 'canal/apex/DealRegistrationController';
import { AnswerGuard } from 'c/answerGuard';
import { formatLabel } from 'c/labelFormat';
import { badgeClass, formatDay, protectionText } from 'c/dealRegistrationView';
import titleLabel from '@salesforce/label/c.Canal_Deal_List_View';
import emptyLabel from '@salesforce/label/c.Canal_Deal_List_Empty';
import loadErrorLabel from '@salesforce/label/c.Canal_Deal_List_Load_Error';
import loadMoreLabel from '@salesforce/label/c.Canal_Action_Load_More';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import registrationLabel from '@salesforce/label/c.Canal_Deal_Col_Registration';
import companyLabel from '@salesforce/label/c.Canal_Deal_Field_Company';
import amountLabel from '@salesforce/label/c.Canal_Deal_Field_Amount';
import closeDateLabel from '@salesforce/label/c.Canal_Deal_Field_Close_Date';
import statusLabel from '@salesforce/label/c.Canal_Deal_Col_Status';
import detailsLabel from '@salesforce/label/c.Canal_Deal_Col_Details';
import ownerLabel from '@salesforce/label/c.Canal_Deal_Col_Owner';
import submittedLabel from '@salesforce/label/c.Canal_Deal_Col_Submitted';
import expiresSoonLabel from '@salesforce/label/c.Canal_Deal_Expires_Soon';
import reasonLabel from '@salesforce/label/c.Canal_Deal_Rejection_Reason';
import openOpportunityLabel from '@salesforce/label/c.Canal_Deal_Open_Opportunity';

/** A registration as the table shows it. */
interface ListRow extends RegistrationRow {
    badgeClass: string;
    closeDateText: string;
    submittedText: string;
    protectionText: string;
    reasonText: string;
    /** The approved registration's opportunity page; empty until its URL is generated. */
    opportunityUrl: string;
}

interface Navigator {
    [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
}

function opportunityPage(recordId: string): PageReference {
    return {
        type: 'standard__recordPage',
        attributes: { recordId, objectApiName: 'Opportunity', actionName: 'view' }
    };
}

/**
 * My registrations: the deals the rep's partner registered (colleagues' too), newest first, 50 at a time with Load
 * more. Each shows its state as a badge; a rejected one its reason, an approved one "Protected until <date>", a link
 * to its opportunity and "Expires soon" in its last week. Never anything about other partners.
 */
export default class DealRegistrationList extends NavigationMixin(LightningElement) {
    /** Set when a host card already titles the list (the Opportunities tab). */
    @api hideTitle = false;

    rows: ListRow[] = [];
    error: unknown;
    isLoading = true;
    isLoadingMore = false;
    currencyCode = currency;

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        loadError: loadErrorLabel,
        loadMore: loadMoreLabel,
        loading: loadingLabel,
        registration: registrationLabel,
        company: companyLabel,
        amount: amountLabel,
        closeDate: closeDateLabel,
        status: statusLabel,
        details: detailsLabel,
        owner: ownerLabel,
        submitted: submittedLabel,
        expiresSoon: expiresSoonLabel,
        openOpportunity: openOpportunityLabel
    };

    private nextCursor: string | null = null;
    private answers = new AnswerGuard();

    override connectedCallback(): void {
        this.loadFirstPage();
    }

    /** Loads the list again from its first page (after a registration was submitted). */
    @api
    refresh(): Promise<void> {
        return this.loadFirstPage();
    }

    get showTitle(): boolean {
        return !this.hideTitle;
    }

    get hasRows(): boolean {
        return this.rows.length > 0;
    }

    get showLoadMore(): boolean {
        return this.hasRows && this.nextCursor !== null && !this.isLoading;
    }

    get showEmpty(): boolean {
        return !this.isLoading && !this.hasRows && !this.error;
    }

    get showLoadError(): boolean {
        return Boolean(this.error) && !this.hasRows && !this.isLoading;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && this.hasRows;
    }

    private get navigator(): Navigator {
        return this as unknown as Navigator;
    }

    private toRows(rows: RegistrationRow[]): ListRow[] {
        const listRows = rows.map((row) => ({
            ...row,
            badgeClass: badgeClass(row.status),
            closeDateText: formatDay(row.closeDate, locale),
            submittedText: formatDay(row.submittedAt, locale),
            protectionText: row.status === 'Approved' ? protectionText(row.protectedUntil, locale) : '',
            reasonText:
                row.status === 'Rejected' && row.rejectionReason
                    ? formatLabel(reasonLabel, row.rejectionReason)
                    : '',
            expiresSoon: row.status === 'Approved' && Boolean(row.expiresSoon),
            opportunityUrl: ''
        }));
        this.resolveOpportunityUrls(listRows);
        return listRows;
    }

    /** The approved rows link to their opportunity once the platform has generated its URL. */
    private async resolveOpportunityUrls(rows: ListRow[]): Promise<void> {
        const urls = new Map<string, string>();
        await Promise.all(
            rows
                .filter((row) => row.status === 'Approved' && row.opportunityId)
                .map((row) =>
                    this.navigator[NavigationMixin.GenerateUrl](opportunityPage(row.opportunityId as string))
                        .then((url) => urls.set(row.id, url))
                        .catch(() => undefined)
                )
        );
        if (!urls.size) return;
        this.rows = this.rows.map((row) => {
            const opportunityUrl = urls.get(row.id);
            return opportunityUrl ? { ...row, opportunityUrl } : row;
        });
    }

    private async loadFirstPage(): Promise<void> {
        const generation = this.answers.restart();
        this.isLoading = true;
        this.isLoadingMore = false;
        try {
            const page = await getMyRegistrations({ cursor: null });
            if (!this.answers.isCurrent(generation)) return;
            this.rows = this.toRows(page.rows);
            this.nextCursor = page.nextCursor;
            this.error = undefined;
        } catch (error) {
            if (!this.answers.isCurrent(generation)) return;
            this.rows = [];
            this.nextCursor = null;
            this.error = error;
        } finally {
            if (this.answers.isCurrent(generation)) this.isLoading = false;
        }
    }

    /** The next page, after the last row shown (keyset cursor). */
    async handleLoadMore(): Promise<void> {
        if (!this.nextCursor || this.isLoadingMore || this.isLoading) return;
        const generation = this.answers.ticket();
        this.isLoadingMore = true;
        try {
            const page = await getMyRegistrations({ cursor: this.nextCursor });
            if (!this.answers.isCurrent(generation)) return;
            const known = new Set(this.rows.map((row) => row.id));
            this.rows = [...this.rows, ...this.toRows(page.rows.filter((row) => !known.has(row.id)))];
            this.nextCursor = page.nextCursor;
        } catch (error) {
            if (this.answers.isCurrent(generation)) this.error = error;
        } finally {
            if (this.answers.isCurrent(generation)) this.isLoadingMore = false;
        }
    }
}
