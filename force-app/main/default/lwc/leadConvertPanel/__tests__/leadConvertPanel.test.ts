import LeadConvertPanel from 'c/leadConvertPanel';
import getConvertOptions from '@salesforce/apex/LeadConvertController.getConvertOptions';
import convertLead from '@salesforce/apex/LeadConvertController.convertLead';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type { ClaimCode } from 'canal/apex/LeadClaimController';
import type { ConvertOptions, ConvertResult } from 'canal/apex/LeadConvertController';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadConvertController.getConvertOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadConvertController.convertLead', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetOptions = jest.mocked(getConvertOptions);
const mockConvert = jest.mocked(convertLead);

const LEAD_ID = '00Q000000000001AAA';
const ACEROS = '001000000000001AAA';
const HOLDING = '001000000000002AAA';
const MARTA = '003000000000001AAA';
const OPPORTUNITY_ID = '006000000000001AAA';

type Stub = HTMLElement & Record<string, unknown>;

function options(overrides: Partial<ConvertOptions> = {}): ConvertOptions {
    return {
        code: 'OK',
        message: '',
        leadId: LEAD_ID,
        company: 'Aceros Ibérica',
        contactName: 'Marta Ruiz',
        email: 'marta@aceros.example',
        opportunityName: 'Aceros Ibérica - ',
        accounts: [
            {
                id: ACEROS,
                name: 'Aceros Ibérica',
                matchedBy: 'NAME',
                contacts: [{ id: MARTA, name: 'Marta Ruiz', email: 'marta@aceros.example' }]
            },
            { id: HOLDING, name: 'Grupo Aceros', matchedBy: 'DOMAIN', contacts: [] }
        ],
        statuses: [
            { value: 'Closed - Converted', label: 'Convertido' },
            { value: 'Qualified', label: 'Cualificado' }
        ],
        defaultStatus: 'Closed - Converted',
        ...overrides
    };
}

function result(code: ClaimCode, opportunityId: string | null = null): ConvertResult {
    return {
        code,
        message: `server ${code}`,
        leadId: LEAD_ID,
        accountId: code === 'CONVERTED' ? ACEROS : null,
        contactId: null,
        opportunityId
    };
}

function render(leadId: string | undefined = LEAD_ID): Promise<HTMLElement> {
    return mount('c-lead-convert-panel', LeadConvertPanel, { leadId });
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function $$(element: HTMLElement, selector: string): Stub[] {
    return Array.from(element.shadowRoot!.querySelectorAll<Stub>(selector));
}

function radioLabels(element: HTMLElement, group: string): string[] {
    return $$(element, `[data-id="${group}"] .slds-radio`).map((radio) => radio.textContent!.trim());
}

async function choose(element: HTMLElement, kind: 'account' | 'contact', value: string): Promise<void> {
    const radio = $$(element, `input[data-choice="${kind}"]`).find((input) => input.value === value)!;
    (radio as unknown as HTMLInputElement).checked = true;
    radio.dispatchEvent(new CustomEvent('change'));
    await flush();
}

async function change(element: HTMLElement, field: string, detail: Record<string, unknown>): Promise<void> {
    $(element, `[data-field="${field}"]`).dispatchEvent(new CustomEvent('change', { detail }));
    await flush();
}

async function click(element: HTMLElement, action: string): Promise<void> {
    $(element, `[data-action="${action}"]`).dispatchEvent(new CustomEvent('click'));
    await flush();
}

function summary(element: HTMLElement): string[] {
    return $$(element, '[data-summary]').map((line) => line.textContent!.trim());
}

describe('c-lead-convert-panel', () => {
    beforeEach(() => {
        mockGetOptions.mockResolvedValue(options());
    });

    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    describe('data', () => {
        it('offers a new account and the matches, prefills the opportunity and moves focus to the panel', async () => {
            const element = await render();
            expect(mockGetOptions).toHaveBeenCalledWith({ leadId: LEAD_ID });
            expect($(element, '[data-id="convert-title"]').textContent!.trim()).toBe('c.Canal_Convert_Title');
            expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="convert-title"]'));
            expect($(element, '[data-id="account-group"] legend').textContent!.trim()).toBe(
                'c.Canal_Convert_Account_Legend'
            );
            expect(radioLabels(element, 'account-group')).toEqual([
                'c.Canal_Convert_Account_New',
                'c.Canal_Convert_Account_Existing',
                'c.Canal_Convert_Account_Existing'
            ]);
            const checked = $$(element, 'input[data-choice="account"]').map(
                (input) => (input as unknown as HTMLInputElement).checked
            );
            expect(checked).toEqual([true, false, false]);
            expect($(element, '[data-id="contact-group"]')).toBeNull();
            expect($(element, '[data-field="opportunityName"]').value).toBe('Aceros Ibérica - ');
            expect($(element, '[data-field="opportunityName"]').required).toBe(true);
            expect($(element, '[data-field="status"]').value).toBe('Closed - Converted');
            expect($(element, '[data-field="status"]').options).toEqual([
                { value: 'Closed - Converted', label: 'Convertido' },
                { value: 'Qualified', label: 'Cualificado' }
            ]);
            expect($(element, '[data-id="summary-list"]').getAttribute('aria-live')).toBe('polite');
            expect(summary(element)).toEqual([
                'c.Canal_Convert_Summary_New_Account',
                'c.Canal_Convert_Summary_New_Contact',
                'c.Canal_Convert_Summary_Opportunity'
            ]);
        });

        it('shows the matching contacts of a chosen account and summarises the choice', async () => {
            const element = await render();
            await choose(element, 'account', ACEROS);
            expect(radioLabels(element, 'contact-group')).toEqual([
                'c.Canal_Convert_Contact_New',
                'c.Canal_Convert_Contact_Existing'
            ]);
            await choose(element, 'contact', MARTA);
            expect(summary(element)).toEqual([
                'c.Canal_Convert_Summary_Existing_Account',
                'c.Canal_Convert_Summary_Existing_Contact',
                'c.Canal_Convert_Summary_Opportunity'
            ]);
            // Another account: its own contacts (none here), and a new contact again.
            await choose(element, 'account', HOLDING);
            expect($(element, '[data-id="contact-group"]')).toBeNull();
            expect(summary(element)[1]).toBe('c.Canal_Convert_Summary_New_Contact');
        });

        it('converts into the chosen account and contact with name, amount, close date and status', async () => {
            mockConvert.mockResolvedValue(result('CONVERTED', OPPORTUNITY_ID));
            const element = await render();
            const converted: Array<CustomEvent<ConvertResult>> = [];
            element.addEventListener('converted', (event) => converted.push(event as CustomEvent));
            await choose(element, 'account', ACEROS);
            await choose(element, 'contact', MARTA);
            await change(element, 'opportunityName', { value: '  Aceros Ibérica - Laminado  ' });
            await change(element, 'amount', { value: '48000' });
            await change(element, 'closeDate', { value: '2026-06-30' });
            await change(element, 'status', { value: 'Qualified' });
            await click(element, 'confirm-convert');

            expect(mockConvert).toHaveBeenCalledWith({
                request: {
                    leadId: LEAD_ID,
                    accountId: ACEROS,
                    contactId: MARTA,
                    doNotCreateOpportunity: false,
                    opportunityName: 'Aceros Ibérica - Laminado',
                    amount: 48000,
                    closeDate: '2026-06-30',
                    convertedStatus: 'Qualified'
                }
            });
            expect(shownToasts()[0]).toMatchObject({
                message: 'c.Canal_Outcome_CONVERTED',
                variant: 'success'
            });
            expect(converted.map((event) => event.detail.opportunityId)).toEqual([OPPORTUNITY_ID]);
            expect(getNavigatedPageReference()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: OPPORTUNITY_ID, objectApiName: 'Opportunity', actionName: 'view' }
            });
        });

        it('converts without an opportunity: the opportunity fields are disabled and not sent', async () => {
            mockConvert.mockResolvedValue(result('CONVERTED'));
            const element = await render();
            const before = getNavigatedPageReference();
            const converted: Event[] = [];
            element.addEventListener('converted', (event) => converted.push(event));
            await change(element, 'amount', { value: '10' });
            await change(element, 'noOpportunity', { checked: true });
            expect($(element, '[data-field="opportunityName"]').disabled).toBe(true);
            expect($(element, '[data-field="opportunityName"]').required).toBe(false);
            expect(summary(element)[2]).toBe('c.Canal_Convert_Summary_No_Opportunity');
            await change(element, 'opportunityName', { value: '' });
            await click(element, 'confirm-convert');

            expect(mockConvert).toHaveBeenCalledWith({
                request: expect.objectContaining({
                    accountId: null,
                    contactId: null,
                    doNotCreateOpportunity: true,
                    opportunityName: null,
                    amount: null
                })
            });
            expect(converted).toHaveLength(1);
            expect(getNavigatedPageReference()).toBe(before);
        });

        it('keeps a blank opportunity name or a negative amount from the server and says so in place', async () => {
            const element = await render();
            const name = $(element, '[data-field="opportunityName"]');
            const amount = $(element, '[data-field="amount"]');
            name.setCustomValidity = jest.fn();
            name.reportValidity = jest.fn();
            amount.setCustomValidity = jest.fn();
            amount.reportValidity = jest.fn();
            await change(element, 'opportunityName', { value: '   ' });
            await click(element, 'confirm-convert');
            expect(name.setCustomValidity).toHaveBeenLastCalledWith(
                'c.Canal_Convert_Opportunity_Name_Required'
            );
            expect(name.reportValidity).toHaveBeenCalled();

            await change(element, 'opportunityName', { value: 'Aceros - X' });
            await change(element, 'amount', { value: '-5' });
            await click(element, 'confirm-convert');
            expect(name.setCustomValidity).toHaveBeenLastCalledWith('');
            expect(amount.setCustomValidity).toHaveBeenLastCalledWith('c.Canal_Convert_Amount_Negative');
            expect(mockConvert).not.toHaveBeenCalled();
        });

        it.each(['ACCOUNT_NOT_VISIBLE', 'NOT_OWNER', 'TRY_AGAIN'] as ClaimCode[])(
            'shows %s in place, converts nothing and stays',
            async (code) => {
                mockConvert.mockResolvedValue(result(code));
                const element = await render();
                const converted: Event[] = [];
                element.addEventListener('converted', (event) => converted.push(event));
                const before = getNavigatedPageReference();
                await choose(element, 'account', HOLDING);
                await click(element, 'confirm-convert');
                expect($(element, '[data-id="notice"]').textContent!.trim()).toBe(`c.Canal_Outcome_${code}`);
                expect($(element, '[data-id="notice"]').getAttribute('role')).toBe('alert');
                expect(shownToasts()[0].message).toBe(`c.Canal_Outcome_${code}`);
                expect(converted).toHaveLength(0);
                expect(getNavigatedPageReference()).toBe(before);
                expect($(element, '[data-id="account-group"]')).not.toBeNull();
            }
        );

        it('fires cancel on Cancel and on Escape, and converts nothing', async () => {
            const element = await render();
            const cancelled: Event[] = [];
            element.addEventListener('cancel', (event) => cancelled.push(event));
            await click(element, 'cancel-convert');
            $(element, '[data-id="convert-panel"]').dispatchEvent(
                new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })
            );
            $(element, '[data-id="convert-panel"]').dispatchEvent(
                new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })
            );
            expect(cancelled).toHaveLength(2);
            expect(mockConvert).not.toHaveBeenCalled();
        });

        it('is accessible with matches, with a chosen account and its contacts', async () => {
            const element = await render();
            await expect(element).toBeAccessible();
            await choose(element, 'account', ACEROS);
            await expect(element).toBeAccessible();
        }, 30_000);
    });

    describe('empty', () => {
        it('says no customer matches, and offers no status choice when there is one status', async () => {
            mockGetOptions.mockResolvedValue(
                options({ accounts: [], statuses: [{ value: 'Closed - Converted', label: 'Convertido' }] })
            );
            const element = await render();
            expect(radioLabels(element, 'account-group')).toEqual(['c.Canal_Convert_Account_New']);
            expect($(element, '[data-id="no-matches"]').textContent!.trim()).toBe(
                'c.Canal_Convert_No_Matches'
            );
            expect($(element, '[data-field="status"]')).toBeNull();
            await expect(element).toBeAccessible();
        }, 30_000);
    });

    describe('error', () => {
        it('shows c-error-panel when the options cannot load, with Cancel still there', async () => {
            mockGetOptions.mockRejectedValue({ body: { message: 'Boom' } });
            const element = await render();
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Convert_Load_Error');
            expect($(element, '[data-action="confirm-convert"]').disabled).toBe(true);
            expect($(element, '[data-action="cancel-convert"]')).not.toBeNull();
            await expect(element).toBeAccessible();
        }, 30_000);

        it('says why a lead the rep does not hold cannot be converted', async () => {
            mockGetOptions.mockResolvedValue(options({ code: 'NOT_OWNER', accounts: [], statuses: [] }));
            const element = await render();
            expect($(element, '[data-id="refusal"]').textContent!.trim()).toBe('c.Canal_Outcome_NOT_OWNER');
            expect($(element, '[data-id="account-group"]')).toBeNull();
            expect($(element, '[data-action="confirm-convert"]').disabled).toBe(true);
            await expect(element).toBeAccessible();
        }, 30_000);

        it('shows c-error-panel above the form when converting fails', async () => {
            mockConvert.mockRejectedValue({ body: { message: 'Locked' } });
            const element = await render();
            await click(element, 'confirm-convert');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Action_Error');
            expect($(element, '[data-id="account-group"]')).not.toBeNull();
            await expect(element).toBeAccessible();
        }, 30_000);

        it('shows c-error-panel without a lead id', async () => {
            const element = await render('');
            expect(mockGetOptions).not.toHaveBeenCalled();
            expect($(element, 'c-error-panel')).not.toBeNull();
            // The reason is a translated label, never hard-coded English.
            expect(($(element, 'c-error-panel').errors as Error).message).toBe('c.Canal_Outcome_INVALID_ID');
        });
    });
});
