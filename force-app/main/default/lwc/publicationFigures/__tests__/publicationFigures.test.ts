import PublicationFiguresCard from 'c/publicationFigures';
import getPublications from '@salesforce/apex/LeadPublicationController.getPublications';
import getPublicationFigures from '@salesforce/apex/LeadPublicationController.getPublicationFigures';
import type { PublicationFigures, PublicationSummary } from 'canal/apex/LeadPublicationFigures';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadPublicationController.getPublications', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/LeadPublicationController.getPublicationFigures',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/c.Canal_Figures_Of', () => ({ default: 'Figures of {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Figures_Show', () => ({ default: 'Show the figures of {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Figures_Next_Offer', () => ({ default: 'Next tier at {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Manager_No_Tier', () => ({ default: 'No tier' }), { virtual: true });

const mockList = jest.mocked(getPublications);
const mockFigures = jest.mocked(getPublicationFigures);

function publication(n: number, overrides: Partial<PublicationSummary> = {}): PublicationSummary {
    return {
        id: `a0200000000000${n}AAA`,
        name: `PUB-00000${n}`,
        source: 'Expo 2026',
        queueName: 'Partner pool',
        publishedAt: '2026-03-02T09:00:00.000Z',
        publishedById: '005000000000001AAA',
        publishedByName: 'Marta Vidal',
        created: 4,
        claimed: 3,
        stillOpen: 1,
        offeredTiers: ['Gold', 'Silver', 'Bronze', 'Default'],
        nextOfferAt: null,
        ...overrides
    };
}

const NEWEST = publication(2, {
    source: null,
    created: 1,
    claimed: 0,
    stillOpen: 1,
    offeredTiers: ['Gold'],
    nextOfferAt: '2026-03-02T09:10:00.000Z'
});
const EXPO = publication(1);

function figuresOf(p: PublicationSummary, claims: boolean): PublicationFigures {
    return {
        publication: p,
        offered: p.created,
        claimed: p.claimed,
        stillOpen: p.stillOpen,
        claims: claims ? 3 : 0,
        firstClaimMinutes: claims ? 2 : null,
        medianClaimMinutes: claims ? 6.5 : null,
        byPartner: claims
            ? [
                  {
                      partnerAccountId: '001000000000001AAA',
                      partnerName: 'Iberia Soluciones',
                      tier: 'Gold',
                      firstLookMinutes: 0,
                      claimed: 2,
                      firstClaimMinutes: 2,
                      medianClaimMinutes: 4
                  },
                  {
                      partnerAccountId: '001000000000004AAA',
                      partnerName: 'Pampa Tech',
                      tier: null,
                      firstLookMinutes: 30,
                      claimed: 1,
                      firstClaimMinutes: 31.5,
                      medianClaimMinutes: 31.5
                  }
              ]
            : [],
        byTier: claims
            ? [
                  {
                      partnerAccountId: null,
                      partnerName: null,
                      tier: 'Gold',
                      firstLookMinutes: 0,
                      claimed: 2,
                      firstClaimMinutes: 2,
                      medianClaimMinutes: 4
                  },
                  {
                      partnerAccountId: null,
                      partnerName: null,
                      tier: null,
                      firstLookMinutes: 30,
                      claimed: 1,
                      firstClaimMinutes: 31.5,
                      medianClaimMinutes: 31.5
                  }
              ]
            : []
    };
}

const render = () => mount('c-publication-figures', PublicationFiguresCard);
const $ = (element: HTMLElement, selector: string) =>
    element.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (element: HTMLElement, selector: string) => [
    ...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)
];
const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent!.trim());

describe('c-publication-figures', () => {
    beforeEach(() => {
        mockList.mockResolvedValue([NEWEST, EXPO]);
        mockFigures.mockImplementation(({ publicationId }) =>
            Promise.resolve(publicationId === EXPO.id ? figuresOf(EXPO, true) : figuresOf(NEWEST, false))
        );
    });
    afterEach(() => {
        clearPage();
        jest.clearAllMocks();
    });

    it('lists the publications newest first and shows the newest one’s figures', async () => {
        const element = await render();
        const rows = $$(element, 'tr[data-id="publication"]');
        expect(rows).toHaveLength(2);
        expect(cells(rows[0]!).slice(0, 3)).toEqual(['PUB-000002', '—', 'Partner pool']);
        expect(cells(rows[1]!).slice(-4)).toEqual(['4', 'Gold, Silver, Bronze, No tier', '3', '1']);
        expect(rows[1]!.querySelector('[data-id="created"]')!.textContent).toBe('4');
        expect(rows[0]!.querySelector('[data-id="offered-to"]')!.textContent).toMatch(/^Gold/);
        expect(rows[0]!.querySelector('[data-id="next-offer"]')!.textContent).toMatch(/^Next tier at /);
        expect(rows[1]!.querySelector('[data-id="next-offer"]')).toBeNull();
        expect(mockFigures).toHaveBeenCalledWith({ publicationId: NEWEST.id });
        expect($(element, '[data-id="figures-heading"]')!.textContent!.trim()).toBe('Figures of PUB-000002');
        expect($(element, '[data-id="no-claims"]')).not.toBeNull();
        expect(rows[0]!.querySelector('button')!.getAttribute('aria-pressed')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('shows a chosen publication’s figures by partner and by tier', async () => {
        const element = await render();
        const button = $$(element, 'button[data-id="show"]')[1]!;
        expect(button.getAttribute('title')).toBe('Show the figures of PUB-000001');
        button.click();
        await flush();
        expect(mockFigures).toHaveBeenLastCalledWith({ publicationId: EXPO.id });
        expect($(element, '[data-id="total-offered"]')!.textContent).toBe('4');
        expect($(element, '[data-id="total-claimed"]')!.textContent).toBe('3');
        expect($(element, '[data-id="total-still-open"]')!.textContent).toBe('1');
        expect($(element, '[data-id="total-first-claim"]')!.textContent).toBe('2');
        expect($(element, '[data-id="total-median-claim"]')!.textContent).toBe('6.5');
        expect($$(element, '[data-id="partner-row"]').map(cells)).toEqual([
            ['Iberia Soluciones', 'Gold', '2', '2', '4'],
            ['Pampa Tech', 'No tier', '1', '31.5', '31.5']
        ]);
        expect($$(element, '[data-id="tier-row"]').map(cells)).toEqual([
            ['Gold', '0', '2', '2', '4'],
            ['No tier', '30', '1', '31.5', '31.5']
        ]);
        expect(button.getAttribute('aria-pressed')).toBe('true');
        await expect(element).toBeAccessible();
    });

    it('says so when nothing has been published', async () => {
        mockList.mockResolvedValue([]);
        const element = await render();
        expect($(element, '[data-id="empty"]')).not.toBeNull();
        expect(mockFigures).not.toHaveBeenCalled();
    });

    it('shows c-error-panel when the figures are refused', async () => {
        mockList.mockRejectedValue({ status: 403, body: { message: 'Only channel managers and admins.' } });
        const element = await render();
        expect($(element, 'c-error-panel')).not.toBeNull();
        expect($(element, 'table')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
