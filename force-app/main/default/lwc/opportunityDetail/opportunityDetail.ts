import { wire } from 'lwc';
import { CurrentPageReference, NavigationMixin, type PageReference } from 'lightning/navigation';
import RecordPageElement from 'c/recordPageElement';
import getOpportunity from '@salesforce/apex/OpportunityController.getOpportunity';
import type { OpportunityDetail as Opportunity } from 'canal/apex/OpportunityController';
import opportunityLabel from '@salesforce/label/c.Canal_Object_Opportunity';
import loadErrorLabel from '@salesforce/label/c.Canal_Opp_Detail_Load_Error';
import loadingLabel from '@salesforce/label/c.Canal_Loading';
import editLabel from '@salesforce/label/c.Canal_Action_Edit';
import accountLabel from '@salesforce/label/c.Canal_Opp_Field_Account';
import stageLabel from '@salesforce/label/c.Canal_Opp_Field_Stage';
import amountLabel from '@salesforce/label/c.Canal_Opp_Field_Amount';
import closeDateLabel from '@salesforce/label/c.Canal_Opp_Field_Close_Date';
import probabilityLabel from '@salesforce/label/c.Canal_Opp_Field_Probability';
import nextStepLabel from '@salesforce/label/c.Canal_Opp_Field_Next_Step';
import descriptionLabel from '@salesforce/label/c.Canal_Opp_Field_Description';
import ownerLabel from '@salesforce/label/c.Canal_Opp_Field_Owner';
import partnerAccountLabel from '@salesforce/label/c.Canal_Opp_Field_Partner_Account';

type FieldKind = 'text' | 'currency' | 'date' | 'percent';

/** One field of the read view. */
interface DetailField {
    key: string;
    labelKey: string;
    label: string;
    value: string | number;
    currencyCode: string;
    isCurrency: boolean;
    isDate: boolean;
    isPercent: boolean;
    isText: boolean;
}

function field(
    key: string,
    label: string,
    value: string | number | null,
    kind: FieldKind = 'text',
    currencyCode = ''
): DetailField {
    const present = value !== null && value !== undefined && value !== '';
    return {
        key,
        labelKey: `${key}-label`,
        label,
        // The percent formatter takes a fraction: 10 (%) is 0.1.
        value: !present ? '' : kind === 'percent' ? Number(value) / 100 : value,
        currencyCode,
        isCurrency: present && kind === 'currency',
        isDate: present && kind === 'date',
        isPercent: present && kind === 'percent',
        isText: kind === 'text' || !present
    };
}

interface Navigator {
    [NavigationMixin.Navigate](pageReference: PageReference): void;
}

/** The Opportunities list, on the list view the user came from. */
function opportunityListPage(listView: string | undefined): PageReference {
    return {
        type: 'standard__objectPage',
        attributes: { objectApiName: 'Opportunity', actionName: 'list', filterName: 'Default' },
        state: listView ? { c__listView: listView } : {}
    };
}

/**
 * One opportunity: its details, and for a user who may edit it an Edit button that opens the form in place.
 * Opened from the Opportunities list (page state `c__from=list`), Save takes the user back to that list, as the
 * how-to's "Edit beside a deal, Save, back on the list"; opened any other way, Save stays on the deal.
 */
export default class OpportunityDetail extends NavigationMixin(RecordPageElement) {
    opportunity: Opportunity | undefined;
    editing = false;
    isLoading = true;
    error: unknown;
    errorMessage = loadErrorLabel;

    labels = { opportunity: opportunityLabel, loading: loadingLabel, edit: editLabel };

    private requests = 0;
    private pageState: Record<string, string | undefined> = {};

    @wire(CurrentPageReference)
    wiredPageReference(pageReference: PageReference | undefined): void {
        this.pageState = pageReference?.state ?? {};
    }

    protected override recordChanged(): void {
        this.editing = false;
        this.load(true);
    }

    get heading(): string {
        return this.opportunity?.name || opportunityLabel;
    }

    get canEdit(): boolean {
        return Boolean(this.opportunity?.canEdit) && !this.editing;
    }

    get showLoadError(): boolean {
        return Boolean(this.error) && !this.opportunity;
    }

    get showInlineError(): boolean {
        return Boolean(this.error) && Boolean(this.opportunity);
    }

    get fields(): DetailField[] {
        const opportunity = this.opportunity;
        if (!opportunity) return [];
        return [
            field('account', accountLabel, opportunity.accountName),
            field('stage', stageLabel, opportunity.stageLabel),
            field('amount', amountLabel, opportunity.amount, 'currency', opportunity.currencyIsoCode),
            field('closeDate', closeDateLabel, opportunity.closeDate, 'date'),
            field('probability', probabilityLabel, opportunity.probability, 'percent'),
            field('nextStep', nextStepLabel, opportunity.nextStep),
            field('description', descriptionLabel, opportunity.description),
            field('owner', ownerLabel, opportunity.ownerName),
            field('partner', partnerAccountLabel, opportunity.partnerAccountName)
        ];
    }

    /** Reads the opportunity; `showSpinner` for a first load, quietly after a save. */
    private async load(showSpinner: boolean): Promise<void> {
        const request = ++this.requests;
        const recordId = this.recordId;
        if (!recordId) {
            this.opportunity = undefined;
            this.isLoading = false;
            return;
        }
        if (showSpinner) this.isLoading = true;
        try {
            const opportunity = await getOpportunity({ recordId });
            if (request !== this.requests) return;
            this.opportunity = opportunity;
            this.error = undefined;
        } catch (error) {
            if (request !== this.requests) return;
            if (showSpinner) this.opportunity = undefined;
            this.error = error;
            this.errorMessage = loadErrorLabel;
        } finally {
            if (request === this.requests) this.isLoading = false;
        }
    }

    handleEdit(): void {
        if (!this.opportunity?.canEdit) return;
        this.editing = true;
    }

    /** Saved: back on the list the user came from, or on the read view, read again to show what was stored. */
    handleSaved(): void {
        if (this.pageState.c__from === 'list') {
            (this as unknown as Navigator)[NavigationMixin.Navigate](
                opportunityListPage(this.pageState.c__listView)
            );
            return;
        }
        this.editing = false;
        this.pendingFocus = '[data-action="edit"]';
        this.load(false);
    }

    handleCancel(): void {
        this.editing = false;
        this.pendingFocus = '[data-action="edit"]';
    }
}
