/**
 * npm run org:seed -- --target-org <alias> [--yes] [--dry-run]
 * Seeds an org (force-app deployed) with the demo cast of local-org/seed/users.json through jsforce.
 * Refuses an org that is neither a scratch org nor a sandbox unless --yes is given.
 * Exit codes: 0 done, 1 the seed failed, 2 bad usage or a production org.
 */
import { parseArgs } from 'node:util';
import { describeSeedPlan } from './org/seedOrg.js';
import {
    defaultDeps,
    exitCodeFor,
    guardOrg,
    positiveInt,
    seedSummaryLines,
    UsageError,
    type OrgDeps
} from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

export const HELP = `Usage: npm run org:seed -- --target-org <alias> [options]

Creates the demo cast of local-org/seed/users.json in an org where force-app is deployed: partner accounts
(then IsPartner), contacts, partner users (Partner Community), Canal_Partner_Rep assignments, the partner
roles in Canal_Partner_Reps, leads in Canal_Partner_Pool and held by reps, opportunities across the stages.
Existing accounts, contacts, users and assignments are skipped. Creating partner users sends the site's
welcome e-mails when the site is Live.

  --target-org NAME        alias or username of the org (required)
  --email ADDRESS          e-mail of every partner user and contact (to receive the welcome e-mails)
  --username-suffix TEXT   appended to the cast usernames (default: the org id)
  --queue-leads N          leads in the Canal_Partner_Pool queue (default 300)
  --yes                    allow an org that may be production
  --dry-run                print what would be created without contacting the org
  --help                   this text

Exit codes: 0 done, 1 the seed failed, 2 bad usage or a production org.
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    email: { type: 'string' },
    'username-suffix': { type: 'string' },
    'queue-leads': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

/** Runs org:seed; resolves with the exit code. */
export async function runOrgSeed(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
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
        const queueLeads = positiveInt(values['queue-leads'], '--queue-leads', 300);
        const cast = deps.loadCast();
        if (values['dry-run']) {
            deps.log(`Dry run: the org ${alias} is not contacted. The seed would:`);
            for (const line of describeSeedPlan(cast, {
                queueLeads,
                usernameSuffix: values['username-suffix']
            })) {
                deps.log(`  - ${line}`);
            }
            return 0;
        }
        const info = await guardOrg(deps, alias, values.yes, 'create partner users, leads and opportunities');
        deps.log(`Seeding ${info.username} (${info.instanceUrl})`);
        const summary = await deps.seed(deps.connect(info), cast, {
            runningUsername: info.username,
            usernameSuffix: values['username-suffix'],
            email: values.email,
            queueLeads,
            log: deps.log
        });
        deps.log(
            `Done: ${summary.partnerAccounts.created} partner accounts, ${summary.contacts} contacts, ${
                summary.users.filter((u) => u.created).length
            } users, ${summary.permissionSetAssignments} permission set assignments, ${summary.groupMembers} group members, ${
                summary.leads.pool + summary.leads.reps
            } leads, ${summary.opportunities} opportunities created.`
        );
        if (summary.skippedUsers.length) {
            deps.log(
                `Skipped ${summary.skippedUsers.length} partner user(s) for lack of Partner Community licences: ${summary.skippedUsers.join(', ')}`
            );
        }
        for (const line of seedSummaryLines(summary.users)) deps.log(`  ${line}`);
        return 0;
    } catch (error) {
        return exitCodeFor(error, deps);
    }
}

runWhenMain(module, runOrgSeed);
