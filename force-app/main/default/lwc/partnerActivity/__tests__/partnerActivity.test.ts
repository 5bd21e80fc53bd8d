import PartnerActivity from 'c/partnerActivity';
import getActivity from '@salesforce/apex/PartnerActivityController.getActivity';
import { isEmpEnabled, onError, subscribe, unsubscribe } from 'lightning/empApi';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { ActivityItem, ActivityPage } from 'canal/apex/PartnerActivityController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/PartnerActivityController.getActivity', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Activity_Change', () => ({ default: '{0} → {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Activity_Reason', () => ({ default: 'Reason: {0}' }), { virtual: true });
jest.mock(
    '@salesforce/label/c.Canal_Activity_Kind_PUBLISHED',
    () => ({ default: '{0} leads published to {1}' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.Canal_Activity_Kind_PUBLISHED_One',
    () => ({ default: '1 lead published to {1}' }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/c.Canal_Activity_Source', () => ({ default: 'Source: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Activity_Polling', () => ({ default: 'Every {0} s' }), {
    virtual: true
});

const mockGetActivity = jest.mocked(getActivity);
const mockSubscribe = jest.mocked(subscribe);
const mockUnsubscribe = jest.mocked(unsubscribe);
const mockOnError = jest.mocked(onError);
const mockIsEmpEnabled = jest.mocked(isEmpEnabled);

const NOW = Date.now();
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

function item(overrides: Partial<ActivityItem> = {}): ActivityItem {
    return {
        id: 'a01000000000001AAA',
        kind: 'CLAIMED',
        occurredAt: minutesAgo(5),
        partnerAccountId: '001000000000001AAA',
        partnerName: 'Iberia Soluciones',
        userId: '005000000000001AAA',
        userName: 'Ana García',
        recordId: '00Q000000000001AAA',
        recordName: 'Lucía Pérez',
        oldValue: null,
        newValue: null,
        reason: null,
        ...overrides
    };
}

const STAGE = item({
    id: '017000000000002AAA',
    kind: 'STAGE_CHANGED',
    occurredAt: minutesAgo(30),
    recordId: '006000000000001AAA',
    recordName: 'Acme - Licencias',
    oldValue: 'Prospecting',
    newValue: 'Qualification'
});
const RELEASE = item({
    id: 'a01000000000003AAA',
    kind: 'RELEASED',
    occurredAt: minutesAgo(90),
    reason: 'Sin presupuesto'
});

function page(items: ActivityItem[], nextCursor: string | null = null): ActivityPage {
    return { items, nextCursor };
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-partner-activity', PartnerActivity, props);
}

const $ = (element: HTMLElement, selector: string) =>
    element.shadowRoot!.querySelector<HTMLElement & Record<string, unknown>>(selector);
const $$ = (element: HTMLElement, selector: string) => [
    ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)
];
const texts = (element: HTMLElement, selector: string) => $$(element, selector).map((e) => e.textContent);

// sa11y refuses to run under fake timers.
async function expectAccessible(element: HTMLElement): Promise<void> {
    jest.useRealTimers();
    await expect(element).toBeAccessible();
}

/** The callback empApi was given for a channel. */
function messageCallback(channel: string): (message: unknown) => void {
    const call = mockSubscribe.mock.calls.find(([c]) => c === channel);
    if (!call) throw new Error(`no subscription to ${channel}`);
    return call[2] as (message: unknown) => void;
}

describe('c-partner-activity', () => {
    beforeEach(() => {
        jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
        mockIsEmpEnabled.mockResolvedValue(true);
        mockSubscribe.mockImplementation((channel: string, replayId: number) =>
            Promise.resolve({ id: channel, channel, replayId })
        );
        mockUnsubscribe.mockResolvedValue({});
    });

    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
        jest.useRealTimers();
    });

    it('shows the first page newest first: kind, record, change, reason, who and when; subscribes to both channels', async () => {
        mockGetActivity.mockResolvedValue(page([item(), STAGE, RELEASE]));
        const element = await render();

        expect(mockGetActivity).toHaveBeenCalledWith({ partnerAccountId: null, cursor: null, pageSize: 20 });
        expect($$(element, '[data-id="item"]').map((e) => e.dataset.kind)).toEqual([
            'CLAIMED',
            'STAGE_CHANGED',
            'RELEASED'
        ]);
        expect(texts(element, '[data-id="kind"]')).toEqual([
            'c.Canal_Activity_Kind_CLAIMED',
            'c.Canal_Activity_Kind_STAGE_CHANGED',
            'c.Canal_Activity_Kind_RELEASED'
        ]);
        expect(texts(element, '[data-id="record"]')).toEqual([
            'Lucía Pérez',
            'Acme - Licencias',
            'Lucía Pérez'
        ]);
        // Real links to the record pages (GenerateUrl), never href="#".
        await flush();
        expect($$(element, '[data-id="record"]').map((a) => a.getAttribute('href'))).toEqual([
            '/generated-url',
            '/generated-url',
            '/generated-url'
        ]);
        expect(texts(element, '[data-id="change"]')).toEqual(['Prospecting → Qualification']);
        expect(texts(element, '[data-id="reason"]')).toEqual(['Reason: Sin presupuesto']);
        expect($(element, '[data-id="who"]')!.textContent).toBe('Ana García · Iberia Soluciones');
        expect($(element, '[data-id="when"]')!.getAttribute('datetime')).toBe(item().occurredAt);
        expect($(element, '[data-id="when"]')!.textContent).not.toBe('');
        expect($(element, '[data-id="new"]')).toBeNull();

        expect(mockSubscribe.mock.calls.map(([channel, replayId]) => [channel, replayId])).toEqual([
            ['/event/Lead_Claim_Event__e', -1],
            ['/event/Deal_Change_Event__e', -1]
        ]);
        expect(mockOnError).toHaveBeenCalled();
        expect($(element, '[data-id="live"]')).not.toBeNull();
        await expectAccessible(element);
    });

    it('formats amounts and close dates of deal changes', async () => {
        mockGetActivity.mockResolvedValue(
            page([
                item({
                    id: '017000000000005AAA',
                    kind: 'AMOUNT_CHANGED',
                    oldValue: '1000',
                    newValue: '2500'
                }),
                item({
                    id: '017000000000004AAA',
                    kind: 'CLOSE_DATE_CHANGED',
                    oldValue: null,
                    newValue: '2031-01-31'
                })
            ])
        );
        const element = await render();
        const [amount, date] = texts(element, '[data-id="change"]');
        expect(amount).toMatch(/1,000.*→.*2,500/);
        expect(date).toMatch(/^— → .*2031/);
    });

    it('says how many leads a publication put in which queue, with its source, named but not linked', async () => {
        const publication = (id: string, leadCount: number, source: string | null) =>
            item({
                id,
                kind: 'PUBLISHED',
                partnerAccountId: null,
                partnerName: null,
                userName: 'Marta Vidal',
                recordId: id,
                recordName: 'PUB-000001',
                leadCount,
                queueName: 'Partner pool',
                source
            });
        mockGetActivity.mockResolvedValue(
            page([
                publication('a02000000000002AAA', 3, 'Expo 2026'),
                publication('a02000000000001AAA', 1, null)
            ])
        );
        const element = await render();
        expect(texts(element, '[data-id="kind"]')).toEqual([
            '3 leads published to Partner pool',
            '1 lead published to Partner pool'
        ]);
        expect(texts(element, '[data-id="change"]')).toEqual(['Source: Expo 2026']);
        expect(texts(element, '[data-id="who"]')).toEqual(['Marta Vidal', 'Marta Vidal']);
        expect($$(element, 'a[data-id="record"]')).toHaveLength(0);
        expect(texts(element, '[data-id="record"]')).toEqual(['PUB-000001', 'PUB-000001']);
        await expectAccessible(element);
    });

    it('re-reads the first page once per burst of messages and marks the new item', async () => {
        mockGetActivity.mockResolvedValue(page([STAGE, RELEASE]));
        const element = await render();
        const claim = item({ id: 'a01000000000009AAA', recordName: 'Nuevo Cliente' });
        mockGetActivity.mockResolvedValue(page([claim, STAGE, RELEASE]));

        messageCallback('/event/Lead_Claim_Event__e')({ data: { payload: { Action__c: 'Claimed' } } });
        messageCallback('/event/Deal_Change_Event__e')({ data: { payload: {} } });
        jest.advanceTimersByTime(299);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(1);
        jest.advanceTimersByTime(1);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(2);

        expect(texts(element, '[data-id="record"]')[0]).toBe('Nuevo Cliente');
        const items = $$(element, '[data-id="item"]');
        expect(items[0]!.querySelector('[data-id="new"]')).not.toBeNull();
        expect(items[0]!.className).toContain('activity-item_new');
        expect(items[1]!.querySelector('[data-id="new"]')).toBeNull();
        await expectAccessible(element);
    });

    it('reads one partner on its Account page', async () => {
        mockGetActivity.mockResolvedValue(page([item()]));
        await render({ recordId: '001000000000001AAA' });
        expect(mockGetActivity).toHaveBeenCalledWith({
            partnerAccountId: '001000000000001AAA',
            cursor: null,
            pageSize: 20
        });
    });

    it('opens the record of an item', async () => {
        mockGetActivity.mockResolvedValue(page([STAGE]));
        const element = await render();
        $(element, '[data-id="record"]')!.click();
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: STAGE.recordId, objectApiName: 'Opportunity', actionName: 'view' }
        });
    });

    it('loads older items with the cursor until there are no more', async () => {
        mockGetActivity.mockResolvedValue(page([item()], 'cursor-1'));
        const element = await render();
        mockGetActivity.mockResolvedValue(page([STAGE, RELEASE], null));
        ($(element, '[data-id="load-more"]') as HTMLElement).click();
        await flush();
        expect(mockGetActivity).toHaveBeenLastCalledWith({
            partnerAccountId: null,
            cursor: 'cursor-1',
            pageSize: 20
        });
        expect($$(element, '[data-id="item"]')).toHaveLength(3);
        expect($(element, '[data-id="load-more"]')).toBeNull();
    });

    it('unsubscribes from both channels when removed, and refetches no more', async () => {
        mockGetActivity.mockResolvedValue(page([item()]));
        const element = await render();
        const callback = messageCallback('/event/Lead_Claim_Event__e');
        await expectAccessible(element);
        jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
        element.remove();
        await flush();
        expect(mockUnsubscribe.mock.calls.map(([s]) => s.channel)).toEqual([
            '/event/Lead_Claim_Event__e',
            '/event/Deal_Change_Event__e'
        ]);
        callback({ data: { payload: {} } });
        jest.advanceTimersByTime(1000);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(1);
    });

    it('shows c-error-panel when the feed cannot load', async () => {
        mockGetActivity.mockRejectedValue({ body: { message: 'Denied' } });
        const element = await render();
        const panel = $(element, 'c-error-panel')!;
        expect(panel.friendlyMessage).toBe('c.Canal_Activity_Load_Error');
        expect($(element, '[data-id="items"]')).toBeNull();
        await expectAccessible(element);
    });

    it('keeps the items and shows the error inline when a refresh fails', async () => {
        mockGetActivity.mockResolvedValue(page([item()]));
        const element = await render();
        mockGetActivity.mockRejectedValue({ body: { message: 'Down' } });
        messageCallback('/event/Lead_Claim_Event__e')({ data: { payload: {} } });
        jest.advanceTimersByTime(300);
        await flush();
        expect($$(element, '[data-id="item"]')).toHaveLength(1);
        expect($(element, 'c-error-panel')).not.toBeNull();
    });

    it('says so when there is no activity', async () => {
        mockGetActivity.mockResolvedValue(page([]));
        const element = await render();
        expect($(element, '[data-id="empty"]')!.textContent).toBe('c.Canal_Activity_Empty');
        expect($(element, '[data-id="load-more"]')).toBeNull();
        await expectAccessible(element);
    });

    it('polls while the page is visible when empApi is not available', async () => {
        mockIsEmpEnabled.mockResolvedValue(false);
        mockGetActivity.mockResolvedValue(page([item()]));
        const element = await render();
        expect(mockSubscribe).not.toHaveBeenCalled();
        expect($(element, '[data-id="polling"]')!.textContent).toBe('Every 15 s');
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(2);

        const visibility = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(2);
        visibility.mockReturnValue('visible');
        document.dispatchEvent(new CustomEvent('visibilitychange'));
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(3);
        visibility.mockRestore();

        element.remove();
        jest.advanceTimersByTime(30_000);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(3);
    });

    it('falls back to polling with a notice on a streaming error or a refused subscription', async () => {
        mockGetActivity.mockResolvedValue(page([item()]));
        const element = await render();
        const errorCallback = mockOnError.mock.calls[0]![0];
        errorCallback({ error: 'connection lost' });
        await flush();
        expect($(element, '[data-id="stream-error"]')!.textContent).toBe('c.Canal_Activity_Stream_Error');
        expect($(element, '[data-id="live"]')).toBeNull();
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockGetActivity).toHaveBeenCalledTimes(2);
        await expectAccessible(element);
        element.remove();

        mockUnsubscribe.mockClear();
        mockSubscribe.mockImplementation((channel: string) => {
            if (channel === '/event/Deal_Change_Event__e') return Promise.reject(new Error('refused'));
            return Promise.resolve({ id: channel, channel });
        });
        const second = await render();
        expect($(second, '[data-id="stream-error"]')).not.toBeNull();
        expect($(second, '[data-id="polling"]')).not.toBeNull();
        // The channel that did subscribe is dropped: half a live feed would miss changes silently.
        expect(mockUnsubscribe.mock.calls.map(([s]) => s.channel)).toEqual(['/event/Lead_Claim_Event__e']);
    });
});
