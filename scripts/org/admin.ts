/**
 * What the admin scripts (org:deploy, org:publish, org:configure, org:translations, org:uninstall) share: every
 * read and write goes through the `sf` CLI (so a stand-in `sf` drives them in tests), the confirmation that shows
 * the target org, timestamped backups, and CLI failures turned into what to do next.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { soqlString } from './seedOrg.js';
import { formatCommand, runSf, SfCliError, withJson, type OrgInfo } from './sfCli.js';
import { GuardRefusal, UsageError, type OrgDeps } from './steps.js';

export { soqlString };

/** The scheduled jobs of Canal PRM, by name (org:configure schedules them, org:uninstall removes them). */
export const JOBS = {
    recall: { name: 'Canal lead claim recall', className: 'LeadClaimRecall', cron: '0 0 * * * ?' },
    digest: { name: 'Canal queue digest', className: 'LeadQueueDigest', cron: '0 0 7 * * ?' },
    expiry: {
        name: 'Canal deal registration expiry',
        className: 'DealRegistrationExpiry',
        cron: '0 0 1 * * ?'
    }
} as const;

/** Permission sets and groups the package ships. */
export const PARTNER_REP_PERMSET = 'Canal_Partner_Rep';
export const ADMIN_PERMSET = 'Canal_Admin';
export const MANAGER_PERMSET = 'Canal_Channel_Manager';
export const MANAGERS_GROUP = 'Canal_Channel_Managers';
export const REPS_GROUP = 'Canal_Partner_Reps';

/** The org and the CLI, as the admin scripts see them. */
export interface AdminCtx {
    deps: OrgDeps;
    alias: string;
    dryRun: boolean;
}

/** `sf <args> --json` for the target org, from the project root (or cwd). */
export async function sf<T>(ctx: AdminCtx, args: string[], cwd?: string): Promise<T> {
    return runSf<T>(args, { exec: ctx.deps.exec, cwd: cwd ?? ctx.deps.root });
}

/** The printed form of an sf command (as --dry-run shows it). */
export function sfLine(args: string[]): string {
    return `$ ${formatCommand('sf', withJson(args))}`;
}

/** Runs a SOQL query through `sf data query`; resolves with the records. */
export async function query<T>(
    ctx: AdminCtx,
    soql: string,
    options: { tooling?: boolean } = {}
): Promise<T[]> {
    const args = ['data', 'query', '--query', soql, '--target-org', ctx.alias];
    if (options.tooling) args.push('--use-tooling-api');
    const result = await sf<{ records?: T[] }>(ctx, args);
    return result?.records ?? [];
}

/** A query whose sObject may not exist in the org (a feature off, our type not deployed): undefined then. */
export async function queryIfType<T>(ctx: AdminCtx, soql: string): Promise<T[] | undefined> {
    try {
        return await query<T>(ctx, soql);
    } catch (error) {
        if (error instanceof SfCliError && /INVALID_TYPE|not supported|does not exist/i.test(error.message)) {
            return undefined;
        }
        throw error;
    }
}

/** A SOQL list literal: ('a','b'). */
export function soqlList(values: readonly string[]): string {
    return `(${values.map(soqlString).join(',')})`;
}

interface ApexRunResult {
    success?: boolean;
    compiled?: boolean;
    compileProblem?: string;
    exceptionMessage?: string;
    logs?: string;
}

/** Runs anonymous Apex (`sf apex run --file`); throws with the compile problem or exception. */
export async function runApex(ctx: AdminCtx, lines: string[]): Promise<ApexRunResult> {
    const dir = path.join(ctx.deps.root, 'build', 'apex');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `canal-${ctx.deps.now()}.apex`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    let result: ApexRunResult;
    try {
        result = await sf<ApexRunResult>(ctx, ['apex', 'run', '--file', file, '--target-org', ctx.alias]);
    } catch (error) {
        const body =
            error instanceof SfCliError ? (error.json?.result as ApexRunResult | undefined) : undefined;
        if (body?.compiled === false || body?.success === false) result = body;
        else throw error;
    }
    if (result.compiled === false) throw new Error(`Apex did not compile: ${result.compileProblem ?? ''}`);
    if (result.success === false) throw new Error(`Apex failed: ${result.exceptionMessage ?? ''}`);
    return result;
}

/** The kind of org, as the confirmation prints it. */
export function orgKind(info: OrgInfo): 'scratch org' | 'sandbox' | 'production' {
    if (info.isScratch) return 'scratch org';
    if (info.isSandbox) return 'sandbox';
    return 'production';
}

export function describeTarget(info: OrgInfo): string {
    const type = info.organizationType ? `, ${info.organizationType}` : '';
    return `${info.username} (org ${info.orgId || '?'}, ${orgKind(info)}${type}) at ${info.instanceUrl}`;
}

/**
 * The explicit confirmation before a change: prints the target org and what will change, then asks. A production
 * org (neither scratch nor sandbox) needs its username typed, or --confirm-org <username or org id> on the command
 * line; --yes answers only for scratch orgs and sandboxes. Nothing else (no environment variable) lets a change
 * through. Throws GuardRefusal when refused.
 */
export async function confirmChange(
    ctx: AdminCtx,
    info: OrgInfo,
    changes: string[],
    options: { yes: boolean; confirmOrg?: string }
): Promise<void> {
    const { log } = ctx.deps;
    log('');
    log(`Target org: ${describeTarget(info)}`);
    log('What will change:');
    for (const line of changes.length ? changes : ['nothing']) log(`  - ${line}`);
    if (orgKind(info) === 'production') {
        const wanted = [info.username, info.orgId].filter(Boolean);
        if (options.confirmOrg !== undefined) {
            if (wanted.includes(options.confirmOrg)) return;
            throw new GuardRefusal(
                `--confirm-org ${options.confirmOrg} does not name the target org (${info.username}): nothing was changed.`
            );
        }
        const answer = (
            await ctx.deps.ask(`This is a production org. Type its username (${info.username}) to go on: `)
        ).trim();
        if (wanted.includes(answer)) return;
        throw new GuardRefusal(
            `Not confirmed: ${info.username} is a production org and its username was not typed, so nothing was changed. ` +
                `Run it again in a terminal, or add --confirm-org ${info.username} (--yes is not enough for production).`
        );
    }
    if (options.yes) return;
    const answer = (await ctx.deps.ask(`Go on with ${orgKind(info)} ${info.username}? [y/N] `)).trim();
    if (/^y(es)?$/i.test(answer)) return;
    throw new GuardRefusal(
        `Not confirmed (add --yes to skip the question on a ${orgKind(info)}): nothing was changed.`
    );
}

/** A timestamp safe for a folder name. */
export function stamp(deps: Pick<OrgDeps, 'now'>): string {
    return new Date(deps.now()).toISOString().replace(/[:.]/g, '-');
}

/** The folder of every backup of an org: backups/<alias>/. */
export function backupRoot(ctx: AdminCtx): string {
    return path.join('backups', ctx.alias.replace(/[^\w.@-]+/g, '_'));
}

/** What a backup folder records beside the retrieved metadata. */
export interface BackupRecord {
    orgId: string;
    username: string;
    takenAt: string;
    /** Why it was taken: deploy, publish, translations. */
    reason: string;
    /** The metadata retrieved into this folder (Type:Name). */
    retrieved: string[];
    /** The sharing defaults before org:deploy changed them. */
    sharing?: Record<string, { internal: string; external: string }>;
}

export const BACKUP_FILE = 'canal-backup.json';

/**
 * Retrieves the given components (Type:Name) into a new backups/<alias>/<timestamp>-<reason>/ folder (Metadata API
 * format, unzipped) and writes canal-backup.json beside them. Resolves with the folder (relative to the root).
 */
export async function takeBackup(
    ctx: AdminCtx,
    info: OrgInfo,
    reason: string,
    components: string[],
    extra: Partial<BackupRecord> = {}
): Promise<string> {
    const dir = path.join(backupRoot(ctx), `${stamp(ctx.deps)}-${reason}`);
    mkdirSync(path.join(ctx.deps.root, dir), { recursive: true });
    if (components.length) {
        await sf(ctx, [
            'project',
            'retrieve',
            'start',
            ...components.flatMap((c) => ['--metadata', c]),
            '--target-metadata-dir',
            dir,
            '--unzip',
            '--target-org',
            ctx.alias
        ]);
    }
    const record: BackupRecord = {
        orgId: info.orgId,
        username: info.username,
        takenAt: new Date(ctx.deps.now()).toISOString(),
        reason,
        retrieved: components,
        ...extra
    };
    writeFileSync(path.join(ctx.deps.root, dir, BACKUP_FILE), `${JSON.stringify(record, null, 4)}\n`);
    ctx.deps.log(`    backup: ${dir}${components.length ? ` (${components.join(', ')})` : ''}`);
    return dir;
}

/** The backups of an org, oldest first (folders holding canal-backup.json). */
export function listBackups(ctx: AdminCtx): Array<{ dir: string; record: BackupRecord }> {
    const root = path.join(ctx.deps.root, backupRoot(ctx));
    let entries: string[];
    try {
        entries = readdirSync(root).sort();
    } catch {
        return [];
    }
    return entries.flatMap((entry) => {
        const file = path.join(root, entry, BACKUP_FILE);
        try {
            if (!statSync(file).isFile()) return [];
            return [
                {
                    dir: path.join(backupRoot(ctx), entry),
                    record: JSON.parse(readFileSync(file, 'utf8')) as BackupRecord
                }
            ];
        } catch {
            return [];
        }
    });
}

/** Splits a comma-separated flag into trimmed, non-empty values. */
export function listFlag(value: string | undefined): string[] {
    return (value ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

/** A positive number of minutes, or a usage error. */
export function minutes(value: string | undefined, flag: string, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0 || n > 1440)
        throw new UsageError(`${flag} must be 1 to 1440 minutes, not "${value}".`);
    return n;
}

/**
 * What to do next after a CLI failure: the CLI's message is kept, and a known cause gets the command or the Setup
 * page that fixes it. Undefined when the message is not one we know.
 */
export function nextStepFor(message: string, alias?: string): string | undefined {
    const org = alias ?? '<alias>';
    const rules: Array<[RegExp, string]> = [
        [
            /NoAuthInfoFound|No authorization information found|NamedOrgNotFound|No (default )?(org|environment) found|TargetOrgNotSet/i,
            `Log in to the org first: sf org login web --alias ${org} (add --instance-url https://test.salesforce.com for a sandbox), then run this again with --target-org ${org}.`
        ],
        [
            /INVALID_SESSION_ID|expired access\/refresh token|invalid_grant|Session expired/i,
            `The org's login has expired: sf org login web --alias ${org}, then run this again.`
        ],
        [
            /Cannot run .*sf|ENOENT.*sf/i,
            'The Salesforce CLI of this project is missing: run npm ci in the project folder.'
        ],
        [
            /sObject type 'Network' is not supported|Network.*INVALID_TYPE/i,
            'Experience Cloud is off: Setup > Digital Experiences > Settings > Enable Digital Experiences, then run this again.'
        ],
        [
            /jobs? (are )?pending or in progress|scheduled job|Schedulable class has jobs pending/i,
            `A scheduled job of ours blocks the deploy of its class: turn on Setup > Deployment Settings > "Allow deployments of components when corresponding Apex jobs are pending or in progress", or run npm run org:configure -- --target-org ${org} --unschedule first and schedule again after.`
        ],
        [
            /Translation Workbench|language .* is not (active|enabled)|Invalid language/i,
            'Turn on the Translation Workbench and add the language as active: Setup > Translation Language Settings.'
        ],
        [
            /Code coverage|Average test coverage|test failures?|Test failures/i,
            'Apex tests failed or covered too little: read the failures above, fix them, and run this again (nothing was deployed).'
        ],
        [
            /LICENSE_LIMIT_EXCEEDED|license limit/i,
            'The org has no free licence of that kind: Setup > Company Information shows them; free one or buy more.'
        ],
        [
            /REQUEST_LIMIT_EXCEEDED/i,
            'The org has used its API requests for the last 24 hours: wait, then run this again.'
        ],
        [
            /ENTITY_IS_LOCKED|sharing recalculation|UNABLE_TO_LOCK_ROW/i,
            'The org is busy (a sharing recalculation or a lock): wait a few minutes and run this again.'
        ]
    ];
    return rules.find(([pattern]) => pattern.test(message))?.[1];
}

/** Turns an outcome into the exit code, printing the message and what to do next. */
export function adminExitCode(error: unknown, deps: Pick<OrgDeps, 'error'>, alias?: string): number {
    const message = error instanceof Error ? error.message : String(error);
    deps.error(message);
    if (error instanceof UsageError || error instanceof GuardRefusal) return 2;
    const hint = nextStepFor(message, alias);
    if (hint) deps.error(`What to do: ${hint}`);
    return 1;
}

/** The org, or a translated "log in first". */
export async function targetOrg(ctx: AdminCtx): Promise<OrgInfo> {
    return ctx.deps.orgInfo(ctx.alias);
}

/**
 * Parses an admin script's options the way every org:* script does (strict, no positionals): --help prints the
 * script's usage and yields null, --target-org is required, and any parse error is a UsageError carrying the usage.
 */
export function parseAdminArgs<O extends NonNullable<ParseArgsConfig['options']>>(
    argv: string[],
    options: O,
    help: string,
    deps: Pick<OrgDeps, 'log'>
) {
    let parsed;
    try {
        parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
    } catch (error) {
        throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
    }
    const values = parsed.values;
    const raw = values as Record<string, unknown>;
    if (raw.help) {
        deps.log(help);
        return null;
    }
    const alias = raw['target-org'];
    if (typeof alias !== 'string' || !alias) throw new UsageError(`--target-org is required.\n\n${help}`);
    return { values, alias };
}
