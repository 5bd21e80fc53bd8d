/**
 * Runs the project's pinned Salesforce CLI (node_modules/.bin/sf) with --json and turns its answers into values
 * or errors carrying the CLI's own message; reads an org's connection details and kind (scratch, sandbox or
 * neither) for the production guard.
 *
 * Same environment flags as scripts/lib/sf.mjs (no auto-update, no telemetry, no progress bars), but the user's
 * real HOME: the org authorizations live there.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { Connection } from 'jsforce';
import { classifyOrganization, type OrgKind, type OrganizationRow } from './productionGuard.js';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SF_BIN = path.join(ROOT, 'node_modules', '.bin', 'sf');
/** The API version of jsforce connections when the CLI does not report the org's. */
export const DEFAULT_API_VERSION = '62.0';

export interface ExecResult {
    code: number;
    stdout: string;
    stderr: string;
}

export interface ExecOptions {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Stream the command's output to this process's stdout/stderr instead of capturing it. */
    inherit?: boolean;
}

/** Runs a program; resolves with its exit code and (unless inherited) its output. Rejects only when it cannot start. */
export type ExecFn = (file: string, args: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

export const execCommand: ExecFn = (file, args, options = {}) =>
    new Promise((resolve, reject) => {
        const cwd = options.cwd ?? ROOT;
        const env = options.env ?? process.env;
        if (options.inherit) {
            const child = spawn(file, [...args], { cwd, env, stdio: 'inherit' });
            child.on('error', reject);
            child.on('close', (code, signal) =>
                resolve({ code: code ?? (signal ? 1 : 0), stdout: '', stderr: '' })
            );
            return;
        }
        execFile(file, [...args], { cwd, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error && typeof error.code === 'string') {
                reject(new Error(`Cannot run ${file}: ${error.message}`));
                return;
            }
            resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
    });

/** The environment of every `sf` run: the caller's, with the CLI kept offline-quiet. */
export function sfEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    return {
        ...base,
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_AUTOUPDATE_DISABLE: 'true',
        SF_DISABLE_TELEMETRY: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        SF_USE_PROGRESS_BAR: 'false',
        NO_COLOR: '1'
    };
}

/** The `--json` envelope of the CLI: status 0 with a result, or an error with name, message, actions, data. */
export interface SfJson {
    status?: number;
    result?: unknown;
    name?: string;
    message?: string;
    actions?: string[];
    data?: unknown;
    warnings?: unknown[];
}

/** A failed `sf` command: the message is the CLI's, the JSON envelope is kept for callers that inspect it. */
export class SfCliError extends Error {
    constructor(
        message: string,
        readonly command: string,
        readonly exitCode: number,
        readonly json?: SfJson
    ) {
        super(message);
        this.name = 'SfCliError';
    }
}

/** Parses the CLI's JSON output, skipping anything printed before the first line that opens an object. */
export function parseSfJson(text: string): SfJson | undefined {
    const trimmed = text.trim();
    if (!trimmed) return undefined;
    const candidates = [trimmed];
    const start = trimmed.search(/^\{/m);
    if (start > 0) candidates.push(trimmed.slice(start));
    for (const candidate of candidates) {
        try {
            const parsed = JSON.parse(candidate) as unknown;
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as SfJson;
        } catch {
            // not JSON (or not only JSON): try the next candidate
        }
    }
    return undefined;
}

interface ComponentFailure {
    fullName?: string;
    componentType?: string;
    problem?: string;
    fileName?: string;
    lineNumber?: number | string;
}

function asArray<T>(value: T | T[] | undefined | null): T[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** The CLI's error message, with the failed components of a deploy and the suggested actions. */
export function sfErrorMessage(json: SfJson): string {
    const lines = [json.message?.trim() || json.name || 'sf failed'];
    const details = (json.result ?? json.data) as
        | { details?: { componentFailures?: ComponentFailure | ComponentFailure[] }; errorMessage?: string }
        | undefined;
    const failures = asArray(details?.details?.componentFailures);
    for (const f of failures.slice(0, 25)) {
        const where = f.fileName ? ` (${f.fileName}${f.lineNumber ? `:${f.lineNumber}` : ''})` : '';
        lines.push(`  ${f.componentType ?? '?'} ${f.fullName ?? '?'}${where}: ${f.problem ?? 'failed'}`);
    }
    if (failures.length > 25) lines.push(`  … and ${failures.length - 25} more component failures`);
    if (details?.errorMessage && !lines[0]!.includes(details.errorMessage)) lines.push(details.errorMessage);
    for (const action of json.actions ?? []) lines.push(`  → ${action}`);
    return lines.join('\n');
}

export interface SfRunOptions {
    exec?: ExecFn;
    cwd?: string;
    /** The `sf` executable (tests point it at a fake). */
    bin?: string;
    env?: NodeJS.ProcessEnv;
}

/** The shell-like text of a command, for logs and --dry-run. */
export function formatCommand(file: string, args: readonly string[]): string {
    return [file, ...args]
        .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
        .join(' ');
}

/** The arguments with --json added (once). */
export function withJson(args: readonly string[]): string[] {
    return args.includes('--json') ? [...args] : [...args, '--json'];
}

/** Runs `sf <args> --json`; resolves with `result`, or rejects with an SfCliError carrying the CLI's message. */
export async function runSf<T = unknown>(args: readonly string[], options: SfRunOptions = {}): Promise<T> {
    const exec = options.exec ?? execCommand;
    const fullArgs = withJson(args);
    const command = formatCommand('sf', fullArgs);
    const { code, stdout, stderr } = await exec(options.bin ?? SF_BIN, fullArgs, {
        cwd: options.cwd ?? ROOT,
        env: sfEnv(options.env)
    });
    const json = parseSfJson(stdout) ?? parseSfJson(stderr);
    if (!json) {
        const output = `${stderr}${stdout}`.trim().split('\n').slice(0, 10).join('\n');
        throw new SfCliError(
            `${command} exited with ${code} without JSON output${output ? `:\n${output}` : ''}`,
            command,
            code
        );
    }
    if (code !== 0 || (json.status !== undefined && json.status !== 0)) {
        throw new SfCliError(sfErrorMessage(json), command, code || 1, json);
    }
    return json.result as T;
}

/** What the scripts know about a target org. */
export interface OrgInfo extends OrgKind {
    alias?: string;
    orgId: string;
    instanceUrl: string;
    accessToken: string;
    username: string;
    apiVersion: string;
}

interface DisplayResult {
    id?: string;
    alias?: string;
    instanceUrl?: string;
    accessToken?: string;
    username?: string;
    apiVersion?: string;
    devHubId?: string;
    expirationDate?: string;
    isScratch?: boolean;
    isSandbox?: boolean;
}

export interface OrgInfoOptions extends SfRunOptions {
    /** Reads the Organization row (default: jsforce query); tests replace it. */
    queryOrganization?: (conn: Connection) => Promise<OrganizationRow>;
}

/** A jsforce connection from an org's instance URL and access token. */
export function connect(info: Pick<OrgInfo, 'instanceUrl' | 'accessToken' | 'apiVersion'>): Connection {
    return new Connection({
        instanceUrl: info.instanceUrl,
        accessToken: info.accessToken,
        version: info.apiVersion || DEFAULT_API_VERSION
    });
}

async function queryOrganizationRow(conn: Connection): Promise<OrganizationRow> {
    const result = await conn.query<OrganizationRow>(
        'SELECT IsSandbox, OrganizationType, TrialExpirationDate FROM Organization'
    );
    const row = result.records[0];
    if (!row) throw new Error('SELECT … FROM Organization returned no row');
    return row;
}

/**
 * The org behind an alias or username: `sf org display` (instance URL, user, org id, scratch-org details),
 * `sf org auth show-access-token` when display redacts the token, and, when display does not say whether the
 * org is a scratch org or a sandbox, the Organization row through jsforce.
 */
export async function orgInfo(alias: string, options: OrgInfoOptions = {}): Promise<OrgInfo> {
    const display = await runSf<DisplayResult>(['org', 'display', '--target-org', alias], options);
    if (!display.instanceUrl || !display.username) {
        throw new Error(`sf org display --target-org ${alias} gave no instance URL or username.`);
    }
    let accessToken = display.accessToken ?? '';
    if (!accessToken || accessToken.startsWith('[REDACTED')) {
        const shown = await runSf<{ accessToken?: string }>(
            ['org', 'auth', 'show-access-token', '--target-org', alias],
            options
        );
        accessToken = shown.accessToken ?? '';
    }
    if (!accessToken) throw new Error(`No access token for ${alias}: log in again with sf org login web.`);
    const info: OrgInfo = {
        alias: display.alias ?? alias,
        orgId: display.id ?? '',
        instanceUrl: display.instanceUrl,
        accessToken,
        username: display.username,
        apiVersion: display.apiVersion ?? DEFAULT_API_VERSION,
        isScratch: false,
        isSandbox: false
    };
    if (typeof display.isScratch === 'boolean' && typeof display.isSandbox === 'boolean') {
        info.isScratch = display.isScratch;
        info.isSandbox = display.isSandbox;
    } else if (display.devHubId) {
        // Only scratch orgs are created by a Dev Hub.
        info.isScratch = true;
    } else {
        const row = await (options.queryOrganization ?? queryOrganizationRow)(connect(info));
        Object.assign(info, classifyOrganization(row));
        if (row.OrganizationType) info.organizationType = row.OrganizationType;
    }
    return info;
}
