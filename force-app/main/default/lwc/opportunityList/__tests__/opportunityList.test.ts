import OpportunityList from 'c/opportunityList';
import getListViews from '@salesforce/apex/OpportunityController.getListViews';
import getOpportunities from '@salesforce/apex/OpportunityController.getOpportunities';
import getOpportunity from '@salesforce/apex/OpportunityController.getOpportunity';
import getStages from '@salesforce/apex/OpportunityController.getStages';
import getAccountOptions from '@salesforce/apex/OpportunityController.getAccountOptions';
import getMyRegistrations from '@salesforce/apex/DealRegistrationController.getMyRegistrations';
import submitRegistration from '@salesforce/apex/DealRegistrationController.submitRegistration';
import {
    emitCurrentPageReference,
    getGeneratedUrlPageReference,
    getNavigatedPageReference
} from '../../../../../test/jest-mocks/lightning/navigation';
import type {
    ListViewOption,
    OpportunityDetail,
    OpportunityPage,
    OpportunityRow
} from 'canal/apex/OpportunityController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/OpportunityController.getListViews', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.getOpportunities', () => ({ default: jest.fn() }), {
    virtual: true
});
// c-opportunity-form opens in place: its reads are mocked too.
jest.mock('@salesforce/apex/OpportunityController.getOpportunity', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.getStages', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.getAccountOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.saveOpportunity', () => ({ default: jest.fn() }), {
    virtual: true
});
// Register a deal and My registrations open in place: their Apex is mocked too.
jest.mock('@salesforce/apex/DealRegistrationController.getMyRegistrations', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DealRegistrationController.submitRegistration', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Opp_Edit_Title', () => ({ default: 'Edit {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Opp_Open_Title', () => ({ default: 'Open {0}' }), { virtual: true });

const mockGetListViews = jest.mocked(getListViews);
const mockGetOpportunities = jest.mocked(getOpportunities);
const mockGetOpportunity = jest.mocked(getOpportunity);
const mockGetStages = jest.mocked(getStages);
const mockGetAccountOptions = jest.mocked(getAccountOptions);
const mockGetMyRegistrations = jest.mocked(getMyRegistrations);
const mockSubmitRegistration = jest.mocked(submitRegistration);

const VIEWS: ListViewOption[] = [
    { name: 'Canal_My_Opportunities', label: 'Mis oportunidades' },
    { name: 'Canal_Partner_Opportunities', label: 'Oportunidades del socio' },
    { name: 'Canal_Closing_This_Month', label: 'Cierre este mes' },
    { name: 'Canal_Open_Pipeline', label: 'Cartera abierta' },
    { name: 'Canal_Won_This_Quarter', label: 'Ganadas este trimestre' }
];

interface DatatableStub extends HTMLElement {
    data: Array<OpportunityRow & { editTitle: string; recordUrl: string; openTitle: string }>;
    wrapTableHeader?: string;
    columns: Array<{
        label: string;
        type?: string;
        fieldName?: string;
        sortable?: boolean;
        wrapText?: boolean;
        typeAttributes?: Record<string, unknown>;
    }>;
    enableInfiniteLoading: boolean;
    isLoading: boolean;
    sortedBy: string;
    sortedDirection: string;
}

type Stub = HTMLElement & Record<string, any>;

function row(id: string, overrides: Partial<OpportunityRow> = {}): OpportunityRow {
    return {
        id,
        name: `Deal ${id}`,
        accountId: '001000000000001AAA',
        accountName: 'Cobre SL',
        stageName: 'Prospecting',
        stageLabel: 'Prospección',
        amount: 1000,
        currencyIsoCode: 'EUR',
        closeDate: '2026-03-31',
        ownerName: 'Ana Ruiz',
        probability: 10,
        ...overrides
    };
}

function page(rowIds: string[], next: string | null = null): OpportunityPage {
    return { rows: rowIds.map((id) => row(id)), next };
}

function detail(id: string): OpportunityDetail {
    return {
        ...row(id),
        nextStep: null,
        description: null,
        partnerAccountName: 'Iberia Soluciones',
        canEdit: true
    };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-opportunity-list', OpportunityList, props);
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function table(element: HTMLElement): DatatableStub {
    return element.shadowRoot!.querySelector<DatatableStub>('lightning-datatable')!;
}

function ids(element: HTMLElement): string[] {
    return table(element).data.map((r) => r.id);
}

async function fire(target: HTMLElement, name: string, eventDetail?: unknown): Promise<void> {
    target.dispatchEvent(new CustomEvent(name, { detail: eventDetail }));
    await flush();
}

describe('c-opportunity-list', () => {
    beforeEach(() => {
        mockGetListViews.mockResolvedValue(VIEWS);
        mockGetStages.mockResolvedValue([]);
        mockGetAccountOptions.mockResolvedValue([]);
        mockGetOpportunity.mockImplementation(({ recordId }) => Promise.resolve(detail(recordId)));
    });

    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    describe('data, empty, loading and error states', () => {
        it('opens on My opportunities with Edit on every row and the amount in each row’s currency', async () => {
            mockGetOpportunities.mockResolvedValue({
                rows: [row('0061'), row('0062', { currencyIsoCode: 'USD', amount: null })],
                next: null
            });
            const element = await render();

            expect(mockGetOpportunities).toHaveBeenCalledWith({
                listView: 'Canal_My_Opportunities',
                pageSize: 50,
                afterId: null,
                sortBy: 'closeDate',
                sortDirection: 'asc'
            });
            const picker = $(element, '[data-id="list-view"]');
            expect(picker.value).toBe('Canal_My_Opportunities');
            expect(picker.label).toBe('c.Canal_Opp_List_View');
            const options: Array<{ label: string; value: string }> = VIEWS.map((view) => ({
                label: view.label,
                value: view.name
            }));
            options.splice(1, 0, { label: 'c.Canal_Deal_List_View', value: 'Canal_My_Registrations' });
            expect(picker.options).toEqual(options);

            const datatable = table(element);
            expect(ids(element)).toEqual(['0061', '0062']);
            expect(datatable.data[0].editTitle).toBe('Edit Deal 0061');
            expect(datatable.data[1].currencyIsoCode).toBe('USD');
            expect(datatable.columns.map((c) => c.fieldName ?? c.type)).toEqual([
                'recordUrl',
                'accountName',
                'stageLabel',
                'amount',
                'closeDate',
                'ownerName',
                'button'
            ]);
            const amount = datatable.columns.find((c) => c.fieldName === 'amount')!;
            expect(amount.type).toBe('currency');
            expect(amount.typeAttributes).toEqual({ currencyCode: { fieldName: 'currencyIsoCode' } });
            expect(datatable.columns.find((c) => c.fieldName === 'closeDate')!.type).toBe('date-local');
            const edit = datatable.columns.find((c) => c.type === 'button')!;
            expect(edit.typeAttributes).toMatchObject({
                label: 'c.Canal_Action_Edit',
                name: 'edit',
                title: { fieldName: 'editTitle' }
            });
            expect(datatable.columns.filter((c) => c.sortable).map((c) => c.fieldName)).toEqual([
                'recordUrl',
                'stageLabel',
                'amount',
                'closeDate'
            ]);
            expect(datatable.sortedBy).toBe('closeDate');
            expect(datatable.sortedDirection).toBe('asc');
            expect(datatable.enableInfiniteLoading).toBe(false);
            expect($(element, '[data-action="load-more"]')).toBeNull();
            expect($(element, '[data-action="new"]').label).toBe('c.Canal_Opp_New');
            expect($(element, '[data-id="title"]').textContent).toBe('c.Canal_Opp_List_Title');
        });

        it('uses the page size and first list view it is given', async () => {
            mockGetOpportunities.mockResolvedValue(page([]));
            await render({ pageSize: 25, defaultListView: 'Canal_Open_Pipeline' });
            expect(mockGetOpportunities.mock.calls[0][0]).toMatchObject({
                pageSize: 25,
                listView: 'Canal_Open_Pipeline'
            });
        });

        it('falls back to My opportunities and 50 rows for values it does not know', async () => {
            mockGetOpportunities.mockResolvedValue(page([]));
            await render({ pageSize: 0, defaultListView: 'AllOpportunities' });
            expect(mockGetOpportunities.mock.calls[0][0]).toMatchObject({
                pageSize: 50,
                listView: 'Canal_My_Opportunities'
            });
        });

        it('shows the empty state when the list view holds nothing', async () => {
            mockGetOpportunities.mockResolvedValue(page([]));
            const element = await render();
            expect(table(element)).toBeNull();
            expect($(element, '[data-id="empty"]').textContent).toBe('c.Canal_Opp_Empty');
        });

        it('shows a spinner while loading', async () => {
            mockGetOpportunities.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Canal_Loading');
            expect($(element, '[data-id="empty"]')).toBeNull();
        });

        it('shows c-error-panel when the list cannot load', async () => {
            mockGetOpportunities.mockRejectedValue({ body: { message: 'Insufficient access' } });
            const element = await render();
            const panel = $(element, 'c-error-panel');
            expect(panel.friendlyMessage).toBe('c.Canal_Opp_Load_Error');
            expect(panel.errors).toEqual({ body: { message: 'Insufficient access' } });
            expect(table(element)).toBeNull();
            expect($(element, '[data-id="empty"]')).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('keeps My opportunities in the picker and the rows when the list views cannot load', async () => {
            mockGetListViews.mockRejectedValue(new Error('offline'));
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            expect($(element, '[data-id="list-view"]').options).toEqual([
                { label: 'c.Canal_Opp_View_My', value: 'Canal_My_Opportunities' },
                { label: 'c.Canal_Deal_List_View', value: 'Canal_My_Registrations' }
            ]);
            expect(ids(element)).toEqual(['0061']);
        });
    });

    describe('names link to the deal’s page', () => {
        it('shows each name whole, as a link to its page that remembers the list view', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061', '0062']));
            const element = await render();
            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_Open_Pipeline' });

            const datatable = table(element);
            const name = datatable.columns[0]!;
            expect(name).toMatchObject({
                type: 'url',
                fieldName: 'recordUrl',
                wrapText: true,
                typeAttributes: { label: { fieldName: 'name' }, tooltip: { fieldName: 'openTitle' } }
            });
            expect(datatable.columns.find((c) => c.fieldName === 'accountName')!.wrapText).toBe(true);
            expect(datatable.getAttribute('wrap-table-header') ?? datatable.wrapTableHeader).toBe('all');
            expect(datatable.data.map((r) => [r.name, r.recordUrl, r.openTitle])).toEqual([
                ['Deal 0061', '/generated-url', 'Open Deal 0061'],
                ['Deal 0062', '/generated-url', 'Open Deal 0062']
            ]);
            expect(getGeneratedUrlPageReference()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: '0062', objectApiName: 'Opportunity', actionName: 'view' },
                state: { c__from: 'list', c__listView: 'Canal_Open_Pipeline' }
            });
            expect(getNavigatedPageReference()).toBeUndefined();
        });

        it('sorts by name when the name column is sorted', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            await fire(table(element), 'sort', { fieldName: 'recordUrl', sortDirection: 'desc' });
            expect(mockGetOpportunities).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'name', sortDirection: 'desc' })
            );
        });

        it('opens on the list view named in the page state (back from a deal’s page)', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            emitCurrentPageReference({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Opportunity', actionName: 'list' },
                state: { c__listView: 'Canal_Won_This_Quarter' }
            });
            await flush();
            expect(mockGetOpportunities).toHaveBeenLastCalledWith(
                expect.objectContaining({ listView: 'Canal_Won_This_Quarter' })
            );
            expect($(element, '[data-id="list-view"]').value).toBe('Canal_Won_This_Quarter');

            const calls = mockGetOpportunities.mock.calls.length;
            emitCurrentPageReference({ type: 'standard__objectPage', state: { c__listView: 'DROP TABLE' } });
            await flush();
            expect(mockGetOpportunities.mock.calls.length).toBe(calls);
        });
    });

    describe('list views, sort and paging', () => {
        it('asks the controller for the chosen list view', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            mockGetOpportunities.mockResolvedValue(page(['0063']));
            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_Closing_This_Month' });

            expect(mockGetOpportunities).toHaveBeenLastCalledWith({
                listView: 'Canal_Closing_This_Month',
                pageSize: 50,
                afterId: null,
                sortBy: 'closeDate',
                sortDirection: 'asc'
            });
            expect(ids(element)).toEqual(['0063']);
            expect($(element, '[data-id="list-view"]').value).toBe('Canal_Closing_This_Month');
        });

        it('ignores a list view it does not know, and choosing the current one again', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'AllOpportunities' });
            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_My_Opportunities' });
            expect(mockGetOpportunities).toHaveBeenCalledTimes(1);
        });

        it('sorts on the server: the stage column sorts by stage', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061', '0062']));
            const element = await render();
            await fire(table(element), 'sort', { fieldName: 'stageLabel', sortDirection: 'desc' });

            expect(mockGetOpportunities).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'stageName', sortDirection: 'desc', afterId: null })
            );
            expect(table(element).sortedBy).toBe('stageLabel');
            expect(table(element).sortedDirection).toBe('desc');

            await fire(table(element), 'sort', { fieldName: 'amount', sortDirection: 'sideways' });
            expect(mockGetOpportunities).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'amount', sortDirection: 'asc' })
            );
            await fire(table(element), 'sort', { fieldName: 'ownerName', sortDirection: 'asc' });
            expect(mockGetOpportunities).toHaveBeenCalledTimes(3);
        });

        it('loads the next keyset page on scroll and with Load more', async () => {
            mockGetOpportunities.mockResolvedValueOnce(page(['0061', '0062'], '0062'));
            const element = await render({ pageSize: 2 });
            expect(table(element).enableInfiniteLoading).toBe(true);

            mockGetOpportunities.mockResolvedValueOnce(page(['0062', '0063'], '0063'));
            await fire(table(element), 'loadmore');
            expect(mockGetOpportunities).toHaveBeenLastCalledWith(
                expect.objectContaining({ afterId: '0062', pageSize: 2 })
            );
            expect(ids(element)).toEqual(['0061', '0062', '0063']);

            mockGetOpportunities.mockResolvedValueOnce(page(['0064']));
            await fire($(element, '[data-action="load-more"]'), 'click');
            expect(mockGetOpportunities).toHaveBeenLastCalledWith(
                expect.objectContaining({ afterId: '0063' })
            );
            expect(ids(element)).toEqual(['0061', '0062', '0063', '0064']);
            expect(table(element).enableInfiniteLoading).toBe(false);
            expect($(element, '[data-action="load-more"]')).toBeNull();

            await fire(table(element), 'loadmore');
            expect(mockGetOpportunities).toHaveBeenCalledTimes(3);
        });

        it('asks once while a page is loading and shows a failed page in place', async () => {
            mockGetOpportunities.mockResolvedValueOnce(page(['0061'], '0061'));
            const element = await render({ pageSize: 1 });
            const pending = deferred<OpportunityPage>();
            mockGetOpportunities.mockReturnValueOnce(pending.promise);
            await fire(table(element), 'loadmore');
            expect(table(element).isLoading).toBe(true);
            await fire(table(element), 'loadmore');
            expect(mockGetOpportunities).toHaveBeenCalledTimes(2);
            pending.resolve(page(['0062'], '0062'));
            await flush();

            mockGetOpportunities.mockRejectedValueOnce({ body: { message: 'Timeout' } });
            await fire(table(element), 'loadmore');
            expect(ids(element)).toEqual(['0061', '0062']);
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Opp_Load_Error');
        });

        it('drops the answer of a list view it no longer shows', async () => {
            const slow = deferred<OpportunityPage>();
            mockGetOpportunities.mockReturnValueOnce(slow.promise);
            const element = await render();
            mockGetOpportunities.mockResolvedValueOnce(page(['0065']));
            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_Open_Pipeline' });
            slow.resolve(page(['0061']));
            await flush();
            expect(ids(element)).toEqual(['0065']);
        });
    });

    describe('edit, new, save and cancel in place', () => {
        it('Edit opens the form in place of the list, and Save brings the list back reloaded', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061', '0062']));
            const element = await render();
            const rowToEdit = table(element).data[1];
            await fire(table(element), 'rowaction', { action: { name: 'edit' }, row: rowToEdit });

            const form = $(element, 'c-opportunity-form');
            expect(form.recordId).toBe('0062');
            expect(table(element)).toBeNull();
            expect($(element, '[data-action="new"]')).toBeNull();
            expect(mockGetOpportunity).toHaveBeenCalledWith({ recordId: '0062' });

            mockGetOpportunities.mockResolvedValue({
                rows: [row('0061'), row('0062', { stageLabel: 'Calificación' })],
                next: null
            });
            const focus = jest.spyOn(HTMLElement.prototype, 'focus');
            await fire(form, 'opportunitysaved', { recordId: '0062' });

            expect($(element, 'c-opportunity-form')).toBeNull();
            expect(mockGetOpportunities).toHaveBeenCalledTimes(2);
            expect(table(element).data[1].stageLabel).toBe('Calificación');
            expect(focus.mock.contexts).toContain($(element, '[data-action="new"]'));
            focus.mockRestore();
        });

        it('New opens an empty form; the saved deal appears when the list comes back', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            await fire($(element, '[data-action="new"]'), 'click');

            const form = $(element, 'c-opportunity-form');
            expect(form.recordId).toBeUndefined();
            expect(mockGetOpportunity).not.toHaveBeenCalled();

            mockGetOpportunities.mockResolvedValue(page(['0069', '0061']));
            await fire(form, 'opportunitysaved', { recordId: '0069' });
            expect(ids(element)).toEqual(['0069', '0061']);
        });

        it('Cancel discards the form and shows the list as it was', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            await fire(table(element), 'rowaction', {
                action: { name: 'edit' },
                row: table(element).data[0]
            });
            await fire($(element, 'c-opportunity-form'), 'opportunitycancel');

            expect($(element, 'c-opportunity-form')).toBeNull();
            expect(ids(element)).toEqual(['0061']);
            expect(mockGetOpportunities).toHaveBeenCalledTimes(1);
        });

        it('ignores row actions other than Edit', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            const element = await render();
            await fire(table(element), 'rowaction', {
                action: { name: 'delete' },
                row: table(element).data[0]
            });
            expect($(element, 'c-opportunity-form')).toBeNull();
        });
    });

    describe('accessibility', () => {
        it('is accessible with rows', async () => {
            mockGetOpportunities.mockResolvedValue(page(['0061'], '0061'));
            const element = await render();
            await expect(element).toBeAccessible();
        });

        it('is accessible when empty', async () => {
            mockGetOpportunities.mockResolvedValue(page([]));
            const element = await render();
            await expect(element).toBeAccessible();
        });
    });
    describe('deal registration', () => {
        beforeEach(() => {
            mockGetOpportunities.mockResolvedValue(page(['0061']));
            mockGetMyRegistrations.mockResolvedValue({ rows: [], nextCursor: null });
        });

        it('My registrations, next to My opportunities, shows the registrations instead of the deals', async () => {
            const element = await render();
            const calls = mockGetOpportunities.mock.calls.length;

            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_My_Registrations' });

            expect($(element, 'c-deal-registration-list')).not.toBeNull();
            expect($(element, 'c-deal-registration-list').hideTitle).toBe(true);
            expect(table(element)).toBeNull();
            expect(mockGetOpportunities.mock.calls.length).toBe(calls);
            expect(mockGetMyRegistrations).toHaveBeenCalledWith({ cursor: null });

            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_My_Opportunities' });
            expect($(element, 'c-deal-registration-list')).toBeNull();
            expect(ids(element)).toEqual(['0061']);
        });

        it('opens on My registrations when the page or the builder says so', async () => {
            const element = await render({ defaultListView: 'Canal_My_Registrations' });
            expect(mockGetOpportunities).not.toHaveBeenCalled();
            expect($(element, 'c-deal-registration-list')).not.toBeNull();
            expect($(element, '[data-id="list-view"]').value).toBe('Canal_My_Registrations');
        });

        it('Register a deal opens the form in place; once submitted, My registrations shows it under review', async () => {
            mockSubmitRegistration.mockResolvedValue({
                code: 'SUBMITTED',
                message: 'ok',
                recordId: 'a0X000000000001AAA',
                status: 'Submitted',
                fieldErrors: {}
            });
            const element = await render();
            const register = $(element, '[data-action="register"]');
            expect(register.label).toBe('c.Canal_Deal_Register');

            await fire(register, 'click');
            const form = $(element, 'c-deal-registration-form');
            expect(form).not.toBeNull();
            expect(table(element)).toBeNull();

            await fire(form, 'registrationsubmitted', {
                recordId: 'a0X000000000001AAA',
                status: 'Submitted'
            });

            expect($(element, 'c-deal-registration-form')).toBeNull();
            expect($(element, '[data-id="list-view"]').value).toBe('Canal_My_Registrations');
            expect($(element, 'c-deal-registration-list')).not.toBeNull();
            const notice = $(element, '[data-id="registered"]');
            expect(notice.textContent.trim()).toBe('c.Canal_Deal_Form_Submitted');
            expect(notice.getAttribute('role')).toBe('status');

            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_Open_Pipeline' });
            await fire($(element, '[data-id="list-view"]'), 'change', { value: 'Canal_My_Registrations' });
            expect($(element, '[data-id="registered"]')).toBeNull();
        });

        it('Cancel on the registration form brings the list back as it was', async () => {
            const element = await render();
            await fire($(element, '[data-action="register"]'), 'click');
            await fire($(element, 'c-deal-registration-form'), 'registrationcancel');
            expect($(element, 'c-deal-registration-form')).toBeNull();
            expect(ids(element)).toEqual(['0061']);
            expect(mockSubmitRegistration).not.toHaveBeenCalled();
        });
    });
});
