import DealRegistrationList from 'c/dealRegistrationList';
import getMyRegistrations from '@salesforce/apex/DealRegistrationController.getMyRegistrations';
import { getGeneratedUrlPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { RegistrationPage, RegistrationRow } from 'canal/apex/DealRegistrationController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/DealRegistrationController.getMyRegistrations', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Deal_Protected_Until', () => ({ default: 'Protegido hasta {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Deal_Rejection_Reason', () => ({ default: 'Motivo: {0}' }), {
    virtual: true
});

const mockGet = jest.mocked(getMyRegistrations);

type Stub = HTMLElement & Record<string, any>;

function row(id: string, overrides: Partial<RegistrationRow> = {}): RegistrationRow {
    return {
        id,
        name: `DR-${id}`,
        company: `Company ${id}`,
        contactName: 'Lucía Pardo',
        amount: 1000,
        closeDate: '2027-03-31',
        status: 'Submitted',
        statusLabel: 'Enviado (en revisión)',
        submittedAt: '2026-12-01T09:00:00.000Z',
        decidedAt: null,
        rejectionReason: null,
        protectedUntil: null,
        opportunityId: null,
        expiresSoon: false,
        ownerName: 'Ana García',
        ...overrides
    };
}

function page(rows: RegistrationRow[], nextCursor: string | null = null): RegistrationPage {
    return { rows, nextCursor };
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function $$(element: HTMLElement, selector: string): Stub[] {
    return Array.from(element.shadowRoot!.querySelectorAll<Stub>(selector));
}

function rowOf(element: HTMLElement, id: string): Stub {
    return $(element, `tr[data-row-id="${id}"]`);
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-deal-registration-list', DealRegistrationList, props);
}

describe('c-deal-registration-list', () => {
    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    it('lists the registrations with their state as a badge, newest first as the server sends them', async () => {
        mockGet.mockResolvedValue(
            page([
                row('3'),
                row('2', {
                    status: 'Rejected',
                    statusLabel: 'Rechazado',
                    rejectionReason: 'Ya es cliente directo'
                }),
                row('1', {
                    status: 'Approved',
                    statusLabel: 'Aprobado',
                    protectedUntil: '2027-03-07',
                    opportunityId: '006000000000001AAA',
                    expiresSoon: true
                })
            ])
        );
        const element = await render();

        expect(mockGet).toHaveBeenCalledWith({ cursor: null });
        expect($$(element, 'tr[data-id="row"]').map((tr) => tr.dataset.rowId)).toEqual(['3', '2', '1']);
        expect($(element, '[data-id="title"]').textContent).toBe('c.Canal_Deal_List_View');
        const status = (id: string) => rowOf(element, id).querySelector<Stub>('[data-id="status"]')!;
        expect(status('3').textContent).toBe('Enviado (en revisión)');
        expect(status('3').className).toContain('slds-badge');
        expect(status('2').className).toContain('slds-theme_error');
        expect(status('1').className).toContain('slds-theme_success');

        const details = (id: string) => rowOf(element, id).querySelector<Stub>('[data-id="details"]')!;
        expect(details('2').querySelector('[data-id="reason"]')!.textContent).toBe(
            'Motivo: Ya es cliente directo'
        );
        expect(details('2').querySelector('[data-id="protected"]')).toBeNull();
        expect(details('1').querySelector('[data-id="protected"]')!.textContent).toMatch(
            /^Protegido hasta .*2027/
        );
        expect(details('1').querySelector('[data-id="expires-soon"]')!.textContent).toBe(
            'c.Canal_Deal_Expires_Soon'
        );
        const link = details('1').querySelector<HTMLAnchorElement>('a[data-id="opportunity"]')!;
        expect(link.getAttribute('href')).toBe('/generated-url');
        expect(getGeneratedUrlPageReference()).toEqual({
            type: 'standard__recordPage',
            attributes: { recordId: '006000000000001AAA', objectApiName: 'Opportunity', actionName: 'view' }
        });
        expect(details('3').textContent.trim()).toBe('');
    });

    it('never shows protection or a reason on a row whose state does not carry them', async () => {
        mockGet.mockResolvedValue(
            page([
                row('1', {
                    status: 'Expired',
                    statusLabel: 'Caducado',
                    protectedUntil: '2026-11-30',
                    rejectionReason: 'stale',
                    expiresSoon: true,
                    opportunityId: '006000000000001AAA'
                })
            ])
        );
        const element = await render();
        const details = rowOf(element, '1').querySelector<Stub>('[data-id="details"]')!;
        expect(details.textContent.trim()).toBe('');
    });

    it('loads more by cursor and keeps the rows already shown', async () => {
        mockGet.mockResolvedValueOnce(page([row('3'), row('2')], 'cursor-2'));
        mockGet.mockResolvedValueOnce(page([row('2'), row('1')]));
        const element = await render();

        const loadMore = $(element, '[data-action="load-more"]');
        expect(loadMore.label).toBe('c.Canal_Action_Load_More');
        loadMore.dispatchEvent(new CustomEvent('click'));
        await flush();

        expect(mockGet).toHaveBeenLastCalledWith({ cursor: 'cursor-2' });
        expect($$(element, 'tr[data-id="row"]').map((tr) => tr.dataset.rowId)).toEqual(['3', '2', '1']);
        expect($(element, '[data-action="load-more"]')).toBeNull();
    });

    it('refresh loads the first page again', async () => {
        mockGet.mockResolvedValueOnce(page([row('1')]));
        mockGet.mockResolvedValueOnce(page([row('2'), row('1')]));
        const element = await render({ hideTitle: true });
        expect($(element, '[data-id="title"]')).toBeNull();

        await (element as Stub).refresh();
        await flush();

        expect(mockGet).toHaveBeenLastCalledWith({ cursor: null });
        expect($$(element, 'tr[data-id="row"]')).toHaveLength(2);
    });

    it('says so when there is no registration yet', async () => {
        mockGet.mockResolvedValue(page([]));
        const element = await render();
        expect($(element, '[data-id="empty"]').textContent.trim()).toBe('c.Canal_Deal_List_Empty');
        expect($(element, 'table')).toBeNull();
    });

    it('shows the error panel when the list cannot be loaded, and keeps the rows when a later page fails', async () => {
        mockGet.mockRejectedValueOnce({ status: 500, body: { message: 'INVALID_CURSOR' } });
        const failed = await render();
        expect($(failed, 'c-error-panel').friendlyMessage).toBe('c.Canal_Deal_List_Load_Error');
        clearPage();

        mockGet.mockResolvedValueOnce(page([row('1')], 'next'));
        mockGet.mockRejectedValueOnce({ status: 500, body: { message: 'boom' } });
        const element = await render();
        $(element, '[data-action="load-more"]').dispatchEvent(new CustomEvent('click'));
        await flush();
        expect($$(element, 'tr[data-id="row"]')).toHaveLength(1);
        expect($(element, 'c-error-panel')).not.toBeNull();
    });

    it('is accessible', async () => {
        mockGet.mockResolvedValue(
            page([row('1', { status: 'Approved', statusLabel: 'Aprobado', protectedUntil: '2027-03-07' })])
        );
        const element = await render();
        await expect(element).toBeAccessible();
    });
});
