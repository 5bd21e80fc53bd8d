import { TextDecoder as NodeTextDecoder } from 'node:util';
import Papa from 'papaparse';
import LeadPublisher from 'c/leadPublisher';
import getQueues from '@salesforce/apex/LeadPublicationController.getQueues';
import previewLeads from '@salesforce/apex/LeadPublicationController.previewLeads';
import publishLeads from '@salesforce/apex/LeadPublicationController.publishLeads';
import { loadScript } from 'lightning/platformResourceLoader';
import type { PublishPreview, PublishResult } from 'canal/apex/LeadPublicationController';
import { clearPage, flush, mount } from '../../../../../test/jest-utils/lwcTest';

jest.mock('@salesforce/customPermission/Canal_Publish_Leads', () => ({ default: true }), { virtual: true });
jest.mock('@salesforce/apex/LeadPublicationController.getQueues', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadPublicationController.previewLeads', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/LeadPublicationController.publishLeads', () => ({ default: jest.fn() }), {
    virtual: true
});
// The labels whose text the tests read (the rest resolve to their names).
jest.mock('@salesforce/label/c.Canal_Publish_Page_Too_Large', () => ({ default: 'Larger than {0} MB.' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Canal_Publish_Page_Too_Many_Rows',
    () => ({ default: '{0} rows; at most {1}.' }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Canal_Publish_Page_Empty', () => ({ default: 'No rows.' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Publish_Page_Unreadable', () => ({ default: 'Unreadable.' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Canal_Publish_Page_Read_As',
    () => ({ default: '{0}: {1} rows read as {2}, separated by "{3}".' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Canal_Publish_Page_Unknown_Columns',
    () => ({ default: 'Columns ignored: {0}' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Canal_Publish_Page_Summary',
    () => ({ default: 'Ready: {0}. Duplicates: {1}. Errors: {2}.' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Canal_Publish_Page_Result',
    () => ({ default: 'Published {0} leads to {1}. Duplicates skipped: {2}. Errors: {3}.' }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Canal_Publish_Page_Showing', () => ({ default: 'Showing {0} of {1} rows.' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Publish_Field_Last_Name', () => ({ default: 'Apellidos' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Publish_Page_Submit', () => ({ default: 'Publish' }), { virtual: true });

// Browsers have TextDecoder; jsdom does not: Node's (full ICU, windows-1252 included) stands in.
Object.assign(globalThis, { TextDecoder: NodeTextDecoder });

const mockGetQueues = getQueues as unknown as jest.Mock;
const mockPreview = previewLeads as unknown as jest.Mock;
const mockPublish = publishLeads as unknown as jest.Mock;
const mockLoadScript = loadScript as unknown as jest.Mock;

const QUEUES = [
    { developerName: 'Canal_Partner_Pool', name: 'Partner pool' },
    { developerName: 'Canal_North', name: 'North' }
];
/** A trade-show export: semicolons, Spanish headers, Windows-1252, three good rows, one bad (no last name). */
const EXPO = [
    'Nombre;Apellidos;Empresa;Correo electrónico;Teléfono;Notas',
    'José;Muñoz;Señales SL;jose@senales.example;+34 600 000 001;VIP',
    'Ana;Gil;Gil SL;ana@gil.example;;',
    ';;;;;',
    'Eva;Ruiz;=1+1;eva@ruiz.example;;',
    'Luis;;Sin Apellido SA;luis@sin.example;;'
].join('\r\n');
const PREVIEW: PublishPreview = {
    valid: 2,
    duplicates: [
        {
            index: 1,
            match: 'EMAIL',
            leadId: '00Q000000000001AAA',
            duplicateOfIndex: null,
            message: 'Posible duplicado.'
        }
    ],
    errors: [{ index: 3, field: 'lastName', code: 'REQUIRED', message: 'Este valor es obligatorio.' }]
};
const RESULT: PublishResult = {
    publicationId: 'a02000000000001AAA',
    created: 2,
    duplicates: PREVIEW.duplicates,
    errors: PREVIEW.errors
};

function csvFile(content: BlobPart, name = 'expo.csv'): File {
    return new File([content], name, { type: 'text/csv' });
}
const windows1252 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(Buffer.from(text, 'latin1'));

/** Lets FileReader (a task, not a microtask) and the promises after it finish. */
async function settle(turns = 5): Promise<void> {
    if (turns === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await flush();
    await settle(turns - 1);
}

const $ = (element: HTMLElement, id: string) =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`) as HTMLElement & Record<string, unknown>;

async function choose(element: HTMLElement, file: File): Promise<void> {
    $(element, 'file').dispatchEvent(new CustomEvent('change', { detail: { files: [file] } }));
    await settle();
}

function render(): Promise<HTMLElement> {
    return mount('c-lead-publisher', LeadPublisher);
}

describe('c-lead-publisher', () => {
    beforeEach(() => {
        mockGetQueues.mockResolvedValue(QUEUES);
        mockPreview.mockResolvedValue(PREVIEW);
        mockPublish.mockResolvedValue(RESULT);
        mockLoadScript.mockResolvedValue(undefined);
        (window as unknown as { Papa?: unknown }).Papa = Papa;
    });
    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    it('offers the file input and loads the queues, nothing else before a file', async () => {
        const element = await render();
        expect($(element, 'title').textContent).toBe('c.Canal_Publish_Page_Title');
        expect($(element, 'file')).not.toBeNull();
        expect(mockGetQueues).toHaveBeenCalledTimes(1);
        expect($(element, 'publish-form')).toBeNull();
        expect($(element, 'preview')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('reads a Windows-1252 semicolon file with Spanish headers and previews it with the bad row in Spanish', async () => {
        const element = await render();
        await choose(element, csvFile(windows1252(EXPO)));

        expect(mockLoadScript).toHaveBeenCalledWith(expect.any(Object), 'Papaparse');
        expect(mockPreview).toHaveBeenCalledTimes(1);
        expect(mockPreview.mock.calls[0][0].leads).toEqual([
            {
                firstName: 'José',
                lastName: 'Muñoz',
                company: 'Señales SL',
                email: 'jose@senales.example',
                phone: '+34 600 000 001'
            },
            { firstName: 'Ana', lastName: 'Gil', company: 'Gil SL', email: 'ana@gil.example' },
            { firstName: 'Eva', lastName: 'Ruiz', company: '=1+1', email: 'eva@ruiz.example' },
            { firstName: 'Luis', company: 'Sin Apellido SA', email: 'luis@sin.example' }
        ]);
        expect($(element, 'read-summary').textContent).toContain(
            'expo.csv: 4 rows read as Windows-1252, separated by ";".'
        );
        expect($(element, 'unknown-columns').textContent).toContain('Columns ignored: Notas');
        expect($(element, 'summary').textContent).toBe('Ready: 2. Duplicates: 1. Errors: 1.');
        const rows = [...element.shadowRoot!.querySelectorAll('tbody tr')] as HTMLElement[];
        // Rows with problems first, numbered as in the spreadsheet (the blank fourth row counted).
        expect(rows.map((row) => row.dataset.row)).toEqual(['3', '6', '2', '5']);
        expect(rows[1]!.textContent).toContain('Apellidos: Este valor es obligatorio.');
        expect(rows[0]!.textContent).toContain('Posible duplicado.');
        expect(rows[2]!.textContent).toContain('c.Canal_Publish_Page_Row_Ready');
        await expect(element).toBeAccessible();
    });

    it('publishes once with one key per file, however often Publish is clicked, and shows the result', async () => {
        const element = await render();
        await choose(element, csvFile(windows1252(EXPO)));
        const publish = $(element, 'publish');
        expect(publish.disabled).toBe(true);
        $(element, 'queue').dispatchEvent(new CustomEvent('change', { detail: { value: 'Canal_North' } }));
        $(element, 'source').dispatchEvent(new CustomEvent('change', { detail: { value: '  Expo 2026 ' } }));
        await flush();
        expect(publish.disabled).toBe(false);
        publish.click();
        publish.click();
        await settle();

        expect(mockPublish).toHaveBeenCalledTimes(1);
        const call = mockPublish.mock.calls[0][0];
        expect(call).toMatchObject({ queue: 'Canal_North', source: 'Expo 2026' });
        expect(call.leads).toHaveLength(4);
        expect(call.idempotencyKey).toMatch(/^[\x21-\x7E]{1,200}$/);
        expect($(element, 'result').textContent).toBe(
            'Published 2 leads to North. Duplicates skipped: 1. Errors: 1.'
        );
        expect($(element, 'publish-form')).toBeNull();
        await expect(element).toBeAccessible();

        // A new file is a new publication, with a new key.
        $(element, 'another').click();
        await flush();
        expect($(element, 'result')).toBeNull();
        await choose(element, csvFile(windows1252(EXPO)));
        $(element, 'queue').dispatchEvent(new CustomEvent('change', { detail: { value: 'Canal_North' } }));
        await flush();
        $(element, 'publish').click();
        await settle();
        expect(mockPublish).toHaveBeenCalledTimes(2);
        expect(mockPublish.mock.calls[1][0].idempotencyKey).not.toBe(call.idempotencyKey);
        // The queue and the source stay for the next file of the same event.
        expect(mockPublish.mock.calls[1][0]).toMatchObject({ queue: 'Canal_North', source: 'Expo 2026' });
    });

    it('retries a failed publication with the same key, so a lost answer never publishes twice', async () => {
        mockPublish.mockRejectedValueOnce({ status: 500, body: { message: 'Timed out' } });
        mockGetQueues.mockResolvedValue([QUEUES[0]]);
        const element = await render();
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n'));
        // One queue: chosen already.
        $(element, 'publish').click();
        await settle();
        expect(element.shadowRoot!.querySelector('c-error-panel')).not.toBeNull();
        $(element, 'publish').click();
        await settle();
        expect(mockPublish).toHaveBeenCalledTimes(2);
        expect(mockPublish.mock.calls[1][0].idempotencyKey).toBe(mockPublish.mock.calls[0][0].idempotencyKey);
        expect($(element, 'result')).not.toBeNull();
    });

    it('refuses a file over 2 MB or over 2,000 rows before any server call', async () => {
        const element = await render();
        await choose(element, csvFile(new Uint8Array(2 * 1024 * 1024 + 1)));
        expect($(element, 'file-problem').textContent).toContain('Larger than 2 MB.');

        const many = ['Last Name,Company', ...Array.from({ length: 2001 }, (_, i) => `L${i},C${i}`)].join(
            '\n'
        );
        await choose(element, csvFile(many));
        expect($(element, 'file-problem').textContent).toContain('2001 rows; at most 2000.');
        expect(mockPreview).not.toHaveBeenCalled();
        expect(mockPublish).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('says so when a file has no row, and offers no Publish when no row is valid', async () => {
        const element = await render();
        await choose(element, csvFile(''));
        expect($(element, 'file-problem').textContent).toContain('No rows.');
        expect(mockPreview).not.toHaveBeenCalled();

        mockPreview.mockResolvedValueOnce({ valid: 0, duplicates: [], errors: [PREVIEW.errors[0]!] });
        await choose(element, csvFile('Nombre;Empresa\nLuis;Sin Apellido SA\n'));
        expect($(element, 'nothing-to-publish')).not.toBeNull();
        expect($(element, 'publish-form')).toBeNull();
        expect(mockPublish).not.toHaveBeenCalled();
    });

    it('shows the rows with problems first and says how many are shown of a long file', async () => {
        const rows = Array.from({ length: 150 }, (_, i) => `L${i},C${i}`);
        mockPreview.mockResolvedValueOnce({
            valid: 149,
            duplicates: [],
            errors: [{ index: 120, field: 'company', code: 'TOO_LONG', message: 'Too long.' }]
        });
        const element = await render();
        await choose(element, csvFile(['Last Name,Company', ...rows].join('\n')));
        const shown = element.shadowRoot!.querySelectorAll('tbody tr');
        expect(shown).toHaveLength(100);
        expect((shown[0] as HTMLElement).dataset.row).toBe('122');
        expect($(element, 'showing').textContent).toBe('Showing 100 of 150 rows.');
    });

    it('reports a queue list and a preview that could not be loaded', async () => {
        mockGetQueues.mockRejectedValueOnce({ body: { message: 'No access' } });
        mockPreview.mockRejectedValueOnce({ body: { message: 'Too many leads' } });
        const element = await render();
        expect(element.shadowRoot!.querySelector('c-error-panel')).not.toBeNull();
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n'));
        expect(element.shadowRoot!.querySelectorAll('c-error-panel')).toHaveLength(2);
        expect($(element, 'publish-form')).toBeNull();
    });

    it('says the file could not be read when Papa Parse cannot be loaded, and loads it again for the next file', async () => {
        mockLoadScript.mockRejectedValueOnce(new Error('blocked'));
        const element = await render();
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n'));
        expect($(element, 'file-problem').textContent).toContain('Unreadable.');
        delete (window as unknown as { Papa?: unknown }).Papa;
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n'));
        expect($(element, 'file-problem').textContent).toContain('Unreadable.');
        (window as unknown as { Papa?: unknown }).Papa = Papa;
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n'));
        expect($(element, 'file-problem')).toBeNull();
        expect(mockLoadScript).toHaveBeenCalledTimes(3);
        expect(mockPreview).toHaveBeenCalledTimes(1);
    });

    it('drops the preview of a file replaced before its answer came', async () => {
        let answerFirst: (preview: PublishPreview) => void = () => undefined;
        mockPreview.mockImplementationOnce(
            () =>
                new Promise((resolve) => {
                    answerFirst = resolve;
                })
        );
        const element = await render();
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n', 'first.csv'));
        await choose(element, csvFile('Last Name,Company\nSoto,Soto SA\nVega,Vega SA\n', 'second.csv'));
        answerFirst({ valid: 0, duplicates: [], errors: [] });
        await settle();
        expect($(element, 'summary').textContent).toBe('Ready: 2. Duplicates: 1. Errors: 1.');
        expect($(element, 'read-summary').textContent).toContain('second.csv');
    });

    it('clears the page when the file choice is emptied', async () => {
        const element = await render();
        await choose(element, csvFile('Last Name,Company\nGil,Gil SL\n'));
        expect($(element, 'preview')).not.toBeNull();
        $(element, 'file').dispatchEvent(new CustomEvent('change', { detail: { files: [] } }));
        await settle();
        expect($(element, 'preview')).toBeNull();
    });
});
