import LeadDetail from 'c/leadDetail';
import getLead from '@salesforce/apex/LeadClaimController.getLead';
import getConvertOptions from '@salesforce/apex/LeadConvertController.getConvertOptions';
import describeLeadForm from '@salesforce/apex/LeadEditController.describeLeadForm';
import saveLead from '@salesforce/apex/LeadEditController.saveLead';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { ClaimResult, LeadDetail as Lead } from 'canal/apex/LeadClaimController';
import type { LeadFormDescription } from 'canal/apex/LeadEditController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadClaimController.getLead', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/LeadEditController.describeLeadForm', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadEditController.saveLead', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadConvertController.getConvertOptions', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetLead = jest.mocked(getLead);
const mockGetConvertOptions = jest.mocked(getConvertOptions);
const mockDescribe = jest.mocked(describeLeadForm);
const mockSaveLead = jest.mocked(saveLead);
const mockNotify = jest.mocked(notifyRecordUpdateAvailable);

const LEAD_ID = '00Q000000000001AAA';
const OPPORTUNITY_ID = '006000000000001AAA';
const FORM: LeadFormDescription = {
    leadId: LEAD_ID,
    version: '1000',
    canEdit: true,
    fields: [
        {
            apiName: 'Phone',
            label: 'Teléfono',
            type: 'phone',
            required: false,
            updateable: true,
            length: 40,
            precision: 0,
            scale: 0,
            min: null,
            max: null,
            options: [],
            value: '+34 600 000 000'
        },
        {
            apiName: 'Email',
            label: 'Correo',
            type: 'email',
            required: false,
            updateable: true,
            length: 80,
            precision: 0,
            scale: 0,
            min: null,
            max: null,
            options: [],
            value: 'ana@example.com'
        }
    ]
};

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

function render(props: Record<string, unknown> = { recordId: LEAD_ID }): Promise<HTMLElement> {
    return mount('c-lead-detail', LeadDetail, props);
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

function form(element: HTMLElement): Stub {
    return $(element, '[data-id="editor"]');
}

describe('c-lead-detail', () => {
    let changed: Array<CustomEvent<ClaimResult>>;
    const onChanged = (event: Event) => changed.push(event as CustomEvent<ClaimResult>);

    beforeEach(() => {
        changed = [];
        window.addEventListener('leadchanged', onChanged);
        mockNotify.mockResolvedValue(undefined);
        mockDescribe.mockResolvedValue(FORM);
        mockGetLead.mockResolvedValue(lead());
    });

    afterEach(() => {
        clearPage();
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
        it('shows the field set values under the lead’s own fields', async () => {
            const element = await render();
            const view = $(element, '[data-id="field-set-view"]');
            expect(view.mode).toBe('view');
            expect(view.omitFields).toBe('Company,Email,City,Country,Status');
            const phone = view.shadowRoot!.querySelector('[data-value="Phone"]')!;
            expect(phone.textContent!.trim()).toBe('+34 600 000 000');
            expect(view.shadowRoot!.querySelector('[data-value="Email"]')).toBeNull();
        });

        it('Editar opens the full form; after it saves, the page is told and the lead read again', async () => {
            const element = await render();
            await click(element, '[data-action="edit"]');
            const editor = form(element);
            expect(editor.mode).toBe('edit');
            expect(editor.leadId).toBe(LEAD_ID);
            expect($(element, '[data-id="fields"]')).toBeNull();
            expect($(element, '[data-action="edit"]')).toBeNull();

            mockGetLead.mockResolvedValue(lead({ email: 'nuevo@example.com', claimExpiresAt: null }));
            editor.dispatchEvent(
                new CustomEvent('saved', {
                    detail: { code: 'SAVED', message: 'Guardado', version: '2000', fieldErrors: {} }
                })
            );
            await flush();

            expect(form(element)).toBeNull();
            expect($(element, '[data-field="email"] lightning-formatted-email').value).toBe(
                'nuevo@example.com'
            );
            expect(fieldText(element, 'expiresAt')).toBe('');
            expect(changed.map((e) => e.detail.code)).toEqual(['UPDATED']);
            expect(changed[0].detail.leadId).toBe(LEAD_ID);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: LEAD_ID }]);
            expect(mockGetLead).toHaveBeenCalledTimes(2);
        });

        it('returns to the read view on cancel without saving', async () => {
            const element = await render();
            await click(element, '[data-action="edit"]');
            form(element).dispatchEvent(new CustomEvent('cancel'));
            await flush();
            expect(form(element)).toBeNull();
            expect(fieldText(element, 'status')).toBe('Abierto');
            expect(mockSaveLead).not.toHaveBeenCalled();
            expect(changed).toHaveLength(0);
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
