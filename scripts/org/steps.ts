/**
 * The steps of org:setup and org:deploy: each prints what it does and the command it runs (all that --dry-run
 * prints), and a failing step stops the script with the step's name and the tool's message.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Connection } from 'jsforce';
import { productionGuard, type OrganizationRow } from './productionGuard.js';
import {
    addPartnerRolesToGroup,
    describeSeedPlan,
    loadCast,
    seedOrg,
    soqlString,
    type SeedCast
} from './seedOrg.js';
import {
    connect,
    execCommand,
    formatCommand,
    orgInfo,
    ROOT,
    runSf,
    SfCliError,
    withJson,
    type ExecFn,
    type OrgInfo
} from './sfCli.js';

export type StepKey =
    | 'create'
    | 'build'
    | 'deploy-source'
    | 'render-site'
    | 'deploy-site'
    | 'publish'
    | 'wait-live'
    | 'permsets'
    | 'group-roles'
    | 'seed'
    | 'schedule-recall';

export interface Step {
    key: StepKey;
    title: string;
    /** The commands (or jsforce calls) the step runs, as printed. */
    commands: () => string[];
    run: () => Promise<void>;
}

/** Everything the scripts touch outside themselves, replaceable in tests. */
export interface OrgDeps {
    exec: ExecFn;
    orgInfo: (alias: string) => Promise<OrgInfo>;
    connect: (info: OrgInfo) => Connection;
    seed: typeof seedOrg;
    addPartnerRolesToGroup: typeof addPartnerRolesToGroup;
    loadCast: () => SeedCast;
    sleep: (ms: number) => Promise<void>;
    now: () => number;
    log: (line: string) => void;
    error: (line: string) => void;
    /** Asks a question on the terminal; resolves with '' when there is no terminal (so a confirmation fails). */
    ask: (question: string) => Promise<string>;
    root: string;
}

/** The terminal question of the confirmations: '' without a terminal, so nothing is confirmed by default. */
export function askOnTerminal(question: string): Promise<string> {
    if (!process.stdin.isTTY) {
        console.log(`${question}(no terminal: not confirmed)`);
        return Promise.resolve('');
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    return new Promise((resolve) =>
        rl.question(question, (answer) => {
            rl.close();
            resolve(answer);
        })
    );
}

export function defaultDeps(overrides: Partial<OrgDeps> = {}): OrgDeps {
    const exec = overrides.exec ?? execCommand;
    return {
        exec,
        // Every question to the org goes through the CLI (the Organization row too), so a stand-in sf answers all.
        orgInfo: (alias) =>
            orgInfo(alias, {
                exec,
                queryOrganization: async () => {
                    const result = await runSf<{ records?: OrganizationRow[] }>(
                        [
                            'data',
                            'query',
                            '--query',
                            'SELECT IsSandbox, OrganizationType, TrialExpirationDate FROM Organization',
                            '--target-org',
                            alias
                        ],
                        { exec }
                    );
                    const row = result.records?.[0];
                    if (!row) throw new Error('SELECT … FROM Organization returned no row');
                    return row;
                }
            }),
        connect,
        seed: seedOrg,
        addPartnerRolesToGroup,
        loadCast: () => loadCast(),
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
        log: (line) => console.log(line),
        error: (line) => console.error(line),
        ask: askOnTerminal,
        root: ROOT,
        ...overrides
    };
}

/** A step that failed; the scripts print it and exit 1. */
export class StepError extends Error {
    constructor(
        readonly step: Step,
        readonly index: number,
        readonly total: number,
        cause: unknown
    ) {
        super(
            `Step ${index}/${total} "${step.title}" failed:\n${cause instanceof Error ? cause.message : String(cause)}`
        );
        this.name = 'StepError';
    }
}

/** The org looks like production and --yes is missing; the scripts print it and exit 2. */
export class GuardRefusal extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'GuardRefusal';
    }
}

/** Runs (or, with dryRun, only prints) the steps in order; stops at the first failure with a StepError. */
export async function runSteps(steps: Step[], options: { dryRun: boolean; log: (line: string) => void }) {
    for (const [i, step] of steps.entries()) {
        options.log(`[${i + 1}/${steps.length}] ${step.title}`);
        for (const command of step.commands()) options.log(`    ${command}`);
        if (options.dryRun) continue;
        try {
            await step.run();
        } catch (error) {
            if (error instanceof GuardRefusal) throw error;
            throw new StepError(step, i + 1, steps.length, error);
        }
    }
}

/** The production guard for an existing org: throws GuardRefusal unless it is a scratch org, a sandbox or --yes. */
export async function guardOrg(deps: OrgDeps, alias: string, yes: boolean, action: string): Promise<OrgInfo> {
    const info = await deps.orgInfo(alias);
    const decision = productionGuard(info, yes, action);
    if (!decision.allowed) throw new GuardRefusal(decision.message);
    deps.log(decision.message);
    return info;
}

export interface StepContext {
    deps: OrgDeps;
    alias: string;
    /** The values file of the site renderer (npm run site:render -- --config). */
    siteConfig?: string;
    /** The Network name; default: the one Network the renderer wrote. */
    siteName?: string;
    /** The renderer's output folder, relative to the project root; the render step empties it first. */
    siteOut: string;
    /** Render with the org's admin user as site admin and guest record owner (a new scratch org). */
    siteUsersFromOrg: boolean;
    /** Render the site Live with welcome e-mails (a demo scratch org); otherwise UnderConstruction and silent. */
    siteLive?: boolean;
    /** Print placeholders rather than whatever an earlier render left in siteOut. */
    dryRun: boolean;
    publishTimeoutSeconds: number;
    pollIntervalSeconds: number;
}

const dollar = (file: string, args: readonly string[]) => `$ ${formatCommand(file, args)}`;

async function sf<T>(ctx: StepContext, args: string[]): Promise<T> {
    return runSf<T>(args, { exec: ctx.deps.exec, cwd: ctx.deps.root });
}

async function npmRun(ctx: StepContext, args: string[]): Promise<void> {
    const { code } = await ctx.deps.exec('npm', args, { cwd: ctx.deps.root, inherit: true });
    if (code !== 0) throw new Error(`${formatCommand('npm', args)} exited with ${code}`);
}

async function connection(ctx: StepContext): Promise<Connection> {
    return ctx.deps.connect(await ctx.deps.orgInfo(ctx.alias));
}

export function createStep(
    ctx: StepContext,
    options: { durationDays: number; devHub?: string; definitionFile: string; yes: boolean }
): Step {
    const args = [
        'org',
        'create',
        'scratch',
        '--definition-file',
        options.definitionFile,
        '--alias',
        ctx.alias,
        '--duration-days',
        String(options.durationDays),
        '--set-default',
        '--wait',
        '30',
        ...(options.devHub ? ['--target-dev-hub', options.devHub] : [])
    ];
    return {
        key: 'create',
        title: `Create the scratch org ${ctx.alias} (${options.durationDays} days)`,
        commands: () => [dollar('sf', withJson(args))],
        run: async () => {
            const result = await sf<{ username?: string; orgId?: string }>(ctx, args);
            ctx.deps.log(`    created ${result.username ?? ''} (${result.orgId ?? 'org id unknown'})`);
            await guardOrg(ctx.deps, ctx.alias, options.yes, 'deploy, create users and seed data');
        }
    };
}

export function buildStep(ctx: StepContext): Step {
    return {
        key: 'build',
        title: 'Compile the LWCs (the org receives the .js, never the .ts)',
        commands: () => [dollar('npm', ['run', 'build'])],
        run: () => npmRun(ctx, ['run', 'build'])
    };
}

export function deploySourceStep(ctx: StepContext): Step {
    const args = [
        'project',
        'deploy',
        'start',
        '--source-dir',
        'force-app',
        '--target-org',
        ctx.alias,
        '--wait',
        '30'
    ];
    return {
        key: 'deploy-source',
        title: 'Deploy force-app',
        commands: () => [dollar('sf', withJson(args))],
        run: async () => {
            const result = await sf<{ numberComponentsDeployed?: number; status?: string }>(ctx, args);
            ctx.deps.log(
                `    ${result.status ?? 'done'}: ${result.numberComponentsDeployed ?? '?'} components`
            );
        }
    };
}

/**
 * Renders the site into a clean siteOut (so exactly one site is there). For a new scratch org the site admin and
 * the guest records' owner are the org's admin user (flags override the values file): the values file cannot know
 * a scratch org's generated username.
 */
export function renderSiteStep(ctx: StepContext): Step {
    const args = (username?: string) => [
        'run',
        'site:render',
        '--',
        ...(ctx.siteConfig ? ['--config', ctx.siteConfig] : []),
        ...(ctx.siteUsersFromOrg && username ? ['--admin', username, '--guest-owner', username] : []),
        ...(ctx.siteLive ? ['--status', 'Live', '--welcome-email', 'true'] : []),
        '--out',
        ctx.siteOut
    ];
    return {
        key: 'render-site',
        title: `Render the site into a clean ${ctx.siteOut}`,
        commands: () => [
            `$ rm -rf ${ctx.siteOut}`,
            dollar('npm', args(ctx.siteUsersFromOrg ? `<admin username of ${ctx.alias}>` : undefined))
        ],
        run: async () => {
            rmSync(path.join(ctx.deps.root, ctx.siteOut), { recursive: true, force: true });
            const username = ctx.siteUsersFromOrg ? (await ctx.deps.orgInfo(ctx.alias)).username : undefined;
            await npmRun(ctx, args(username));
        }
    };
}

/**
 * Metadata folders deployed together first: the Network, its CustomSite, the DigitalExperienceConfig and the
 * DigitalExperienceBundle they point at (deployed apart, the site would point at a bundle that does not exist
 * yet); then the NavigationMenu, which needs the Network to exist.
 */
export const SITE_FIRST = ['networks', 'sites', 'digitalExperienceConfigs', 'digitalExperiences'] as const;
export const SITE_SECOND = ['navigationMenus'] as const;

/** The folders with the given names under dir (both relative to root), in the order of names. */
export function findFolders(root: string, dir: string, names: readonly string[]): string[] {
    const found: string[] = [];
    const walk = (relative: string) => {
        const absolute = path.join(root, relative);
        if (!existsSync(absolute)) return;
        for (const entry of readdirSync(absolute, { withFileTypes: true })) {
            if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            const child = relative ? path.join(relative, entry.name) : entry.name;
            if (names.includes(entry.name)) found.push(child);
            else walk(child);
        }
    };
    walk(dir);
    return found.sort(
        (a, b) => names.indexOf(path.basename(a)) - names.indexOf(path.basename(b)) || a.localeCompare(b)
    );
}

/** The rendered site: its SFDX project folder (relative to root) and its metadata folders (relative to it). */
export interface RenderedSite {
    project: string;
    first: string[];
    second: string[];
}

/**
 * Finds the one rendered site under siteOut: the folder holding `networks`, deployed from the nearest folder
 * with an sfdx-project.json (the renderer writes one per site), else from the project root.
 */
export function renderedSite(ctx: StepContext): RenderedSite | undefined {
    const networks = findFolders(ctx.deps.root, ctx.siteOut, ['networks']);
    if (networks.length === 0) return undefined;
    if (networks.length > 1) {
        throw new Error(`Several rendered sites in ${ctx.siteOut} (${networks.join(', ')}): render one.`);
    }
    // The nearest folder from the networks folder up to siteOut with an sfdx-project.json; else the repo root.
    let project: string | undefined = path.dirname(networks[0]!);
    while (!existsSync(path.join(ctx.deps.root, project, 'sfdx-project.json'))) {
        if (project === ctx.siteOut || path.relative(ctx.siteOut, project).startsWith('..')) {
            project = undefined;
            break;
        }
        project = path.dirname(project);
    }
    if (project === undefined) {
        return {
            project: '',
            first: findFolders(ctx.deps.root, ctx.siteOut, SITE_FIRST),
            second: findFolders(ctx.deps.root, ctx.siteOut, SITE_SECOND)
        };
    }
    const base = path.join(ctx.deps.root, project);
    return { project, first: findFolders(base, '', SITE_FIRST), second: findFolders(base, '', SITE_SECOND) };
}

function deployArgs(ctx: StepContext, dirs: readonly string[]): string[] {
    return [
        'project',
        'deploy',
        'start',
        ...dirs.flatMap((d) => ['--source-dir', d]),
        '--target-org',
        ctx.alias,
        '--wait',
        '30'
    ];
}

export function deploySiteStep(ctx: StepContext): Step {
    const planned = (): RenderedSite => {
        const site = ctx.dryRun ? undefined : renderedSite(ctx);
        return (
            site ?? {
                project: `${ctx.siteOut}/<site api name>`,
                first: SITE_FIRST.map((n) => `main/default/${n}`),
                second: SITE_SECOND.map((n) => `main/default/${n}`)
            }
        );
    };
    const where = (site: RenderedSite) => (site.project ? `(in ${site.project}) ` : '');
    return {
        key: 'deploy-site',
        title: 'Deploy the site: Network, CustomSite, DigitalExperienceConfig and DigitalExperienceBundle together, then the NavigationMenu',
        commands: () => {
            const site = planned();
            return [site.first, site.second]
                .filter((dirs) => dirs.length)
                .map((dirs) => `${where(site)}${dollar('sf', withJson(deployArgs(ctx, dirs)))}`);
        },
        run: async () => {
            const site = renderedSite(ctx);
            if (!site)
                throw new Error(
                    `${ctx.siteOut} has no networks folder: did npm run site:render write the site?`
                );
            const cwd = path.join(ctx.deps.root, site.project);
            await runSf(deployArgs(ctx, site.first), { exec: ctx.deps.exec, cwd });
            ctx.deps.log(`    deployed ${site.first.join(', ')}`);
            if (site.second.length === 0) {
                ctx.deps.log(`    no ${SITE_SECOND.join(' or ')} folder: nothing more to deploy`);
                return;
            }
            await runSf(deployArgs(ctx, site.second), { exec: ctx.deps.exec, cwd });
            ctx.deps.log(`    deployed ${site.second.join(', ')}`);
        }
    };
}

/** The site (Network) name: --site-name, else the one Network the renderer wrote. */
export function siteName(ctx: StepContext): string {
    if (ctx.siteName) return ctx.siteName;
    const names = findFolders(ctx.deps.root, ctx.siteOut, ['networks']).flatMap((dir) =>
        readdirSync(path.join(ctx.deps.root, dir))
            .filter((f) => f.endsWith('.network-meta.xml'))
            .map((f) => decodeURIComponent(f.slice(0, -'.network-meta.xml'.length)))
    );
    if (names.length !== 1) {
        throw new Error(
            names.length === 0
                ? `No Network in ${ctx.siteOut}: render the site first or pass --site-name.`
                : `Several Networks in ${ctx.siteOut} (${names.join(', ')}): pass --site-name.`
        );
    }
    return names[0]!;
}

/** For printing: the site name when it is known (flag, values file, or rendered site), else a placeholder. */
function siteNameForDisplay(ctx: StepContext): string {
    if (ctx.siteName) return ctx.siteName;
    if (ctx.siteConfig) {
        try {
            const values = JSON.parse(readFileSync(path.resolve(ctx.deps.root, ctx.siteConfig), 'utf8')) as {
                name?: unknown;
            };
            if (typeof values.name === 'string' && values.name) return values.name;
        } catch {
            // the renderer reports a bad values file; here it only means there is no name to print
        }
    }
    if (!ctx.dryRun) {
        try {
            return siteName(ctx);
        } catch {
            // not rendered yet
        }
    }
    return `<site name from ${ctx.siteOut}/*/main/default/networks>`;
}

export function publishStep(ctx: StepContext): Step {
    const args = (name: string) => ['community', 'publish', '--name', name, '--target-org', ctx.alias];
    return {
        key: 'publish',
        title: 'Publish the site',
        commands: () => [dollar('sf', withJson(args(siteNameForDisplay(ctx))))],
        run: async () => {
            const result = await sf<{ message?: string; url?: string }>(ctx, args(siteName(ctx)));
            ctx.deps.log(`    ${result.message ?? 'publish requested'}${result.url ? ` ${result.url}` : ''}`);
        }
    };
}

export function networkStatusQuery(name: string): string {
    return `SELECT Status FROM Network WHERE Name = ${soqlString(name)}`;
}

/** Polls the Network's Status until it is Live; throws after the timeout. Never a fixed sleep. */
export async function waitForNetworkLive(
    conn: Connection,
    name: string,
    options: {
        intervalMs: number;
        timeoutMs: number;
        sleep: (ms: number) => Promise<void>;
        now: () => number;
        log: (line: string) => void;
    }
): Promise<void> {
    const deadline = options.now() + options.timeoutMs;
    let last = '';
    for (;;) {
        const result = await conn.query<{ Status: string }>(networkStatusQuery(name));
        const row = result.records[0];
        if (!row) throw new Error(`No Network named "${name}" in the org.`);
        if (row.Status === 'Live') {
            options.log(`    ${name} is Live`);
            return;
        }
        if (row.Status !== last) options.log(`    ${name}: ${row.Status}`);
        last = row.Status;
        if (options.now() + options.intervalMs > deadline) {
            throw new Error(
                `${name} is still ${row.Status} after ${Math.round(options.timeoutMs / 1000)} s. The Network metadata must say <status>Live</status>; see Setup > Digital Experiences > All Sites.`
            );
        }
        await options.sleep(options.intervalMs);
    }
}

export function waitLiveStep(ctx: StepContext): Step {
    return {
        key: 'wait-live',
        title: 'Wait for the site to be Live',
        commands: () => [
            `jsforce: ${networkStatusQuery(siteNameForDisplay(ctx))} every ${ctx.pollIntervalSeconds} s until Live (at most ${ctx.publishTimeoutSeconds} s)`
        ],
        run: async () =>
            waitForNetworkLive(await connection(ctx), siteName(ctx), {
                intervalMs: ctx.pollIntervalSeconds * 1000,
                timeoutMs: ctx.publishTimeoutSeconds * 1000,
                sleep: ctx.deps.sleep,
                now: ctx.deps.now,
                log: ctx.deps.log
            })
    };
}

interface AssignFailure {
    name?: string;
    message?: string;
}

export function permsetsStep(ctx: StepContext): Step {
    const args = ['org', 'assign', 'permset', '--name', 'Canal_Admin', '--target-org', ctx.alias];
    return {
        key: 'permsets',
        title: 'Assign Canal_Admin to the admin user',
        commands: () => [dollar('sf', withJson(args))],
        run: async () => {
            try {
                await sf(ctx, args);
                ctx.deps.log('    Canal_Admin assigned');
            } catch (error) {
                const body =
                    error instanceof SfCliError ? (error.json?.result ?? error.json?.data) : undefined;
                const failures = (body as { failures?: AssignFailure[] } | undefined)?.failures ?? [];
                if (failures.length && failures.every((f) => /duplicate|already/i.test(f.message ?? ''))) {
                    ctx.deps.log('    Canal_Admin was already assigned');
                    return;
                }
                throw error;
            }
        }
    };
}

export function groupRolesStep(ctx: StepContext): Step {
    return {
        key: 'group-roles',
        title: 'Add the partner roles to the Canal_Partner_Reps group (the Canal_Partner_Pool queue member)',
        commands: () => [
            "jsforce: SELECT Id FROM UserRole WHERE PortalType = 'Partner' → GroupMember(Canal_Partner_Reps, role group) for each one missing",
            '(partner roles appear with an account’s first partner user: the seed adds those of the users it creates)'
        ],
        run: async () => {
            await ctx.deps.addPartnerRolesToGroup(await connection(ctx), { log: ctx.deps.log });
        }
    };
}

export function seedStep(ctx: StepContext, options: { email?: string; queueLeads?: number }): Step {
    return {
        key: 'seed',
        title: 'Seed the demo partners, users, leads and opportunities (local-org/seed/users.json)',
        commands: () =>
            describeSeedPlan(ctx.deps.loadCast(), { queueLeads: options.queueLeads }).map(
                (line) => `jsforce: ${line}`
            ),
        run: async () => {
            const info = await ctx.deps.orgInfo(ctx.alias);
            const summary = await ctx.deps.seed(ctx.deps.connect(info), ctx.deps.loadCast(), {
                runningUsername: info.username,
                email: options.email,
                queueLeads: options.queueLeads,
                log: (line) => ctx.deps.log(`    ${line}`)
            });
            for (const line of seedSummaryLines(summary.users)) ctx.deps.log(`    ${line}`);
        }
    };
}

export function seedSummaryLines(
    users: Array<{ username: string; password?: string; invited: boolean }>
): string[] {
    return users.map(
        (u) =>
            `${u.username}  ${u.password ? `password ${u.password}` : u.invited ? '(invited: welcome e-mail)' : '(password unchanged)'}`
    );
}

export const RECALL_JOB = 'Canal lead claim recall';
export const RECALL_APEX = [
    `String jobName = '${RECALL_JOB}';`,
    'if ([SELECT COUNT() FROM CronTrigger WHERE CronJobDetail.Name = :jobName] == 0) {',
    "    System.schedule(jobName, '0 0 * * * ?', new LeadClaimRecall());",
    '}'
];

interface ApexRunResult {
    success?: boolean;
    compiled?: boolean;
    compileProblem?: string;
    exceptionMessage?: string;
    exceptionStackTrace?: string;
    line?: number;
}

function apexProblem(result: ApexRunResult | undefined): string | undefined {
    if (!result) return undefined;
    if (result.compiled === false)
        return `compile error${result.line ? ` line ${result.line}` : ''}: ${result.compileProblem ?? ''}`;
    if (result.success === false)
        return `${result.exceptionMessage ?? 'exception'}\n${result.exceptionStackTrace ?? ''}`.trim();
    return undefined;
}

export function scheduleRecallStep(ctx: StepContext): Step {
    const args = (file: string) => ['apex', 'run', '--file', file, '--target-org', ctx.alias];
    return {
        key: 'schedule-recall',
        title: 'Schedule LeadClaimRecall every hour (anonymous Apex, once)',
        commands: () => [
            dollar('sf', withJson(args('<temp>/recall.apex'))),
            ...RECALL_APEX.map((l) => `    apex> ${l}`)
        ],
        run: async () => {
            const dir = mkdtempSync(path.join(tmpdir(), 'canal-apex-'));
            const file = path.join(dir, 'recall.apex');
            writeFileSync(file, `${RECALL_APEX.join('\n')}\n`);
            try {
                let result: ApexRunResult;
                try {
                    result = await sf<ApexRunResult>(ctx, args(file));
                } catch (error) {
                    const body =
                        error instanceof SfCliError ? (error.json?.result ?? error.json?.data) : undefined;
                    const problem = apexProblem(body as ApexRunResult | undefined);
                    throw problem ? new Error(problem) : error;
                }
                const problem = apexProblem(result);
                if (problem) throw new Error(problem);
                ctx.deps.log(`    "${RECALL_JOB}" is scheduled (0 0 * * * ?)`);
            } finally {
                rmSync(dir, { recursive: true, force: true });
            }
        }
    };
}

/** Parses a positive integer flag, or throws a usage message. */
export function positiveInt(value: string | undefined, flag: string, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
        throw new UsageError(`${flag} must be a positive integer, not "${value}".`);
    return n;
}

/** A bad command line: the scripts print it and exit 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UsageError';
    }
}

/** Turns a script's outcome into its exit code: 0 done, 1 a step failed, 2 usage or production guard. */
export function exitCodeFor(error: unknown, deps: Pick<OrgDeps, 'error'>): number {
    if (error instanceof UsageError || error instanceof GuardRefusal) {
        deps.error(error.message);
        return 2;
    }
    deps.error(error instanceof Error ? error.message : String(error));
    return 1;
}
