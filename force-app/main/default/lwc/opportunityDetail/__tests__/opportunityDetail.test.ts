import OpportunityDetail from 'c/opportunityDetail';
import getOpportunity from '@salesforce/apex/OpportunityController.getOpportunity';
import getStages from '@salesforce/apex/OpportunityController.getStages';
import getAccountOptions from '@salesforce/apex/OpportunityController.getAccountOptions';
import type { OpportunityDetail as Opportunity } from 'canal/apex/OpportunityController';
import {
    emitCurrentPageReference,
    getNavigatedPageReference
} from '../../../../../test/jest-mocks/lightning/navigation';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/OpportunityController.getOpportunity', () => ({ default: jest.fn() }), {
    virtual: true
});
// Edit opens c-opportunity-form in place: its reads are mocked too.
jest.mock('@salesforce/apex/OpportunityController.getStages', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.getAccountOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.saveOpportunity', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetOpportunity = jest.mocked(getOpportunity);
const mockGetStages = jest.mocked(getStages);
const mockGetAccountOptions = jest.mocked(getAccountOptions);

const RECORD_ID = '006000000000001AAA';

type Stub = HTMLElement & Record<string, any>;

function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
    return {
        id: RECORD_ID,
        name: 'Cobre renewal',
        accountId: '001000000000001AAA',
        accountName: 'Cobre SL',
        stageName: 'Qualification',
        stageLabel: 'Calificación',
        amount: 1500.5,
        currencyIsoCode: 'EUR',
        closeDate: '2026-03-31',
        ownerName: 'Ana Ruiz',
        probability: 20,
        nextStep: 'Demo',
        description: 'Twenty seats',
        partnerAccountName: 'Iberia Soluciones',
        canEdit: true,
        ...overrides
    };
}

function render(props: Record<string, unknown> = { recordId: RECORD_ID }): Promise<HTMLElement> {
    return mount('c-opportunity-detail', OpportunityDetail, props);
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function fieldText(element: HTMLElement, key: string): string {
    return $(element, `[data-field="${key}"]`).textContent!.trim();
}

async function fire(target: HTMLElement, name: string, eventDetail?: unknown): Promise<void> {
    target.dispatchEvent(new CustomEvent(name, { detail: eventDetail }));
    await flush();
}

describe('c-opportunity-detail', () => {
    beforeEach(() => {
        mockGetOpportunity.mockResolvedValue(opportunity());
        mockGetStages.mockResolvedValue([]);
        mockGetAccountOptions.mockResolvedValue([]);
    });

    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    describe('read view', () => {
        it('shows the opportunity’s fields, the amount in its currency', async () => {
            const element = await render();

            expect(mockGetOpportunity).toHaveBeenCalledWith({ recordId: RECORD_ID });
            expect($(element, '[data-id="title"]').textContent).toBe('Cobre renewal');
            expect(fieldText(element, 'account')).toBe('Cobre SL');
            expect(fieldText(element, 'stage')).toBe('Calificación');
            const amount = $(element, '[data-field="amount"] lightning-formatted-number');
            expect(amount.value).toBe(1500.5);
            expect(amount.formatStyle).toBe('currency');
            expect(amount.currencyCode).toBe('EUR');
            const closeDate = $(element, '[data-field="closeDate"] lightning-formatted-date-time');
            expect(closeDate.value).toBe('2026-03-31');
            expect(closeDate.timeZone).toBe('UTC');
            const probability = $(element, '[data-field="probability"] lightning-formatted-number');
            expect(probability.value).toBeCloseTo(0.2);
            expect(probability.formatStyle).toBe('percent');
            expect(fieldText(element, 'nextStep')).toBe('Demo');
            expect(fieldText(element, 'description')).toBe('Twenty seats');
            expect(fieldText(element, 'owner')).toBe('Ana Ruiz');
            expect(fieldText(element, 'partner')).toBe('Iberia Soluciones');
            expect($(element, '[data-action="edit"]').label).toBe('c.Canal_Action_Edit');
        });

        it('shows blanks as empty text and no Edit for a user who may not edit', async () => {
            mockGetOpportunity.mockResolvedValue(
                opportunity({
                    canEdit: false,
                    amount: null,
                    probability: null,
                    nextStep: null,
                    accountName: null
                })
            );
            const element = await render();
            expect(fieldText(element, 'amount')).toBe('');
            expect(fieldText(element, 'probability')).toBe('');
            expect(fieldText(element, 'nextStep')).toBe('');
            expect(fieldText(element, 'account')).toBe('');
            expect($(element, '[data-field="amount"] lightning-formatted-number')).toBeNull();
            expect($(element, '[data-action="edit"]')).toBeNull();
        });

        it('shows a spinner while loading', async () => {
            mockGetOpportunity.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Canal_Loading');
            expect($(element, '[data-id="title"]').textContent).toBe('c.Canal_Object_Opportunity');
        });

        it('shows c-error-panel when the opportunity cannot load (hidden or gone)', async () => {
            mockGetOpportunity.mockRejectedValue({ body: { message: 'This opportunity does not exist.' } });
            const element = await render();
            const panel = $(element, 'c-error-panel');
            expect(panel.friendlyMessage).toBe('c.Canal_Opp_Detail_Load_Error');
            expect(panel.errors).toEqual({ body: { message: 'This opportunity does not exist.' } });
            expect($(element, '[data-id="fields"]')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('shows nothing to read without a record id', async () => {
            const element = await render({});
            expect(mockGetOpportunity).not.toHaveBeenCalled();
            expect($(element, '[data-id="fields"]')).toBeNull();
            expect($(element, 'lightning-spinner')).toBeNull();
        });

        it('reads the new opportunity when the record id changes', async () => {
            const element = await render();
            mockGetOpportunity.mockResolvedValue(
                opportunity({ id: '006000000000002AAA', name: 'Zinc pilot' })
            );
            Object.assign(element, { recordId: '006000000000002AAA' });
            await flush();
            expect(mockGetOpportunity).toHaveBeenLastCalledWith({ recordId: '006000000000002AAA' });
            expect($(element, '[data-id="title"]').textContent).toBe('Zinc pilot');
        });
    });

    describe('edit in place', () => {
        it('Edit switches to the form; Save returns to the read view, read again', async () => {
            const element = await render();
            await fire($(element, '[data-action="edit"]'), 'click');

            const form = $(element, 'c-opportunity-form');
            expect(form.recordId).toBe(RECORD_ID);
            expect($(element, '[data-id="fields"]')).toBeNull();
            expect($(element, '[data-action="edit"]')).toBeNull();

            mockGetOpportunity.mockResolvedValue(
                opportunity({ stageLabel: 'Cerrada ganada', probability: 100 })
            );
            await fire(form, 'opportunitysaved', { recordId: RECORD_ID });

            expect($(element, 'c-opportunity-form')).toBeNull();
            expect(fieldText(element, 'stage')).toBe('Cerrada ganada');
            expect($(element, '[data-action="edit"]')).not.toBeNull();
            expect(getNavigatedPageReference()).toBeUndefined();
        });

        it('opened from the list, Save goes back to that list on the same list view', async () => {
            const element = await render();
            emitCurrentPageReference({
                type: 'standard__recordPage',
                attributes: { recordId: RECORD_ID, objectApiName: 'Opportunity', actionName: 'view' },
                state: { c__from: 'list', c__listView: 'Canal_Closing_This_Month' }
            });
            await fire($(element, '[data-action="edit"]'), 'click');
            await fire($(element, 'c-opportunity-form'), 'opportunitysaved', { recordId: RECORD_ID });

            expect(getNavigatedPageReference()).toEqual({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Opportunity', actionName: 'list', filterName: 'Default' },
                state: { c__listView: 'Canal_Closing_This_Month' }
            });
        });

        it('Cancel returns to the read view unchanged', async () => {
            const element = await render();
            await fire($(element, '[data-action="edit"]'), 'click');
            const calls = mockGetOpportunity.mock.calls.length;
            await fire($(element, 'c-opportunity-form'), 'opportunitycancel');
            expect($(element, 'c-opportunity-form')).toBeNull();
            expect(fieldText(element, 'stage')).toBe('Calificación');
            // The form read the record once; the read view did not read it again.
            expect(mockGetOpportunity).toHaveBeenCalledTimes(calls);
        });

        it('keeps the read view and says so when the reload after a save fails', async () => {
            const element = await render();
            await fire($(element, '[data-action="edit"]'), 'click');
            mockGetOpportunity.mockRejectedValue({ body: { message: 'Timeout' } });
            await fire($(element, 'c-opportunity-form'), 'opportunitysaved', { recordId: RECORD_ID });
            expect(fieldText(element, 'stage')).toBe('Calificación');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Opp_Detail_Load_Error');
        });
    });

    describe('accessibility', () => {
        it('is accessible in the read view', async () => {
            const element = await render();
            await expect(element).toBeAccessible();
        });

        it('is accessible while editing', async () => {
            const element = await render();
            await fire($(element, '[data-action="edit"]'), 'click');
            await expect(element).toBeAccessible();
        });
    });
});
