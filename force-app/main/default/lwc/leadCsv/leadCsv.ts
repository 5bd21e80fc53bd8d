/**
 * Reads a CSV file of leads as trade-show tools export it, for the Publish leads page (c/leadPublisher): the bytes
 * decoded as UTF-8, or as Windows-1252 when they are not valid UTF-8; cells split by Papa Parse (the static resource
 * Papaparse, passed in) with a comma or a semicolon; a header row in Spanish or English mapped to the lead fields.
 * The limits are checked here, before any server call.
 */
import type { LeadInput, LeadInputField } from 'canal/apex/LeadPublicationController';
import type { ParseConfig, ParseResult } from 'papaparse';

/** The largest file the page reads (2 MB). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Rows one publication may carry (LeadPublicationService.MAX_LEADS). */
export const MAX_ROWS = 2000;

/** The part of Papa Parse this module uses: window.Papa once the static resource is loaded, or the npm module. */
export interface CsvParser {
    parse(text: string, config: ParseConfig<string[]>): ParseResult<string[]>;
}

export type CsvEncoding = 'UTF-8' | 'Windows-1252';

/**
 * Why a file cannot be previewed: TOO_LARGE (over MAX_FILE_BYTES), EMPTY (no data row), TOO_MANY_ROWS (over
 * MAX_ROWS), NO_KNOWN_COLUMNS (no header names a lead field), MALFORMED (a quote is not closed).
 */
export type CsvProblem = 'TOO_LARGE' | 'EMPTY' | 'TOO_MANY_ROWS' | 'NO_KNOWN_COLUMNS' | 'MALFORMED';

/** What a file holds: the rows to preview, or the problem (with the row count or the bad row's number). */
export interface CsvReading {
    problem: CsvProblem | null;
    /** The data rows (the header row aside), with the mapped fields only. */
    rows: LeadInput[];
    /** The spreadsheet row of each of rows (the file's first row is 1; blank rows are skipped but counted). */
    rowNumbers: number[];
    /** Header cells that name no lead field (or a field an earlier column already gave), as written. */
    unknownColumns: string[];
    encoding: CsvEncoding;
    delimiter: string;
    /** The data rows counted (TOO_MANY_ROWS), or the row of a MALFORMED file (1 is the header row). */
    count: number;
}

/** Each lead field and the header names it answers to, already normalised (see normalizeHeader). */
const HEADER_NAMES: Record<LeadInputField, string[]> = {
    firstName: ['nombre', 'firstname', 'givenname'],
    lastName: ['apellidos', 'apellido', 'lastname', 'surname', 'familyname'],
    company: ['empresa', 'company', 'compania', 'organizacion', 'organization'],
    email: ['correoelectronico', 'correo', 'email', 'emailaddress', 'mail'],
    phone: ['telefono', 'phone', 'telephone', 'movil', 'mobile', 'phonenumber'],
    title: ['cargo', 'title', 'jobtitle', 'puesto'],
    city: ['ciudad', 'city', 'localidad', 'town'],
    country: ['pais', 'country']
};

const FIELD_OF_HEADER = new Map<string, LeadInputField>(
    (Object.keys(HEADER_NAMES) as LeadInputField[]).flatMap((field) =>
        HEADER_NAMES[field].map((name): [string, LeadInputField] => [name, field])
    )
);

/** A header without case, accents, spaces or punctuation: "Correo electrónico" and "CORREO_ELECTRONICO" match. */
export function normalizeHeader(header: string): string {
    return header
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
}

/** The lead field of each column (null when none), and the non-empty headers that name none. */
export function mapHeaders(headers: string[]): { fields: Array<LeadInputField | null>; unknown: string[] } {
    const taken = new Set<LeadInputField>();
    const unknown: string[] = [];
    const fields = headers.map((header) => {
        const field = FIELD_OF_HEADER.get(normalizeHeader(header)) ?? null;
        if (field !== null && !taken.has(field)) {
            taken.add(field);
            return field;
        }
        if (header.trim() !== '') unknown.push(header.trim());
        return null;
    });
    return { fields, unknown };
}

/** The file's text: UTF-8 when the bytes are valid UTF-8 (a byte-order mark dropped), else Windows-1252. */
export function decodeCsv(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: CsvEncoding } {
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
    } catch {
        return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
    }
}

/** Reads a lead CSV's bytes: decoded, split with the parser, headers mapped, limits checked. */
export function readLeadCsv(bytes: ArrayBuffer | Uint8Array, parser: CsvParser): CsvReading {
    const reading: CsvReading = {
        problem: null,
        rows: [],
        rowNumbers: [],
        unknownColumns: [],
        encoding: 'UTF-8',
        delimiter: ',',
        count: 0
    };
    if (bytes.byteLength > MAX_FILE_BYTES) return { ...reading, problem: 'TOO_LARGE' };
    const { text, encoding } = decodeCsv(bytes);
    reading.encoding = encoding;
    // The delimiter is guessed on the first rows without blank ones (a trailing blank line would spoil the guess),
    // then the whole text is split keeping blank rows, so that each row keeps its number in the spreadsheet.
    const guessed = parser.parse(text, {
        header: false,
        delimitersToGuess: [',', ';'],
        skipEmptyLines: 'greedy',
        preview: 20
    });
    reading.delimiter = guessed.meta.delimiter === ';' ? ';' : ',';
    const parsed = parser.parse(text, { header: false, delimiter: reading.delimiter, skipEmptyLines: false });
    const broken = parsed.errors.find((error) => error.type === 'Quotes');
    if (broken) return { ...reading, problem: 'MALFORMED', count: (broken.row ?? 0) + 1 };
    const blank = (cells: string[]) => cells.every((cell) => cell.trim() === '');
    const headerIndex = parsed.data.findIndex((cells) => !blank(cells));
    const headers = headerIndex < 0 ? [] : parsed.data[headerIndex]!;
    const numbers: number[] = [];
    const data = parsed.data.filter((cells, index) => {
        const kept = index > headerIndex && headerIndex >= 0 && !blank(cells);
        if (kept) numbers.push(index + 1);
        return kept;
    });
    if (data.length === 0) return { ...reading, problem: 'EMPTY' };
    if (data.length > MAX_ROWS) return { ...reading, problem: 'TOO_MANY_ROWS', count: data.length };
    const { fields, unknown } = mapHeaders(headers);
    reading.unknownColumns = unknown;
    if (fields.every((field) => field === null)) return { ...reading, problem: 'NO_KNOWN_COLUMNS' };
    reading.rows = data.map((cells) => {
        const lead: LeadInput = {};
        fields.forEach((field, column) => {
            const value = cells[column];
            if (field !== null && value !== undefined && value.trim() !== '') lead[field] = value;
        });
        return lead;
    });
    reading.rowNumbers = numbers;
    reading.count = reading.rows.length;
    return reading;
}
