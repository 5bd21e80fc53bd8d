import { LightningElement } from 'lwc';
import { loadScript } from 'lightning/platformResourceLoader';
import PAPAPARSE from '@salesforce/resourceUrl/Papaparse';
import canPublish from '@salesforce/customPermission/Canal_Publish_Leads';
import getQueues from '@salesforce/apex/LeadPublicationController.getQueues';
import previewLeads from '@salesforce/apex/LeadPublicationController.previewLeads';
import publishLeads from '@salesforce/apex/LeadPublicationController.publishLeads';
import type {
    DuplicateRow,
    LeadInput,
    PublishPreview,
    PublishQueue,
    PublishResult,
    RowError
} from 'canal/apex/LeadPublicationController';
import { MAX_FILE_BYTES, MAX_ROWS, readLeadCsv, type CsvParser, type CsvReading } from 'c/leadCsv';
import { formatLabel } from 'c/labelFormat';
import titleLabel from '@salesforce/label/c.Canal_Publish_Page_Title';
import introLabel from '@salesforce/label/c.Canal_Publish_Page_Intro';
import noPermissionLabel from '@salesforce/label/c.Canal_Publish_Page_No_Permission';
import fileLabel from '@salesforce/label/c.Canal_Publish_Page_File';
import readingLabel from '@salesforce/label/c.Canal_Publish_Page_Reading';
import tooLargeLabel from '@salesforce/label/c.Canal_Publish_Page_Too_Large';
import tooManyRowsLabel from '@salesforce/label/c.Canal_Publish_Page_Too_Many_Rows';
import emptyLabel from '@salesforce/label/c.Canal_Publish_Page_Empty';
import noKnownColumnsLabel from '@salesforce/label/c.Canal_Publish_Page_No_Known_Columns';
import malformedLabel from '@salesforce/label/c.Canal_Publish_Page_Malformed';
import unreadableLabel from '@salesforce/label/c.Canal_Publish_Page_Unreadable';
import readAsLabel from '@salesforce/label/c.Canal_Publish_Page_Read_As';
import unknownColumnsLabel from '@salesforce/label/c.Canal_Publish_Page_Unknown_Columns';
import previewErrorLabel from '@salesforce/label/c.Canal_Publish_Page_Preview_Error';
import summaryLabel from '@salesforce/label/c.Canal_Publish_Page_Summary';
import showingLabel from '@salesforce/label/c.Canal_Publish_Page_Showing';
import colRowLabel from '@salesforce/label/c.Canal_Publish_Page_Col_Row';
import colNameLabel from '@salesforce/label/c.Canal_Publish_Page_Col_Name';
import colCheckLabel from '@salesforce/label/c.Canal_Publish_Page_Col_Check';
import rowReadyLabel from '@salesforce/label/c.Canal_Publish_Page_Row_Ready';
import queueLabel from '@salesforce/label/c.Canal_Publish_Page_Queue';
import queuePlaceholderLabel from '@salesforce/label/c.Canal_Publish_Page_Queue_Placeholder';
import sourceLabel from '@salesforce/label/c.Canal_Publish_Page_Source';
import submitLabel from '@salesforce/label/c.Canal_Publish_Page_Submit';
import publishingLabel from '@salesforce/label/c.Canal_Publish_Page_Publishing';
import noValidRowsLabel from '@salesforce/label/c.Canal_Publish_Page_No_Valid_Rows';
import publishErrorLabel from '@salesforce/label/c.Canal_Publish_Page_Publish_Error';
import resultLabel from '@salesforce/label/c.Canal_Publish_Page_Result';
import anotherLabel from '@salesforce/label/c.Canal_Publish_Page_Another';
import firstNameLabel from '@salesforce/label/c.Canal_Publish_Field_First_Name';
import lastNameLabel from '@salesforce/label/c.Canal_Publish_Field_Last_Name';
import companyLabel from '@salesforce/label/c.Canal_Publish_Field_Company';
import emailLabel from '@salesforce/label/c.Canal_Publish_Field_Email';
import phoneLabel from '@salesforce/label/c.Canal_Publish_Field_Phone';
import jobTitleLabel from '@salesforce/label/c.Canal_Publish_Field_Title';
import cityLabel from '@salesforce/label/c.Canal_Publish_Field_City';
import countryLabel from '@salesforce/label/c.Canal_Publish_Field_Country';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

/** Rows the preview table shows at most: every row with a problem first, then ready ones. */
const SHOWN_ROWS = 100;

const FIELD_LABELS: Record<string, string> = {
    firstName: firstNameLabel,
    lastName: lastNameLabel,
    company: companyLabel,
    email: emailLabel,
    phone: phoneLabel,
    title: jobTitleLabel,
    city: cityLabel,
    country: countryLabel
};

/** One row of the preview table. */
interface RowView {
    key: string;
    number: number;
    name: string;
    company: string;
    email: string;
    problems: string[];
    ready: boolean;
    className: string;
}

/** The checks the table shows: the preview's, then the publication's. */
type RowChecks = Pick<PublishPreview, 'duplicates' | 'errors'>;

/** A key for one loaded file: printable ASCII, as the Idempotency-Key rule asks. */
function newIdempotencyKey(): string {
    const random =
        typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
            ? crypto.randomUUID()
            : `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    return `csv-${Date.now()}-${random}`;
}

function readBytes(file: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
        reader.readAsArrayBuffer(file);
    });
}

/**
 * Publicar clientes potenciales / Publish leads: the channel manager picks a CSV file; the page reads it (c/leadCsv:
 * UTF-8 or Windows-1252, comma or semicolon, Spanish or English headers; the size and row limits before any server
 * call), asks LeadPublicationController.previewLeads for per-row errors and likely duplicates, and publishes the
 * valid rows to the chosen queue with one idempotency key per file, so a double click publishes once. Users without
 * the Canal_Publish_Leads custom permission are told they lack it.
 */
export default class LeadPublisher extends LightningElement {
    readonly labels = {
        title: titleLabel,
        intro: introLabel,
        noPermission: noPermissionLabel,
        file: fileLabel,
        reading: readingLabel,
        colRow: colRowLabel,
        colName: colNameLabel,
        colCompany: companyLabel,
        colEmail: emailLabel,
        colCheck: colCheckLabel,
        queue: queueLabel,
        queuePlaceholder: queuePlaceholderLabel,
        source: sourceLabel,
        noValidRows: noValidRowsLabel,
        previewError: previewErrorLabel,
        publishError: publishErrorLabel,
        another: anotherLabel,
        loading: loadingLabel
    };

    readonly canPublish: boolean = canPublish === true;

    queues: PublishQueue[] = [];
    queuesError: unknown;
    queue = '';
    source = '';

    fileName = '';
    reading: CsvReading | null = null;
    fileProblem = '';
    isReading = false;
    rows: LeadInput[] = [];
    /** The spreadsheet row of each of rows, as the channel manager sees it in the file. */
    rowNumbers: number[] = [];
    idempotencyKey = '';

    preview: PublishPreview | null = null;
    previewError: unknown;
    isPublishing = false;
    result: PublishResult | null = null;
    publishError: unknown;
    /** One entry: a new key renders a new, empty file input after "Publish another file". */
    fileInputs = [{ key: 'file-0' }];

    private parser: Promise<CsvParser> | null = null;
    /** The file being read: an answer for a file replaced meanwhile is dropped. */
    private loadCount = 0;

    override connectedCallback(): void {
        if (this.canPublish) this.loadQueues().catch(() => undefined);
    }

    private async loadQueues(): Promise<void> {
        try {
            this.queues = await getQueues({});
            if (this.queues.length === 1) this.queue = this.queues[0]!.developerName;
        } catch (error) {
            this.queuesError = error;
        }
    }

    /** Papa Parse from the static resource, loaded once. */
    private loadParser(): Promise<CsvParser> {
        if (!this.parser) {
            this.parser = loadScript(this, PAPAPARSE).then(() => {
                const papa = (window as unknown as { Papa?: CsvParser }).Papa;
                if (!papa) throw new Error('Papaparse');
                return papa;
            });
            this.parser.catch(() => {
                this.parser = null;
            });
        }
        return this.parser;
    }

    get queueOptions(): Array<{ label: string; value: string }> {
        return this.queues.map((q) => ({ label: q.name, value: q.developerName }));
    }

    get hasFileProblem(): boolean {
        return this.fileProblem !== '';
    }

    get readSummary(): string {
        const r = this.reading;
        if (!r || r.problem) return '';
        return formatLabel(readAsLabel, this.fileName, r.count, r.encoding, r.delimiter);
    }

    get unknownColumnsText(): string {
        const columns = this.reading?.unknownColumns ?? [];
        return columns.length ? formatLabel(unknownColumnsLabel, columns.join(', ')) : '';
    }

    /** The checks shown: the publication's once published, else the preview's. */
    private get checks(): RowChecks | null {
        return this.result ?? this.preview;
    }

    private get errorRows(): number {
        return new Set((this.checks?.errors ?? []).map((e) => e.index)).size;
    }

    get summary(): string {
        if (!this.preview) return '';
        return formatLabel(summaryLabel, this.preview.valid, this.preview.duplicates.length, this.errorRows);
    }

    get nothingToPublish(): boolean {
        return this.preview !== null && this.preview.valid === 0 && this.result === null;
    }

    get rowViews(): RowView[] {
        const checks = this.checks;
        if (!checks) return [];
        const problems = new Map<number, string[]>();
        const add = (index: number, text: string) =>
            problems.set(index, [...(problems.get(index) ?? []), text]);
        checks.errors.forEach((e: RowError) =>
            add(
                e.index,
                e.field && FIELD_LABELS[e.field] ? `${FIELD_LABELS[e.field]}: ${e.message}` : e.message
            )
        );
        checks.duplicates.forEach((d: DuplicateRow) => add(d.index, d.message));
        const view = (index: number): RowView => {
            const lead = this.rows[index] ?? {};
            const rowProblems = problems.get(index) ?? [];
            return {
                key: String(index),
                number: this.rowNumbers[index] ?? index + 2,
                name: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
                company: lead.company ?? '',
                email: lead.email ?? '',
                problems: rowProblems,
                ready: rowProblems.length === 0,
                className: rowProblems.length ? 'slds-hint-parent row-problem' : 'slds-hint-parent'
            };
        };
        const withProblems = [...problems.keys()].sort((a, b) => a - b);
        const ready = this.rows.map((_, i) => i).filter((i) => !problems.has(i));
        return [...withProblems, ...ready].slice(0, SHOWN_ROWS).map(view);
    }

    get hasRows(): boolean {
        return this.checks !== null && this.rows.length > 0;
    }

    get showingText(): string {
        const shown = Math.min(SHOWN_ROWS, this.rows.length);
        return shown < this.rows.length ? formatLabel(showingLabel, shown, this.rows.length) : '';
    }

    get rowReadyLabel(): string {
        return rowReadyLabel;
    }

    get showPublishForm(): boolean {
        return this.preview !== null && this.preview.valid > 0 && this.result === null;
    }

    get publishDisabled(): boolean {
        return this.isPublishing || this.queue === '' || this.result !== null;
    }

    get submitText(): string {
        return this.isPublishing ? publishingLabel : submitLabel;
    }

    get resultText(): string {
        const r = this.result;
        if (!r) return '';
        const queueName = this.queues.find((q) => q.developerName === this.queue)?.name ?? this.queue;
        return formatLabel(resultLabel, r.created, queueName, r.duplicates.length, this.errorRows);
    }

    private reset(): void {
        this.fileName = '';
        this.reading = null;
        this.fileProblem = '';
        this.rows = [];
        this.rowNumbers = [];
        this.idempotencyKey = '';
        this.preview = null;
        this.previewError = undefined;
        this.result = null;
        this.publishError = undefined;
    }

    async handleFileChange(event: Event): Promise<void> {
        const detail = (event as CustomEvent<{ files?: FileList | File[] }>).detail;
        const files = detail?.files ?? (event.target as HTMLInputElement | null)?.files ?? null;
        const file = files && files.length ? files[0] : null;
        this.reset();
        const load = ++this.loadCount;
        if (!file) return;
        this.fileName = file.name;
        // Limits first, from what the browser already knows: nothing is read or sent for a file too large.
        if (file.size > MAX_FILE_BYTES) {
            this.fileProblem = formatLabel(tooLargeLabel, MAX_FILE_BYTES / (1024 * 1024));
            return;
        }
        this.isReading = true;
        try {
            const [bytes, parser] = await Promise.all([readBytes(file), this.loadParser()]);
            if (load !== this.loadCount) return;
            const reading = readLeadCsv(bytes, parser);
            this.reading = reading;
            this.fileProblem = this.problemText(reading);
            if (this.fileProblem) return;
            this.rows = reading.rows;
            this.rowNumbers = reading.rowNumbers;
            this.idempotencyKey = newIdempotencyKey();
            const preview = await previewLeads({ leads: this.rows });
            if (load === this.loadCount) this.preview = preview;
        } catch (error) {
            if (load !== this.loadCount) return;
            if (this.rows.length) this.previewError = error;
            else this.fileProblem = unreadableLabel;
        } finally {
            if (load === this.loadCount) this.isReading = false;
        }
    }

    private problemText(reading: CsvReading): string {
        switch (reading.problem) {
            case 'TOO_LARGE':
                return formatLabel(tooLargeLabel, MAX_FILE_BYTES / (1024 * 1024));
            case 'TOO_MANY_ROWS':
                return formatLabel(tooManyRowsLabel, reading.count, MAX_ROWS);
            case 'EMPTY':
                return emptyLabel;
            case 'NO_KNOWN_COLUMNS':
                return noKnownColumnsLabel;
            case 'MALFORMED':
                return formatLabel(malformedLabel, reading.count);
            default:
                return '';
        }
    }

    handleQueueChange(event: CustomEvent<{ value: string }>): void {
        this.queue = event.detail.value;
    }

    handleSourceChange(event: CustomEvent<{ value: string }>): void {
        this.source = event.detail.value ?? '';
    }

    async handlePublish(): Promise<void> {
        // The flag stops a second click before the button re-renders disabled; the key stops any other repeat.
        if (this.isPublishing || this.result || !this.preview || this.queue === '') return;
        this.isPublishing = true;
        this.publishError = undefined;
        try {
            this.result = await publishLeads({
                queue: this.queue,
                source: this.source.trim() === '' ? null : this.source.trim(),
                leads: this.rows,
                idempotencyKey: this.idempotencyKey
            });
        } catch (error) {
            this.publishError = error;
        } finally {
            this.isPublishing = false;
        }
    }

    handleAnother(): void {
        this.reset();
        this.fileInputs = [{ key: `file-${Date.now()}` }];
    }
}
