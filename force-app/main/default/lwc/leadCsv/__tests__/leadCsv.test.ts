import { TextDecoder as NodeTextDecoder } from 'node:util';
import Papa from 'papaparse';
import { MAX_FILE_BYTES, MAX_ROWS, decodeCsv, mapHeaders, normalizeHeader, readLeadCsv } from 'c/leadCsv';

// Browsers have TextDecoder; jsdom does not: Node's, which knows windows-1252 (full ICU), stands in.
Object.assign(globalThis, { TextDecoder: NodeTextDecoder });

const utf8 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'utf8'));
/** Windows-1252 bytes of Latin-1 text, as Excel saves "CSV" on a Spanish Windows. */
const windows1252 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const read = (bytes: Uint8Array) => readLeadCsv(bytes, Papa);

describe('c/leadCsv', () => {
    it('reads a Windows-1252 file: bytes that are not UTF-8 are decoded as Windows-1252', () => {
        const bytes = windows1252('Nombre;Apellidos;Empresa\r\nJosé;Muñoz;Señales del Norte SL\r\n');
        const reading = read(bytes);
        expect(reading.problem).toBeNull();
        expect(reading.encoding).toBe('Windows-1252');
        expect(reading.rows).toEqual([
            { firstName: 'José', lastName: 'Muñoz', company: 'Señales del Norte SL' }
        ]);
    });

    it('reads UTF-8 (a byte-order mark dropped) with English headers and commas', () => {
        const reading = read(
            utf8(
                '\uFEFFFirst Name,Last Name,Company,Email\nLucía,Muñoz,"Ferrer, Logística",lucia@ferrer.example\n'
            )
        );
        expect(reading).toMatchObject({ problem: null, encoding: 'UTF-8', delimiter: ',', count: 1 });
        expect(reading.rows[0]).toEqual({
            firstName: 'Lucía',
            lastName: 'Muñoz',
            company: 'Ferrer, Logística',
            email: 'lucia@ferrer.example'
        });
    });

    it('reads a semicolon file with Spanish headers and lists the columns it ignores', () => {
        const text = [
            'Nombre;Apellidos;Empresa;Correo electrónico;Teléfono;Cargo;Ciudad;País;Notas',
            'Ana;Gil;Gil SL;ana@gil.example;+34 600 000 000;CTO;Madrid;España;VIP',
            ';;;;;;;;',
            'Luis;Soto;Soto SA;;;;;;'
        ].join('\n');
        const reading = read(utf8(text));
        expect(reading).toMatchObject({
            problem: null,
            delimiter: ';',
            count: 2,
            unknownColumns: ['Notas'],
            // The spreadsheet's row numbers: the blank third row is skipped but counted.
            rowNumbers: [2, 4]
        });
        expect(reading.rows).toEqual([
            {
                firstName: 'Ana',
                lastName: 'Gil',
                company: 'Gil SL',
                email: 'ana@gil.example',
                phone: '+34 600 000 000',
                title: 'CTO',
                city: 'Madrid',
                country: 'España'
            },
            { firstName: 'Luis', lastName: 'Soto', company: 'Soto SA' }
        ]);
    });

    it('guesses the semicolon of a short file that ends with a blank line', () => {
        expect(read(utf8('Nombre;Empresa\nLuis;Sin Apellido SA\n'))).toMatchObject({
            problem: null,
            delimiter: ';',
            rows: [{ firstName: 'Luis', company: 'Sin Apellido SA' }]
        });
    });

    it('matches headers without case, accents, spaces or punctuation; a second column for one field is ignored', () => {
        expect(normalizeHeader(' Correo Electrónico ')).toBe('correoelectronico');
        expect(mapHeaders(['APELLIDOS', 'e-mail', 'Job title', 'TELEFONO', 'Email', '', 'Fax'])).toEqual({
            fields: ['lastName', 'email', 'title', 'phone', null, null, null],
            unknown: ['Email', 'Fax']
        });
    });

    it('leaves a formula-like cell as it is: the server stores it as text', () => {
        const reading = read(
            utf8('Last Name,Company,Phone\n=1+1,"=HYPERLINK(""http://x"")",+34 600 000 000\n')
        );
        expect(reading.rows).toEqual([
            { lastName: '=1+1', company: '=HYPERLINK("http://x")', phone: '+34 600 000 000' }
        ]);
    });

    it('keeps a bad row for the server to report, beside the good ones', () => {
        const reading = read(
            utf8(
                'Apellidos;Empresa;Correo electrónico\nGil;Gil SL;ana@gil.example\n;Sin Apellido SA;no-es-un-correo\n'
            )
        );
        expect(reading.rows).toEqual([
            { lastName: 'Gil', company: 'Gil SL', email: 'ana@gil.example' },
            { company: 'Sin Apellido SA', email: 'no-es-un-correo' }
        ]);
    });

    it('refuses a file over 2 MB before decoding it', () => {
        const parse = jest.fn();
        const reading = readLeadCsv(new Uint8Array(MAX_FILE_BYTES + 1), { parse });
        expect(reading.problem).toBe('TOO_LARGE');
        expect(parse).not.toHaveBeenCalled();
    });

    it('takes 2,000 rows and refuses 2,001 with the count', () => {
        const file = (rows: number) =>
            utf8(['Last Name,Company', ...Array.from({ length: rows }, (_, i) => `L${i},C${i}`)].join('\n'));
        expect(read(file(MAX_ROWS))).toMatchObject({ problem: null, count: MAX_ROWS });
        expect(read(file(MAX_ROWS + 1))).toMatchObject({
            problem: 'TOO_MANY_ROWS',
            count: MAX_ROWS + 1,
            rows: []
        });
    });

    it('says when there is nothing to read: an empty file, a header alone, no known column, an unclosed quote', () => {
        expect(read(utf8('')).problem).toBe('EMPTY');
        expect(read(utf8('Last Name,Company\n\n')).problem).toBe('EMPTY');
        expect(read(utf8('Foo,Bar\n1,2\n'))).toMatchObject({
            problem: 'NO_KNOWN_COLUMNS',
            unknownColumns: ['Foo', 'Bar']
        });
        expect(read(utf8('Last Name,Company\nGil,Gil SL\nSoto,"Soto SA\n'))).toMatchObject({
            problem: 'MALFORMED',
            count: 3
        });
    });

    it('decodes valid UTF-8 as UTF-8 even when it would also be valid Windows-1252', () => {
        expect(decodeCsv(utf8('Muñoz'))).toEqual({ text: 'Muñoz', encoding: 'UTF-8' });
        expect(decodeCsv(windows1252('Muñoz'))).toEqual({ text: 'Muñoz', encoding: 'Windows-1252' });
    });
});
