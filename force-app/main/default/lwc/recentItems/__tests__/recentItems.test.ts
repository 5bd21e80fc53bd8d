import RecentItems from 'c/recentItems';
import getRecentItems from '@salesforce/apex/LeadClaimController.getRecentItems';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { RecentItem } from 'canal/apex/LeadClaimController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadClaimController.getRecentItems', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetRecentItems = jest.mocked(getRecentItems);

const ITEMS: RecentItem[] = [
    { id: '00Q000000000001AAA', name: 'Ana Ruiz', type: 'Lead', lastViewedDate: '2026-03-05T10:00:00.000Z' },
    {
        id: '006000000000001AAA',
        name: 'Deal Iberia',
        type: 'Opportunity',
        lastViewedDate: '2026-03-04T10:00:00.000Z'
    },
    { id: '001000000000001AAA', name: 'Acme', type: 'Account', lastViewedDate: '2026-03-03T10:00:00.000Z' }
];

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-recent-items', RecentItems, props);
}

function $(element: HTMLElement, selector: string): (HTMLElement & Record<string, unknown>) | null {
    return element.shadowRoot!.querySelector(selector);
}

describe('c-recent-items', () => {
    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    it('lists each item as a link to its record page with its object icon', async () => {
        mockGetRecentItems.mockResolvedValue(ITEMS);
        const element = await render();

        expect(mockGetRecentItems).toHaveBeenCalledWith({ maxItems: 10 });
        const links = [...element.shadowRoot!.querySelectorAll('a')];
        expect(links.map((a) => a.textContent)).toEqual(['Ana Ruiz', 'Deal Iberia', 'Acme']);
        expect(links[0].getAttribute('href')).toBe('/generated-url');
        const icons = [
            ...element.shadowRoot!.querySelectorAll<HTMLElement & Record<string, unknown>>('lightning-icon')
        ];
        expect(icons.map((icon) => icon.iconName)).toEqual([
            'standard:lead',
            'standard:opportunity',
            'standard:record'
        ]);
        expect(icons.map((icon) => icon.alternativeText)).toEqual([
            'c.Canal_Object_Lead',
            'c.Canal_Object_Opportunity',
            'Account'
        ]);
    });

    it('navigates to the record page of the item clicked', async () => {
        mockGetRecentItems.mockResolvedValue(ITEMS);
        const element = await render();
        const clickEvent = new CustomEvent('click', { cancelable: true });
        element.shadowRoot!.querySelectorAll('a')[1].dispatchEvent(clickEvent);

        expect(clickEvent.defaultPrevented).toBe(true);
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '006000000000001AAA', objectApiName: 'Opportunity', actionName: 'view' }
        });
    });

    it('asks for as many items as maxItems, within 1 to 50', async () => {
        mockGetRecentItems.mockResolvedValue([]);
        await render({ maxItems: 3 });
        expect(mockGetRecentItems).toHaveBeenLastCalledWith({ maxItems: 3 });
        await render({ maxItems: 500 });
        expect(mockGetRecentItems).toHaveBeenLastCalledWith({ maxItems: 50 });
        await render({ maxItems: 0 });
        expect(mockGetRecentItems).toHaveBeenLastCalledWith({ maxItems: 10 });
    });

    it('shows the empty state', async () => {
        mockGetRecentItems.mockResolvedValue([]);
        const element = await render();
        expect($(element, '[data-id="empty"]')!.textContent).toBe('c.Canal_Recent_Empty');
        expect($(element, '[data-id="list"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a spinner while loading', async () => {
        mockGetRecentItems.mockReturnValue(new Promise(() => undefined));
        const element = await render();
        expect($(element, 'lightning-spinner')!.alternativeText).toBe('c.Canal_Loading');
    });

    it('shows c-error-panel when the items cannot load', async () => {
        mockGetRecentItems.mockRejectedValue({ body: { message: 'Denied' } });
        const element = await render();
        expect($(element, 'c-error-panel')!.friendlyMessage).toBe('c.Canal_Recent_Load_Error');
        expect($(element, '[data-id="empty"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('refreshes when a lead is claimed and when the page is shown again, until removed', async () => {
        mockGetRecentItems.mockResolvedValue([]);
        const element = await render();
        mockGetRecentItems.mockResolvedValue(ITEMS.slice(0, 1));
        window.dispatchEvent(new CustomEvent('leadclaimed', { detail: {} }));
        await flush();
        expect(element.shadowRoot!.querySelectorAll('a')).toHaveLength(1);

        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
        document.dispatchEvent(new CustomEvent('visibilitychange'));
        await flush();
        expect(mockGetRecentItems).toHaveBeenCalledTimes(3);

        element.remove();
        window.dispatchEvent(new CustomEvent('leadchanged', { detail: {} }));
        document.dispatchEvent(new CustomEvent('visibilitychange'));
        await flush();
        expect(mockGetRecentItems).toHaveBeenCalledTimes(3);
    });

    it('is accessible', async () => {
        mockGetRecentItems.mockResolvedValue(ITEMS);
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
