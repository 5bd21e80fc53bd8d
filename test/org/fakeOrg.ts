/**
 * FakeSf (below): a stand-in `sf` on PATH for the admin scripts. FakeOrg: a small fake of the Salesforce REST endpoints jsforce calls (query, sObject Collections create and update,
 * set password), on node:http at 127.0.0.1, recording every request. Tests answer queries with a function.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from 'jsforce';
import { execCommand, type ExecFn } from '../../scripts/org/sfCli';

export const API_VERSION = '62.0';

export interface RecordedRequest {
    method: string;
    path: string;
    /** The SOQL of a query request. */
    soql?: string;
    /** The parsed JSON body. */
    body?: unknown;
}

export interface CollectionBody {
    allOrNone: boolean;
    records: Array<Record<string, unknown> & { attributes: { type: string }; id?: string }>;
}

/** A collections save: the sObject type, the method (POST create, PATCH update) and the records. */
export interface Save {
    method: 'POST' | 'PATCH';
    type: string;
    records: CollectionBody['records'];
}

export type SaveResultJson = { id?: string; success: boolean; errors: Array<Record<string, unknown>> };

export interface FakeOrgOptions {
    /** Records for a SOQL query; undefined answers an empty result. `count` answers SELECT COUNT(). */
    query: (soql: string) => { records?: Array<Record<string, unknown>>; count?: number } | undefined;
    /** Replaces the answer of a collections save (e.g. an allOrNone failure). */
    save?: (save: Save) => { status?: number; body: unknown } | undefined;
}

const PREFIXES: Record<string, string> = {
    Account: '001',
    Contact: '003',
    User: '005',
    Lead: '00Q',
    Opportunity: '006',
    PermissionSetAssignment: '0Pa',
    GroupMember: '011',
    UserRole: '00E'
};

export class FakeOrg {
    readonly requests: RecordedRequest[] = [];
    /** Ids handed out by creates, per sObject type, in order. */
    readonly created = new Map<string, string[]>();
    private server: Server | undefined;
    private counter = 0;
    url = '';

    constructor(private readonly options: FakeOrgOptions) {}

    async start(): Promise<this> {
        this.server = createServer((req, res) => {
            void this.handle(req).then(({ status, body }) => {
                if (body === undefined) {
                    res.writeHead(status);
                    res.end();
                    return;
                }
                res.writeHead(status, { 'content-type': 'application/json' });
                res.end(JSON.stringify(body));
            });
        });
        await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    }

    connection(): Connection {
        return new Connection({ instanceUrl: this.url, accessToken: 'x', version: API_VERSION });
    }

    /** The collections saves, in order. */
    saves(): Save[] {
        return this.requests
            .filter((r) => r.path.endsWith('/composite/sobjects'))
            .map((r) => {
                const body = r.body as CollectionBody;
                return {
                    method: r.method as 'POST' | 'PATCH',
                    type: body.records[0]?.attributes.type ?? '?',
                    records: body.records
                };
            });
    }

    /** The records of every save of one type and method, concatenated. */
    records(type: string, method: 'POST' | 'PATCH' = 'POST'): CollectionBody['records'] {
        return this.saves()
            .filter((s) => s.type === type && s.method === method)
            .flatMap((s) => s.records);
    }

    newId(type: string): string {
        this.counter += 1;
        return `${PREFIXES[type] ?? 'a00'}${String(this.counter).padStart(12, '0')}AAA`;
    }

    private async handle(req: IncomingMessage): Promise<{ status: number; body?: unknown }> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname };
        if (text) recorded.body = JSON.parse(text) as unknown;
        const base = `/services/data/v${API_VERSION}`;
        if (req.method === 'GET' && url.pathname === `${base}/query`) {
            recorded.soql = url.searchParams.get('q') ?? '';
            this.requests.push(recorded);
            const answer = this.options.query(recorded.soql) ?? {};
            const records = (answer.records ?? []).map((r) => ({ attributes: { type: 'X' }, ...r }));
            return { status: 200, body: { totalSize: answer.count ?? records.length, done: true, records } };
        }
        this.requests.push(recorded);
        if (
            url.pathname === `${base}/composite/sobjects` &&
            (req.method === 'POST' || req.method === 'PATCH')
        ) {
            const body = recorded.body as CollectionBody;
            const save: Save = {
                method: req.method,
                type: body.records[0]?.attributes.type ?? '?',
                records: body.records
            };
            const custom = this.options.save?.(save);
            if (custom) return { status: custom.status ?? 200, body: custom.body };
            if (req.method === 'PATCH') {
                return {
                    status: 200,
                    body: body.records.map((r) => ({ id: r.id, success: true, errors: [] }))
                };
            }
            const ids = body.records.map(() => this.newId(save.type));
            this.created.set(save.type, [...(this.created.get(save.type) ?? []), ...ids]);
            return { status: 200, body: ids.map((id) => ({ id, success: true, errors: [] })) };
        }
        if (req.method === 'POST' && /\/sobjects\/User\/\w+\/password$/.test(url.pathname)) {
            return { status: 204 };
        }
        return {
            status: 404,
            body: [{ errorCode: 'NOT_FOUND', message: `fake org: no route ${req.method} ${url.pathname}` }]
        };
    }
}

/** An allOrNone failure of a collections create: the first record fails, the others are rolled back. */
export function allOrNoneFailure(count: number, statusCode: string, message: string, fields: string[] = []) {
    return Array.from({ length: count }, (_, i) => ({
        success: false,
        errors: [
            i === 0
                ? { statusCode, message, fields }
                : {
                      statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                      message:
                          'Record rolled back because not all records were valid and the request was using AllOrNone header',
                      fields: []
                  }
        ]
    }));
}

/** One answer of the stand-in `sf` (test/org/bin/sf): the first rule whose `match` strings all occur answers. */
export interface SfRule {
    match: string[];
    result?: unknown;
    error?: { name: string; message: string; result?: unknown };
    /** Answers this many times, then lets later rules answer. */
    times?: number;
    /** Files written under the command's --target-metadata-dir (a retrieve). */
    files?: Record<string, string>;
}

export interface SfCall {
    args: string[];
    cwd: string;
}

/**
 * The stand-in Salesforce CLI: a real script (test/org/bin/sf) found first on PATH, recording each command and
 * answering from rules. `exec` runs every `sf` the scripts start through PATH (so the scripts' own CLI code, JSON
 * parsing and error handling run for real), and hands `npm` to the given function.
 */
export class FakeSf {
    readonly dir = mkdtempSync(path.join(tmpdir(), 'canal-fake-sf-'));
    readonly binDir = path.join(__dirname, 'bin');

    constructor(rules: SfRule[] = []) {
        this.setRules(rules);
    }

    setRules(rules: SfRule[]): void {
        writeFileSync(path.join(this.dir, 'rules.json'), JSON.stringify(rules, null, 2));
        rmSync(path.join(this.dir, 'used.json'), { force: true });
    }

    calls(): SfCall[] {
        const file = path.join(this.dir, 'calls.jsonl');
        if (!existsSync(file)) return [];
        return readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as SfCall);
    }

    /** The commands as text (`project deploy validate ...`), without --json. */
    lines(): string[] {
        return this.calls().map((c) => c.args.filter((a) => a !== '--json').join(' '));
    }

    clearCalls(): void {
        rmSync(path.join(this.dir, 'calls.jsonl'), { force: true });
    }

    exec(npm: (args: readonly string[]) => Promise<number> | number = () => 0): ExecFn {
        return async (file, args, options) => {
            if (path.basename(file) === 'npm') return { code: await npm(args), stdout: '', stderr: '' };
            if (path.basename(file) !== 'sf') throw new Error(`fake sf: unexpected program ${file}`);
            return execCommand('sf', args, {
                cwd: options?.cwd,
                env: {
                    ...(options?.env ?? process.env),
                    PATH: `${this.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
                    FAKE_SF_DIR: this.dir
                }
            });
        };
    }

    dispose(): void {
        rmSync(this.dir, { recursive: true, force: true });
    }
}
