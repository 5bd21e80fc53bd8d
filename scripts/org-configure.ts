/**
 * npm run org:configure -- --target-org <alias> --admins a@x,b@x --channel-managers c@x [options]
 * After org:deploy, in one command that is safe to rerun: permission sets to the users named, the channel-manager
 * group, every partner role in Canal_Partner_Reps (so partners see the queue), the recall and the digest scheduled
 * (replaced, never duplicated). Prints what it did and what remains by hand.
 * Exit codes: 0 done, 1 a step failed (with what to do next), 2 bad usage or not confirmed.
 */
import {
    adminExitCode,
    ADMIN_PERMSET,
    confirmChange,
    describeTarget,
    JOBS,
    listFlag,
    MANAGER_PERMSET,
    MANAGERS_GROUP,
    query,
    REPS_GROUP,
    runApex,
    sf,
    sfLine,
    soqlList,
    soqlString,
    type AdminCtx,
    parseAdminArgs
} from './org/admin.js';
import { defaultDeps, UsageError, type OrgDeps } from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

export const HELP = `Usage: npm run org:configure -- --target-org <alias> [options]

Configures Canal PRM after npm run org:deploy; safe to rerun (what is already done is left as it is):
  1. checks the users named exist and are active (nothing is written otherwise);
  2. assigns ${ADMIN_PERMSET} to --admins and ${MANAGER_PERMSET} to --channel-managers;
  3. adds the channel managers to the ${MANAGERS_GROUP} group (the bell's recipients);
  4. adds every partner role to ${REPS_GROUP} (the member of the Canal_Partner_Pool queue: partners see the queue);
  5. schedules LeadClaimRecall (claims expire), LeadQueueDigest (the morning e-mail) and DealRegistrationExpiry
     (deal registrations' protection ends, 1:00 every day), replacing our jobs;
  6. prints what it did and what remains by hand.

  --target-org NAME         alias or username of the org (required)
  --admins LIST             usernames, comma-separated, to get ${ADMIN_PERMSET}
  --channel-managers LIST   usernames, comma-separated, to get ${MANAGER_PERMSET} and join ${MANAGERS_GROUP}
  --recall-cron CRON        when LeadClaimRecall runs (default "${JOBS.recall.cron}": every hour)
  --digest-cron CRON        when LeadQueueDigest runs (default "${JOBS.digest.cron}": 7:00 every day)
  --no-schedule             leave the jobs as they are
  --unschedule              only remove our scheduled jobs (before an upgrade or an uninstall), then stop
  --confirm-org USERNAME    confirm a production org without the question (its username or org id)
  --yes                     skip the question on a scratch org or a sandbox (never enough for production)
  --dry-run                 print the steps without contacting the org
  --help                    this text

Exit codes: 0 done, 1 a step failed (the message says what to do next), 2 bad usage or not confirmed.
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    admins: { type: 'string' },
    'channel-managers': { type: 'string' },
    'recall-cron': { type: 'string' },
    'digest-cron': { type: 'string' },
    'no-schedule': { type: 'boolean', default: false },
    unschedule: { type: 'boolean', default: false },
    'confirm-org': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

const CRON = /^[0-9*?,/\-LW# A-Z]+$/;

/** Anonymous Apex that removes our jobs by name and, unless only unscheduling, schedules them again (no duplicates). */
export function scheduleApex(crons: { recall: string; digest: string } | undefined): string[] {
    const lines = [
        `Set<String> names = new Set<String>{ ${Object.values(JOBS)
            .map((j) => soqlString(j.name))
            .join(', ')} };`,
        'for (CronTrigger job : [SELECT Id FROM CronTrigger WHERE CronJobDetail.Name IN :names]) {',
        '    System.abortJob(job.Id);',
        '}'
    ];
    if (crons) {
        lines.push(
            `System.schedule(${soqlString(JOBS.recall.name)}, ${soqlString(crons.recall)}, new ${JOBS.recall.className}());`,
            `System.schedule(${soqlString(JOBS.digest.name)}, ${soqlString(crons.digest)}, new ${JOBS.digest.className}());`,
            // Deal registrations: protection ends and the week-before notice, once a day (docs/DEAL-REGISTRATION.md).
            `System.schedule(${soqlString(JOBS.expiry.name)}, ${soqlString(JOBS.expiry.cron)}, new ${JOBS.expiry.className}());`
        );
    }
    return lines;
}

/** Runs org:configure; resolves with the exit code. */
export async function runOrgConfigure(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    let alias: string | undefined;
    try {
        const parsed = parseAdminArgs(argv, OPTIONS, HELP, deps);
        if (!parsed) return 0;
        const { values } = parsed;
        alias = parsed.alias;
        const admins = listFlag(values.admins);
        const managers = listFlag(values['channel-managers']);
        const crons = {
            recall: values['recall-cron'] ?? JOBS.recall.cron,
            digest: values['digest-cron'] ?? JOBS.digest.cron
        };
        for (const [flag, cron] of [
            ['--recall-cron', crons.recall],
            ['--digest-cron', crons.digest]
        ] as const) {
            if (!CRON.test(cron) || cron.trim().split(/\s+/).length < 6) {
                throw new UsageError(
                    `${flag} "${cron}" is not a Salesforce cron expression (seconds minutes hours day month weekday).`
                );
            }
        }
        const unscheduleOnly = values.unschedule;
        const schedule = !values['no-schedule'];
        const ctx: AdminCtx = { deps, alias, dryRun: values['dry-run'] };
        const did: string[] = [];

        if (ctx.dryRun) {
            deps.log('Dry run: the org is not contacted; these are the steps.');
            if (unscheduleOnly) {
                deps.log(
                    `[1/1] Remove our scheduled jobs: ${sfLine(['apex', 'run', '--file', '<temp>.apex', '--target-org', alias])}`
                );
                for (const line of scheduleApex(undefined)) deps.log(`    apex> ${line}`);
                return 0;
            }
            deps.log('[1/5] Check the users named');
            deps.log(
                `[2/5] Permission sets: ${ADMIN_PERMSET} to ${admins.join(', ') || 'nobody'}; ${MANAGER_PERMSET} to ${managers.join(', ') || 'nobody'}`
            );
            deps.log(
                `    ${sfLine(['org', 'assign', 'permset', '--name', ADMIN_PERMSET, '--on-behalf-of', '<user>', '--target-org', alias])}`
            );
            deps.log(`[3/5] ${MANAGERS_GROUP}: add the channel managers missing`);
            deps.log(`[4/5] ${REPS_GROUP}: add every partner role missing`);
            deps.log(
                `    ${sfLine(['data', 'create', 'record', '--sobject', 'GroupMember', '--values', 'GroupId=<group> UserOrGroupId=<role group>', '--target-org', alias])}`
            );
            deps.log(
                `[5/5] Schedule the recall and the digest${schedule ? '' : ' (skipped: --no-schedule)'}`
            );
            if (schedule) for (const line of scheduleApex(crons)) deps.log(`    apex> ${line}`);
            deps.log('Dry run done.');
            return 0;
        }

        const info = await deps.orgInfo(alias);
        deps.log(`Target: ${describeTarget(info)}`);
        if (unscheduleOnly) {
            await confirmChange(ctx, info, ['remove the scheduled jobs of Canal PRM'], {
                yes: values.yes,
                confirmOrg: values['confirm-org']
            });
            await runApex(ctx, scheduleApex(undefined));
            deps.log(
                `Removed our scheduled jobs (${Object.values(JOBS)
                    .map((j) => j.name)
                    .join(', ')}).`
            );
            return 0;
        }

        // 1. Every user named must exist before anything is written.
        deps.log('[1/5] Check the users named');
        const named = [...new Set([...admins, ...managers])];
        const users = named.length
            ? await query<{ Id: string; Username: string }>(
                  ctx,
                  `SELECT Id, Username FROM User WHERE IsActive = true AND Username IN ${soqlList(named)}`
              )
            : [];
        const idOf = new Map(users.map((u) => [u.Username.toLowerCase(), u.Id]));
        const missing = named.filter((u) => !idOf.has(u.toLowerCase()));
        if (missing.length) {
            throw new Error(`Not active users of the org: ${missing.join(', ')}. Nothing was changed.`);
        }
        const groups = await query<{ Id: string; DeveloperName: string }>(
            ctx,
            `SELECT Id, DeveloperName FROM Group WHERE Type = 'Regular' AND DeveloperName IN ${soqlList([MANAGERS_GROUP, REPS_GROUP])}`
        );
        const groupId = (name: string) => {
            const id = groups.find((g) => g.DeveloperName === name)?.Id;
            if (!id)
                throw new Error(
                    `No public group ${name}: run npm run org:deploy first. Nothing was changed.`
                );
            return id;
        };
        const managersGroup = groupId(MANAGERS_GROUP);
        const repsGroup = groupId(REPS_GROUP);
        const jobs = await query<{ CronJobDetail?: { Name?: string } }>(
            ctx,
            `SELECT CronJobDetail.Name FROM CronTrigger WHERE CronJobDetail.Name IN ${soqlList(Object.values(JOBS).map((j) => j.name))}`
        );
        await confirmChange(
            ctx,
            info,
            [
                ...(admins.length ? [`${ADMIN_PERMSET} for ${admins.join(', ')} (where missing)`] : []),
                ...(managers.length
                    ? [
                          `${MANAGER_PERMSET} and the ${MANAGERS_GROUP} group for ${managers.join(', ')} (where missing)`
                      ]
                    : []),
                `every partner role into ${REPS_GROUP} (where missing)`,
                ...(schedule
                    ? [
                          `schedule ${JOBS.recall.name} (${crons.recall}), ${JOBS.digest.name} (${crons.digest}) and ${JOBS.expiry.name} (${JOBS.expiry.cron})${jobs.length ? `, replacing the ${jobs.length} scheduled now` : ''}`
                      ]
                    : [])
            ],
            { yes: values.yes, confirmOrg: values['confirm-org'] }
        );

        // 2. Permission sets, where missing.
        deps.log('[2/5] Permission sets');
        const assigned = named.length
            ? await query<{ Assignee?: { Username?: string }; PermissionSet?: { Name?: string } }>(
                  ctx,
                  `SELECT Assignee.Username, PermissionSet.Name FROM PermissionSetAssignment WHERE PermissionSet.Name IN ${soqlList([ADMIN_PERMSET, MANAGER_PERMSET])} AND Assignee.Username IN ${soqlList(named)}`
              )
            : [];
        const has = new Set(
            assigned.map((a) => `${a.PermissionSet?.Name}|${(a.Assignee?.Username ?? '').toLowerCase()}`)
        );
        for (const [permset, who] of [
            [ADMIN_PERMSET, admins],
            [MANAGER_PERMSET, managers]
        ] as const) {
            const todo = who.filter((u) => !has.has(`${permset}|${u.toLowerCase()}`));
            const already = who.filter((u) => has.has(`${permset}|${u.toLowerCase()}`));
            if (already.length) deps.log(`    ${permset}: already held by ${already.join(', ')}`);
            if (!todo.length) continue;
            await sf(ctx, [
                'org',
                'assign',
                'permset',
                '--name',
                permset,
                ...todo.flatMap((u) => ['--on-behalf-of', u]),
                '--target-org',
                alias
            ]);
            did.push(`${permset} assigned to ${todo.join(', ')}`);
            deps.log(`    ${permset}: assigned to ${todo.join(', ')}`);
        }

        const addMembers = async (group: string, groupName: string, ids: string[], what: string) => {
            const current = new Set(
                (
                    await query<{ UserOrGroupId: string }>(
                        ctx,
                        `SELECT UserOrGroupId FROM GroupMember WHERE GroupId = ${soqlString(group)}`
                    )
                ).map((m) => m.UserOrGroupId)
            );
            const todo = ids.filter((id) => !current.has(id));
            for (const id of todo) {
                await sf(ctx, [
                    'data',
                    'create',
                    'record',
                    '--sobject',
                    'GroupMember',
                    '--values',
                    `GroupId=${group} UserOrGroupId=${id}`,
                    '--target-org',
                    ctx.alias
                ]);
            }
            deps.log(
                `    ${groupName}: ${todo.length} ${what} added, ${ids.length - todo.length} already there`
            );
            if (todo.length) did.push(`${todo.length} ${what} added to ${groupName}`);
        };

        // 3. The channel managers' group.
        deps.log(`[3/5] ${MANAGERS_GROUP}`);
        await addMembers(
            managersGroup,
            MANAGERS_GROUP,
            managers.map((u) => idOf.get(u.toLowerCase())!),
            'channel manager(s)'
        );

        // 4. Partner roles into the reps' group.
        deps.log(`[4/5] ${REPS_GROUP}`);
        const roles = await query<{ Id: string }>(
            ctx,
            "SELECT Id FROM UserRole WHERE PortalType = 'Partner'"
        );
        const roleGroups = roles.length
            ? await query<{ Id: string }>(
                  ctx,
                  `SELECT Id FROM Group WHERE Type = 'Role' AND RelatedId IN ${soqlList(roles.map((r) => r.Id))}`
              )
            : [];
        await addMembers(
            repsGroup,
            REPS_GROUP,
            roleGroups.map((g) => g.Id),
            'partner role(s)'
        );

        // 5. The jobs: removed by name and scheduled again, so a rerun never duplicates them.
        deps.log('[5/5] Scheduled jobs');
        if (schedule) {
            await runApex(ctx, scheduleApex(crons));
            const verb = jobs.length ? 'rescheduled' : 'scheduled';
            did.push(
                `${JOBS.recall.name} ${verb} (${crons.recall}), ${JOBS.digest.name} ${verb} (${crons.digest}), ${JOBS.expiry.name} ${verb} (${JOBS.expiry.cron})`
            );
            deps.log(
                `    ${verb}: ${JOBS.recall.name} (${crons.recall}), ${JOBS.digest.name} (${crons.digest}), ${JOBS.expiry.name} (${JOBS.expiry.cron})`
            );
        } else {
            deps.log('    left as they are (--no-schedule)');
        }

        deps.log('');
        deps.log(did.length ? 'Done:' : 'Nothing to do: everything was already in place.');
        for (const line of did) deps.log(`  - ${line}`);
        deps.log('What remains by hand (docs/ADMIN-GUIDE.md):');
        deps.log(
            '  - partner users: enable each partner account as a partner, its reps as partner users with a partner licence and the Canal_Partner_Rep permission set; then rerun org:configure (their new roles join Canal_Partner_Reps)'
        );
        deps.log(
            '  - e-mail deliverability: Setup > Deliverability > Access level "All email" (welcome, assignment and digest e-mails)'
        );
        deps.log(
            '  - page layouts: assign "Canal Lead Layout" and "Lead Claim Layout" to the channel managers\' and admins\' profiles'
        );
        deps.log(
            `  - the site: npm run org:publish -- --target-org ${alias} --site-config <values.json> when you have looked at it`
        );
        return 0;
    } catch (error) {
        return adminExitCode(error, deps, alias);
    }
}

runWhenMain(module, runOrgConfigure);
