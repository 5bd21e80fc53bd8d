/**
 * npm run org:deploy -- --target-org <alias> --site-config values.json [options]
 * Deploys Canal PRM to an existing org, changing only what it must: checks every input and reads the org first
 * (nothing is written if a check fails), leaves the customer's claim rules, queues and site alone when present,
 * sets external sharing Private without widening anything, validates with our Apex tests, shows the target org and
 * what will change, asks, then quick-deploys the validated job and deploys the site UnderConstruction.
 * Exit codes: 0 done, 1 a check or step failed (with what to do next), 2 bad usage or not confirmed.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
    adminExitCode,
    confirmChange,
    describeTarget,
    listFlag,
    minutes,
    sf,
    sfLine,
    takeBackup,
    type AdminCtx,
    parseAdminArgs
} from './org/admin.js';
import {
    checkOrg,
    GUARDED,
    SOURCE,
    stage,
    testClasses,
    type Guarded,
    type OrgFacts
} from './org/deployPlan.js';
import { formatCommand, type OrgInfo } from './org/sfCli.js';
import {
    defaultDeps,
    renderedSite,
    siteName,
    UsageError,
    type OrgDeps,
    type StepContext
} from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

export const TEST_LEVELS = ['RunSpecifiedTests', 'RunLocalTests', 'RunAllTestsInOrg'] as const;

export const HELP = `Usage: npm run org:deploy -- --target-org <alias> --site-config values.json [options]

Deploys Canal PRM to an existing org (sandbox first, then production), in this order:
  1. checks, reading the org only: login, site values, partner licences, Experience Cloud, tracked-field room,
     our scheduled jobs, the sharing defaults, which claim rules, queues and site the org already has;
     any problem stops here and nothing is written;
  2. backup: what will be overwritten (and Lead/Opportunity before their sharing changes) is retrieved into
     backups/<alias>/<timestamp>-deploy/;
  3. validate: sf project deploy validate with our Apex test classes (force-app/tests);
  4. shows the target org and what will change, and asks (production: type its username);
  5. quick deploy of the validated job;
  6. the site (when absent): UnderConstruction, no welcome e-mail; npm run org:publish makes it Live.
Claim rules, queues and the site the org already has are left as they are unless --overwrite names them.
External sharing of Lead and Opportunity becomes Private; internal defaults are never changed, and an org that
would be widened is refused.

  --target-org NAME        alias or username of the org (required; log in with sf org login web --alias NAME)
  --site-config FILE       site values for npm run site:render (required unless --skip-site)
  --skip-site              deploy force-app only
  --test-level LEVEL       RunSpecifiedTests (default: our test classes), RunLocalTests or RunAllTestsInOrg
  --wait MINUTES           how long to wait for the validation and each deploy (default 60)
  --overwrite LIST         claim-rules,queues,site or all: deploy these even if the org has them (after a backup)
  --allow-pending-jobs     our scheduled jobs are pending and the org's Deployment Settings allow the deploy
  --with-translations      you will add the Spanish translations: check the Translation Workbench too
  --confirm-org USERNAME   confirm a production org without the question (its username or org id)
  --yes                    skip the question on a scratch org or a sandbox (never enough for production)
  --dry-run                print the steps without contacting the org
  --help                   this text

Exit codes: 0 done, 1 a check or step failed (the message says what to do next), 2 bad usage or not confirmed.
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    'site-config': { type: 'string' },
    'skip-site': { type: 'boolean', default: false },
    'test-level': { type: 'string', default: 'RunSpecifiedTests' },
    wait: { type: 'string' },
    overwrite: { type: 'string' },
    'allow-pending-jobs': { type: 'boolean', default: false },
    'with-translations': { type: 'boolean', default: false },
    'confirm-org': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

interface SiteValuesFile {
    name?: string;
    admin?: string;
    guestOwner?: string;
}

function readSiteValues(root: string, file: string): SiteValuesFile {
    try {
        return JSON.parse(readFileSync(path.resolve(root, file), 'utf8')) as SiteValuesFile;
    } catch (error) {
        throw new UsageError(`--site-config ${file}: ${(error as Error).message}`);
    }
}

/** The site's metadata, by Type:Name, for the backup before an overwrite. */
function siteComponents(name: string, apiName: string): string[] {
    return [
        `Network:${name}`,
        `CustomSite:${apiName}`,
        `DigitalExperienceConfig:${apiName}1`,
        `DigitalExperienceBundle:site/${apiName}1`,
        `NavigationMenu:${apiName}_Tabs`
    ];
}

function deployArgs(alias: string, dirs: readonly string[], wait: number): string[] {
    return [
        'project',
        'deploy',
        'start',
        ...dirs.flatMap((d) => ['--source-dir', d]),
        '--target-org',
        alias,
        '--wait',
        String(wait)
    ];
}

/** Runs org:deploy; resolves with the exit code. */
export async function runOrgDeploy(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    let alias: string | undefined;
    try {
        const parsed = parseAdminArgs(argv, OPTIONS, HELP, deps);
        if (!parsed) return 0;
        const { values } = parsed;
        alias = parsed.alias;
        const siteConfig = values['site-config'];
        const withSite = !values['skip-site'];
        if (withSite && !siteConfig) {
            throw new UsageError(
                '--site-config is required (the site values), or --skip-site to deploy force-app only.'
            );
        }
        if (siteConfig && !existsSync(path.resolve(deps.root, siteConfig))) {
            throw new UsageError(`--site-config ${siteConfig}: no such file.`);
        }
        const siteValues = withSite && siteConfig ? readSiteValues(deps.root, siteConfig) : {};
        const testLevel = values['test-level'];
        if (!(TEST_LEVELS as readonly string[]).includes(testLevel)) {
            throw new UsageError(
                `--test-level must be one of ${TEST_LEVELS.join(', ')}, not "${testLevel}".`
            );
        }
        const wait = minutes(values.wait, '--wait', 60);
        const overwriteList = listFlag(values.overwrite);
        const overwrite = new Set<Guarded>(
            overwriteList.includes('all') ? GUARDED : (overwriteList as Guarded[])
        );
        for (const item of overwriteList) {
            if (item !== 'all' && !(GUARDED as readonly string[]).includes(item)) {
                throw new UsageError(`--overwrite: "${item}" is not one of ${GUARDED.join(', ')}, all.`);
            }
        }
        const tests = testLevel === 'RunSpecifiedTests' ? testClasses(deps.root) : [];
        if (testLevel === 'RunSpecifiedTests' && tests.length === 0) {
            throw new UsageError('No Apex test classes in force-app/tests: use --test-level RunLocalTests.');
        }
        const ctx: AdminCtx = { deps, alias, dryRun: values['dry-run'] };
        const siteCtx: StepContext = {
            deps,
            alias,
            siteConfig,
            siteOut: 'build/site',
            siteUsersFromOrg: false,
            dryRun: ctx.dryRun,
            publishTimeoutSeconds: 600,
            pollIntervalSeconds: 5
        };
        const validateArgs = [
            'project',
            'deploy',
            'validate',
            '--source-dir',
            SOURCE,
            '--target-org',
            alias,
            '--test-level',
            testLevel,
            ...tests.flatMap((t) => ['--tests', t]),
            '--wait',
            String(wait)
        ];
        const render = (status: string, welcome: string) => [
            'run',
            'site:render',
            '--',
            '--config',
            siteConfig ?? '',
            '--status',
            status,
            '--welcome-email',
            welcome,
            '--out',
            siteCtx.siteOut
        ];

        if (ctx.dryRun) {
            deps.log('Dry run: the org is not contacted; these are the steps and their commands.');
            deps.log('[1/6] Check, reading the org only (nothing is written when a check fails)');
            deps.log(`    ${sfLine(['org', 'display', '--target-org', alias])}`);
            deps.log(`    $ ${formatCommand('npm', ['run', 'build'])}`);
            if (withSite) deps.log(`    $ ${formatCommand('npm', render('UnderConstruction', 'false'))}`);
            deps.log(
                '    sf data query: Network, UserLicense, User (site users), FieldDefinition (tracked fields), CronTrigger, EntityDefinition (sharing), claim rules, queues'
            );
            deps.log(`[2/6] Back up what will be overwritten into backups/${alias}/<timestamp>-deploy/`);
            deps.log(
                '    $ sf project retrieve start --metadata <Type:Name> ... --target-metadata-dir <backup> --unzip'
            );
            deps.log(`[3/6] Validate (in build/deploy, force-app without what the org already has)`);
            deps.log(`    ${sfLine(validateArgs)}`);
            deps.log('[4/6] Show the target org and what will change; ask');
            deps.log('[5/6] Quick deploy of the validated job');
            deps.log(
                `    ${sfLine(['project', 'deploy', 'quick', '--job-id', '<validated id>', '--target-org', alias, '--wait', String(wait)])}`
            );
            if (withSite) {
                deps.log('[6/6] Deploy the site when absent: UnderConstruction, no welcome e-mail');
                deps.log(
                    `    (in build/site/<site api name>) ${sfLine(deployArgs(alias, ['main/default/networks', 'main/default/sites', 'main/default/digitalExperienceConfigs', 'main/default/digitalExperiences'], wait))}`
                );
                deps.log(
                    `    (in build/site/<site api name>) ${sfLine(deployArgs(alias, ['main/default/navigationMenus'], wait))}`
                );
            }
            deps.log('Dry run done.');
            return 0;
        }

        // 1. Checks: nothing is written to the org before they all pass.
        deps.log('[1/6] Check, reading the org only');
        const info: OrgInfo = await deps.orgInfo(alias);
        deps.log(`    target: ${describeTarget(info)}`);
        const { code } = await deps.exec('npm', ['run', 'build'], { cwd: deps.root, inherit: true });
        if (code !== 0)
            throw new Error('npm run build failed: fix the TypeScript errors above (nothing was deployed).');
        let name: string | undefined;
        if (withSite) {
            rmSync(path.join(deps.root, siteCtx.siteOut), { recursive: true, force: true });
            const rendered = await deps.exec('npm', render('UnderConstruction', 'false'), {
                cwd: deps.root,
                inherit: true
            });
            if (rendered.code !== 0) {
                throw new Error(
                    `The site values in ${siteConfig} were refused (above): fix them (nothing was deployed).`
                );
            }
            name = siteName(siteCtx);
        }
        const facts: OrgFacts = await checkOrg(ctx, {
            siteName: name,
            siteUsers: [siteValues.admin, siteValues.guestOwner].filter((u): u is string => !!u),
            allowPendingJobs: values['allow-pending-jobs']
        });
        if (values['with-translations']) {
            const languages = await sf<Array<{ fullName?: string }> | { fullName?: string } | undefined>(
                ctx,
                ['org', 'list', 'metadata', '--metadata-type', 'Translations', '--target-org', alias]
            );
            const list = Array.isArray(languages) ? languages : languages ? [languages] : [];
            if (!list.some((l) => l.fullName === 'es')) {
                facts.problems.push(
                    'Translations wanted, but the Translation Workbench is off or Spanish (es) is not one of its languages: Setup > Translation Language Settings > Enable, then Add Spanish as active.'
                );
            }
        }
        for (const note of facts.notes) deps.log(`    ${note}`);
        if (facts.problems.length) {
            deps.error('Nothing was changed in the org. Fix these, then run org:deploy again:');
            for (const problem of facts.problems) deps.error(`  - ${problem}`);
            return 1;
        }
        deps.log('    every check passed');

        // 2. Backup of what will be overwritten, and of the sharing before it changes.
        deps.log('[2/6] Back up what will be overwritten');
        const staging = stage(deps.root, facts, overwrite);
        const site = facts.present.site;
        const siteAction = !withSite
            ? 'none'
            : !site
              ? 'create'
              : overwrite.has('site')
                ? 'overwrite'
                : 'skip';
        const apiName = withSite ? (renderedSite(siteCtx)?.project.split('/').pop() ?? '') : '';
        const backupComponents = [
            ...staging.overwritten,
            ...staging.sharing.map((c) => `CustomObject:${c.object}`),
            ...(siteAction === 'overwrite' && name ? siteComponents(name, apiName) : [])
        ];
        const backup = backupComponents.length
            ? await takeBackup(ctx, info, 'deploy', backupComponents, {
                  sharing: Object.fromEntries(staging.sharing.map((c) => [c.object, c.from]))
              })
            : undefined;
        if (!backup) deps.log('    nothing will be overwritten: no backup needed');

        // 3. Validate with our tests.
        deps.log(
            `[3/6] Validate with ${testLevel === 'RunSpecifiedTests' ? `our ${tests.length} test classes` : testLevel}`
        );
        const validated = await sf<{
            id?: string;
            numberComponentsTotal?: number;
            numberTestsTotal?: number;
        }>(ctx, validateArgs, path.join(deps.root, staging.dir));
        const jobId = validated.id;
        if (!jobId) throw new Error('sf project deploy validate gave no job id: nothing was deployed.');
        deps.log(
            `    validated: job ${jobId} (${validated.numberComponentsTotal ?? '?'} components, ${validated.numberTestsTotal ?? '?'} tests passed)`
        );

        // 4. What will change, and the confirmation.
        const changes = [
            `deploy force-app (validated job ${jobId}, ${testLevel}${tests.length ? `: ${tests.length} classes` : ''})`,
            ...staging.sharing.map(
                (c) =>
                    `${c.object}: external sharing ${c.from.external} -> Private (internal ${c.from.internal}, unchanged)`
            ),
            ...facts.sharing.unchanged.map((u) => `${u} (unchanged)`),
            ...(staging.skipped.length
                ? [`left as they are (the org has them): ${staging.skipped.join(', ')}`]
                : []),
            ...(staging.overwritten.length
                ? [`overwritten (backup in ${backup}): ${staging.overwritten.join(', ')}`]
                : []),
            ...(siteAction === 'create'
                ? [`create the site ${name}: UnderConstruction, no welcome e-mail`]
                : []),
            ...(siteAction === 'skip' ? [`the site ${name} is left as it is (${site?.status})`] : []),
            ...(siteAction === 'overwrite'
                ? [`overwrite the site ${name} (stays ${site?.status}; backup in ${backup})`]
                : [])
        ];
        deps.log('[4/6] Confirm');
        await confirmChange(ctx, info, changes, { yes: values.yes, confirmOrg: values['confirm-org'] });

        // 5. Quick deploy of the validated job.
        deps.log('[5/6] Quick deploy');
        await sf(ctx, [
            'project',
            'deploy',
            'quick',
            '--job-id',
            jobId,
            '--target-org',
            alias,
            '--wait',
            String(wait)
        ]);
        deps.log(`    deployed force-app (job ${jobId})`);

        // 6. The site.
        if (siteAction === 'create' || siteAction === 'overwrite') {
            deps.log(`[6/6] Deploy the site ${name}`);
            try {
                if (siteAction === 'overwrite' && site?.status === 'Live') {
                    // A site that has been Live never returns to UnderConstruction: render it as it is.
                    const again = await deps.exec('npm', render('Live', 'true'), {
                        cwd: deps.root,
                        inherit: true
                    });
                    if (again.code !== 0) throw new Error('npm run site:render failed');
                }
                const rendered = renderedSite(siteCtx);
                if (!rendered) throw new Error('build/site holds no rendered site');
                const cwd = path.join(deps.root, rendered.project);
                await sf(ctx, deployArgs(alias, rendered.first, wait), cwd);
                if (rendered.second.length) await sf(ctx, deployArgs(alias, rendered.second, wait), cwd);
                deps.log(`    deployed ${name}`);
            } catch (error) {
                throw new Error(
                    `force-app is deployed (job ${jobId}) but the site is not: ${(error as Error).message}\n` +
                        'Run org:deploy again once fixed: force-app redeploys unchanged and the site, still absent, is deployed.'
                );
            }
        } else {
            deps.log('[6/6] The site: nothing to deploy');
        }
        deps.log('');
        deps.log(`Deployed to ${info.username}. Next:`);
        deps.log(
            `  npm run org:configure -- --target-org ${alias} --admins <usernames> --channel-managers <usernames>`
        );
        deps.log(
            '  look at the site in Experience Builder (Setup > Digital Experiences > All Sites > Builder)'
        );
        if (withSite) deps.log(`  npm run org:publish -- --target-org ${alias} --site-config ${siteConfig}`);
        deps.log(
            `  optional, Spanish labels and picklist values: npm run org:translations -- --target-org ${alias}`
        );
        return 0;
    } catch (error) {
        return adminExitCode(error, deps, alias);
    }
}

runWhenMain(module, runOrgDeploy);
