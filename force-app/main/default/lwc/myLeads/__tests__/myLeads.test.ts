import MyLeads from 'c/myLeads';
import getMyLeads from '@salesforce/apex/LeadClaimController.getMyLeads';
import getLeadStatuses from '@salesforce/apex/LeadClaimController.getLeadStatuses';
import updateLeadStatus from '@salesforce/apex/LeadClaimController.updateLeadStatus';
import releaseLead from '@salesforce/apex/LeadClaimController.releaseLead';
import getConvertOptions from '@salesforce/apex/LeadConvertController.getConvertOptions';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { ClaimCode, ClaimResult, LeadPage, LeadRow, StatusOption } from 'canal/apex/LeadClaimController';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadClaimController.getMyLeads', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadClaimController.getLeadStatuses', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadClaimController.updateLeadStatus', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadClaimController.releaseLead', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadConvertController.getConvertOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_MyLeads_Status_For', () => ({ default: 'Status of {0}' }), {
    virtual: true
});

const mockGetMyLeads = jest.mocked(getMyLeads);
const mockGetLeadStatuses = jest.mocked(getLeadStatuses);
const mockUpdateLeadStatus = jest.mocked(updateLeadStatus);
const mockReleaseLead = jest.mocked(releaseLead);
const mockGetConvertOptions = jest.mocked(getConvertOptions);
const mockNotify = jest.mocked(notifyRecordUpdateAvailable);

const STATUSES: StatusOption[] = [
    { value: 'Open - Not Contacted', label: 'Abierto' },
    { value: 'Working - Contacted', label: 'En curso' }
];

type Stub = HTMLElement & Record<string, unknown>;

function lead(id: string, overrides: Partial<LeadRow> = {}): LeadRow {
    return {
        id,
        name: `Lead ${id}`,
        company: `Company ${id}`,
        status: 'Open - Not Contacted',
        statusLabel: 'Abierto',
        city: 'Sevilla',
        country: 'ES',
        createdDate: '2026-03-01T09:00:00.000Z',
        claimedAt: '2026-03-02T09:00:00.000Z',
        claimExpiresAt: null,
        ...overrides
    };
}

function page(ids: string[], next: string | null = null): LeadPage {
    return { leads: ids.map((id) => lead(id)), next };
}

function result(code: ClaimCode, leadId: string, opportunityId: string | null = null): ClaimResult {
    return { code, message: `server ${code}`, leadId, ownerId: null, claimedAt: null, opportunityId };
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-my-leads', MyLeads, props);
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function rowIds(element: HTMLElement): string[] {
    return [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-id="lead"]')].map(
        (li) => li.dataset.leadId!
    );
}

async function click(element: HTMLElement, selector: string): Promise<void> {
    $(element, selector).dispatchEvent(new CustomEvent('click'));
    await flush();
}

async function chooseStatus(element: HTMLElement, id: string, value: string): Promise<void> {
    $(element, `lightning-combobox[data-lead-id="${id}"]`).dispatchEvent(
        new CustomEvent('change', { detail: { value } })
    );
    await flush();
}

describe('c-my-leads', () => {
    let changed: Array<CustomEvent<ClaimResult>>;
    const onChanged = (event: Event) => changed.push(event as CustomEvent<ClaimResult>);

    beforeEach(() => {
        changed = [];
        window.addEventListener('leadchanged', onChanged);
        mockNotify.mockResolvedValue(undefined);
        mockGetLeadStatuses.mockResolvedValue(STATUSES);
        mockGetMyLeads.mockResolvedValue(page(['00Q1', '00Q2']));
    });

    afterEach(() => {
        clearPage();
        window.removeEventListener('leadchanged', onChanged);
        jest.resetAllMocks();
    });

    describe('states', () => {
        it('lists the rep’s leads with a link, a status picker and actions on each', async () => {
            const element = await render();

            expect(mockGetMyLeads).toHaveBeenCalledWith({ pageSize: 20, afterId: null });
            expect(rowIds(element)).toEqual(['00Q1', '00Q2']);
            const link = $(element, 'a[data-lead-id="00Q1"]');
            expect(link.textContent).toBe('Lead 00Q1');
            expect(link.getAttribute('href')).toBe('/generated-url');
            const combobox = $(element, 'lightning-combobox[data-lead-id="00Q1"]');
            expect(combobox.options).toEqual(STATUSES);
            expect(combobox.value).toBe('Open - Not Contacted');
            expect(combobox.label).toBe('Status of Lead 00Q1');
            expect($(element, '[data-action="save"][data-lead-id="00Q1"]').disabled).toBe(true);
            expect($(element, '[data-action="release"][data-lead-id="00Q1"]').label).toBe(
                'c.Canal_Action_Release'
            );
            expect($(element, '[data-action="convert"][data-lead-id="00Q1"]').label).toBe(
                'c.Canal_Action_Convert'
            );
            expect($(element, '[data-action="load-more"]')).toBeNull();
        });

        it('shows the empty state', async () => {
            mockGetMyLeads.mockResolvedValue(page([]));
            const element = await render();
            expect($(element, '[data-id="empty"]').textContent).toBe('c.Canal_MyLeads_Empty');
            expect($(element, '[data-id="list"]')).toBeNull();
        });

        it('shows a spinner while loading', async () => {
            mockGetMyLeads.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Canal_Loading');
        });

        it('shows c-error-panel when the leads cannot load', async () => {
            mockGetMyLeads.mockRejectedValue({ body: { message: 'No access' } });
            const element = await render();
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_MyLeads_Load_Error');
            expect($(element, '[data-id="empty"]')).toBeNull();
        });

        it('shows c-error-panel above the list when the statuses cannot load', async () => {
            mockGetLeadStatuses.mockRejectedValue(new Error('boom'));
            const element = await render();
            expect($(element, 'c-error-panel')).not.toBeNull();
            expect(rowIds(element)).toEqual(['00Q1', '00Q2']);
        });

        it('loads the next keyset page with the Load more button', async () => {
            mockGetMyLeads.mockResolvedValueOnce(page(['00Q1'], '00Q1'));
            const element = await render({ pageSize: 1 });
            mockGetMyLeads.mockResolvedValueOnce(page(['00Q1', '00Q2']));
            await click(element, '[data-action="load-more"]');

            expect(mockGetMyLeads).toHaveBeenLastCalledWith({ pageSize: 1, afterId: '00Q1' });
            expect(rowIds(element)).toEqual(['00Q1', '00Q2']);
            expect($(element, '[data-action="load-more"]')).toBeNull();
        });

        it('shows c-error-panel when a further page fails', async () => {
            mockGetMyLeads.mockResolvedValueOnce(page(['00Q1'], '00Q1'));
            const element = await render();
            mockGetMyLeads.mockRejectedValueOnce(new Error('timeout'));
            await click(element, '[data-action="load-more"]');
            expect($(element, 'c-error-panel')).not.toBeNull();
            expect(rowIds(element)).toEqual(['00Q1']);
        });
    });

    describe('status', () => {
        it('saves the chosen status and shows it on UPDATED', async () => {
            mockUpdateLeadStatus.mockResolvedValue(result('UPDATED', '00Q1'));
            const element = await render();
            await chooseStatus(element, '00Q1', 'Working - Contacted');
            expect($(element, '[data-action="save"][data-lead-id="00Q1"]').disabled).toBe(false);
            await click(element, '[data-action="save"][data-lead-id="00Q1"]');

            expect(mockUpdateLeadStatus).toHaveBeenCalledWith({
                leadId: '00Q1',
                status: 'Working - Contacted'
            });
            expect(shownToasts()[0]).toMatchObject({
                message: 'c.Canal_Outcome_UPDATED',
                variant: 'success'
            });
            expect(changed.map((e) => e.detail.code)).toEqual(['UPDATED']);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: '00Q1' }]);
            expect($(element, 'lightning-combobox[data-lead-id="00Q1"]').value).toBe('Working - Contacted');
            expect($(element, '[data-action="save"][data-lead-id="00Q1"]').disabled).toBe(true);
            // Its own event does not make it reload.
            expect(mockGetMyLeads).toHaveBeenCalledTimes(1);
        });

        it('shows INVALID_STATUS and keeps the choice to fix', async () => {
            mockUpdateLeadStatus.mockResolvedValue(result('INVALID_STATUS', '00Q1'));
            const element = await render();
            await chooseStatus(element, '00Q1', 'Working - Contacted');
            await click(element, '[data-action="save"][data-lead-id="00Q1"]');

            expect(shownToasts()[0]).toMatchObject({
                message: 'c.Canal_Outcome_INVALID_STATUS',
                variant: 'error'
            });
            expect(changed).toHaveLength(0);
            expect($(element, 'lightning-combobox[data-lead-id="00Q1"]').value).toBe('Working - Contacted');
            expect(mockGetMyLeads).toHaveBeenCalledTimes(1);
        });

        it.each(['NOT_OWNER', 'NOT_FOUND', 'NOT_ELIGIBLE'] as ClaimCode[])(
            'shows %s and reloads the list, which no longer holds the lead',
            async (code) => {
                mockUpdateLeadStatus.mockResolvedValue(result(code, '00Q1'));
                const element = await render();
                await chooseStatus(element, '00Q1', 'Working - Contacted');
                mockGetMyLeads.mockResolvedValue(page(['00Q2']));
                await click(element, '[data-action="save"][data-lead-id="00Q1"]');

                expect(shownToasts()[0].message).toBe(`c.Canal_Outcome_${code}`);
                expect(mockGetMyLeads).toHaveBeenCalledTimes(2);
                expect(rowIds(element)).toEqual(['00Q2']);
            }
        );

        it('shows c-error-panel when the save fails', async () => {
            mockUpdateLeadStatus.mockRejectedValue({ body: { message: 'Locked' } });
            const element = await render();
            await chooseStatus(element, '00Q1', 'Working - Contacted');
            await click(element, '[data-action="save"][data-lead-id="00Q1"]');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Action_Error');
        });

        it('keeps an unsaved choice when the list reloads', async () => {
            const element = await render();
            await chooseStatus(element, '00Q2', 'Working - Contacted');
            window.dispatchEvent(new CustomEvent('leadclaimed', { detail: result('CLAIMED', '00Q3') }));
            await flush();
            expect(mockGetMyLeads).toHaveBeenCalledTimes(2);
            expect($(element, 'lightning-combobox[data-lead-id="00Q2"]').value).toBe('Working - Contacted');
        });
    });

    describe('release', () => {
        it('asks for a reason in place and releases on Confirm', async () => {
            mockReleaseLead.mockResolvedValue(result('RELEASED', '00Q1'));
            const element = await render();
            expect($(element, '[data-id="release-panel"]')).toBeNull();
            await click(element, '[data-action="release"][data-lead-id="00Q1"]');

            const panel = $(element, '[data-id="release-panel"]');
            expect(panel.getAttribute('aria-label')).toBe('c.Canal_Release_Title');
            const textarea = $(element, 'lightning-textarea');
            expect(textarea.required).toBe(true);
            expect(textarea.maxLength).toBe(255);
            expect($(element, '[data-action="confirm-release"]').disabled).toBe(true);

            textarea.dispatchEvent(new CustomEvent('change', { detail: { value: '  Not our region ' } }));
            await flush();
            expect($(element, '[data-action="confirm-release"]').disabled).toBe(false);
            await click(element, '[data-action="confirm-release"]');

            expect(mockReleaseLead).toHaveBeenCalledWith({ leadId: '00Q1', reason: 'Not our region' });
            expect(rowIds(element)).toEqual(['00Q2']);
            expect($(element, '[data-id="release-panel"]')).toBeNull();
            expect(shownToasts()[0]).toMatchObject({
                message: 'c.Canal_Outcome_RELEASED',
                variant: 'success'
            });
            expect(changed.map((e) => e.detail.code)).toEqual(['RELEASED']);
        });

        it('does not release without a reason, nor with one over 255 characters', async () => {
            const element = await render();
            await click(element, '[data-action="release"][data-lead-id="00Q1"]');
            await click(element, '[data-action="confirm-release"]');
            const textarea = $(element, 'lightning-textarea');
            textarea.dispatchEvent(new CustomEvent('change', { detail: { value: 'x'.repeat(256) } }));
            await flush();
            await click(element, '[data-action="confirm-release"]');
            expect(mockReleaseLead).not.toHaveBeenCalled();
        });

        it('keeps the panel open and shows the message when the release is refused', async () => {
            mockReleaseLead.mockResolvedValue(result('INVALID_REQUEST', '00Q1'));
            const element = await render();
            await click(element, '[data-action="release"][data-lead-id="00Q1"]');
            $(element, 'lightning-textarea').dispatchEvent(
                new CustomEvent('change', { detail: { value: 'why' } })
            );
            await flush();
            await click(element, '[data-action="confirm-release"]');
            expect(shownToasts()[0].message).toBe('c.Canal_Outcome_INVALID_REQUEST');
            expect($(element, '[data-id="release-panel"]')).not.toBeNull();
            expect(rowIds(element)).toEqual(['00Q1', '00Q2']);
        });

        it('closes the panel on Cancel without calling the server', async () => {
            const element = await render();
            await click(element, '[data-action="release"][data-lead-id="00Q2"]');
            await click(element, '[data-action="cancel-release"]');
            expect($(element, '[data-id="release-panel"]')).toBeNull();
            expect(mockReleaseLead).not.toHaveBeenCalled();
        });
    });

    describe('convert and navigation', () => {
        it('Convertir opens the convert panel under its row; a conversion removes the row and tells the page', async () => {
            mockGetConvertOptions.mockResolvedValue({
                code: 'NOT_OWNER',
                message: '',
                leadId: '00Q2',
                company: null,
                contactName: null,
                email: null,
                opportunityName: null,
                accounts: [],
                statuses: [],
                defaultStatus: null
            });
            const element = await render();
            expect($(element, 'c-lead-convert-panel')).toBeNull();
            await click(element, '[data-action="convert"][data-lead-id="00Q2"]');
            const panel = $(element, '[data-lead-id="00Q2"] c-lead-convert-panel');
            expect(panel.leadId).toBe('00Q2');
            expect($(element, '[data-lead-id="00Q1"] c-lead-convert-panel')).toBeNull();
            await expect(element).toBeAccessible();

            panel.dispatchEvent(
                new CustomEvent('converted', {
                    detail: {
                        code: 'CONVERTED',
                        message: 'server CONVERTED',
                        leadId: '00Q2',
                        accountId: '001000000000001AAA',
                        contactId: null,
                        opportunityId: '006000000000001AAA'
                    }
                })
            );
            await flush();
            expect(rowIds(element)).toEqual(['00Q1']);
            expect(changed.map((e) => [e.detail.code, e.detail.opportunityId])).toEqual([
                ['CONVERTED', '006000000000001AAA']
            ]);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: '00Q2' }]);
        });

        it('Cancel closes the convert panel, changes nothing and returns focus to Convertir', async () => {
            mockGetConvertOptions.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            await click(element, '[data-action="convert"][data-lead-id="00Q1"]');
            const button = $(element, '[data-action="convert"][data-lead-id="00Q1"]');
            button.focus = jest.fn();
            $(element, 'c-lead-convert-panel').dispatchEvent(new CustomEvent('cancel'));
            await flush();
            expect($(element, 'c-lead-convert-panel')).toBeNull();
            expect(rowIds(element)).toEqual(['00Q1', '00Q2']);
            expect(changed).toHaveLength(0);
            expect(button.focus).toHaveBeenCalled();
        });

        it('opens the lead record page from its name', async () => {
            const element = await render();
            const link = $(element, 'a[data-lead-id="00Q2"]');
            const clickEvent = new CustomEvent('click', { cancelable: true });
            link.dispatchEvent(clickEvent);
            expect(clickEvent.defaultPrevented).toBe(true);
            expect(getNavigatedPageReference()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: '00Q2', objectApiName: 'Lead', actionName: 'view' }
            });
        });
    });

    describe('refresh', () => {
        it('reloads when a lead is claimed elsewhere on the page and when shown again', async () => {
            await render();
            window.dispatchEvent(new CustomEvent('leadclaimed', { detail: result('CLAIMED', '00Q3') }));
            await flush();
            expect(mockGetMyLeads).toHaveBeenCalledTimes(2);

            Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
            document.dispatchEvent(new CustomEvent('visibilitychange'));
            await flush();
            expect(mockGetMyLeads).toHaveBeenCalledTimes(3);
        });

        it('polls every interval while visible, backs off after a failure, and not while hidden', async () => {
            jest.useFakeTimers();
            try {
                Object.defineProperty(document, 'visibilityState', {
                    configurable: true,
                    get: () => 'visible'
                });
                const element = await render();
                expect(mockGetMyLeads).toHaveBeenCalledTimes(1);
                // A lead assigned directly shows up at the next poll, without a reload of the page.
                mockGetMyLeads.mockResolvedValue(page(['00Q1', '00Q2', '00Q9']));
                jest.advanceTimersByTime(15_000);
                await flush();
                expect(mockGetMyLeads).toHaveBeenCalledTimes(2);
                expect($(element, 'a[data-lead-id="00Q9"]')).not.toBeNull();

                mockGetMyLeads.mockRejectedValue(new Error('down'));
                jest.advanceTimersByTime(15_000);
                await flush();
                expect(mockGetMyLeads).toHaveBeenCalledTimes(3);
                jest.advanceTimersByTime(15_000);
                await flush();
                expect(mockGetMyLeads).toHaveBeenCalledTimes(3);
                jest.advanceTimersByTime(15_000);
                await flush();
                expect(mockGetMyLeads).toHaveBeenCalledTimes(4);

                Object.defineProperty(document, 'visibilityState', {
                    configurable: true,
                    get: () => 'hidden'
                });
                document.dispatchEvent(new CustomEvent('visibilitychange'));
                jest.advanceTimersByTime(300_000);
                await flush();
                expect(mockGetMyLeads).toHaveBeenCalledTimes(4);
            } finally {
                Object.defineProperty(document, 'visibilityState', {
                    configurable: true,
                    get: () => 'visible'
                });
                jest.useRealTimers();
            }
        });

        it('stops listening when removed', async () => {
            const element = await render();
            element.remove();
            window.dispatchEvent(new CustomEvent('leadclaimed', { detail: result('CLAIMED', '00Q3') }));
            await flush();
            expect(mockGetMyLeads).toHaveBeenCalledTimes(1);
        });
    });

    it('is accessible with the release panel open', async () => {
        const element = await render();
        await click(element, '[data-action="release"][data-lead-id="00Q1"]');
        await expect(element).toBeAccessible();
    });
});
