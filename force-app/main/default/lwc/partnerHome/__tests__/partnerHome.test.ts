import PartnerHome from 'c/partnerHome';
import getQueueSummary from '@salesforce/apex/PartnerHomeController.getQueueSummary';
import getExpiringLeads from '@salesforce/apex/PartnerHomeController.getExpiringLeads';
import getPipeline from '@salesforce/apex/PartnerHomeController.getPipeline';
import getClosingDeals from '@salesforce/apex/PartnerHomeController.getClosingDeals';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { ClosingDeal, ExpiringLead, PipelineStage } from 'canal/apex/PartnerHomeController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/PartnerHomeController.getQueueSummary', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PartnerHomeController.getExpiringLeads', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PartnerHomeController.getPipeline', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/PartnerHomeController.getClosingDeals', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockQueue = jest.mocked(getQueueSummary);
const mockExpiring = jest.mocked(getExpiringLeads);
const mockPipeline = jest.mocked(getPipeline);
const mockClosing = jest.mocked(getClosingDeals);

const NOW = Date.parse('2026-03-10T10:00:00.000Z');
const EXPIRING: ExpiringLead[] = [
    {
        id: '00Q000000000001AAA',
        name: 'Lucía Pérez',
        company: 'Aceros Norte',
        claimExpiresAt: '2026-03-10T13:20:00.000Z'
    }
];
const PIPELINE: PipelineStage[] = [
    { stageName: 'Prospecting', stageLabel: 'Prospección', count: 2, amount: 50000 },
    { stageName: 'Negotiation/Review', stageLabel: 'Negociación', count: 1, amount: 100000 }
];
const CLOSING: ClosingDeal[] = [
    {
        id: '006000000000001AAA',
        name: 'Aceros Norte - Licencias',
        accountName: 'Aceros Norte',
        stageLabel: 'Negociación',
        amount: 100000,
        currencyIsoCode: 'EUR',
        closeDate: '2026-03-20'
    }
];

type Stub = HTMLElement & Record<string, unknown>;

function render(): Promise<HTMLElement> {
    return mount('c-partner-home', PartnerHome);
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function text(element: HTMLElement, selector: string): string {
    return $(element, selector).textContent!.trim();
}

describe('c-partner-home', () => {
    beforeEach(() => {
        jest.useFakeTimers({ now: NOW });
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
        mockQueue.mockResolvedValue({ waiting: 7 });
        mockExpiring.mockResolvedValue(EXPIRING);
        mockPipeline.mockResolvedValue(PIPELINE);
        mockClosing.mockResolvedValue(CLOSING);
    });

    afterEach(() => {
        clearPage();
        jest.useRealTimers();
        jest.resetAllMocks();
    });

    it('says one lead in the singular', async () => {
        mockQueue.mockResolvedValue({ waiting: 1 });
        const element = await render();
        expect(text(element, '[data-id="queue-count"]')).toBe('c.Canal_Home_Queue_Count_One');
    });

    it('shows the queue count with the way to Leads, the time left, the pipeline bars and the deals', async () => {
        const element = await render();
        expect(text(element, '[data-id="queue-count"]')).toBe('c.Canal_Home_Queue_Count');
        expect($(element, '[data-id="queue-link"]').getAttribute('href')).toBe('/generated-url');
        $(element, '[data-id="queue-link"]').dispatchEvent(new CustomEvent('click', { cancelable: true }));
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__objectPage',
            attributes: { objectApiName: 'Lead', actionName: 'list' }
        });

        expect($(element, '[data-id="expiring-item"] a').textContent).toBe('Lucía Pérez');
        expect(text(element, '[data-id="time-left"]')).toBe('c.Canal_Home_Expiring_Left');

        const stages = Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>('[data-stage]'));
        expect(stages.map((li) => li.dataset.stage)).toEqual(['Prospecting', 'Negotiation/Review']);
        expect(stages[0]!.querySelector('[data-id="stage-label"]')!.textContent).toBe('Prospección');
        const bars = stages.map((li) => li.querySelector<HTMLElement>('.pipeline-bar')!.style.width);
        expect(bars).toEqual(['50%', '100%']);

        $(element, '[data-id="closing-item"] a').dispatchEvent(
            new CustomEvent('click', { cancelable: true })
        );
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '006000000000001AAA', objectApiName: 'Opportunity', actionName: 'view' }
        });
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it('shows each card’s empty state', async () => {
        mockQueue.mockResolvedValue({ waiting: 0 });
        mockExpiring.mockResolvedValue([]);
        mockPipeline.mockResolvedValue([]);
        mockClosing.mockResolvedValue([]);
        const element = await render();
        expect(text(element, '[data-id="queue-empty"]')).toBe('c.Canal_Home_Queue_Empty');
        expect(text(element, '[data-id="expiring-empty"]')).toBe('c.Canal_Home_Expiring_Empty');
        expect(text(element, '[data-id="pipeline-empty"]')).toBe('c.Canal_Home_Pipeline_Empty');
        expect(text(element, '[data-id="closing-empty"]')).toBe('c.Canal_Home_Closing_Empty');
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it('shows an error in the card that failed only, and spinners while loading', async () => {
        mockPipeline.mockRejectedValue({ body: { message: 'Sin acceso' } });
        mockClosing.mockReturnValue(new Promise(() => undefined));
        const element = await render();
        expect($(element, '[data-card="pipeline"] c-error-panel').friendlyMessage).toBe(
            'c.Canal_Home_Load_Error'
        );
        expect($(element, '[data-card="queue"] c-error-panel')).toBeNull();
        expect($(element, '[data-card="closing"] lightning-spinner')).not.toBeNull();
        expect(text(element, '[data-id="queue-count"]')).toBe('c.Canal_Home_Queue_Count');
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });

    it('refreshes every interval while visible, keeps data through a failed refresh, and backs off', async () => {
        const element = await render();
        expect(mockQueue).toHaveBeenCalledTimes(1);
        mockPipeline.mockResolvedValue([
            { stageName: 'Prospecting', stageLabel: 'Prospección', count: 3, amount: 60000 }
        ]);
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockQueue).toHaveBeenCalledTimes(2);
        expect(element.shadowRoot!.querySelectorAll('[data-stage]')).toHaveLength(1);

        mockQueue.mockRejectedValue(new Error('down'));
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockQueue).toHaveBeenCalledTimes(3);
        expect(text(element, '[data-id="queue-count"]')).toBe('c.Canal_Home_Queue_Count');
        // After a failure the next poll waits twice as long.
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockQueue).toHaveBeenCalledTimes(3);
        jest.advanceTimersByTime(15_000);
        await flush();
        expect(mockQueue).toHaveBeenCalledTimes(4);
    });

    it('stops polling when removed from the page', async () => {
        const element = await render();
        document.body.removeChild(element);
        jest.advanceTimersByTime(60_000);
        await flush();
        expect(mockQueue).toHaveBeenCalledTimes(1);
    });

    it('reloads at once when a lead is claimed or changed elsewhere on the page', async () => {
        await render();
        window.dispatchEvent(new CustomEvent('leadclaimed', { detail: {} }));
        await flush();
        expect(mockQueue).toHaveBeenCalledTimes(2);
    });
});
