/**
 * npm run org:setup -- --alias canal [--duration-days 7] [--site-config values.json] [--yes] [--dry-run]
 * Takes a new scratch org to a working partner portal: create, build, deploy, site, publish, permission sets,
 * group roles, seed, recall schedule. Exit codes: 0 done, 1 a step failed, 2 bad usage or a production org.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
    buildStep,
    createStep,
    defaultDeps,
    deploySiteStep,
    deploySourceStep,
    exitCodeFor,
    groupRolesStep,
    permsetsStep,
    positiveInt,
    publishStep,
    renderSiteStep,
    runSteps,
    scheduleRecallStep,
    seedStep,
    UsageError,
    waitLiveStep,
    type OrgDeps,
    type Step,
    type StepContext
} from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

export const HELP = `Usage: npm run org:setup -- --alias canal [options]

Creates a scratch org and takes it to a working partner portal, one printed step at a time:
create → build → deploy force-app → render site → deploy Network/site → publish → wait until Live →
Canal_Admin → partner roles in Canal_Partner_Reps → seed → schedule LeadClaimRecall.

  --alias NAME             alias of the new scratch org (required)
  --duration-days N        scratch org lifetime in days (default 7)
  --target-dev-hub NAME    Dev Hub to create it with (default: the CLI's default Dev Hub)
  --definition-file FILE   scratch org definition (default config/project-scratch-def.json)
  --site-config FILE       values for npm run site:render (default: the renderer's own)
  --site-name NAME         the Network to publish (default: the one the renderer wrote)
  --publish-timeout S      seconds to wait for the site to be Live (default 600)
  --email ADDRESS          e-mail of every seeded partner user, to receive the welcome e-mails
  --queue-leads N          leads in the Canal_Partner_Pool queue (default 300)
  --yes                    go on even if the org does not look like a scratch org or sandbox
  --dry-run                print every step's command without running anything
  --help                   this text

Exit codes: 0 done, 1 a step failed (its message says which and why), 2 bad usage or a production org.
`;

const OPTIONS = {
    alias: { type: 'string' },
    'duration-days': { type: 'string' },
    'target-dev-hub': { type: 'string' },
    'definition-file': { type: 'string', default: 'config/project-scratch-def.json' },
    'site-config': { type: 'string' },
    'site-name': { type: 'string' },
    'publish-timeout': { type: 'string' },
    email: { type: 'string' },
    'queue-leads': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

/** The steps of org:setup, in order. */
export function setupSteps(argv: string[], deps: OrgDeps): { steps: Step[]; dryRun: boolean } | 'help' {
    let values;
    try {
        ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
    } catch (error) {
        throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    }
    if (values.help) return 'help';
    if (!values.alias) throw new UsageError(`--alias is required.\n\n${HELP}`);
    const siteConfig = values['site-config'];
    if (siteConfig && !existsSync(path.resolve(deps.root, siteConfig))) {
        throw new UsageError(`--site-config ${siteConfig}: no such file.`);
    }
    if (!siteConfig && !values['dry-run']) {
        deps.log(
            'No --site-config: npm run site:render must get its required values (name, prefix, …) elsewhere.'
        );
    }
    const ctx: StepContext = {
        deps,
        alias: values.alias,
        siteConfig: values['site-config'],
        siteName: values['site-name'],
        siteOut: 'build/site',
        siteUsersFromOrg: true,
        // A demo scratch org: the site goes Live at once and the seeded reps get their welcome e-mails.
        siteLive: true,
        dryRun: values['dry-run'],
        publishTimeoutSeconds: positiveInt(values['publish-timeout'], '--publish-timeout', 600),
        pollIntervalSeconds: 5
    };
    const durationDays = positiveInt(values['duration-days'], '--duration-days', 7);
    if (durationDays > 30) throw new UsageError('--duration-days is at most 30.');
    const queueLeads =
        values['queue-leads'] === undefined
            ? undefined
            : positiveInt(values['queue-leads'], '--queue-leads', 300);
    return {
        dryRun: values['dry-run'],
        steps: [
            createStep(ctx, {
                durationDays,
                devHub: values['target-dev-hub'],
                definitionFile: values['definition-file'],
                yes: values.yes
            }),
            buildStep(ctx),
            deploySourceStep(ctx),
            renderSiteStep(ctx),
            deploySiteStep(ctx),
            publishStep(ctx),
            waitLiveStep(ctx),
            permsetsStep(ctx),
            groupRolesStep(ctx),
            seedStep(ctx, { email: values.email, queueLeads }),
            scheduleRecallStep(ctx)
        ]
    };
}

/** Runs org:setup; resolves with the exit code. */
export async function runOrgSetup(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    try {
        const plan = setupSteps(argv, deps);
        if (plan === 'help') {
            deps.log(HELP);
            return 0;
        }
        if (plan.dryRun) deps.log('Dry run: nothing is executed.');
        await runSteps(plan.steps, { dryRun: plan.dryRun, log: deps.log });
        deps.log(plan.dryRun ? 'Dry run done.' : 'The org is set up.');
        return 0;
    } catch (error) {
        return exitCodeFor(error, deps);
    }
}

runWhenMain(module, runOrgSetup);
