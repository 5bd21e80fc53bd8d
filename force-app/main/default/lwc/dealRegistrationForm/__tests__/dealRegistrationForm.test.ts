import DealRegistrationForm from 'c/dealRegistrationForm';
import {
    emptyDraft,
    newSubmitKey,
    toInput,
    todayIso,
    validateDraft,
    type Draft
} from 'c/dealRegistrationDraft';
import submitRegistration from '@salesforce/apex/DealRegistrationController.submitRegistration';
import type { SubmitCode, SubmitResult } from 'canal/apex/DealRegistrationController';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/DealRegistrationController.submitRegistration', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockSubmit = jest.mocked(submitRegistration);
const RECORD_ID = 'a0X000000000001AAA';

type Stub = HTMLElement & Record<string, any>;

function result(code: SubmitCode, overrides: Partial<SubmitResult> = {}): SubmitResult {
    return {
        code,
        message: `server ${code}`,
        recordId: code === 'SUBMITTED' ? RECORD_ID : null,
        status: code === 'SUBMITTED' ? 'Submitted' : null,
        fieldErrors: {},
        ...overrides
    };
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
}

function daysFromToday(days: number): string {
    const date = new Date();
    date.setDate(date.getDate() + days);
    return todayIso(date);
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

/** Stands in for the base components' constraint validation: records each field's custom message. */
function trackValidity(element: HTMLElement): Record<string, string> {
    const messages: Record<string, string> = {};
    element.shadowRoot!.querySelectorAll<Stub>('[data-field]').forEach((field) => {
        const name = field.dataset.field!;
        field.setCustomValidity = jest.fn((message: string) => {
            messages[name] = message;
        });
        field.reportValidity = jest.fn(() => !messages[name]);
        field.checkValidity = jest.fn(() => !messages[name]);
        field.focus = jest.fn();
    });
    return messages;
}

async function render(): Promise<{ element: HTMLElement; messages: Record<string, string> }> {
    const element = await mount('c-deal-registration-form', DealRegistrationForm);
    return { element, messages: trackValidity(element) };
}

async function fill(element: HTMLElement, overrides: Partial<Draft> = {}): Promise<void> {
    const values: Draft = {
        ...emptyDraft(),
        company: '  Cobre Industrial SL ',
        contactName: 'Lucía Pardo',
        contactEmail: 'lucia@cobre.example',
        contactPhone: '+34 600 000 000',
        country: 'España',
        taxId: '',
        productInterest: 'Canal Cloud',
        amount: '12000',
        closeDate: daysFromToday(30),
        description: 'Twenty seats',
        ...overrides
    };
    Object.entries(values).forEach(([field, value]) =>
        input(element, field).dispatchEvent(new CustomEvent('change', { detail: { value } }))
    );
    await flush();
}

describe('c-deal-registration-form', () => {
    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    describe('data', () => {
        it('opens empty with every field of a registration, company and e-mail required', async () => {
            const { element } = await render();

            expect($(element, '[data-id="heading"]').textContent.trim()).toBe('c.Canal_Deal_Register');
            for (const field of [
                'company',
                'contactName',
                'contactEmail',
                'contactPhone',
                'country',
                'taxId',
                'productInterest',
                'amount',
                'closeDate',
                'description'
            ]) {
                expect(input(element, field)).not.toBeNull();
                expect(input(element, field).value).toBe('');
            }
            expect(input(element, 'company').required).toBe(true);
            expect(input(element, 'contactEmail').required).toBe(true);
            expect(input(element, 'contactEmail').type).toBe('email');
            expect(input(element, 'taxId').required).toBeFalsy();
            expect(input(element, 'amount').min).toBe('0');
            expect(input(element, 'closeDate').type).toBe('date');
            expect(input(element, 'closeDate').min).toBe(todayIso());
            expect(input(element, 'company').maxLength).toBe(255);
            expect(mockSubmit).not.toHaveBeenCalled();
        });

        it('submits the draft once with a submit key; SUBMITTED says under review and tells the host', async () => {
            mockSubmit.mockResolvedValue(result('SUBMITTED'));
            const { element } = await render();
            const submitted = jest.fn();
            element.addEventListener('registrationsubmitted', submitted);
            await fill(element);

            await click(element, '[data-action="submit"]');

            expect(mockSubmit).toHaveBeenCalledTimes(1);
            const [{ input: sent, submitKey }] = mockSubmit.mock.calls[0];
            expect(sent).toEqual({
                company: 'Cobre Industrial SL',
                contactName: 'Lucía Pardo',
                contactEmail: 'lucia@cobre.example',
                contactPhone: '+34 600 000 000',
                country: 'España',
                taxId: null,
                productInterest: 'Canal Cloud',
                amount: 12000,
                closeDate: daysFromToday(30),
                description: 'Twenty seats'
            });
            expect(submitKey).toEqual(expect.any(String));
            expect(submitKey!.length).toBeGreaterThan(8);
            expect(submitted).toHaveBeenCalledTimes(1);
            expect(submitted.mock.calls[0][0].detail).toEqual({ recordId: RECORD_ID, status: 'Submitted' });
            expect(shownToasts()).toEqual([
                expect.objectContaining({ variant: 'success', message: 'c.Canal_Deal_Form_Submitted' })
            ]);
        });

        it('is accessible', async () => {
            const { element } = await render();
            await expect(element).toBeAccessible();
        });
    });

    describe('double submit', () => {
        it('a double click sends one request: the second click while the first is on its way does nothing', async () => {
            const answer = deferred<SubmitResult>();
            mockSubmit.mockReturnValue(answer.promise);
            const { element } = await render();
            await fill(element);
            const button = $(element, '[data-action="submit"]');

            button.dispatchEvent(new CustomEvent('click'));
            button.dispatchEvent(new CustomEvent('click'));
            await flush();
            expect(button.disabled).toBe(true);
            answer.resolve(result('SUBMITTED'));
            await flush();

            expect(mockSubmit).toHaveBeenCalledTimes(1);
            expect(button.disabled).toBe(false);
        });

        it('a retry after a lost answer carries the same key, so the server answers with the first registration', async () => {
            mockSubmit.mockRejectedValueOnce({ status: 500, body: { message: 'network' } });
            mockSubmit.mockResolvedValueOnce(result('SUBMITTED'));
            const { element } = await render();
            await fill(element);

            await click(element, '[data-action="submit"]');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Deal_Form_Submit_Error');
            await click(element, '[data-action="submit"]');

            expect(mockSubmit).toHaveBeenCalledTimes(2);
            expect(mockSubmit.mock.calls[1][0].submitKey).toBe(mockSubmit.mock.calls[0][0].submitKey);
        });

        it('after a refusal that created nothing, the next submit is a new attempt with a new key', async () => {
            mockSubmit.mockResolvedValueOnce(
                result('INVALID', { fieldErrors: { contactEmail: 'Correo no válido (servidor)' } })
            );
            mockSubmit.mockResolvedValueOnce(result('SUBMITTED'));
            const { element } = await render();
            await fill(element);

            await click(element, '[data-action="submit"]');
            await change(element, 'contactEmail', 'lucia@cobre-industrial.example');
            await click(element, '[data-action="submit"]');

            expect(mockSubmit).toHaveBeenCalledTimes(2);
            expect(mockSubmit.mock.calls[1][0].submitKey).not.toBe(mockSubmit.mock.calls[0][0].submitKey);
        });

        it('reset empties the form and opens it with a new key', async () => {
            mockSubmit.mockRejectedValue(new Error('lost'));
            const { element } = await render();
            await fill(element);
            await click(element, '[data-action="submit"]');
            (element as Stub).reset();
            await flush();
            expect(input(element, 'company').value).toBe('');
            await fill(element);
            await click(element, '[data-action="submit"]');
            expect(mockSubmit.mock.calls[1][0].submitKey).not.toBe(mockSubmit.mock.calls[0][0].submitKey);
        });
    });

    describe('field errors', () => {
        it('refuses a missing company and e-mail, a negative amount and a past close date in the browser', async () => {
            const { element, messages } = await render();
            await fill(element, {
                company: '  ',
                contactEmail: '',
                amount: '-1',
                closeDate: daysFromToday(-1)
            });

            await click(element, '[data-action="submit"]');

            expect(mockSubmit).not.toHaveBeenCalled();
            expect(messages).toMatchObject({
                company: 'c.Canal_Deal_Form_Company_Required',
                contactEmail: 'c.Canal_Deal_Form_Email_Required',
                amount: 'c.Canal_Deal_Form_Amount_Negative',
                closeDate: 'c.Canal_Deal_Form_Close_Date_Past',
                contactName: ''
            });
            expect($(element, '[data-id="notice"]').textContent).toContain('c.Canal_Deal_Form_Invalid');
            expect(input(element, 'company').focus).toHaveBeenCalled();
        });

        it('refuses an e-mail that is not an address, and accepts today as the close date', async () => {
            const { element, messages } = await render();
            await fill(element, { contactEmail: 'lucia-at-cobre', closeDate: todayIso() });

            await click(element, '[data-action="submit"]');

            expect(mockSubmit).not.toHaveBeenCalled();
            expect(messages.contactEmail).toBe('c.Canal_Deal_Form_Email_Invalid');
            expect(messages.closeDate).toBe('');
        });

        it('shows the server’s field errors on their fields, and clears one when the field changes', async () => {
            mockSubmit.mockResolvedValue(
                result('INVALID', {
                    fieldErrors: {
                        company: 'Empresa obligatoria (servidor)',
                        amount: 'Importe negativo (servidor)'
                    }
                })
            );
            const { element, messages } = await render();
            await fill(element);

            await click(element, '[data-action="submit"]');

            expect(messages.company).toBe('Empresa obligatoria (servidor)');
            expect(messages.amount).toBe('Importe negativo (servidor)');
            expect(messages.contactEmail).toBe('');
            expect(input(element, 'company').reportValidity).toHaveBeenCalled();
            expect($(element, '[data-id="notice"]').textContent).toContain('c.Canal_Deal_Form_Invalid');
            expect(shownToasts()[0]).toMatchObject({ variant: 'warning' });

            await change(element, 'company', 'Cobre SL');
            expect(messages.company).toBe('');
            expect(messages.amount).toBe('Importe negativo (servidor)');
        });

        it('shows a field error the form has no field for in the notice', async () => {
            mockSubmit.mockResolvedValue(
                result('INVALID', { fieldErrors: { website: 'Too long (server)' } })
            );
            const { element } = await render();
            await fill(element);
            await click(element, '[data-action="submit"]');
            expect($(element, '[data-id="notice"]').textContent).toContain('Too long (server)');
        });
    });

    describe('refusals', () => {
        it('CUSTOMER_PROTECTED is a clear message that names nobody, and nothing is submitted again', async () => {
            mockSubmit.mockResolvedValue(
                result('CUSTOMER_PROTECTED', { message: 'Este cliente está protegido por otro registro.' })
            );
            const { element, messages } = await render();
            const submitted = jest.fn();
            element.addEventListener('registrationsubmitted', submitted);
            await fill(element);

            await click(element, '[data-action="submit"]');

            const notice = $(element, '[data-id="notice"]');
            expect(notice.getAttribute('role')).toBe('alert');
            expect(notice.textContent.trim()).toBe('c.Canal_Deal_Form_Customer_Protected');
            expect(notice.className).toContain('slds-theme_error');
            expect(Object.values(messages).every((message) => message === '')).toBe(true);
            expect(submitted).not.toHaveBeenCalled();
            expect(shownToasts()).toEqual([
                expect.objectContaining({ message: 'c.Canal_Deal_Form_Customer_Protected' })
            ]);
        });

        it('another code (a newer server, TRY_AGAIN) shows the server’s translated message', async () => {
            mockSubmit.mockResolvedValue(result('TRY_AGAIN', { message: 'Inténtelo de nuevo.' }));
            const { element } = await render();
            await fill(element);
            await click(element, '[data-action="submit"]');
            expect($(element, '[data-id="notice"]').textContent).toContain('Inténtelo de nuevo.');
        });

        it('Cancel tells the host and sends nothing', async () => {
            const { element } = await render();
            const cancelled = jest.fn();
            element.addEventListener('registrationcancel', cancelled);
            await click(element, '[data-action="cancel"]');
            expect(cancelled).toHaveBeenCalledTimes(1);
            expect(mockSubmit).not.toHaveBeenCalled();
        });
    });
});

describe('c/dealRegistrationDraft', () => {
    const today = '2026-12-07';
    const valid: Draft = {
        ...emptyDraft(),
        company: 'Cobre SL',
        contactEmail: 'ana@cobre.example',
        amount: '0',
        closeDate: today
    };

    it('accepts a minimal registration (amount 0, close date today, optional fields blank)', () => {
        expect(validateDraft(valid, today)).toEqual({});
        expect(toInput(valid)).toMatchObject({
            amount: 0,
            contactName: null,
            taxId: null,
            description: null
        });
        expect(toInput({ ...valid, amount: '', closeDate: '' })).toMatchObject({
            amount: null,
            closeDate: null
        });
    });

    it('refuses what the server refuses', () => {
        expect(validateDraft({ ...valid, company: 'x'.repeat(256) }, today)).toEqual({
            company: 'c.Canal_Deal_Form_Too_Long'
        });
        expect(validateDraft({ ...valid, amount: 'abc' }, today)).toEqual({
            amount: 'c.Canal_Deal_Form_Too_Long'
        });
        expect(validateDraft({ ...valid, amount: '1e14' }, today)).toEqual({
            amount: 'c.Canal_Deal_Form_Too_Long'
        });
        expect(validateDraft({ ...valid, closeDate: '2026-02-30' }, today)).toEqual({
            closeDate: 'c.Canal_Deal_Form_Close_Date_Invalid'
        });
        expect(validateDraft({ ...valid, closeDate: '2026-12-06' }, today)).toEqual({
            closeDate: 'c.Canal_Deal_Form_Close_Date_Past'
        });
        expect(validateDraft({ ...valid, contactEmail: `${'a'.repeat(80)}@x.es` }, today)).toEqual({
            contactEmail: 'c.Canal_Deal_Form_Too_Long'
        });
    });

    it('makes a new key each time, also without crypto.randomUUID', () => {
        expect(newSubmitKey()).not.toBe(newSubmitKey());
        const cryptoApi = globalThis.crypto as { randomUUID?: unknown };
        const saved = cryptoApi?.randomUUID;
        try {
            if (cryptoApi) cryptoApi.randomUUID = undefined;
            const key = newSubmitKey(() => 0.5);
            expect(key).toMatch(/^[0-9a-f]+-80000000-80000000-80000000$/);
        } finally {
            if (cryptoApi) cryptoApi.randomUUID = saved;
        }
    });
});
