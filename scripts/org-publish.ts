/**
 * npm run org:publish -- --target-org <alias> --site-config values.json [options]
 * Makes the partner site Live once the admin has looked at it: says who will get a welcome e-mail (the site's
 * members), asks, backs up the Network, deploys it Live, publishes, and waits until it is Live.
 * Exit codes: 0 done, 1 a step failed (with what to do next), 2 bad usage or not confirmed.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
    adminExitCode,
    confirmChange,
    describeTarget,
    minutes,
    query,
    sf,
    sfLine,
    soqlString,
    takeBackup,
    PARTNER_REP_PERMSET,
    type AdminCtx,
    parseAdminArgs
} from './org/admin.js';
import { formatCommand } from './org/sfCli.js';
import {
    defaultDeps,
    renderedSite,
    siteName,
    UsageError,
    type OrgDeps,
    type StepContext
} from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

export const HELP = `Usage: npm run org:publish -- --target-org <alias> --site-config values.json [options]

Makes the partner site Live after you have looked at it in Experience Builder:
  1. reads the site (it must exist: npm run org:deploy) and its members: the active users of the partner profile
     of the site values and the holders of ${PARTNER_REP_PERMSET};
  2. says who will get a welcome e-mail (going Live sends one to every member), and asks
     (production: type the org's username);
  3. backs up the Network into backups/<alias>/<timestamp>-publish/;
  4. deploys the Network Live (welcome e-mails on unless --no-welcome-email), publishes, waits until Live.

  --target-org NAME        alias or username of the org (required)
  --site-config FILE       the site values given to org:deploy (required)
  --no-welcome-email       go Live without welcome e-mails (members then need a password reset to log in)
  --wait MINUTES           how long to wait for the deploy and for Live (default 10)
  --confirm-org USERNAME   confirm a production org without the question (its username or org id)
  --yes                    skip the question on a scratch org or a sandbox (never enough for production)
  --dry-run                print the steps without contacting the org
  --help                   this text

Exit codes: 0 done, 1 a step failed (the message says what to do next), 2 bad usage or not confirmed.
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    'site-config': { type: 'string' },
    'no-welcome-email': { type: 'boolean', default: false },
    wait: { type: 'string' },
    'confirm-org': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

/** How many recipients the confirmation lists by name. */
const LISTED = 20;

/**
 * The SOQL of the site's members, who get a welcome e-mail when it goes Live: the active users of the partner profile,
 * and the active holders of Canal_Partner_Rep (two queries: SOQL allows no semi-join under OR).
 */
export function membersQueries(partnerProfile: string): [string, string] {
    return [
        `SELECT Username FROM User WHERE IsActive = true AND Profile.Name = ${soqlString(partnerProfile)}`,
        `SELECT Assignee.Username FROM PermissionSetAssignment WHERE Assignee.IsActive = true AND PermissionSet.Name = ${soqlString(PARTNER_REP_PERMSET)}`
    ];
}

/** Runs org:publish; resolves with the exit code. */
export async function runOrgPublish(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    let alias: string | undefined;
    try {
        const parsed = parseAdminArgs(argv, OPTIONS, HELP, deps);
        if (!parsed) return 0;
        const { values } = parsed;
        alias = parsed.alias;
        const siteConfig = values['site-config'];
        if (!siteConfig) throw new UsageError(`--site-config is required.\n\n${HELP}`);
        if (!existsSync(path.resolve(deps.root, siteConfig))) {
            throw new UsageError(`--site-config ${siteConfig}: no such file.`);
        }
        let partnerProfile = 'Partner Community User';
        try {
            const given = (
                JSON.parse(readFileSync(path.resolve(deps.root, siteConfig), 'utf8')) as {
                    partnerProfile?: string;
                }
            ).partnerProfile;
            if (given) partnerProfile = given;
        } catch (error) {
            throw new UsageError(`--site-config ${siteConfig}: ${(error as Error).message}`);
        }
        const wait = minutes(values.wait, '--wait', 10);
        const welcome = values['no-welcome-email'] ? 'false' : 'true';
        const ctx: AdminCtx = { deps, alias, dryRun: values['dry-run'] };
        const siteCtx: StepContext = {
            deps,
            alias,
            siteConfig,
            siteOut: 'build/site',
            siteUsersFromOrg: false,
            dryRun: ctx.dryRun,
            publishTimeoutSeconds: wait * 60,
            pollIntervalSeconds: 5
        };
        const render = [
            'run',
            'site:render',
            '--',
            '--config',
            siteConfig,
            '--status',
            'Live',
            '--welcome-email',
            welcome,
            '--out',
            siteCtx.siteOut
        ];
        if (ctx.dryRun) {
            deps.log('Dry run: the org is not contacted; these are the steps and their commands.');
            deps.log('[1/4] Read the site and its members');
            for (const soql of membersQueries(partnerProfile)) {
                deps.log(`    ${sfLine(['data', 'query', '--query', soql, '--target-org', ctx.alias])}`);
            }
            deps.log('[2/4] Say who gets a welcome e-mail; ask');
            deps.log(`[3/4] Back up the Network into backups/${alias}/<timestamp>-publish/`);
            deps.log(
                `[4/4] Deploy the Network Live (welcome e-mails ${welcome === 'true' ? 'on' : 'off'}), publish, wait until Live`
            );
            deps.log(`    $ ${formatCommand('npm', render)}`);
            deps.log(
                `    (in build/site/<site api name>) ${sfLine(['project', 'deploy', 'start', '--source-dir', 'main/default/networks', '--target-org', alias, '--wait', String(wait)])}`
            );
            deps.log(
                `    ${sfLine(['community', 'publish', '--name', '<site name>', '--target-org', alias])}`
            );
            deps.log('Dry run done.');
            return 0;
        }

        deps.log('[1/4] Read the site and its members');
        const info = await deps.orgInfo(alias);
        deps.log(`    target: ${describeTarget(info)}`);
        rmSync(path.join(deps.root, siteCtx.siteOut), { recursive: true, force: true });
        const rendered = await deps.exec('npm', render, { cwd: deps.root, inherit: true });
        if (rendered.code !== 0) throw new Error(`The site values in ${siteConfig} were refused (above).`);
        const name = siteName(siteCtx);
        const network = (
            await query<{ Id: string; Status: string }>(
                ctx,
                `SELECT Id, Status FROM Network WHERE Name = ${soqlString(name)}`
            )
        )[0];
        if (!network) {
            throw new Error(
                `The org has no site named ${name}: deploy it first with npm run org:deploy -- --target-org ${alias} --site-config ${siteConfig}.`
            );
        }
        const [byProfile, byPermset] = membersQueries(partnerProfile);
        const members = [
            ...new Set([
                ...(await query<{ Username: string }>(ctx, byProfile)).map((u) => u.Username),
                ...(await query<{ Assignee?: { Username?: string } }>(ctx, byPermset)).map(
                    (a) => a.Assignee?.Username ?? ''
                )
            ])
        ]
            .filter(Boolean)
            .sort()
            .map((Username) => ({ Username }));
        const alreadyLive = network.Status === 'Live';
        const recipients = alreadyLive || welcome === 'false' ? [] : members;
        const changes = alreadyLive
            ? [
                  `${name} is already Live: publish its latest Experience Builder changes (no welcome e-mail is sent again)`
              ]
            : [
                  `${name}: ${network.Status} -> Live, welcome e-mails ${welcome === 'true' ? 'on' : 'off'}`,
                  recipients.length
                      ? `a welcome e-mail goes to ${recipients.length} member(s) (profile ${partnerProfile} or permission set ${PARTNER_REP_PERMSET}): ${recipients
                            .slice(0, LISTED)
                            .map((m) => m.Username)
                            .join(
                                ', '
                            )}${recipients.length > LISTED ? `, and ${recipients.length - LISTED} more` : ''}`
                      : welcome === 'true'
                        ? 'no member yet: nobody gets a welcome e-mail now; partner users you add later get one'
                        : `no welcome e-mail: the ${members.length} member(s) need a password reset to log in`
              ];
        deps.log('[2/4] Confirm');
        await confirmChange(ctx, info, changes, { yes: values.yes, confirmOrg: values['confirm-org'] });

        deps.log('[3/4] Back up the Network');
        await takeBackup(ctx, info, 'publish', [`Network:${name}`]);

        deps.log('[4/4] Go Live');
        if (!alreadyLive) {
            const site = renderedSite(siteCtx);
            if (!site) throw new Error('build/site holds no rendered site');
            const networksDir = site.first.find((d) => d.endsWith('networks'));
            if (!networksDir) throw new Error('the rendered site has no networks folder');
            await sf(
                ctx,
                [
                    'project',
                    'deploy',
                    'start',
                    '--source-dir',
                    networksDir,
                    '--target-org',
                    alias,
                    '--wait',
                    String(wait)
                ],
                path.join(deps.root, site.project)
            );
            deps.log(`    ${name}: Network deployed Live`);
        }
        await sf(ctx, ['community', 'publish', '--name', name, '--target-org', alias]);
        const deadline = deps.now() + wait * 60_000;
        for (;;) {
            const status = (
                await query<{ Status: string }>(
                    ctx,
                    `SELECT Status FROM Network WHERE Name = ${soqlString(name)}`
                )
            )[0]?.Status;
            if (status === 'Live') break;
            if (deps.now() + 5000 > deadline) {
                throw new Error(
                    `${name} is still ${status ?? 'missing'} after ${wait} min: see Setup > Digital Experiences > All Sites, then run org:publish again (it is safe to rerun).`
                );
            }
            await deps.sleep(5000);
        }
        deps.log(
            `${name} is Live.${recipients.length ? ` ${recipients.length} welcome e-mail(s) are on their way.` : ''}`
        );
        return 0;
    } catch (error) {
        return adminExitCode(error, deps, alias);
    }
}

runWhenMain(module, runOrgPublish);
