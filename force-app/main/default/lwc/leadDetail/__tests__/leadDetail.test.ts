import { createElement } from 'lwc';
import LeadDetail from 'c/leadDetail';
import getLead from '@salesforce/apex/LeadClaimController.getLead';
import getLeadStatuses from '@salesforce/apex/LeadClaimController.getLeadStatuses';
import updateLeadStatus from '@salesforce/apex/LeadClaimController.updateLeadStatus';
import getConvertOptions from '@salesforce/apex/LeadConvertController.getConvertOptions';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type {
    ClaimCode,
    ClaimResult,
    LeadDetail as Lead,
    StatusOption
} from 'canal/apex/LeadClaimController';

jest.mock('@salesforce/apex/LeadClaimController.getLead', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/LeadClaimController.getLeadStatuses', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadClaimController.updateLeadStatus', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadConvertController.getConvertOptions', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetLead = jest.mocked(getLead);
const mockGetLeadStatuses = jest.mocked(getLeadStatuses);
const mockUpdateLeadStatus = jest.mocked(updateLeadStatus);
const mockGetConvertOptions = jest.mocked(getConvertOptions);
const mockNotify = jest.mocked(notifyRecordUpdateAvailable);

const LEAD_ID = '00Q000000000001AAA';
const OPPORTUNITY_ID = '006000000000001AAA';
const STATUSES: StatusOption[] = [
    { value: 'Open - Not Contacted', label: 'Abierto' },
    { value: 'Working - Contacted', label: 'En curso' }
];

type Stub = HTMLElement & Record<string, unknown>;

function lead(overrides: Partial<Lead> = {}): Lead {
    return {
        id: LEAD_ID,
        name: 'Ana Ruiz',
        company: 'Iberia Soluciones',
        status: 'Open - Not Contacted',
        statusLabel: 'Abierto',
        city: 'Madrid',
        country: 'Spain',
        createdDate: '2026-03-01T09:00:00.000Z',
        claimedAt: '2026-03-02T09:00:00.000Z',
        claimExpiresAt: '2026-03-04T09:00:00.000Z',
        email: 'ana@example.com',
        ownerName: 'Bruno Díaz',
        partnerAccountName: 'Iberia Soluciones',
        isConverted: false,
        convertedOpportunityId: null,
        canEdit: true,
        ...overrides
    };
}

function result(code: ClaimCode, opportunityId: string | null = null): ClaimResult {
    return {
        code,
        message: `server ${code}`,
        leadId: LEAD_ID,
        ownerId: null,
        claimedAt: null,
        opportunityId
    };
}

// Lets chained promises and the re-render they cause settle (fake timers leave microtasks alone).
function flush(): Promise<void> {
    return Array.from({ length: 20 }).reduce<Promise<void>>(
        (chain) => chain.then(() => undefined),
        Promise.resolve()
    );
}

async function render(props: Record<string, unknown> = { recordId: LEAD_ID }): Promise<HTMLElement> {
    const element = createElement('c-lead-detail', { is: LeadDetail });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flush();
    return element;
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function fieldText(element: HTMLElement, key: string): string {
    return $(element, `[data-field="${key}"]`).textContent!.trim();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
    $(element, selector).dispatchEvent(new CustomEvent('click'));
    await flush();
}

async function editTo(element: HTMLElement, status: string): Promise<void> {
    await click(element, '[data-action="edit"]');
    $(element, 'lightning-combobox').dispatchEvent(new CustomEvent('change', { detail: { value: status } }));
    await flush();
}

describe('c-lead-detail', () => {
    let toasts: Array<CustomEvent<{ message: string; variant: string }>>;
    let changed: Array<CustomEvent<ClaimResult>>;
    const onToast = (event: Event) => toasts.push(event as CustomEvent);
    const onChanged = (event: Event) => changed.push(event as CustomEvent<ClaimResult>);

    beforeEach(() => {
        toasts = [];
        changed = [];
        window.addEventListener('canaltoast', onToast);
        window.addEventListener('leadchanged', onChanged);
        mockNotify.mockResolvedValue(undefined);
        mockGetLeadStatuses.mockResolvedValue(STATUSES);
        mockGetLead.mockResolvedValue(lead());
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        window.removeEventListener('canaltoast', onToast);
        window.removeEventListener('leadchanged', onChanged);
        jest.resetAllMocks();
    });

    describe('read view', () => {
        it('shows the lead’s fields', async () => {
            const element = await render();

            expect(mockGetLead).toHaveBeenCalledWith({ leadId: LEAD_ID });
            expect($(element, '[data-id="title"]').textContent).toBe('Ana Ruiz');
            expect(fieldText(element, 'company')).toBe('Iberia Soluciones');
            expect($(element, '[data-field="email"] lightning-formatted-email').value).toBe(
                'ana@example.com'
            );
            expect(fieldText(element, 'city')).toBe('Madrid');
            expect(fieldText(element, 'country')).toBe('Spain');
            expect(fieldText(element, 'status')).toBe('Abierto');
            expect(fieldText(element, 'owner')).toBe('Bruno Díaz');
            expect(fieldText(element, 'partner')).toBe('Iberia Soluciones');
            expect($(element, '[data-field="claimedAt"] lightning-formatted-date-time').value).toBe(
                '2026-03-02T09:00:00.000Z'
            );
            expect($(element, '[data-field="expiresAt"] lightning-formatted-date-time').value).toBe(
                '2026-03-04T09:00:00.000Z'
            );
            expect($(element, '[data-action="edit"]').label).toBe('c.Canal_Action_Edit');
            expect($(element, '[data-action="convert"]').label).toBe('c.Canal_Action_Convert');
        });

        it('shows blanks as empty text and no Edit or Convert for a lead the user does not hold', async () => {
            mockGetLead.mockResolvedValue(
                lead({ canEdit: false, email: null, claimExpiresAt: null, city: null })
            );
            const element = await render();
            expect(fieldText(element, 'email')).toBe('');
            expect(fieldText(element, 'expiresAt')).toBe('');
            expect(fieldText(element, 'city')).toBe('');
            expect($(element, '[data-action="edit"]')).toBeNull();
            expect($(element, '[data-action="convert"]')).toBeNull();
        });

        it('links a converted lead to its opportunity', async () => {
            mockGetLead.mockResolvedValue(
                lead({ canEdit: false, isConverted: true, convertedOpportunityId: OPPORTUNITY_ID })
            );
            const element = await render();
            expect($(element, '[data-id="converted"]').textContent).toContain('c.Canal_Detail_Converted');
            const link = $(element, '[data-id="opportunity"]');
            expect(link.getAttribute('href')).toBe('/generated-url');
            const clickEvent = new CustomEvent('click', { cancelable: true });
            link.dispatchEvent(clickEvent);
            expect(clickEvent.defaultPrevented).toBe(true);
            expect(getNavigatedPageReference()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: OPPORTUNITY_ID, objectApiName: 'Opportunity', actionName: 'view' }
            });
        });

        it('shows a spinner while loading', async () => {
            mockGetLead.mockReturnValue(new Promise(() => undefined));
            const element = await render();
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Canal_Loading');
            expect($(element, '[data-id="title"]').textContent).toBe('c.Canal_Object_Lead');
        });

        it('shows c-error-panel when the lead cannot load', async () => {
            mockGetLead.mockRejectedValue({ body: { message: 'Insufficient access' } });
            const element = await render();
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Detail_Load_Error');
            expect($(element, '[data-id="fields"]')).toBeNull();
        });

        it('shows nothing to read without a record id', async () => {
            const element = await render({});
            expect(mockGetLead).not.toHaveBeenCalled();
            expect($(element, '[data-id="fields"]')).toBeNull();
            expect($(element, 'lightning-spinner')).toBeNull();
        });

        it('reads the new lead when the record id changes', async () => {
            const element = await render();
            mockGetLead.mockResolvedValue(lead({ id: '00Q000000000002AAA', name: 'Luis Gil' }));
            Object.assign(element, { recordId: '00Q000000000002AAA' });
            await flush();
            expect(mockGetLead).toHaveBeenLastCalledWith({ leadId: '00Q000000000002AAA' });
            expect($(element, '[data-id="title"]').textContent).toBe('Luis Gil');
        });
    });

    describe('edit', () => {
        it('Edit, choose a status, Save: back on the read view with the new value', async () => {
            mockUpdateLeadStatus.mockResolvedValue(result('UPDATED'));
            const element = await render();
            await click(element, '[data-action="edit"]');

            const combobox = $(element, 'lightning-combobox');
            expect(combobox.options).toEqual(STATUSES);
            expect(combobox.value).toBe('Open - Not Contacted');
            expect(combobox.label).toBe('c.Canal_Lead_Status');
            expect($(element, '[data-id="fields"]')).toBeNull();

            mockGetLead.mockResolvedValue(
                lead({ status: 'Working - Contacted', statusLabel: 'En curso', claimExpiresAt: null })
            );
            combobox.dispatchEvent(new CustomEvent('change', { detail: { value: 'Working - Contacted' } }));
            await flush();
            await click(element, '[data-action="save"]');

            expect(mockUpdateLeadStatus).toHaveBeenCalledWith({
                leadId: LEAD_ID,
                status: 'Working - Contacted'
            });
            expect($(element, '[data-id="edit-form"]')).toBeNull();
            expect(fieldText(element, 'status')).toBe('En curso');
            expect(fieldText(element, 'expiresAt')).toBe('');
            expect(toasts[0].detail).toMatchObject({
                message: 'c.Canal_Outcome_UPDATED',
                variant: 'success'
            });
            expect(changed.map((e) => e.detail.code)).toEqual(['UPDATED']);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: LEAD_ID }]);
            expect(mockGetLeadStatuses).toHaveBeenCalledTimes(1);
        });

        it('shows the new status label at once, before the lead is read again', async () => {
            mockUpdateLeadStatus.mockResolvedValue(result('UPDATED'));
            const element = await render();
            await editTo(element, 'Working - Contacted');
            mockGetLead.mockReturnValue(new Promise(() => undefined));
            await click(element, '[data-action="save"]');
            expect(fieldText(element, 'status')).toBe('En curso');
        });

        it('keeps the form open and shows INVALID_STATUS in place and as a toast', async () => {
            mockUpdateLeadStatus.mockResolvedValue(result('INVALID_STATUS'));
            const element = await render();
            await editTo(element, 'Closed - Converted');
            await click(element, '[data-action="save"]');

            expect($(element, '[data-id="edit-form"]')).not.toBeNull();
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe(
                'c.Canal_Outcome_INVALID_STATUS'
            );
            expect(toasts[0].detail).toMatchObject({
                message: 'c.Canal_Outcome_INVALID_STATUS',
                variant: 'error'
            });
            expect(changed).toHaveLength(0);
        });

        it('leaves the form and reads the lead again on NOT_OWNER', async () => {
            mockUpdateLeadStatus.mockResolvedValue(result('NOT_OWNER'));
            const element = await render();
            await editTo(element, 'Working - Contacted');
            mockGetLead.mockResolvedValue(lead({ canEdit: false, ownerName: 'Otra Persona' }));
            await click(element, '[data-action="save"]');

            expect($(element, '[data-id="edit-form"]')).toBeNull();
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe('c.Canal_Outcome_NOT_OWNER');
            expect(fieldText(element, 'owner')).toBe('Otra Persona');
            expect($(element, '[data-action="edit"]')).toBeNull();
        });

        it('returns to the read view on Cancel without saving', async () => {
            const element = await render();
            await editTo(element, 'Working - Contacted');
            await click(element, '[data-action="cancel"]');
            expect($(element, '[data-id="edit-form"]')).toBeNull();
            expect(fieldText(element, 'status')).toBe('Abierto');
            expect(mockUpdateLeadStatus).not.toHaveBeenCalled();
        });

        it('shows c-error-panel when saving fails, and when the statuses cannot load', async () => {
            mockGetLeadStatuses.mockRejectedValue(new Error('no statuses'));
            mockUpdateLeadStatus.mockRejectedValue({ body: { message: 'Locked' } });
            const element = await render();
            await editTo(element, 'Working - Contacted');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Action_Error');
            await click(element, '[data-action="save"]');
            expect($(element, 'c-error-panel')).not.toBeNull();
            expect($(element, '[data-id="edit-form"]')).not.toBeNull();
        });
    });

    describe('convert', () => {
        function converted(opportunityId: string | null): CustomEvent {
            return new CustomEvent('converted', {
                detail: {
                    code: 'CONVERTED',
                    message: 'server CONVERTED',
                    leadId: LEAD_ID,
                    accountId: '001000000000001AAA',
                    contactId: null,
                    opportunityId
                }
            });
        }

        beforeEach(() => {
            // The panel's own behaviour is c-lead-convert-panel's test; here it only has to open.
            mockGetConvertOptions.mockReturnValue(new Promise(() => undefined));
        });

        it('Convertir opens the convert panel for the lead, in place of Edit and Convertir', async () => {
            const element = await render();
            await click(element, '[data-action="convert"]');
            expect($(element, 'c-lead-convert-panel').leadId).toBe(LEAD_ID);
            expect($(element, '[data-action="edit"]')).toBeNull();
            expect($(element, '[data-action="convert"]')).toBeNull();
            expect($(element, '[data-id="fields"]')).not.toBeNull();
            await expect(element).toBeAccessible();
        });

        it('Cancel closes the panel, changes nothing and returns focus to Convertir', async () => {
            const focused: Element[] = [];
            const focus = jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(function (
                this: HTMLElement
            ) {
                focused.push(this);
            });
            const element = await render();
            await click(element, '[data-action="convert"]');
            $(element, 'c-lead-convert-panel').dispatchEvent(new CustomEvent('cancel'));
            await flush();
            focus.mockRestore();
            expect($(element, 'c-lead-convert-panel')).toBeNull();
            expect(focused[focused.length - 1]).toBe($(element, '[data-action="convert"]'));
            expect(changed).toHaveLength(0);
            expect(mockGetLead).toHaveBeenCalledTimes(1);
        });

        it('tells the page after a conversion into an opportunity (the panel opens it)', async () => {
            const element = await render();
            await click(element, '[data-action="convert"]');
            $(element, 'c-lead-convert-panel').dispatchEvent(converted(OPPORTUNITY_ID));
            await flush();
            expect($(element, 'c-lead-convert-panel')).toBeNull();
            expect(changed.map((e) => [e.detail.code, e.detail.opportunityId])).toEqual([
                ['CONVERTED', OPPORTUNITY_ID]
            ]);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: LEAD_ID }]);
        });

        it('reads the lead again after a conversion without an opportunity', async () => {
            const element = await render();
            mockGetLead.mockResolvedValue(lead({ canEdit: false, isConverted: true }));
            await click(element, '[data-action="convert"]');
            $(element, 'c-lead-convert-panel').dispatchEvent(converted(null));
            await flush();
            expect(mockGetLead).toHaveBeenCalledTimes(2);
            expect($(element, '[data-id="converted"]')).not.toBeNull();
            expect($(element, '[data-id="opportunity"]')).toBeNull();
        });
    });

    it('is accessible in the read view and in the edit form', async () => {
        const element = await render();
        await expect(element).toBeAccessible();
        await click(element, '[data-action="edit"]');
        await expect(element).toBeAccessible();
    });
});
