import LeadEditForm from 'c/leadEditForm';
import { validateValue } from 'c/leadFieldRules';
import describeLeadForm from '@salesforce/apex/LeadEditController.describeLeadForm';
import saveLead from '@salesforce/apex/LeadEditController.saveLead';
import type {
    LeadFieldDescription,
    LeadFormDescription,
    LeadSaveResult
} from 'canal/apex/LeadEditController';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/apex/LeadEditController.describeLeadForm', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadEditController.saveLead', () => ({ default: jest.fn() }), { virtual: true });

const mockDescribe = jest.mocked(describeLeadForm);
const mockSave = jest.mocked(saveLead);
const LEAD_ID = '00Q000000000001AAA';

type Stub = HTMLElement & Record<string, unknown> & { setCustomValidity(m: string): void };

function field(overrides: Partial<LeadFieldDescription>): LeadFieldDescription {
    return {
        apiName: 'Title',
        label: 'Cargo',
        type: 'text',
        required: false,
        updateable: true,
        length: 128,
        precision: 0,
        scale: 0,
        min: null,
        max: null,
        options: [],
        value: null,
        ...overrides
    };
}

const FIELDS: LeadFieldDescription[] = [
    field({ apiName: 'Company', label: 'Empresa', required: true, length: 255, value: 'Aceros Norte' }),
    field({ apiName: 'Phone', label: 'Teléfono', type: 'phone', length: 40, value: '+34 600 000 000' }),
    field({ apiName: 'Email', label: 'Correo', type: 'email', length: 80, value: 'a@ejemplo.com' }),
    field({ apiName: 'Website', label: 'Web', type: 'url', length: 255 }),
    field({
        apiName: 'NumberOfEmployees',
        label: 'Empleados',
        type: 'integer',
        length: 0,
        precision: 8,
        min: 0,
        max: 99999999,
        value: 12
    }),
    field({
        apiName: 'Rating',
        label: 'Valoración',
        type: 'picklist',
        options: [
            { value: 'Hot', label: 'Caliente' },
            { value: 'Cold', label: 'Frío' }
        ],
        value: 'Hot'
    }),
    field({ apiName: 'Description', label: 'Descripción', type: 'textarea', length: 32000 }),
    field({
        apiName: 'Street',
        label: 'Calle',
        type: 'textarea',
        length: 255,
        updateable: false,
        value: 'Gran Vía 1'
    })
];

function form(overrides: Partial<LeadFormDescription> = {}): LeadFormDescription {
    return { leadId: LEAD_ID, version: '1000', canEdit: true, fields: FIELDS, ...overrides };
}

function saved(overrides: Partial<LeadSaveResult> = {}): LeadSaveResult {
    return { code: 'SAVED', message: 'Guardado', version: '2000', fieldErrors: {}, ...overrides };
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-lead-edit-form', LeadEditForm, { leadId: LEAD_ID, ...props });
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

/** Records the messages each field is given, as the base components would show them. */
function spyValidity(element: HTMLElement): Record<string, string> {
    const messages: Record<string, string> = {};
    element.shadowRoot!.querySelectorAll<Stub>('[data-field]').forEach((input) => {
        const name = input.dataset.field!;
        Object.defineProperty(input, 'setCustomValidity', {
            configurable: true,
            value: (message: string) => {
                messages[name] = message;
            }
        });
    });
    return messages;
}

async function change(element: HTMLElement, apiName: string, value: string): Promise<void> {
    $(element, `[data-field="${apiName}"]`).dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flush();
}

async function click(element: HTMLElement, selector: string): Promise<void> {
    $(element, selector).dispatchEvent(new CustomEvent('click'));
    await flush();
}

describe('c-lead-edit-form', () => {
    beforeEach(() => {
        mockDescribe.mockResolvedValue(form());
    });

    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    it('renders the right input per type with values, limits and labels', async () => {
        const element = await render();
        expect(mockDescribe).toHaveBeenCalledWith({ leadId: LEAD_ID });
        const company = $(element, '[data-field="Company"]');
        expect(company.tagName).toBe('LIGHTNING-INPUT');
        expect(company.type).toBe('text');
        expect(company.required).toBe(true);
        expect(company.value).toBe('Aceros Norte');
        expect(company.messageWhenValueMissing).toBe('c.Canal_Edit_Error_Required');
        expect($(element, '[data-field="Phone"]').type).toBe('tel');
        expect($(element, '[data-field="Email"]').type).toBe('email');
        expect($(element, '[data-field="Email"]').maxLength).toBe(80);
        expect($(element, '[data-field="Email"]').messageWhenTypeMismatch).toBe('c.Canal_Edit_Error_Email');
        expect($(element, '[data-field="Website"]').type).toBe('url');
        const employees = $(element, '[data-field="NumberOfEmployees"]');
        expect(employees.type).toBe('number');
        expect(employees.min).toBe(0);
        expect(employees.step).toBe('1');
        expect(employees.value).toBe('12');
        const rating = $(element, '[data-field="Rating"]');
        expect(rating.tagName).toBe('LIGHTNING-COMBOBOX');
        expect(rating.options).toEqual([
            { label: 'c.Canal_Edit_None', value: '' },
            { label: 'Caliente', value: 'Hot' },
            { label: 'Frío', value: 'Cold' }
        ]);
        expect($(element, '[data-field="Description"]').tagName).toBe('LIGHTNING-TEXTAREA');
        expect($(element, '[data-field="Street"]').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('saves only the changed fields with the version it read, and says so', async () => {
        mockSave.mockResolvedValue(saved());
        const element = await render();
        const savedEvents: Array<CustomEvent<LeadSaveResult>> = [];
        element.addEventListener('saved', (e) => savedEvents.push(e as CustomEvent<LeadSaveResult>));
        await change(element, 'Phone', '+34 611 222 333');
        await change(element, 'Description', '  Llamado el lunes ');
        await change(element, 'Rating', '');
        // Changed and changed back (spaces aside): not a change, so not sent.
        await change(element, 'Email', 'otro@ejemplo.com');
        await change(element, 'Email', 'a@ejemplo.com');
        await change(element, 'Company', 'Aceros Sur');
        await change(element, 'Company', ' Aceros Norte ');
        await change(element, 'NumberOfEmployees', '13');
        await change(element, 'NumberOfEmployees', '12');
        await click(element, '[data-action="save"]');

        expect(mockSave).toHaveBeenCalledWith({
            leadId: LEAD_ID,
            values: { Phone: '+34 611 222 333', Description: 'Llamado el lunes', Rating: null },
            version: '1000'
        });
        expect(savedEvents).toHaveLength(1);
        expect(savedEvents[0].detail.code).toBe('SAVED');
        expect(shownToasts()[0]).toMatchObject({ message: 'Guardado', variant: 'success' });
    });

    it('shows client-side errors on their fields in the user’s language and sends nothing', async () => {
        const element = await render();
        const messages = spyValidity(element);
        await change(element, 'Email', 'no-es-correo');
        expect(messages.Email).toBe('c.Canal_Edit_Error_Email');
        await change(element, 'Phone', '12');
        await change(element, 'Company', '   ');
        await change(element, 'NumberOfEmployees', '-4');
        await click(element, '[data-action="save"]');

        expect(mockSave).not.toHaveBeenCalled();
        expect(messages).toMatchObject({
            Email: 'c.Canal_Edit_Error_Email',
            Phone: 'c.Canal_Edit_Error_Phone',
            Company: 'c.Canal_Edit_Error_Required',
            NumberOfEmployees: 'c.Canal_Edit_Error_Range',
            Website: ''
        });
        await expect(element).toBeAccessible();
    });

    it('puts the server’s field errors (validation rules) on their fields until the field changes', async () => {
        mockSave.mockResolvedValue(
            saved({
                code: 'INVALID',
                message: 'Revise los campos',
                version: null,
                fieldErrors: {
                    Phone: 'Regla: el teléfono debe ser español',
                    Email: 'Regla: use el dominio de la empresa'
                }
            })
        );
        const element = await render();
        const messages = spyValidity(element);
        await change(element, 'Phone', '+44 20 7946 0000');
        await change(element, 'Email', 'b@ejemplo.com');
        await click(element, '[data-action="save"]');

        // Each field shows its own server message, and every other field stays clean.
        const others = FIELDS.map((f) => f.apiName).filter((name) => name !== 'Phone' && name !== 'Email');
        const shown = (names: string[]) =>
            Object.fromEntries(names.map((name) => [name, messages[name] ?? '']));
        expect(messages.Phone).toBe('Regla: el teléfono debe ser español');
        expect(messages.Email).toBe('Regla: use el dominio de la empresa');
        expect(shown(others)).toEqual(Object.fromEntries(others.map((name) => [name, ''])));
        expect($(element, '[data-id="form-notice"]').textContent).toContain('Revise los campos');

        await change(element, 'Phone', '+34 600 999 888');
        expect(messages.Phone).toBe('');
        expect(messages.Email).toBe('Regla: use el dominio de la empresa');
        expect(shown(others)).toEqual(Object.fromEntries(others.map((name) => [name, ''])));
    });

    it('on STALE_RECORD saves nothing more, says why and offers Reload, which reads the lead again', async () => {
        mockSave.mockResolvedValue(
            saved({ code: 'STALE_RECORD', message: 'Otra persona lo ha modificado', version: null })
        );
        const element = await render();
        await change(element, 'Description', 'Nota');
        await click(element, '[data-action="save"]');

        expect($(element, '[data-id="form-notice"]').textContent).toContain('Otra persona lo ha modificado');
        expect($(element, '[data-action="save"]').disabled).toBe(true);
        await expect(element).toBeAccessible();

        mockDescribe.mockResolvedValue(form({ version: '3000', fields: [field({ value: 'Directora' })] }));
        await click(element, '[data-action="reload"]');
        expect(mockDescribe).toHaveBeenCalledTimes(2);
        expect($(element, '[data-id="form-notice"]')).toBeNull();
        expect($(element, '[data-field="Title"]').value).toBe('Directora');
        expect($(element, '[data-action="save"]').disabled).toBe(false);
    });

    it('shows c-error-panel when the save call fails, and stays open', async () => {
        mockSave.mockRejectedValue({ body: { message: 'boom' } });
        const element = await render();
        await change(element, 'Description', 'Nota');
        await click(element, '[data-action="save"]');
        expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Action_Error');
        expect($(element, '[data-field="Description"]')).not.toBeNull();
    });

    it('fires cancel on Cancel, and on Save with nothing changed', async () => {
        const element = await render();
        const cancels: Event[] = [];
        element.addEventListener('cancel', (e) => cancels.push(e));
        await click(element, '[data-action="cancel"]');
        await click(element, '[data-action="save"]');
        expect(cancels).toHaveLength(2);
        expect(mockSave).not.toHaveBeenCalled();
    });

    it('shows c-error-panel when the form cannot load', async () => {
        mockDescribe.mockRejectedValue({ body: { message: 'No encontrado' } });
        const element = await render();
        expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Edit_Load_Error');
        expect($(element, '[data-field]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says so when the field set holds no field the user can read', async () => {
        mockDescribe.mockResolvedValue(form({ fields: [] }));
        const element = await render();
        expect($(element, '[data-id="empty"]').textContent).toBe('c.Canal_Edit_Empty');
        await expect(element).toBeAccessible();
    });

    it('shows a spinner while loading', async () => {
        mockDescribe.mockReturnValue(new Promise(() => undefined));
        const element = await render();
        expect($(element, 'lightning-spinner')).not.toBeNull();
    });

    it('lists the values read-only in view mode, picklists by label, omitted and blank fields left out', async () => {
        const element = await render({ mode: 'view', omitFields: 'Company, Email' });
        const values = Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>('[data-value]')).map(
            (dd) => [dd.dataset.value, dd.textContent!.trim()]
        );
        expect(values).toEqual([
            ['Phone', '+34 600 000 000'],
            ['NumberOfEmployees', '12'],
            ['Rating', 'Caliente'],
            ['Street', 'Gran Vía 1']
        ]);
        expect($(element, '[data-action="save"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('validates like the server', () => {
        const number = field({ type: 'number', min: -10, max: 10, scale: 2 });
        expect(validateValue(number, 'abc')).toBe('c.Canal_Edit_Error_Number');
        expect(validateValue(number, '11')).toBe('c.Canal_Edit_Error_Range');
        expect(validateValue(number, '9.5')).toBe('');
        expect(validateValue(field({ type: 'integer', min: 0, max: 5 }), '1.5')).toBe(
            'c.Canal_Edit_Error_Integer'
        );
        expect(validateValue(field({ type: 'url' }), 'no es web')).toBe('c.Canal_Edit_Error_Url');
        expect(validateValue(field({ type: 'url' }), 'www.ejemplo.com')).toBe('');
        expect(validateValue(field({ type: 'date' }), '2026-13')).toBe('c.Canal_Edit_Error_Date');
        expect(validateValue(field({ length: 3 }), 'abcd')).toBe('c.Canal_Edit_Error_Too_Long');
        expect(
            validateValue(field({ type: 'picklist', options: [{ value: 'Hot', label: 'Caliente' }] }), 'Warm')
        ).toBe('c.Canal_Edit_Error_Picklist');
        expect(validateValue(field({ type: 'boolean' }), true)).toBe('');
        expect(validateValue(field({ type: 'phone' }), '+34 (91) 555-12-34')).toBe('');
        expect(validateValue(field({ type: 'phone' }), '1234567890123456')).toBe('c.Canal_Edit_Error_Phone');
    });
});
