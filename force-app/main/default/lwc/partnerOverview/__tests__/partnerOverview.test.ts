import PartnerOverview from 'c/partnerOverview';
import getPartners from '@salesforce/apex/PartnerOverviewController.getPartners';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { PartnerSummary } from 'canal/apex/PartnerOverviewController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock(
    '@salesforce/apex/PartnerOverviewController.getPartners',
    () => {
        const { createApexTestWireAdapter } = jest.requireActual('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock('@salesforce/label/c.Canal_Manager_Of', () => ({ default: '{0} of {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Manager_Deal_Count', () => ({ default: '{0} deals' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Manager_Deal_Count_One', () => ({ default: '{0} deal' }), {
    virtual: true
});

interface TestWireAdapter {
    emit(value: unknown): void;
    error(body?: unknown): void;
    getLastConfig(): Record<string, unknown>;
}
const adapter = getPartners as unknown as TestWireAdapter;

const IBERIA: PartnerSummary = {
    accountId: '001000000000001AAA',
    name: 'Iberia Soluciones',
    tier: 'Gold',
    openClaims: 3,
    openLimit: 5,
    claimsLast24Hours: 10,
    dailyLimit: 10,
    openPipelineAmount: 125000,
    openPipelineCount: 4,
    wonThisQuarterAmount: 40000,
    wonThisQuarterCount: 1
};
const PAMPA: PartnerSummary = {
    ...IBERIA,
    accountId: '001000000000004AAA',
    name: 'Pampa Tech',
    tier: null,
    openClaims: 0,
    openLimit: 0,
    claimsLast24Hours: 0,
    dailyLimit: 4,
    openPipelineAmount: 0,
    openPipelineCount: 0,
    wonThisQuarterAmount: 0,
    wonThisQuarterCount: 0
};

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-partner-overview', PartnerOverview, props);
}

const $ = (element: HTMLElement, selector: string) =>
    element.shadowRoot!.querySelector<HTMLElement & Record<string, unknown>>(selector);
const $$ = (element: HTMLElement, selector: string) => [
    ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)
];

describe('c-partner-overview', () => {
    afterEach(() => {
        clearPage();
        jest.clearAllMocks();
    });

    it('shows each partner: tier, claims against limits with bars, open pipeline and won this quarter', async () => {
        const element = await render();
        expect(adapter.getLastConfig()).toEqual({ partnerAccountId: null });
        expect($(element, 'lightning-spinner')).not.toBeNull();
        adapter.emit([IBERIA, PAMPA]);
        await flush();

        const rows = $$(element, '[data-id="partner"]');
        expect(rows).toHaveLength(2);
        const [iberia, pampa] = rows;
        expect(iberia!.querySelector('[data-id="name"]')!.textContent).toBe('Iberia Soluciones');
        // A real link to the partner's Account page (GenerateUrl), never href="#".
        await flush();
        expect(iberia!.querySelector('[data-id="name"]')!.getAttribute('href')).toBe('/generated-url');
        expect(iberia!.querySelector('[data-id="tier"]')!.textContent).toBe('Gold');
        expect(iberia!.querySelector('[data-id="open"]')!.textContent).toBe('3 of 5');
        const openBar = iberia!.querySelector('[data-id="open-bar"]')!;
        expect(openBar.getAttribute('aria-valuenow')).toBe('3');
        expect(openBar.getAttribute('aria-valuemax')).toBe('5');
        expect(openBar.querySelector('span')!.getAttribute('style')).toContain('width: 60%');
        expect(openBar.querySelector('span')!.className).not.toContain('overview-bar_full');
        const dailyBar = iberia!.querySelector('[data-id="daily-bar"]')!;
        expect(iberia!.querySelector('[data-id="daily"]')!.textContent).toBe('10 of 10');
        expect(dailyBar.querySelector('span')!.className).toContain('overview-bar_full');
        expect(iberia!.querySelector('[data-id="pipeline"]')!.textContent).toMatch(/125,000.*4 deals/);
        expect(iberia!.querySelector('[data-id="won"]')!.textContent).toMatch(/40,000.*1 deal$/);

        expect(pampa!.querySelector('[data-id="tier"]')!.textContent).toBe('c.Canal_Manager_No_Tier');
        expect(pampa!.querySelector('[data-id="open-bar"] span')!.getAttribute('style')).toContain(
            'width: 100%'
        );
        await expect(element).toBeAccessible();
    });

    it('reads only the partner of the Account record page', async () => {
        await render({ recordId: IBERIA.accountId });
        expect(adapter.getLastConfig()).toEqual({ partnerAccountId: IBERIA.accountId });
    });

    it('opens a partner on its Account page', async () => {
        const element = await render();
        adapter.emit([IBERIA]);
        await flush();
        $(element, '[data-id="name"]')!.click();
        expect(getNavigatedPageReference()).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: IBERIA.accountId, objectApiName: 'Account', actionName: 'view' }
        });
    });

    it('says so when there is no partner', async () => {
        const element = await render();
        adapter.emit([]);
        await flush();
        expect($(element, '[data-id="empty"]')!.textContent).toBe('c.Canal_Manager_Partners_Empty');
        expect($(element, '[data-id="partners"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows c-error-panel when the partners cannot load', async () => {
        const element = await render();
        adapter.error({ message: 'Denied' });
        await flush();
        expect($(element, 'c-error-panel')!.friendlyMessage).toBe('c.Canal_Manager_Partners_Error');
        expect($(element, '[data-id="partners"]')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
