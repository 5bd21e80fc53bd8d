import ClaimAllowance from 'c/claimAllowance';
import getAllowance from '@salesforce/apex/LeadClaimController.getAllowance';
import type { Allowance } from 'canal/apex/LeadClaimController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadClaimController.getAllowance', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Allowance_Open', () => ({ default: '{0} of {1} leads in hand' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Allowance_Daily', () => ({ default: '{0} of {1} in the last 24 h' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Allowance_Hold', () => ({ default: 'Held for {0} h' }), {
    virtual: true
});

const mockGetAllowance = jest.mocked(getAllowance);

function allowance(overrides: Partial<Allowance> = {}): Allowance {
    return {
        code: 'OK',
        message: '',
        openClaims: 3,
        openLimit: 5,
        claimsToday: 2,
        dailyLimit: 10,
        holdHours: 48,
        ...overrides
    };
}

function render(): Promise<HTMLElement> {
    return mount('c-claim-allowance', ClaimAllowance);
}

function $(element: HTMLElement, selector: string): (HTMLElement & Record<string, unknown>) | null {
    return element.shadowRoot!.querySelector(selector);
}

function meters(element: HTMLElement): HTMLElement[] {
    return [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-id="meter"]')];
}

describe('c-claim-allowance', () => {
    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    it('says how many leads are in hand and taken in 24 h, with a bar per limit', async () => {
        mockGetAllowance.mockResolvedValue(allowance());
        const element = await render();

        expect(mockGetAllowance).toHaveBeenCalledWith({});
        expect($(element, '[data-id="title"]')!.textContent).toBe('c.Canal_Allowance_Title');
        expect($(element, '[data-id="summary"]')!.textContent).toBe(
            '3 of 5 leads in hand · 2 of 10 in the last 24 h'
        );
        const [open, daily] = meters(element);
        expect(open.getAttribute('role')).toBe('progressbar');
        expect(open.getAttribute('aria-valuenow')).toBe('3');
        expect(open.getAttribute('aria-valuemax')).toBe('5');
        expect(open.getAttribute('aria-label')).toBe('3 of 5 leads in hand');
        expect(open.querySelector('span')!.getAttribute('style')).toContain('width: 60%');
        expect(daily.getAttribute('aria-valuetext')).toBe('2 of 10 in the last 24 h');
        expect(daily.querySelector('span')!.getAttribute('style')).toContain('width: 20%');
        expect($(element, '[data-id="hold"]')!.textContent).toBe('Held for 48 h');
    });

    it('shows a full bar at the limit and for a zero limit, and no hold text without a hold time', async () => {
        mockGetAllowance.mockResolvedValue(
            allowance({ openClaims: 7, openLimit: 5, dailyLimit: 0, holdHours: null })
        );
        const element = await render();
        const [open, daily] = meters(element);
        expect(open.querySelector('span')!.getAttribute('style')).toContain('width: 100%');
        expect(daily.querySelector('span')!.getAttribute('style')).toContain('width: 100%');
        expect($(element, '[data-id="hold"]')).toBeNull();
    });

    it('shows the message instead for a user who is not eligible', async () => {
        mockGetAllowance.mockResolvedValue(
            allowance({ code: 'NOT_ELIGIBLE', message: 'Only partner users', openLimit: 0, dailyLimit: 0 })
        );
        const element = await render();
        expect($(element, '[data-id="not-eligible"]')!.textContent).toBe('Only partner users');
        expect(meters(element)).toHaveLength(0);
        expect($(element, '[data-id="summary"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('falls back to the NOT_ELIGIBLE outcome label when the server sends no message', async () => {
        mockGetAllowance.mockResolvedValue(allowance({ code: 'NOT_ELIGIBLE', message: '' }));
        const element = await render();
        expect($(element, '[data-id="not-eligible"]')!.textContent).toBe('c.Canal_Outcome_NOT_ELIGIBLE');
    });

    it('shows a spinner while loading', async () => {
        mockGetAllowance.mockReturnValue(new Promise(() => undefined));
        const element = await render();
        expect($(element, 'lightning-spinner')!.alternativeText).toBe('c.Canal_Loading');
        expect($(element, '[data-id="summary"]')).toBeNull();
    });

    it('shows c-error-panel when the allowance cannot load', async () => {
        mockGetAllowance.mockRejectedValue({ body: { message: 'Denied' } });
        const element = await render();
        expect($(element, 'c-error-panel')!.friendlyMessage).toBe('c.Canal_Allowance_Load_Error');
        await expect(element).toBeAccessible();
    });

    it('refreshes when a lead is claimed or changed, until removed', async () => {
        mockGetAllowance.mockResolvedValue(allowance());
        const element = await render();
        mockGetAllowance.mockResolvedValue(allowance({ openClaims: 4 }));
        window.dispatchEvent(new CustomEvent('leadclaimed', { detail: {} }));
        await flush();
        expect($(element, '[data-id="summary"]')!.textContent).toContain('4 of 5 leads in hand');

        window.dispatchEvent(new CustomEvent('leadchanged', { detail: {} }));
        await flush();
        expect(mockGetAllowance).toHaveBeenCalledTimes(3);

        element.remove();
        window.dispatchEvent(new CustomEvent('leadclaimed', { detail: {} }));
        await flush();
        expect(mockGetAllowance).toHaveBeenCalledTimes(3);
    });

    it('keeps the latest answer when two refreshes overlap', async () => {
        let first!: (value: Allowance) => void;
        mockGetAllowance.mockResolvedValueOnce(allowance());
        const element = await render();
        mockGetAllowance
            .mockReturnValueOnce(new Promise((resolve) => (first = resolve)))
            .mockResolvedValueOnce(allowance({ openClaims: 5 }));
        window.dispatchEvent(new CustomEvent('leadclaimed', { detail: {} }));
        window.dispatchEvent(new CustomEvent('leadclaimed', { detail: {} }));
        await flush();
        first(allowance({ openClaims: 1 }));
        await flush();
        expect($(element, '[data-id="summary"]')!.textContent).toContain('5 of 5');
    });

    it('is accessible', async () => {
        mockGetAllowance.mockResolvedValue(allowance());
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
