import { createElement } from 'lwc';
import LeadQueue from 'c/leadQueue';
import getQueuePage from '@salesforce/apex/LeadClaimController.getQueuePage';
import claimLead from '@salesforce/apex/LeadClaimController.claimLead';
import getAllowance from '@salesforce/apex/LeadClaimController.getAllowance';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { Allowance, ClaimCode, ClaimResult, LeadPage, LeadRow } from 'canal/apex/LeadClaimController';

jest.mock('@salesforce/apex/LeadClaimController.getQueuePage', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadClaimController.claimLead', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadClaimController.getAllowance', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Age_Days', () => ({ default: '{0} d' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Age_Hours', () => ({ default: '{0} h' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Queue_Accept_Title', () => ({ default: 'Accept {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Allowance_Open', () => ({ default: '{0} of {1} leads in hand' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Allowance_Daily', () => ({ default: '{0} of {1} in the last 24 h' }), {
    virtual: true
});

const mockGetQueuePage = jest.mocked(getQueuePage);
const mockClaimLead = jest.mocked(claimLead);
const mockGetAllowance = jest.mocked(getAllowance);
const mockNotify = jest.mocked(notifyRecordUpdateAvailable);

const NOW = Date.parse('2026-03-05T12:00:00.000Z');

interface DatatableStub extends HTMLElement {
    data: Array<LeadRow & { age: string; acceptDisabled: boolean; acceptTitle: string }>;
    columns: Array<{
        type?: string;
        fieldName?: string;
        sortable?: boolean;
        typeAttributes?: Record<string, unknown>;
    }>;
    enableInfiniteLoading: boolean;
    sortedBy: string;
    sortedDirection: string;
}

function lead(id: string, overrides: Partial<LeadRow> = {}): LeadRow {
    return {
        id,
        name: `Lead ${id}`,
        company: `Company ${id}`,
        status: 'Open - Not Contacted',
        statusLabel: 'Open',
        city: 'Madrid',
        country: 'ES',
        createdDate: '2026-03-02T12:00:00.000Z',
        claimedAt: null,
        claimExpiresAt: null,
        ...overrides
    };
}

function page(leadIds: string[], next: string | null = null): LeadPage {
    return { leads: leadIds.map((id) => lead(id)), next };
}

function result(code: ClaimCode, leadId: string): ClaimResult {
    return { code, message: `server ${code}`, leadId, ownerId: null, claimedAt: null, opportunityId: null };
}

function allowance(openClaims: number, openLimit: number, claimsToday = 1, dailyLimit = 10): Allowance {
    return { code: 'OK', message: '', openClaims, openLimit, claimsToday, dailyLimit, holdHours: 48 };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
}

// Lets chained promises and the re-render they cause settle (fake timers leave microtasks alone).
function flush(): Promise<void> {
    return Array.from({ length: 20 }).reduce<Promise<void>>(
        (chain) => chain.then(() => undefined),
        Promise.resolve()
    );
}

function setVisibility(state: 'visible' | 'hidden'): void {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new CustomEvent('visibilitychange'));
}

async function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    const element = createElement('c-lead-queue', { is: LeadQueue });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flush();
    return element;
}

function table(element: HTMLElement): DatatableStub {
    return element.shadowRoot!.querySelector<DatatableStub>('lightning-datatable')!;
}

function ids(element: HTMLElement): string[] {
    return table(element).data.map((row) => row.id);
}

async function accept(element: HTMLElement, id: string): Promise<void> {
    const row = table(element).data.find((r) => r.id === id);
    table(element).dispatchEvent(
        new CustomEvent('rowaction', { detail: { action: { name: 'accept' }, row } })
    );
    await flush();
}

describe('c-lead-queue', () => {
    let toasts: Array<CustomEvent<{ title: string; message: string; variant: string }>>;
    let claimed: Array<CustomEvent<ClaimResult>>;
    const onToast = (event: Event) => toasts.push(event as CustomEvent);
    const onClaimed = (event: Event) => claimed.push(event as CustomEvent<ClaimResult>);

    beforeEach(() => {
        jest.useFakeTimers({ now: NOW });
        setVisibility('visible');
        toasts = [];
        claimed = [];
        window.addEventListener('canaltoast', onToast);
        window.addEventListener('leadclaimed', onClaimed);
        mockNotify.mockResolvedValue(undefined);
        mockGetAllowance.mockResolvedValue(allowance(1, 5));
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        window.removeEventListener('canaltoast', onToast);
        window.removeEventListener('leadclaimed', onClaimed);
        jest.useRealTimers();
        jest.resetAllMocks();
    });

    describe('data, empty, loading and error states', () => {
        it('lists the queue with a visible Accept button on every row and relative ages', async () => {
            mockGetQueuePage.mockResolvedValue({
                leads: [lead('00Q1'), lead('00Q2', { createdDate: '2026-03-05T07:00:00.000Z' })],
                next: null
            });
            const element = await render();

            expect(mockGetQueuePage).toHaveBeenCalledWith({
                pageSize: 50,
                afterId: null,
                searchTerm: null,
                sortBy: 'createdDate',
                sortDirection: 'asc'
            });
            const datatable = table(element);
            expect(ids(element)).toEqual(['00Q1', '00Q2']);
            expect(datatable.data.map((row) => row.age)).toEqual(['3 d', '5 h']);
            expect(datatable.data[0].acceptTitle).toBe('Accept Lead 00Q1');
            expect(datatable.data.every((row) => row.acceptDisabled === false)).toBe(true);

            const action = datatable.columns.find((column) => column.type === 'button')!;
            expect(action.typeAttributes).toMatchObject({ label: 'c.Canal_Action_Accept', name: 'accept' });
            expect(datatable.columns.filter((c) => c.sortable).map((c) => c.fieldName)).toEqual([
                'name',
                'company',
                'age'
            ]);
            expect(datatable.enableInfiniteLoading).toBe(false);
            expect(datatable.sortedBy).toBe('age');
            expect(datatable.sortedDirection).toBe('desc');
            expect(element.shadowRoot!.querySelector('lightning-spinner')).toBeNull();
            expect(element.shadowRoot!.querySelector('[data-id="title"]')!.textContent).toBe(
                'c.Canal_Queue_Title'
            );
        });

        it('uses the page size it is given', async () => {
            mockGetQueuePage.mockResolvedValue(page([]));
            await render({ pageSize: 25 });
            expect(mockGetQueuePage.mock.calls[0][0].pageSize).toBe(25);
        });

        it('shows the empty state when no lead waits', async () => {
            mockGetQueuePage.mockResolvedValue(page([]));
            const element = await render();
            expect(element.shadowRoot!.querySelector('lightning-datatable')).toBeNull();
            expect(element.shadowRoot!.querySelector('[data-id="empty"]')!.textContent).toBe(
                'c.Canal_Queue_Empty'
            );
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('shows a spinner with alternative text while loading', async () => {
            mockGetQueuePage.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            const spinner = element.shadowRoot!.querySelector<HTMLElement & { alternativeText: string }>(
                'lightning-spinner'
            )!;
            expect(spinner.alternativeText).toBe('c.Canal_Loading');
            expect(element.shadowRoot!.querySelector('[data-id="empty"]')).toBeNull();
        });

        it('shows c-error-panel when the queue cannot load', async () => {
            mockGetQueuePage.mockRejectedValue({ body: { message: 'Query failed' } });
            const element = await render();
            const panel = element.shadowRoot!.querySelector<
                HTMLElement & { friendlyMessage: string; errors: unknown }
            >('c-error-panel')!;
            expect(panel.friendlyMessage).toBe('c.Canal_Queue_Load_Error');
            expect(panel.errors).toEqual({ body: { message: 'Query failed' } });
            expect(element.shadowRoot!.querySelector('[data-id="empty"]')).toBeNull();
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });
    });

    describe('claims', () => {
        beforeEach(() => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1', '00Q2', '00Q3']));
        });

        it('removes the row at once on CLAIMED, toasts success and tells the page', async () => {
            mockClaimLead.mockResolvedValue(result('CLAIMED', '00Q2'));
            const element = await render();
            await accept(element, '00Q2');

            expect(mockClaimLead).toHaveBeenCalledWith({ leadId: '00Q2' });
            expect(ids(element)).toEqual(['00Q1', '00Q3']);
            expect(toasts.map((t) => t.detail)).toEqual([
                { title: 'c.Canal_Toast_Success', message: 'c.Canal_Outcome_CLAIMED', variant: 'success' }
            ]);
            expect(claimed).toHaveLength(1);
            expect(claimed[0].detail.code).toBe('CLAIMED');
            expect(claimed[0].bubbles && claimed[0].composed).toBe(true);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: '00Q2' }]);
        });

        it('removes the row on ALREADY_CLAIMED with the someone-was-faster warning', async () => {
            mockClaimLead.mockResolvedValue(result('ALREADY_CLAIMED', '00Q1'));
            const element = await render();
            await accept(element, '00Q1');

            expect(mockClaimLead).toHaveBeenCalledWith({ leadId: '00Q1' });
            expect(ids(element)).toEqual(['00Q2', '00Q3']);
            expect(toasts[0].detail).toEqual({
                title: 'c.Canal_Toast_Warning',
                message: 'c.Canal_Outcome_ALREADY_CLAIMED',
                variant: 'warning'
            });
            expect(claimed[0].detail.code).toBe('ALREADY_CLAIMED');
        });

        it.each(['CLAIM_LIMIT_REACHED', 'DAILY_LIMIT_REACHED'] as ClaimCode[])(
            'keeps the row on %s, shows the allowance numbers and disables every Accept',
            async (code) => {
                mockClaimLead.mockResolvedValue(result(code, '00Q1'));
                mockGetAllowance.mockResolvedValue(allowance(3, 3, 4, 10));
                const element = await render();
                await accept(element, '00Q1');

                expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
                expect(table(element).data.map((row) => row.acceptDisabled)).toEqual([true, true, true]);
                expect(toasts[0].detail.variant).toBe('warning');
                expect(toasts[0].detail.message).toBe(
                    `c.Canal_Outcome_${code} 3 of 3 leads in hand · 4 of 10 in the last 24 h`
                );
                const notice = element.shadowRoot!.querySelector('[data-id="limit"]')!;
                expect(notice.textContent).toContain('c.Canal_Queue_Limit_Notice');
                expect(notice.textContent).toContain('3 of 3 leads in hand');
                expect(claimed[0].detail.code).toBe(code);

                // A second click while paused does not reach the server.
                await accept(element, '00Q2');
                expect(mockClaimLead).toHaveBeenCalledTimes(1);
            }
        );

        it('shows the limit message without numbers when the allowance cannot be read', async () => {
            mockClaimLead.mockResolvedValue(result('CLAIM_LIMIT_REACHED', '00Q1'));
            mockGetAllowance.mockRejectedValue(new Error('offline'));
            const element = await render();
            await accept(element, '00Q1');
            expect(toasts[0].detail.message).toBe('c.Canal_Outcome_CLAIM_LIMIT_REACHED');
            expect(element.shadowRoot!.querySelector('[data-id="limit"]')!.textContent!.trim()).toBe(
                'c.Canal_Queue_Limit_Notice'
            );
        });

        it('enables Accept again once an allowance refresh shows room', async () => {
            mockClaimLead.mockResolvedValue(result('CLAIM_LIMIT_REACHED', '00Q1'));
            mockGetAllowance.mockResolvedValue(allowance(3, 3));
            const element = await render();
            await accept(element, '00Q1');
            expect(table(element).data[0].acceptDisabled).toBe(true);

            // Still full at the next refresh: still paused, with the fresh numbers.
            mockGetAllowance.mockResolvedValue(allowance(3, 3, 2, 10));
            await jest.advanceTimersByTimeAsync(15000);
            await flush();
            expect(table(element).data[0].acceptDisabled).toBe(true);
            expect(element.shadowRoot!.querySelector('[data-id="limit"]')!.textContent).toContain('2 of 10');

            mockGetAllowance.mockResolvedValue(allowance(2, 3));
            await jest.advanceTimersByTimeAsync(15000);
            await flush();
            expect(table(element).data.map((row) => row.acceptDisabled)).toEqual([false, false, false]);
            expect(element.shadowRoot!.querySelector('[data-id="limit"]')).toBeNull();
        });

        it.each(['NOT_ELIGIBLE', 'NOT_FOUND', 'TRY_AGAIN', 'INVALID_ID'] as ClaimCode[])(
            'keeps the row on %s and shows its message',
            async (code) => {
                mockClaimLead.mockResolvedValue(result(code, '00Q3'));
                const element = await render();
                await accept(element, '00Q3');

                expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
                expect(toasts[0].detail.message).toBe(`c.Canal_Outcome_${code}`);
                expect(table(element).data.every((row) => !row.acceptDisabled)).toBe(true);
                expect(claimed[0].detail.code).toBe(code);
            }
        );

        it('disables the row being claimed until the answer comes', async () => {
            const answer = deferred<ClaimResult>();
            mockClaimLead.mockReturnValue(answer.promise);
            const element = await render();
            await accept(element, '00Q1');
            expect(table(element).data.map((row) => row.acceptDisabled)).toEqual([true, false, false]);

            await accept(element, '00Q1');
            expect(mockClaimLead).toHaveBeenCalledTimes(1);
            answer.resolve(result('CLAIMED', '00Q1'));
            await flush();
            expect(ids(element)).toEqual(['00Q2', '00Q3']);
        });

        it('shows c-error-panel and keeps the row when the claim call fails', async () => {
            mockClaimLead.mockRejectedValue({ body: { message: 'Server down' } });
            const element = await render();
            await accept(element, '00Q1');

            const panel = element.shadowRoot!.querySelector<HTMLElement & { friendlyMessage: string }>(
                'c-error-panel'
            )!;
            expect(panel.friendlyMessage).toBe('c.Canal_Queue_Claim_Error');
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
            expect(claimed).toHaveLength(0);
        });

        it('ignores other row actions', async () => {
            const element = await render();
            table(element).dispatchEvent(
                new CustomEvent('rowaction', { detail: { action: { name: 'other' }, row: lead('00Q1') } })
            );
            await flush();
            expect(mockClaimLead).not.toHaveBeenCalled();
        });

        it('does not bring back a claimed row from a refresh that started before the claim', async () => {
            mockClaimLead.mockResolvedValue(result('CLAIMED', '00Q1'));
            const element = await render();
            const stale = deferred<LeadPage>();
            mockGetQueuePage.mockReturnValueOnce(stale.promise);
            await jest.advanceTimersByTimeAsync(15000);
            await accept(element, '00Q1');
            stale.resolve(page(['00Q1', '00Q2', '00Q3']));
            await flush();
            expect(ids(element)).toEqual(['00Q2', '00Q3']);
        });
    });

    describe('sort, search and infinite scroll', () => {
        it('sorts on the server by the column chosen', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            const element = await render();

            table(element).dispatchEvent(
                new CustomEvent('sort', { detail: { fieldName: 'company', sortDirection: 'desc' } })
            );
            await flush();
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'company', sortDirection: 'desc', afterId: null })
            );
            expect(table(element).sortedBy).toBe('company');

            // Age ascending means youngest first: newest createdDate first.
            table(element).dispatchEvent(
                new CustomEvent('sort', { detail: { fieldName: 'age', sortDirection: 'asc' } })
            );
            await flush();
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'createdDate', sortDirection: 'desc' })
            );

            table(element).dispatchEvent(
                new CustomEvent('sort', { detail: { fieldName: 'name', sortDirection: 'asc' } })
            );
            await flush();
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'name', sortDirection: 'asc' })
            );

            const calls = mockGetQueuePage.mock.calls.length;
            table(element).dispatchEvent(
                new CustomEvent('sort', { detail: { fieldName: 'city', sortDirection: 'asc' } })
            );
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(calls);
        });

        it('searches by company or city once typing pauses for 300 ms', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            const element = await render();
            const search = element.shadowRoot!.querySelector<HTMLElement & { label: string; type: string }>(
                'lightning-input'
            )!;
            expect(search.label).toBe('c.Canal_Queue_Search');
            expect(search.type).toBe('search');

            search.dispatchEvent(new CustomEvent('change', { detail: { value: 'Mad' } }));
            jest.advanceTimersByTime(200);
            search.dispatchEvent(new CustomEvent('change', { detail: { value: 'Madrid ' } }));
            jest.advanceTimersByTime(299);
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(1);

            mockGetQueuePage.mockResolvedValue(page([]));
            jest.advanceTimersByTime(1);
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ searchTerm: 'Madrid' })
            );
            expect(element.shadowRoot!.querySelector('[data-id="empty"]')!.textContent).toBe(
                'c.Canal_Queue_No_Match'
            );

            // Only trailing spaces changed: no new query.
            search.dispatchEvent(new CustomEvent('change', { detail: { value: 'Madrid' } }));
            jest.advanceTimersByTime(300);
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
        });

        it('loads the next keyset page when the table scrolls to its end', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'));
            const element = await render({ pageSize: 2 });
            expect(table(element).enableInfiniteLoading).toBe(true);

            mockGetQueuePage.mockResolvedValueOnce({ leads: [lead('00Q2'), lead('00Q3')], next: null });
            table(element).dispatchEvent(new CustomEvent('loadmore'));
            await flush();

            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ afterId: '00Q2', pageSize: 2 })
            );
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
            expect(table(element).enableInfiniteLoading).toBe(false);

            table(element).dispatchEvent(new CustomEvent('loadmore'));
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
        });

        it('shows c-error-panel above the rows when a further page fails', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1'], '00Q1'));
            const element = await render();
            mockGetQueuePage.mockRejectedValueOnce(new Error('timeout'));
            table(element).dispatchEvent(new CustomEvent('loadmore'));
            await flush();
            expect(element.shadowRoot!.querySelector('c-error-panel')).not.toBeNull();
            expect(ids(element)).toEqual(['00Q1']);
        });
    });

    describe('refresh', () => {
        it('polls every refreshIntervalSeconds while visible, pauses when hidden, stops when removed', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            const element = await render({ refreshIntervalSeconds: 10 });
            expect(mockGetQueuePage).toHaveBeenCalledTimes(1);

            await jest.advanceTimersByTimeAsync(9999);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(1);
            await jest.advanceTimersByTimeAsync(1);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);

            setVisibility('hidden');
            await jest.advanceTimersByTimeAsync(60000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);

            // Back in view after more than an interval: refresh at once, then keep polling.
            setVisibility('visible');
            await jest.advanceTimersByTimeAsync(0);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(3);
            await jest.advanceTimersByTimeAsync(10000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(4);

            element.remove();
            expect(jest.getTimerCount()).toBe(0);
            await jest.advanceTimersByTimeAsync(60000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(4);
        });

        it('waits out the rest of the interval when shown again soon after a refresh', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            await render();
            await jest.advanceTimersByTimeAsync(5000);
            setVisibility('hidden');
            setVisibility('visible');
            await jest.advanceTimersByTimeAsync(9999);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(1);
            await jest.advanceTimersByTimeAsync(1);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
        });

        it('does not start polling while the page is hidden', async () => {
            setVisibility('hidden');
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            await render();
            await jest.advanceTimersByTimeAsync(60000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(1);
        });

        it('keeps loaded rows past the first page and drops rows that vanished', async () => {
            mockGetQueuePage
                .mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'))
                .mockResolvedValueOnce(page(['00Q3', '00Q4'], '00Q4'));
            const element = await render({ pageSize: 2 });
            table(element).dispatchEvent(new CustomEvent('loadmore'));
            await flush();
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3', '00Q4']);

            // 00Q1 was claimed elsewhere: the first page now ends at 00Q3.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q3'], '00Q3'));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q3', '00Q4']);

            // The cursor still follows the last loaded row.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q5']));
            table(element).dispatchEvent(new CustomEvent('loadmore'));
            await flush();
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: '00Q4' }));
            expect(ids(element)).toEqual(['00Q2', '00Q3', '00Q4', '00Q5']);
        });

        it('replaces the rows when the fresh first page is the whole queue', async () => {
            mockGetQueuePage
                .mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'))
                .mockResolvedValueOnce(page(['00Q3'], null));
            const element = await render({ pageSize: 2 });
            table(element).dispatchEvent(new CustomEvent('loadmore'));
            await flush();

            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q6']));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q6']);
            expect(table(element).enableInfiniteLoading).toBe(false);
        });

        it('replaces the rows when the fresh first page shares none of them', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'));
            const element = await render({ pageSize: 2 });
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q7', '00Q8'], '00Q8'));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q7', '00Q8']);
        });

        it('refreshes when another component changes a lead, but not for its own claims', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1', '00Q2']));
            mockClaimLead.mockResolvedValue(result('CLAIMED', '00Q1'));
            const element = await render();
            await accept(element, '00Q1');
            expect(mockGetQueuePage).toHaveBeenCalledTimes(1);

            window.dispatchEvent(new CustomEvent('leadchanged', { detail: result('RELEASED', '00Q9') }));
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
        });

        it('shows c-error-panel when a refresh fails, backs off, and clears it on the next success', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1']));
            const element = await render();
            mockGetQueuePage.mockRejectedValueOnce(new Error('offline'));
            await jest.advanceTimersByTimeAsync(15000);
            expect(element.shadowRoot!.querySelector('c-error-panel')).not.toBeNull();
            expect(ids(element)).toEqual(['00Q1']);

            // After a failure the poll backs off: twice the interval before the next try.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1']));
            await jest.advanceTimersByTimeAsync(15000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
            expect(element.shadowRoot!.querySelector('c-error-panel')).not.toBeNull();
            await jest.advanceTimersByTimeAsync(15000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(3);
            expect(element.shadowRoot!.querySelector('c-error-panel')).toBeNull();
        });
    });

    it('is accessible with rows, a limit notice and the search box', async () => {
        mockGetQueuePage.mockResolvedValue(page(['00Q1', '00Q2']));
        mockClaimLead.mockResolvedValue(result('CLAIM_LIMIT_REACHED', '00Q1'));
        const element = await render();
        await accept(element, '00Q1');
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });
});
