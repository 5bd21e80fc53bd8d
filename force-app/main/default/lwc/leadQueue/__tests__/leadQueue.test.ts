import LeadQueue from 'c/leadQueue';
import getQueuePage from '@salesforce/apex/LeadClaimController.getQueuePage';
import claimLead from '@salesforce/apex/LeadClaimController.claimLead';
import getAllowance from '@salesforce/apex/LeadClaimController.getAllowance';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import type { Allowance, ClaimCode, ClaimResult, LeadPage, LeadRow } from 'canal/apex/LeadClaimController';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

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
// The real English values: the button's accessible name must contain its visible text (WCAG 2.5.3).
jest.mock('@salesforce/label/c.Canal_Action_Accept', () => ({ default: 'Accept' }), { virtual: true });
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

const COLUMNS = ['name', 'company', 'city', 'status', 'age', 'action'];

type ButtonStub = HTMLElement & { label: string; disabled: boolean };
type IconStub = HTMLElement & { iconName: string };

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

function setVisibility(state: 'visible' | 'hidden'): void {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new CustomEvent('visibilitychange'));
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-lead-queue', LeadQueue, props);
}

function $<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T | null {
    return element.shadowRoot!.querySelector<T>(selector);
}

function $$<T extends Element = HTMLElement>(element: HTMLElement, selector: string): T[] {
    return [...element.shadowRoot!.querySelectorAll<T>(selector)];
}

/** The lead ids of the table rows, top to bottom. */
function ids(element: HTMLElement): string[] {
    return $$(element, 'tbody tr').map((tr) => tr.getAttribute('data-row-key-value')!);
}

/** The text of every cell of a row: name, company, city, status, age, Accept. */
function cells(element: HTMLElement, id: string): string[] {
    return $$(
        element,
        `tbody tr[data-row-key-value="${id}"] > th, tbody tr[data-row-key-value="${id}"] > td`
    ).map((cell) => cell.textContent!.trim());
}

function acceptButton(element: HTMLElement, id: string): HTMLButtonElement {
    const button = $<HTMLButtonElement>(
        element,
        `tbody tr[data-row-key-value="${id}"] button[name="accept"]`
    );
    if (!button) throw new Error(`no Accept button for ${id}`);
    return button;
}

/** Whether each row's Accept button is disabled, top to bottom. */
function acceptDisabled(element: HTMLElement): boolean[] {
    return $$<HTMLButtonElement>(element, 'tbody tr button[name="accept"]').map((button) => button.disabled);
}

/** Clicks Accept as a user would: a disabled button does not fire. */
async function accept(element: HTMLElement, id: string): Promise<void> {
    acceptButton(element, id).click();
    await flush();
}

function header(element: HTMLElement, column: string): HTMLTableCellElement {
    return $<HTMLTableCellElement>(element, `thead th[data-column="${column}"]`)!;
}

/** aria-sort of every header, by column (null where the header has none). */
function ariaSorts(element: HTMLElement): Record<string, string | null> {
    return Object.fromEntries(
        $$(element, 'thead th').map((th) => [th.dataset.column!, th.getAttribute('aria-sort')])
    );
}

/** The sort arrows shown in the headers, by column. */
function sortIcons(element: HTMLElement): Record<string, string> {
    return Object.fromEntries(
        $$<IconStub>(element, 'thead lightning-icon').map((icon) => [
            icon.closest('th')!.dataset.column!,
            icon.iconName
        ])
    );
}

async function sortBy(element: HTMLElement, column: string): Promise<void> {
    const button = header(element, column).querySelector<HTMLButtonElement>(
        `button[data-column="${column}"]`
    );
    if (!button) throw new Error(`no sort button on ${column}`);
    button.click();
    await flush();
}

function loadMoreButton(element: HTMLElement): ButtonStub | null {
    return $<ButtonStub>(element, 'lightning-button[data-id="load-more"]');
}

async function loadMore(element: HTMLElement): Promise<void> {
    const button = loadMoreButton(element);
    if (!button) throw new Error('no Load more button');
    button.click();
    await flush();
}

describe('c-lead-queue', () => {
    let claimed: Array<CustomEvent<ClaimResult>>;
    const onClaimed = (event: Event) => claimed.push(event as CustomEvent<ClaimResult>);

    beforeEach(() => {
        jest.useFakeTimers({ now: NOW });
        setVisibility('visible');
        claimed = [];
        window.addEventListener('leadclaimed', onClaimed);
        mockNotify.mockResolvedValue(undefined);
        mockGetAllowance.mockResolvedValue(allowance(1, 5));
    });

    afterEach(() => {
        clearPage();
        window.removeEventListener('leadclaimed', onClaimed);
        jest.useRealTimers();
        jest.resetAllMocks();
    });

    describe('data, empty, loading and error states', () => {
        it('lists the queue with a visible Accept button on every row and relative ages', async () => {
            mockGetQueuePage.mockResolvedValue({
                leads: [
                    lead('00Q1'),
                    lead('00Q2', {
                        createdDate: '2026-03-05T07:00:00.000Z',
                        city: 'Sevilla',
                        statusLabel: 'Working'
                    })
                ],
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
            expect(ids(element)).toEqual(['00Q1', '00Q2']);
            expect(cells(element, '00Q1')).toEqual([
                'Lead 00Q1',
                'Company 00Q1',
                'Madrid',
                'Open',
                '3 d',
                'Accept'
            ]);
            expect(cells(element, '00Q2')).toEqual([
                'Lead 00Q2',
                'Company 00Q2',
                'Sevilla',
                'Working',
                '5 h',
                'Accept'
            ]);
            // The name is the row header.
            expect(
                $(element, 'tbody tr[data-row-key-value="00Q1"] th[scope="row"]')!.textContent!.trim()
            ).toBe('Lead 00Q1');

            const button = acceptButton(element, '00Q1');
            expect(button.type).toBe('button');
            expect(button.textContent!.trim()).toBe('Accept');
            expect(button.dataset.leadId).toBe('00Q1');
            expect(button.title).toBe('Accept Lead 00Q1');
            expect(button.classList).toContain('slds-button_brand');
            expect(acceptDisabled(element)).toEqual([false, false]);

            expect($$(element, 'thead th').map((th) => th.dataset.column)).toEqual(COLUMNS);
            expect($$(element, 'thead th').map((th) => th.textContent!.trim())).toEqual([
                'c.Canal_Lead_Name',
                'c.Canal_Lead_Company',
                'c.Canal_Lead_City',
                'c.Canal_Lead_Status',
                'c.Canal_Lead_Age',
                'c.Canal_Queue_Action'
            ]);
            expect($$(element, 'thead button').map((b) => b.dataset.column)).toEqual([
                'name',
                'company',
                'age'
            ]);
            expect(ariaSorts(element).age).toBe('descending');

            expect(loadMoreButton(element)).toBeNull();
            expect($(element, 'lightning-spinner')).toBeNull();
            expect($(element, '[data-id="title"]')!.textContent).toBe('c.Canal_Queue_Title');
            expect($(element, 'table')!.getAttribute('aria-label')).toBe('c.Canal_Queue_Title');
        });

        it('names every Accept button after its lead, starting with the visible label', async () => {
            mockGetQueuePage.mockResolvedValue({
                leads: [lead('00Q1', { name: 'María López' }), lead('00Q2', { name: 'John Smith' })],
                next: null
            });
            const element = await render();

            const names = ['00Q1', '00Q2'].map((id) => acceptButton(element, id).getAttribute('aria-label'));
            expect(names).toEqual(['Accept María López', 'Accept John Smith']);
            for (const id of ['00Q1', '00Q2']) {
                const button = acceptButton(element, id);
                expect(button.getAttribute('aria-label')!.startsWith(button.textContent!.trim())).toBe(true);
            }
        });

        it('uses the page size it is given', async () => {
            mockGetQueuePage.mockResolvedValue(page([]));
            await render({ pageSize: 25 });
            expect(mockGetQueuePage.mock.calls[0][0].pageSize).toBe(25);
        });

        it('shows the empty state when no lead waits', async () => {
            mockGetQueuePage.mockResolvedValue(page([]));
            const element = await render();
            expect($(element, 'table')).toBeNull();
            expect(loadMoreButton(element)).toBeNull();
            expect($(element, '[data-id="empty"]')!.textContent).toBe('c.Canal_Queue_Empty');
            jest.useRealTimers();
            await expect(element).toBeAccessible();
        });

        it('shows a spinner with alternative text while loading', async () => {
            mockGetQueuePage.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            const spinner = $<HTMLElement & { alternativeText: string }>(element, 'lightning-spinner')!;
            expect(spinner.alternativeText).toBe('c.Canal_Loading');
            expect($(element, '[data-id="empty"]')).toBeNull();
            expect($(element, 'table')).toBeNull();
        });

        it('shows c-error-panel when the queue cannot load', async () => {
            mockGetQueuePage.mockRejectedValue({ body: { message: 'Query failed' } });
            const element = await render();
            const panel = $<HTMLElement & { friendlyMessage: string; errors: unknown }>(
                element,
                'c-error-panel'
            )!;
            expect(panel.friendlyMessage).toBe('c.Canal_Queue_Load_Error');
            expect(panel.errors).toEqual({ body: { message: 'Query failed' } });
            expect($(element, '[data-id="empty"]')).toBeNull();
            expect($(element, 'table')).toBeNull();
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
            expect(shownToasts()).toEqual([
                {
                    label: 'c.Canal_Toast_Success',
                    message: 'c.Canal_Outcome_CLAIMED',
                    variant: 'success',
                    mode: 'dismissible'
                }
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
            expect(shownToasts()[0]).toEqual({
                label: 'c.Canal_Toast_Warning',
                message: 'c.Canal_Outcome_ALREADY_CLAIMED',
                variant: 'warning',
                mode: 'dismissible'
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
                expect(acceptDisabled(element)).toEqual([true, true, true]);
                expect(shownToasts()[0].variant).toBe('warning');
                expect(shownToasts()[0].message).toBe(
                    `c.Canal_Outcome_${code} 3 of 3 leads in hand · 4 of 10 in the last 24 h`
                );
                const notice = $(element, '[data-id="limit"]')!;
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
            expect(shownToasts()[0].message).toBe('c.Canal_Outcome_CLAIM_LIMIT_REACHED');
            expect($(element, '[data-id="limit"]')!.textContent!.trim()).toBe('c.Canal_Queue_Limit_Notice');
            expect(acceptDisabled(element)).toEqual([true, true, true]);
        });

        it('enables Accept again once an allowance refresh shows room', async () => {
            mockClaimLead.mockResolvedValue(result('CLAIM_LIMIT_REACHED', '00Q1'));
            mockGetAllowance.mockResolvedValue(allowance(3, 3));
            const element = await render();
            await accept(element, '00Q1');
            expect(acceptDisabled(element)).toEqual([true, true, true]);

            // Still full at the next refresh: still paused, with the fresh numbers.
            mockGetAllowance.mockResolvedValue(allowance(3, 3, 2, 10));
            await jest.advanceTimersByTimeAsync(15000);
            await flush();
            expect(acceptDisabled(element)).toEqual([true, true, true]);
            expect($(element, '[data-id="limit"]')!.textContent).toContain('2 of 10');

            mockGetAllowance.mockResolvedValue(allowance(2, 3));
            await jest.advanceTimersByTimeAsync(15000);
            await flush();
            expect(acceptDisabled(element)).toEqual([false, false, false]);
            expect($(element, '[data-id="limit"]')).toBeNull();

            // And a click reaches the server again.
            mockClaimLead.mockResolvedValue(result('CLAIMED', '00Q2'));
            await accept(element, '00Q2');
            expect(mockClaimLead).toHaveBeenLastCalledWith({ leadId: '00Q2' });
            expect(ids(element)).toEqual(['00Q1', '00Q3']);
        });

        it.each(['NOT_ELIGIBLE', 'NOT_FOUND', 'TRY_AGAIN', 'INVALID_ID'] as ClaimCode[])(
            'keeps the row on %s and shows its message',
            async (code) => {
                mockClaimLead.mockResolvedValue(result(code, '00Q3'));
                const element = await render();
                await accept(element, '00Q3');

                expect(mockClaimLead).toHaveBeenCalledWith({ leadId: '00Q3' });
                expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
                expect(shownToasts()[0].message).toBe(`c.Canal_Outcome_${code}`);
                expect(acceptDisabled(element)).toEqual([false, false, false]);
                expect(claimed[0].detail.code).toBe(code);
            }
        );

        it('disables the row being claimed until the answer comes', async () => {
            const answer = deferred<ClaimResult>();
            mockClaimLead.mockReturnValue(answer.promise);
            const element = await render();
            await accept(element, '00Q1');
            expect(acceptDisabled(element)).toEqual([true, false, false]);

            await accept(element, '00Q1');
            expect(mockClaimLead).toHaveBeenCalledTimes(1);
            answer.resolve(result('CLAIMED', '00Q1'));
            await flush();
            expect(ids(element)).toEqual(['00Q2', '00Q3']);
            expect(acceptDisabled(element)).toEqual([false, false]);
        });

        it('shows c-error-panel and keeps the row when the claim call fails', async () => {
            mockClaimLead.mockRejectedValue({ body: { message: 'Server down' } });
            const element = await render();
            await accept(element, '00Q1');

            const panel = $<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel')!;
            expect(panel.friendlyMessage).toBe('c.Canal_Queue_Claim_Error');
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
            expect(acceptDisabled(element)).toEqual([false, false, false]);
            expect(claimed).toHaveLength(0);
        });

        it('ignores a click on an Accept button whose lead has left the list', async () => {
            const element = await render();
            const stale = acceptButton(element, '00Q1');

            // A refresh drops 00Q1 (claimed elsewhere) while the click is on its way.
            mockGetQueuePage.mockResolvedValue(page(['00Q2', '00Q3']));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q3']);

            stale.click();
            await flush();
            expect(mockClaimLead).not.toHaveBeenCalled();
            expect(shownToasts()).toHaveLength(0);
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

    describe('sort, search and load more', () => {
        it('sorts on the server by the column chosen', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2']));
            const element = await render();

            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q1']));
            await sortBy(element, 'company');
            expect(mockGetQueuePage).toHaveBeenLastCalledWith({
                pageSize: 50,
                afterId: null,
                searchTerm: null,
                sortBy: 'company',
                sortDirection: 'asc'
            });
            expect(ids(element)).toEqual(['00Q2', '00Q1']);

            // Age ascending means youngest first: newest createdDate first.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2']));
            await sortBy(element, 'age');
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'createdDate', sortDirection: 'desc', afterId: null })
            );
            expect(ids(element)).toEqual(['00Q1', '00Q2']);

            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q1']));
            await sortBy(element, 'name');
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(
                expect.objectContaining({ sortBy: 'name', sortDirection: 'asc', afterId: null })
            );
            expect(ids(element)).toEqual(['00Q2', '00Q1']);

            // City, status and the action column cannot be sorted: no button, and a click on the header does nothing.
            const calls = mockGetQueuePage.mock.calls.length;
            for (const column of ['city', 'status', 'action']) {
                expect(header(element, column).querySelector('button')).toBeNull();
                header(element, column).click();
            }
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(calls);
            expect(ariaSorts(element).name).toBe('ascending');
        });

        it('flips the direction when the sorted column is clicked again', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            const element = await render();
            const lastSort = () => {
                const { sortBy: field, sortDirection } = mockGetQueuePage.mock.lastCall![0];
                return `${field} ${sortDirection}`;
            };
            expect(lastSort()).toBe('createdDate asc');

            // Age is sorted by default (oldest first): a click shows the youngest first, a second the oldest again.
            await sortBy(element, 'age');
            expect(lastSort()).toBe('createdDate desc');
            expect(ariaSorts(element).age).toBe('ascending');
            await sortBy(element, 'age');
            expect(lastSort()).toBe('createdDate asc');
            expect(ariaSorts(element).age).toBe('descending');

            await sortBy(element, 'company');
            expect(lastSort()).toBe('company asc');
            await sortBy(element, 'company');
            expect(lastSort()).toBe('company desc');
            expect(ariaSorts(element).company).toBe('descending');
            await sortBy(element, 'company');
            expect(lastSort()).toBe('company asc');
            await sortBy(element, 'company');
            expect(lastSort()).toBe('company desc');

            // Another column starts ascending, whatever the direction of the previous one.
            await sortBy(element, 'name');
            expect(lastSort()).toBe('name asc');
            await sortBy(element, 'name');
            expect(lastSort()).toBe('name desc');
            await sortBy(element, 'age');
            expect(lastSort()).toBe('createdDate desc');
            expect(mockGetQueuePage).toHaveBeenCalledTimes(10);
        });

        it('marks the sorted header with aria-sort and an arrow icon', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            const element = await render();

            expect(ariaSorts(element)).toEqual({
                name: 'none',
                company: 'none',
                city: null,
                status: null,
                age: 'descending',
                action: null
            });
            expect(sortIcons(element)).toEqual({ age: 'utility:arrowdown' });
            expect(header(element, 'age').classList).toContain('slds-is-sorted');
            expect(header(element, 'name').classList).not.toContain('slds-is-sorted');

            await sortBy(element, 'name');
            expect(ariaSorts(element)).toEqual({
                name: 'ascending',
                company: 'none',
                city: null,
                status: null,
                age: 'none',
                action: null
            });
            expect(sortIcons(element)).toEqual({ name: 'utility:arrowup' });
            expect(header(element, 'name').classList).toContain('slds-is-sorted');
            expect(header(element, 'age').classList).not.toContain('slds-is-sorted');

            await sortBy(element, 'name');
            expect(ariaSorts(element).name).toBe('descending');
            expect(sortIcons(element)).toEqual({ name: 'utility:arrowdown' });
        });

        it('searches by company or city once typing pauses for 300 ms', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1']));
            const element = await render();
            const search = $<HTMLElement & { label: string; type: string }>(element, 'lightning-input')!;
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
            expect($(element, '[data-id="empty"]')!.textContent).toBe('c.Canal_Queue_No_Match');

            // Only trailing spaces changed: no new query.
            search.dispatchEvent(new CustomEvent('change', { detail: { value: 'Madrid' } }));
            jest.advanceTimersByTime(300);
            await flush();
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
        });

        it('loads the next keyset page with the Load more button, disabled while it loads', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'));
            const element = await render({ pageSize: 2 });
            const button = loadMoreButton(element)!;
            expect(button.label).toBe('c.Canal_Action_Load_More');
            expect(button.disabled).toBe(false);

            const next = deferred<LeadPage>();
            mockGetQueuePage.mockReturnValueOnce(next.promise);
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith({
                pageSize: 2,
                afterId: '00Q2',
                searchTerm: null,
                sortBy: 'createdDate',
                sortDirection: 'asc'
            });
            expect(loadMoreButton(element)!.disabled).toBe(true);

            // A second click while the page is on its way asks for nothing more.
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);

            next.resolve({ leads: [lead('00Q2'), lead('00Q3')], next: null });
            await flush();
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
            // No next page: the button is gone.
            expect(loadMoreButton(element)).toBeNull();
        });

        it('keeps Load more after a page that has a next one, following the new cursor', async () => {
            mockGetQueuePage
                .mockResolvedValueOnce(page(['00Q1'], '00Q1'))
                .mockResolvedValueOnce(page(['00Q2'], '00Q2'));
            const element = await render({ pageSize: 1 });
            await loadMore(element);
            expect(ids(element)).toEqual(['00Q1', '00Q2']);
            expect(loadMoreButton(element)!.disabled).toBe(false);

            mockGetQueuePage.mockResolvedValueOnce(page(['00Q3']));
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: '00Q2' }));
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3']);
            expect(loadMoreButton(element)).toBeNull();
        });

        it('shows c-error-panel above the rows when a further page fails', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1'], '00Q1'));
            const element = await render();
            mockGetQueuePage.mockRejectedValueOnce(new Error('timeout'));
            await loadMore(element);
            const panel = $<HTMLElement & { friendlyMessage: string }>(element, 'c-error-panel')!;
            expect(panel.friendlyMessage).toBe('c.Canal_Queue_Load_Error');
            expect(ids(element)).toEqual(['00Q1']);

            // The button is back and enabled, so the rep can try again.
            expect(loadMoreButton(element)!.disabled).toBe(false);
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2']));
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: '00Q1' }));
            expect(ids(element)).toEqual(['00Q1', '00Q2']);
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
            await loadMore(element);
            expect(ids(element)).toEqual(['00Q1', '00Q2', '00Q3', '00Q4']);

            // 00Q1 was claimed elsewhere: the first page now ends at 00Q3.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q3'], '00Q3'));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q3', '00Q4']);

            // The cursor still follows the last loaded row.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q5']));
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: '00Q4' }));
            expect(ids(element)).toEqual(['00Q2', '00Q3', '00Q4', '00Q5']);
        });

        it('takes the cursor of the fresh first page when it holds every row still loaded', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'));
            const element = await render({ pageSize: 2 });

            // 00Q1 left, 00Q3 arrived: the fresh page ends past every row we had.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q3'], '00Q3'));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q3']);

            mockGetQueuePage.mockResolvedValueOnce(page(['00Q4']));
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: '00Q3' }));
            expect(ids(element)).toEqual(['00Q2', '00Q3', '00Q4']);
        });

        it('drops a Load more page asked for before a refresh moved the cursor', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'));
            const element = await render({ pageSize: 2 });
            const late = deferred<LeadPage>();
            mockGetQueuePage.mockReturnValueOnce(late.promise);
            await loadMore(element);

            // Meanwhile the refresh finds the whole queue on its first page.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q5']));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q5']);

            // The page that followed the old cursor would bring back a lead and a cursor that are gone.
            late.resolve(page(['00Q3', '00Q4'], '00Q4'));
            await flush();
            expect(ids(element)).toEqual(['00Q2', '00Q5']);
            expect(loadMoreButton(element)).toBeNull();
        });

        it('replaces the rows when the fresh first page is the whole queue', async () => {
            mockGetQueuePage
                .mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'))
                .mockResolvedValueOnce(page(['00Q3'], '00Q3'));
            const element = await render({ pageSize: 2 });
            await loadMore(element);
            expect(loadMoreButton(element)).not.toBeNull();

            mockGetQueuePage.mockResolvedValueOnce(page(['00Q2', '00Q6']));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q2', '00Q6']);
            expect(loadMoreButton(element)).toBeNull();
        });

        it('replaces the rows when the fresh first page shares none of them', async () => {
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1', '00Q2'], '00Q2'));
            const element = await render({ pageSize: 2 });
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q7', '00Q8'], '00Q8'));
            await jest.advanceTimersByTimeAsync(15000);
            expect(ids(element)).toEqual(['00Q7', '00Q8']);

            // Load more continues after the fresh page, not after the rows it replaced.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q9']));
            await loadMore(element);
            expect(mockGetQueuePage).toHaveBeenLastCalledWith(expect.objectContaining({ afterId: '00Q8' }));
            expect(ids(element)).toEqual(['00Q7', '00Q8', '00Q9']);
        });

        it('refreshes when another component changes a lead, but not for its own claims', async () => {
            mockGetQueuePage.mockResolvedValue(page(['00Q1', '00Q2']));
            mockClaimLead.mockResolvedValue(result('CLAIMED', '00Q1'));
            const element = await render();
            await accept(element, '00Q1');
            expect(mockClaimLead).toHaveBeenCalledTimes(1);
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
            expect($(element, 'c-error-panel')).not.toBeNull();
            expect(ids(element)).toEqual(['00Q1']);

            // After a failure the poll backs off: twice the interval before the next try.
            mockGetQueuePage.mockResolvedValueOnce(page(['00Q1']));
            await jest.advanceTimersByTimeAsync(15000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(2);
            expect($(element, 'c-error-panel')).not.toBeNull();
            await jest.advanceTimersByTimeAsync(15000);
            expect(mockGetQueuePage).toHaveBeenCalledTimes(3);
            expect($(element, 'c-error-panel')).toBeNull();
        });
    });

    it('is accessible with rows, a limit notice and the search box', async () => {
        mockGetQueuePage.mockResolvedValue(page(['00Q1', '00Q2'], '00Q2'));
        mockClaimLead.mockResolvedValue(result('CLAIM_LIMIT_REACHED', '00Q1'));
        const element = await render();
        await accept(element, '00Q1');
        expect($(element, '[data-id="limit"]')).not.toBeNull();
        expect(loadMoreButton(element)).not.toBeNull();
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });
});
