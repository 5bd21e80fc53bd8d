/**
 * npm run org:deploy -- --target-org <alias> [--site-config values.json] [--yes] [--dry-run]
 * Deploys force-app and the site to an existing org and publishes the site (no org creation, no seed).
 * Refuses an org that is neither a scratch org nor a sandbox unless --yes is given.
 * Exit codes: 0 done, 1 a step failed, 2 bad usage or a production org.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
    buildStep,
    defaultDeps,
    deploySiteStep,
    deploySourceStep,
    exitCodeFor,
    guardOrg,
    positiveInt,
    publishStep,
    renderSiteStep,
    runSteps,
    UsageError,
    waitLiveStep,
    type OrgDeps,
    type StepContext
} from './org/steps.js';

export const HELP = `Usage: npm run org:deploy -- --target-org <alias> [options]

Deploys to an existing org, one printed step at a time:
build → deploy force-app → render site → deploy Network/site → publish → wait until Live.
Refuses an org that is neither a scratch org nor a sandbox unless --yes is given.

  --target-org NAME        alias or username of the org (required)
  --site-config FILE       values for npm run site:render (default: the renderer's own)
  --site-name NAME         the Network to publish (default: the one the renderer wrote)
  --publish-timeout S      seconds to wait for the site to be Live (default 600)
  --yes                    allow an org that may be production
  --dry-run                print every step's command without running anything (the org is not contacted)
  --help                   this text

Exit codes: 0 done, 1 a step failed (its message says which and why), 2 bad usage or a production org.
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    'site-config': { type: 'string' },
    'site-name': { type: 'string' },
    'publish-timeout': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

/** Runs org:deploy; resolves with the exit code. */
export async function runOrgDeploy(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    try {
        let values;
        try {
            ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
        } catch (error) {
            throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
        }
        if (values.help) {
            deps.log(HELP);
            return 0;
        }
        const alias = values['target-org'];
        if (!alias) throw new UsageError(`--target-org is required.\n\n${HELP}`);
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
            alias,
            siteConfig: values['site-config'],
            siteName: values['site-name'],
            siteOut: 'build/site',
            siteUsersFromOrg: false,
            dryRun: values['dry-run'],
            publishTimeoutSeconds: positiveInt(values['publish-timeout'], '--publish-timeout', 600),
            pollIntervalSeconds: 5
        };
        const dryRun = ctx.dryRun;
        if (dryRun) deps.log('Dry run: nothing is executed and the org is not contacted.');
        else await guardOrg(deps, alias, values.yes, 'deploy metadata and publish the site');
        const steps = [
            buildStep(ctx),
            deploySourceStep(ctx),
            renderSiteStep(ctx),
            deploySiteStep(ctx),
            publishStep(ctx),
            waitLiveStep(ctx)
        ];
        await runSteps(steps, { dryRun, log: deps.log });
        deps.log(dryRun ? 'Dry run done.' : `Deployed to ${alias}.`);
        return 0;
    } catch (error) {
        return exitCodeFor(error, deps);
    }
}

if (require.main === module) {
    runOrgDeploy(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        }
    );
}
