import RecordHistory from 'c/recordHistory';
import getHistory from '@salesforce/apex/RecordHistoryController.getHistory';
import type { HistoryEntry } from 'canal/apex/RecordHistoryController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/RecordHistoryController.getHistory', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetHistory = jest.mocked(getHistory);
const LEAD = '00Q000000000001AAA';

const ENTRIES: HistoryEntry[] = [
    {
        id: 'a01000000000002AAA',
        occurredAt: '2026-03-02T11:00:00.000Z',
        field: 'Released',
        fieldLabel: 'Released',
        oldValue: null,
        newValue: 'No budget',
        userName: 'Ana García',
        kind: 'CLAIM_AUDIT'
    },
    {
        id: '017000000000002AAA',
        occurredAt: '2026-03-02T10:00:00.000Z',
        field: 'Status',
        fieldLabel: 'Status',
        oldValue: 'Open - Not Contacted',
        newValue: 'Working - Contacted',
        userName: 'Ana García',
        kind: 'FIELD'
    },
    {
        id: '017000000000001AAA',
        occurredAt: '2026-03-02T09:00:00.000Z',
        field: 'Owner',
        fieldLabel: 'Owner',
        oldValue: 'Partner pool',
        newValue: 'Ana García',
        userName: null,
        kind: 'FIELD'
    }
];

async function render(
    recordId: string | undefined = LEAD
): Promise<HTMLElement & { refresh(): Promise<void> }> {
    return (await mount('c-record-history', RecordHistory, { recordId })) as HTMLElement & {
        refresh(): Promise<void>;
    };
}

const $ = (element: HTMLElement, selector: string) =>
    element.shadowRoot!.querySelector<HTMLElement & Record<string, unknown>>(selector);
const column = (element: HTMLElement, id: string) =>
    [...element.shadowRoot!.querySelectorAll(`[data-id="${id}"]`)].map((e) => e.textContent);

describe('c-record-history', () => {
    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    it('lists the changes newest first: when, what, old and new value, who', async () => {
        mockGetHistory.mockResolvedValue(ENTRIES);
        const element = await render();
        expect(mockGetHistory).toHaveBeenCalledWith({ recordId: LEAD });
        expect(column(element, 'change')).toEqual(['Released', 'Status', 'Owner']);
        expect(column(element, 'old')).toEqual(['', 'Open - Not Contacted', 'Partner pool']);
        expect(column(element, 'new')).toEqual(['No budget', 'Working - Contacted', 'Ana García']);
        expect(column(element, 'user')).toEqual(['Ana García', 'Ana García', '']);
        expect($(element, '[data-id="when"]')!.getAttribute('datetime')).toBe(ENTRIES[0]!.occurredAt);
        expect($(element, '[data-id="when"]')!.textContent).toContain('2026');
        expect($(element, '[data-id="entry"]')!.className).toBe('history-audit');
        await expect(element).toBeAccessible();
    });

    it('reads again for another record and on refresh(), keeping only the latest answer', async () => {
        mockGetHistory.mockResolvedValue(ENTRIES);
        const element = await render();
        let slow!: (entries: HistoryEntry[]) => void;
        mockGetHistory
            .mockReturnValueOnce(new Promise((resolve) => (slow = resolve)))
            .mockResolvedValueOnce([ENTRIES[2]!]);
        (element as unknown as { recordId: string }).recordId = '006000000000001AAA';
        await element.refresh();
        slow(ENTRIES);
        await flush();
        expect(mockGetHistory).toHaveBeenCalledWith({ recordId: '006000000000001AAA' });
        expect(column(element, 'change')).toEqual(['Owner']);
    });

    it('waits for a record id', async () => {
        await render('');
        expect(mockGetHistory).not.toHaveBeenCalled();
    });

    it('says so when nothing was recorded', async () => {
        mockGetHistory.mockResolvedValue([]);
        const element = await render();
        expect($(element, '[data-id="empty"]')!.textContent).toBe('c.Canal_Manager_History_Empty');
        await expect(element).toBeAccessible();
    });

    it('shows c-error-panel when the history cannot load', async () => {
        mockGetHistory.mockRejectedValue({ body: { message: 'Not found' } });
        const element = await render();
        expect($(element, 'c-error-panel')!.friendlyMessage).toBe('c.Canal_Manager_History_Error');
        expect($(element, '[data-id="history"]')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
