import OpportunityForm from 'c/opportunityForm';
import { toInput, validateDraft, type Draft } from 'c/opportunityDraft';
import getOpportunity from '@salesforce/apex/OpportunityController.getOpportunity';
import getStages from '@salesforce/apex/OpportunityController.getStages';
import getAccountOptions from '@salesforce/apex/OpportunityController.getAccountOptions';
import saveOpportunity from '@salesforce/apex/OpportunityController.saveOpportunity';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { getNavigatedPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import type {
    AccountOption,
    OpportunityDetail,
    SaveCode,
    SaveResult,
    StageOption
} from 'canal/apex/OpportunityController';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/OpportunityController.getOpportunity', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.getStages', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.getAccountOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/OpportunityController.saveOpportunity', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockGetOpportunity = jest.mocked(getOpportunity);
const mockGetStages = jest.mocked(getStages);
const mockGetAccountOptions = jest.mocked(getAccountOptions);
const mockSave = jest.mocked(saveOpportunity);
const mockNotify = jest.mocked(notifyRecordUpdateAvailable);

const RECORD_ID = '006000000000001AAA';
const ACCOUNT_ID = '001000000000001AAA';
const OTHER_ACCOUNT_ID = '001000000000002AAA';
const STAGES: StageOption[] = [
    { value: 'Prospecting', label: 'Prospección', probability: 10, closed: false, won: false },
    { value: 'Qualification', label: 'Calificación', probability: 20, closed: false, won: false },
    { value: 'Closed Won', label: 'Cerrada ganada', probability: 100, closed: true, won: true }
];
const ACCOUNTS: AccountOption[] = [
    { id: ACCOUNT_ID, name: 'Cobre SL' },
    { id: OTHER_ACCOUNT_ID, name: 'Acero SA' }
];

type Stub = HTMLElement & Record<string, any>;

function detail(overrides: Partial<OpportunityDetail> = {}): OpportunityDetail {
    return {
        id: RECORD_ID,
        name: 'Cobre renewal',
        accountId: ACCOUNT_ID,
        accountName: 'Cobre SL',
        stageName: 'Prospecting',
        stageLabel: 'Prospección',
        amount: 1500.5,
        currencyIsoCode: 'EUR',
        closeDate: '2026-03-31',
        ownerName: 'Ana Ruiz',
        probability: 10,
        nextStep: 'Demo',
        description: 'Twenty seats',
        partnerAccountName: 'Iberia Soluciones',
        canEdit: true,
        ...overrides
    };
}

function result(code: SaveCode, overrides: Partial<SaveResult> = {}): SaveResult {
    return { code, message: `server ${code}`, recordId: RECORD_ID, fieldErrors: {}, ...overrides };
}

function draft(overrides: Partial<Draft> = {}): Draft {
    return {
        name: 'Deal',
        accountId: ACCOUNT_ID,
        stageName: 'Prospecting',
        amount: '',
        closeDate: '2026-03-31',
        nextStep: '',
        description: '',
        ...overrides
    };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-opportunity-form', OpportunityForm, props);
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function input(element: HTMLElement, field: string): Stub {
    return $(element, `[data-field="${field}"]`);
}

async function change(element: HTMLElement, field: string, value: unknown): Promise<void> {
    input(element, field).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flush();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
    $(element, selector).dispatchEvent(new CustomEvent('click'));
    await flush();
}

/**
 * Stands in for the base components' constraint validation: records the custom message each field is given and
 * answers reportValidity/checkValidity from it, as the real inputs do.
 */
function trackValidity(element: HTMLElement): Record<string, string> {
    const messages: Record<string, string> = {};
    element.shadowRoot!.querySelectorAll<Stub>('[data-field]').forEach((field) => {
        const name = field.dataset.field!;
        field.setCustomValidity = jest.fn((message: string) => {
            messages[name] = message;
        });
        field.reportValidity = jest.fn(() => !messages[name]);
        field.checkValidity = jest.fn(() => !messages[name]);
    });
    return messages;
}

async function fillNew(element: HTMLElement): Promise<void> {
    await change(element, 'name', '  Cobre expansion  ');
    await change(element, 'accountId', ACCOUNT_ID);
    await change(element, 'stageName', 'Qualification');
    await change(element, 'amount', '2500.75');
    await change(element, 'closeDate', '2026-04-30');
    await change(element, 'nextStep', '   ');
    await change(element, 'description', 'Ten more seats');
}

describe('c-opportunity-form', () => {
    beforeEach(() => {
        mockGetStages.mockResolvedValue(STAGES);
        mockGetAccountOptions.mockResolvedValue(ACCOUNTS);
        mockGetOpportunity.mockResolvedValue(detail());
        mockNotify.mockResolvedValue(undefined);
    });

    afterEach(() => {
        clearPage();
        jest.useRealTimers();
        jest.resetAllMocks();
    });

    describe('data', () => {
        it('opens empty for a new opportunity, with the stages and the customer accounts to choose from', async () => {
            const element = await render();

            expect(mockGetOpportunity).not.toHaveBeenCalled();
            expect(mockGetAccountOptions).toHaveBeenCalledWith({ searchTerm: null });
            expect($(element, '[data-id="heading"]').textContent).toBe('c.Canal_Opp_New');
            expect(input(element, 'name').value).toBe('');
            expect(input(element, 'name').required).toBe(true);
            expect(input(element, 'name').maxLength).toBe(120);
            expect(input(element, 'stageName').options).toEqual([
                { label: 'Prospección', value: 'Prospecting' },
                { label: 'Calificación', value: 'Qualification' },
                { label: 'Cerrada ganada', value: 'Closed Won' }
            ]);
            expect(input(element, 'accountId').options).toEqual([
                { label: 'Cobre SL', value: ACCOUNT_ID },
                { label: 'Acero SA', value: OTHER_ACCOUNT_ID }
            ]);
            expect(input(element, 'closeDate').type).toBe('date');
            expect(input(element, 'description').maxLength).toBe(32000);
            expect($(element, '[data-id="probability"]').value).toBe('');
            expect($(element, '[data-action="save"]').disabled).toBe(false);
        });

        it('opens an opportunity with its values for editing', async () => {
            const element = await render({ recordId: RECORD_ID });

            expect(mockGetOpportunity).toHaveBeenCalledWith({ recordId: RECORD_ID });
            expect($(element, '[data-id="heading"]').textContent).toBe('c.Canal_Opp_Form_Edit_Title');
            expect(input(element, 'name').value).toBe('Cobre renewal');
            expect(input(element, 'accountId').value).toBe(ACCOUNT_ID);
            expect(input(element, 'stageName').value).toBe('Prospecting');
            expect(input(element, 'amount').value).toBe('1500.5');
            expect(input(element, 'closeDate').value).toBe('2026-03-31');
            expect(input(element, 'nextStep').value).toBe('Demo');
            expect(input(element, 'description').value).toBe('Twenty seats');
            expect($(element, '[data-id="probability"]').value).toBe('10');
        });

        it('keeps the opportunity’s account in the choices even when the search does not list it', async () => {
            mockGetAccountOptions.mockResolvedValue([{ id: OTHER_ACCOUNT_ID, name: 'Acero SA' }]);
            mockGetOpportunity.mockResolvedValue(detail({ amount: null, nextStep: null, description: null }));
            const element = await render({ recordId: RECORD_ID });

            expect(input(element, 'accountId').options).toEqual([
                { label: 'Cobre SL', value: ACCOUNT_ID },
                { label: 'Acero SA', value: OTHER_ACCOUNT_ID }
            ]);
            expect(input(element, 'amount').value).toBe('');
            expect(input(element, 'nextStep').value).toBe('');
        });

        it('shows the probability of the chosen stage', async () => {
            const element = await render({ recordId: RECORD_ID });
            await change(element, 'stageName', 'Closed Won');
            expect($(element, '[data-id="probability"]').value).toBe('100');
            await change(element, 'stageName', null);
            expect($(element, '[data-id="probability"]').value).toBe('');
        });

        it('searches the accounts once typing pauses', async () => {
            jest.useFakeTimers();
            const element = await render({ recordId: RECORD_ID });
            mockGetAccountOptions.mockResolvedValue([{ id: OTHER_ACCOUNT_ID, name: 'Acero SA' }]);
            const search = $(element, '[data-id="account-search"]');
            search.dispatchEvent(new CustomEvent('change', { detail: { value: 'Ac' } }));
            search.dispatchEvent(new CustomEvent('change', { detail: { value: ' Acero ' } }));
            jest.advanceTimersByTime(300);
            await flush();

            expect(mockGetAccountOptions).toHaveBeenCalledTimes(2);
            expect(mockGetAccountOptions).toHaveBeenLastCalledWith({ searchTerm: 'Acero' });
            expect(input(element, 'accountId').options.map((o: { value: string }) => o.value)).toEqual([
                ACCOUNT_ID,
                OTHER_ACCOUNT_ID
            ]);

            search.dispatchEvent(new CustomEvent('change', { detail: { value: '' } }));
            jest.advanceTimersByTime(300);
            await flush();
            expect(mockGetAccountOptions).toHaveBeenLastCalledWith({ searchTerm: null });
        });

        it('shows an account search failure in place', async () => {
            jest.useFakeTimers();
            const element = await render();
            mockGetAccountOptions.mockRejectedValue({ body: { message: 'boom' } });
            $(element, '[data-id="account-search"]').dispatchEvent(
                new CustomEvent('change', { detail: { value: 'Zinc' } })
            );
            jest.advanceTimersByTime(300);
            await flush();
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Opp_Form_Load_Error');
            expect(input(element, 'name')).not.toBeNull();
        });

        it('reads the new opportunity when the record id changes', async () => {
            const element = await render({ recordId: RECORD_ID });
            mockGetOpportunity.mockResolvedValue(detail({ id: '006000000000002AAA', name: 'Zinc pilot' }));
            Object.assign(element, { recordId: '006000000000002AAA' });
            await flush();
            expect(mockGetOpportunity).toHaveBeenLastCalledWith({ recordId: '006000000000002AAA' });
            expect(input(element, 'name').value).toBe('Zinc pilot');
            expect(mockGetStages).toHaveBeenCalledTimes(1);
        });
    });

    describe('loading and errors', () => {
        it('shows a spinner while loading', async () => {
            mockGetOpportunity.mockReturnValue(new Promise(() => undefined));
            const element = await render({ recordId: RECORD_ID });
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Canal_Loading');
            expect(input(element, 'name')).toBeNull();
        });

        it('shows c-error-panel and only Cancel when the opportunity cannot load', async () => {
            mockGetOpportunity.mockRejectedValue({ body: { message: 'Not found' } });
            const element = await render({ recordId: RECORD_ID });
            const panel = $(element, 'c-error-panel');
            expect(panel.friendlyMessage).toBe('c.Canal_Opp_Form_Load_Error');
            expect(panel.errors).toEqual({ body: { message: 'Not found' } });
            expect(input(element, 'name')).toBeNull();
            expect($(element, '[data-action="save"]')).toBeNull();
            const cancelled = jest.fn();
            element.addEventListener('opportunitycancel', cancelled);
            await click(element, '[data-action="cancel"]');
            expect(cancelled).toHaveBeenCalledTimes(1);
            await expect(element).toBeAccessible();
        });

        it('shows a deal the user may not edit read-only, without Save', async () => {
            mockGetOpportunity.mockResolvedValue(detail({ canEdit: false }));
            const element = await render({ recordId: RECORD_ID });
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe(
                'c.Canal_Opp_Outcome_NOT_EDITABLE'
            );
            expect(input(element, 'name').disabled).toBe(true);
            expect($(element, '[data-action="save"]').disabled).toBe(true);
            await click(element, '[data-action="save"]');
            expect(mockSave).not.toHaveBeenCalled();
        });

        it('drops the answer of a record it no longer shows', async () => {
            const first = deferred<OpportunityDetail>();
            mockGetOpportunity.mockReturnValueOnce(first.promise);
            const element = await render({ recordId: RECORD_ID });
            mockGetOpportunity.mockResolvedValue(detail({ id: '006000000000002AAA', name: 'Second' }));
            Object.assign(element, { recordId: '006000000000002AAA' });
            await flush();
            first.resolve(detail({ name: 'First' }));
            await flush();
            expect(input(element, 'name').value).toBe('Second');
        });
    });

    describe('validation', () => {
        it('checks every field before saving and puts each message on its field', async () => {
            const element = await render();
            const messages = trackValidity(element);
            await click(element, '[data-action="save"]');

            expect(mockSave).not.toHaveBeenCalled();
            expect(messages).toEqual({
                name: 'c.Canal_Opp_Error_Name_Required',
                accountId: 'c.Canal_Opp_Error_Account_Required',
                stageName: 'c.Canal_Opp_Error_Stage_Invalid',
                amount: '',
                closeDate: 'c.Canal_Opp_Error_Close_Date_Required',
                nextStep: '',
                description: ''
            });
            expect(input(element, 'name').reportValidity).toHaveBeenCalled();
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe('c.Canal_Opp_Form_Invalid');
        });

        it('refuses a name too long, amounts out of range and a date that does not exist', async () => {
            const element = await render({ recordId: RECORD_ID });
            const messages = trackValidity(element);
            await change(element, 'name', 'x'.repeat(121));
            await change(element, 'amount', '-5');
            await change(element, 'closeDate', '2026-02-30');
            await change(element, 'nextStep', 'y'.repeat(256));
            await click(element, '[data-action="save"]');

            expect(mockSave).not.toHaveBeenCalled();
            expect(messages).toMatchObject({
                name: 'c.Canal_Opp_Error_Name_Too_Long',
                amount: 'c.Canal_Opp_Error_Amount_Range',
                closeDate: 'c.Canal_Opp_Error_Close_Date_Invalid',
                nextStep: 'c.Canal_Opp_Error_Next_Step_Too_Long',
                accountId: '',
                stageName: ''
            });
        });

        it('counts what the inputs themselves report invalid', async () => {
            const element = await render({ recordId: RECORD_ID });
            trackValidity(element);
            input(element, 'amount').checkValidity = jest.fn(() => false);
            await click(element, '[data-action="save"]');
            expect(mockSave).not.toHaveBeenCalled();
            expect($(element, '[data-id="notice"]')).not.toBeNull();
        });

        it('validates drafts as the server does', () => {
            expect(validateDraft(draft(), STAGES)).toEqual({});
            expect(validateDraft(draft({ stageName: 'Retired' }), STAGES)).toEqual({
                stageName: 'c.Canal_Opp_Error_Stage_Invalid'
            });
            expect(validateDraft(draft({ amount: '1000000000000' }), STAGES).amount).toBe(
                'c.Canal_Opp_Error_Amount_Range'
            );
            expect(validateDraft(draft({ amount: 'abc' }), STAGES).amount).toBe(
                'c.Canal_Opp_Error_Amount_Range'
            );
            expect(validateDraft(draft({ amount: '999999999999.99' }), STAGES)).toEqual({});
            expect(validateDraft(draft({ closeDate: '31/03/2026' }), STAGES).closeDate).toBe(
                'c.Canal_Opp_Error_Close_Date_Invalid'
            );
            expect(validateDraft(draft({ closeDate: '2028-02-29' }), STAGES)).toEqual({});
            expect(validateDraft(draft({ description: 'z'.repeat(32001) }), STAGES).description).toBe(
                'c.Canal_Opp_Error_Description_Too_Long'
            );
            expect(validateDraft(draft({ name: '   ' }), STAGES).name).toBe(
                'c.Canal_Opp_Error_Name_Required'
            );
        });

        it('sends trimmed text, blanks as null and the amount as a number', () => {
            expect(
                toInput(
                    draft({ name: ' Deal ', amount: ' 12.5 ', nextStep: '  ', description: ' ' }),
                    undefined
                )
            ).toEqual({
                id: null,
                name: 'Deal',
                accountId: ACCOUNT_ID,
                stageName: 'Prospecting',
                amount: 12.5,
                closeDate: '2026-03-31',
                nextStep: null,
                description: null
            });
            expect(
                toInput(draft({ nextStep: ' Call ', description: 'Line 1\nLine 2' }), RECORD_ID)
            ).toMatchObject({
                id: RECORD_ID,
                amount: null,
                nextStep: 'Call',
                description: 'Line 1\nLine 2'
            });
        });
    });

    describe('save and cancel', () => {
        it('saves a new opportunity, toasts, and tells the page which record was saved', async () => {
            mockSave.mockResolvedValue(result('SAVED', { recordId: '006000000000009AAA' }));
            const element = await render();
            const saved = jest.fn();
            element.addEventListener('opportunitysaved', saved);
            await fillNew(element);
            expect($(element, '[data-id="probability"]').value).toBe('20');
            const messages = trackValidity(element);
            await click(element, '[data-action="save"]');

            expect(mockSave).toHaveBeenCalledWith({
                input: {
                    id: null,
                    name: 'Cobre expansion',
                    accountId: ACCOUNT_ID,
                    stageName: 'Qualification',
                    amount: 2500.75,
                    closeDate: '2026-04-30',
                    nextStep: null,
                    description: 'Ten more seats'
                }
            });
            expect(Object.values(messages).every((message) => message === '')).toBe(true);
            expect(saved).toHaveBeenCalledTimes(1);
            expect(saved.mock.calls[0][0].detail).toEqual({ recordId: '006000000000009AAA' });
            expect(shownToasts()).toEqual([
                {
                    label: 'c.Canal_Toast_Success',
                    message: 'c.Canal_Opp_Outcome_SAVED',
                    variant: 'success',
                    mode: 'dismissible'
                }
            ]);
            expect(mockNotify).toHaveBeenCalledWith([{ recordId: '006000000000009AAA' }]);
            // Inside the list or the record page, the page decides where to go: the form navigates nowhere.
            expect(getNavigatedPageReference()).toBeUndefined();
        });

        it('on a page of its own, Save opens the new deal’s page and Cancel the Opportunities list', async () => {
            mockSave.mockResolvedValue(result('SAVED', { recordId: '006000000000009AAA' }));
            const element = await render({ standalone: true });
            await fillNew(element);
            await click(element, '[data-action="save"]');
            expect(getNavigatedPageReference()).toEqual({
                type: 'standard__recordPage',
                attributes: {
                    recordId: '006000000000009AAA',
                    objectApiName: 'Opportunity',
                    actionName: 'view'
                }
            });

            await click(element, '[data-action="cancel"]');
            expect(getNavigatedPageReference()).toEqual({
                type: 'standard__objectPage',
                attributes: { objectApiName: 'Opportunity', actionName: 'list', filterName: 'Default' }
            });
        });

        it('saves an edit with the record id', async () => {
            mockSave.mockResolvedValue(result('SAVED', { recordId: null }));
            const element = await render({ recordId: RECORD_ID });
            const saved = jest.fn();
            element.addEventListener('opportunitysaved', saved);
            await change(element, 'amount', '1750');
            await click(element, '[data-action="save"]');

            expect(mockSave.mock.calls[0][0].input).toMatchObject({ id: RECORD_ID, amount: 1750 });
            expect(saved.mock.calls[0][0].detail).toEqual({ recordId: RECORD_ID });
        });

        it('shows the server’s field errors on the fields and clears one when it changes', async () => {
            mockSave.mockResolvedValue(
                result('INVALID', {
                    fieldErrors: {
                        accountId: 'Esta cuenta no está disponible para usted.',
                        closeDate: 'Introduzca una fecha de cierre válida.',
                        probability: 'Not a form field'
                    }
                })
            );
            const element = await render({ recordId: RECORD_ID });
            const saved = jest.fn();
            element.addEventListener('opportunitysaved', saved);
            const messages = trackValidity(element);
            await click(element, '[data-action="save"]');

            expect(messages.accountId).toBe('Esta cuenta no está disponible para usted.');
            expect(messages.closeDate).toBe('Introduzca una fecha de cierre válida.');
            expect(messages.name).toBe('');
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe(
                'c.Canal_Opp_Outcome_INVALID Not a form field'
            );
            expect(shownToasts()[0]).toMatchObject({
                label: 'c.Canal_Toast_Warning',
                message: 'c.Canal_Opp_Outcome_INVALID',
                variant: 'warning',
                mode: 'dismissible'
            });
            expect(saved).not.toHaveBeenCalled();

            await change(element, 'accountId', OTHER_ACCOUNT_ID);
            expect(messages.accountId).toBe('');
            expect(messages.closeDate).toBe('Introduzca una fecha de cierre válida.');
            const nameCalls = input(element, 'name').setCustomValidity.mock.calls.length;
            await change(element, 'name', 'Renamed');
            expect(input(element, 'name').setCustomValidity).toHaveBeenCalledTimes(nameCalls);
            await expect(element).toBeAccessible();
        });

        it('shows an org validation rule’s own message when it names no field', async () => {
            mockSave.mockResolvedValue(result('INVALID', { message: 'Deals over 1M need approval.' }));
            const element = await render({ recordId: RECORD_ID });
            await click(element, '[data-action="save"]');
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe('Deals over 1M need approval.');
        });

        it.each<[SaveCode, string]>([
            ['NOT_FOUND', 'c.Canal_Opp_Outcome_NOT_FOUND'],
            ['NOT_EDITABLE', 'c.Canal_Opp_Outcome_NOT_EDITABLE']
        ])('says %s in place and as an error toast', async (code, label) => {
            mockSave.mockResolvedValue(result(code));
            const element = await render({ recordId: RECORD_ID });
            const saved = jest.fn();
            element.addEventListener('opportunitysaved', saved);
            await click(element, '[data-action="save"]');
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe(label);
            expect(shownToasts()[0]).toEqual({
                label: 'c.Canal_Toast_Error',
                message: label,
                variant: 'error',
                mode: 'sticky'
            });
            expect(saved).not.toHaveBeenCalled();
        });

        it('reads an unknown code from a newer server as an error', async () => {
            mockSave.mockResolvedValue(result('LOCKED' as SaveCode));
            const element = await render({ recordId: RECORD_ID });
            await click(element, '[data-action="save"]');
            expect(shownToasts()[0].variant).toBe('error');
            expect($(element, '[data-id="notice"]').textContent!.trim()).toBe('c.Canal_Toast_Error');
        });

        it('shows c-error-panel when the save fails and keeps the form', async () => {
            mockSave.mockRejectedValue({ body: { message: 'Something went wrong.' } });
            const element = await render({ recordId: RECORD_ID });
            await click(element, '[data-action="save"]');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Opp_Save_Error');
            expect(input(element, 'name').value).toBe('Cobre renewal');
            expect($(element, '[data-action="save"]').disabled).toBe(false);
        });

        it('disables Save while saving, so one click saves once', async () => {
            const pending = deferred<SaveResult>();
            mockSave.mockReturnValue(pending.promise);
            const element = await render({ recordId: RECORD_ID });
            await click(element, '[data-action="save"]');
            expect($(element, '[data-action="save"]').disabled).toBe(true);
            await click(element, '[data-action="save"]');
            expect(mockSave).toHaveBeenCalledTimes(1);
            pending.resolve(result('SAVED'));
            await flush();
            expect($(element, '[data-action="save"]').disabled).toBe(false);
        });

        it('dispatches opportunitycancel on Cancel without saving', async () => {
            const element = await render({ recordId: RECORD_ID });
            const cancelled = jest.fn();
            element.addEventListener('opportunitycancel', cancelled);
            await change(element, 'name', 'Changed');
            await click(element, '[data-action="cancel"]');
            expect(cancelled).toHaveBeenCalledTimes(1);
            expect(mockSave).not.toHaveBeenCalled();
        });

        it('ignores changes from elements that are not form fields', async () => {
            const element = await render({ recordId: RECORD_ID });
            $(element, '[data-id="probability"]').dispatchEvent(
                new CustomEvent('change', { detail: { value: '99' } })
            );
            await flush();
            expect($(element, '[data-id="probability"]').value).toBe('10');
        });
    });

    describe('accessibility', () => {
        it('is accessible when new', async () => {
            const element = await render();
            await expect(element).toBeAccessible();
        });

        it('is accessible with a notice after a refused save', async () => {
            mockSave.mockResolvedValue(result('NOT_EDITABLE'));
            const element = await render({ recordId: RECORD_ID });
            await click(element, '[data-action="save"]');
            await expect(element).toBeAccessible();
        });
    });
});
