/**
 * npm run org:uninstall -- --target-org <alias> [options]
 * Removes Canal PRM from an org that got it through org:deploy: unschedules our jobs, restores the sharing defaults
 * and the translations from the backups, removes our permission set assignments and our components (a destructive-
 * changes manifest), and leaves the customer's leads, opportunities, claim audit rows and claim rules in place.
 * (An org that installed the unlocked package uses sf package uninstall instead: docs/ADMIN-GUIDE.md.)
 * Exit codes: 0 done, 1 a step failed (with what to do next), 2 bad usage or not confirmed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    adminExitCode,
    ADMIN_PERMSET,
    confirmChange,
    describeTarget,
    listBackups,
    MANAGER_PERMSET,
    minutes,
    PARTNER_REP_PERMSET,
    query,
    runApex,
    sf,
    sfLine,
    soqlList,
    type AdminCtx,
    type BackupRecord,
    parseAdminArgs
} from './org/admin.js';
import { sharingObjectXml } from './org/deployPlan.js';
import { componentsToRemove, KEPT, manifestXml } from './org/destructive.js';
import { scheduleApex } from './org-configure.js';
import { defaultDeps, type OrgDeps } from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

export const HELP = `Usage: npm run org:uninstall -- --target-org <alias> [options]

Removes Canal PRM from an org it was deployed to with npm run org:deploy:
  1. reads the backups of this org (backups/<alias>/) and our permission set assignments;
  2. shows what goes and what stays, and asks (production: type the org's username);
  3. unschedules LeadClaimRecall and LeadQueueDigest;
  4. restores Lead and Opportunity sharing as they were before org:deploy (from its backup);
  5. restores the Spanish translations as they were before org:translations (from its backup);
  6. removes the assignments of our permission sets, then our components with a destructive-changes manifest.
Kept: the customer's leads, opportunities and claim audit rows (Lead_Claim__c) and our fields that hold data, the
claim rules, the queue, e-mail templates, layouts and the site (take it offline in Setup).

  --target-org NAME        alias or username of the org (required)
  --wait MINUTES           how long to wait for each deploy (default 30)
  --confirm-org USERNAME   confirm a production org without the question (its username or org id)
  --yes                    skip the question on a scratch org or a sandbox (never enough for production)
  --dry-run                print the steps and the manifest without contacting the org
  --help                   this text

Exit codes: 0 done, 1 a step failed (the message says what to do next), 2 bad usage or not confirmed.
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    wait: { type: 'string' },
    'confirm-org': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

/** The sharing before our first change, per object: the oldest backup that recorded it wins. */
export function originalSharing(
    backups: Array<{ record: BackupRecord }>
): Record<string, { internal: string; external: string }> {
    const result: Record<string, { internal: string; external: string }> = {};
    for (const { record } of backups) {
        for (const [object, value] of Object.entries(record.sharing ?? {})) result[object] ??= value;
    }
    return result;
}

/** Runs org:uninstall; resolves with the exit code. */
export async function runOrgUninstall(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    let alias: string | undefined;
    try {
        const parsed = parseAdminArgs(argv, OPTIONS, HELP, deps);
        if (!parsed) return 0;
        const { values } = parsed;
        alias = parsed.alias;
        const wait = minutes(values.wait, '--wait', 30);
        const ctx: AdminCtx = { deps, alias, dryRun: values['dry-run'] };
        const apiVersion =
            (
                JSON.parse(readFileSync(path.join(deps.root, 'sfdx-project.json'), 'utf8')) as {
                    sourceApiVersion?: string;
                }
            ).sourceApiVersion ?? '66.0';
        const removed = componentsToRemove(deps.root);
        const dir = path.join('build', 'uninstall');
        const destructiveArgs = [
            'project',
            'deploy',
            'start',
            '--manifest',
            path.join(dir, 'package.xml'),
            '--post-destructive-changes',
            path.join(dir, 'destructiveChanges.xml'),
            '--target-org',
            alias,
            '--wait',
            String(wait)
        ];
        const count = Object.values(removed).reduce((n, names) => n + names.length, 0);
        if (ctx.dryRun) {
            deps.log('Dry run: the org is not contacted; these are the steps.');
            deps.log('[1/4] Unschedule our jobs (anonymous Apex)');
            deps.log(`[2/4] Restore sharing and translations from backups/${alias}/`);
            deps.log('[3/4] Remove the assignments of our permission sets (sf data delete bulk)');
            deps.log(`[4/4] Remove ${count} components: ${sfLine(destructiveArgs)}`);
            for (const [type, names] of Object.entries(removed)) deps.log(`    ${type}: ${names.join(', ')}`);
            deps.log('Kept:');
            for (const line of KEPT) deps.log(`    ${line}`);
            return 0;
        }

        const info = await deps.orgInfo(alias);
        deps.log(`Target: ${describeTarget(info)}`);
        const backups = listBackups(ctx).filter(
            (b) => !b.record.orgId || !info.orgId || b.record.orgId === info.orgId
        );
        const sharing = originalSharing(backups);
        const translations = backups.find((b) => b.record.reason === 'translations');
        const assignments = await query<{ Id: string }>(
            ctx,
            `SELECT Id FROM PermissionSetAssignment WHERE PermissionSet.Name IN ${soqlList([ADMIN_PERMSET, MANAGER_PERMSET, PARTNER_REP_PERMSET])}`
        );
        await confirmChange(
            ctx,
            info,
            [
                'unschedule LeadClaimRecall and LeadQueueDigest',
                ...Object.entries(sharing).map(
                    ([object, s]) =>
                        `${object}: sharing back to internal ${s.internal}, external ${s.external}`
                ),
                ...(translations
                    ? [`translations back to ${translations.dir}`]
                    : ['translations: no backup, left as they are']),
                `remove ${assignments.length} assignment(s) of our permission sets (partner reps lose access)`,
                `remove ${count} components of Canal PRM (classes, triggers, LWCs, pages, app, tabs, permission sets, reports, events)`,
                ...KEPT.map((k) => `kept: ${k}`)
            ],
            { yes: values.yes, confirmOrg: values['confirm-org'] }
        );

        deps.log('[1/4] Unschedule our jobs');
        await runApex(ctx, scheduleApex(undefined));

        deps.log('[2/4] Restore sharing and translations');
        if (Object.keys(sharing).length) {
            const restore = path.join('build', 'uninstall-sharing');
            mkdirSync(path.join(deps.root, restore, 'objects'), { recursive: true });
            for (const [object, s] of Object.entries(sharing)) {
                writeFileSync(
                    path.join(deps.root, restore, 'objects', `${object}.object`),
                    sharingObjectXml(s)
                );
            }
            writeFileSync(
                path.join(deps.root, restore, 'package.xml'),
                manifestXml({ CustomObject: Object.keys(sharing) }, apiVersion)
            );
            await sf(ctx, [
                'project',
                'deploy',
                'start',
                '--metadata-dir',
                restore,
                '--target-org',
                alias,
                '--wait',
                String(wait)
            ]);
            deps.log(`    sharing restored: ${Object.keys(sharing).join(', ')}`);
        } else {
            deps.log('    sharing: no backup recorded a change, nothing to restore');
        }
        if (translations) {
            await sf(ctx, [
                'project',
                'deploy',
                'start',
                '--metadata-dir',
                path.join(translations.dir, 'unpackaged'),
                '--target-org',
                alias,
                '--wait',
                String(wait)
            ]);
            deps.log(`    translations restored from ${translations.dir}`);
        }

        deps.log('[3/4] Remove the assignments of our permission sets');
        if (assignments.length) {
            mkdirSync(path.join(deps.root, dir), { recursive: true });
            const csv = path.join(dir, 'assignments.csv');
            writeFileSync(path.join(deps.root, csv), `Id\n${assignments.map((a) => a.Id).join('\n')}\n`);
            await sf(ctx, [
                'data',
                'delete',
                'bulk',
                '--sobject',
                'PermissionSetAssignment',
                '--file',
                csv,
                '--target-org',
                alias,
                '--wait',
                String(wait)
            ]);
        }
        deps.log(`    ${assignments.length} removed`);

        deps.log('[4/4] Remove our components');
        mkdirSync(path.join(deps.root, dir), { recursive: true });
        writeFileSync(path.join(deps.root, dir, 'package.xml'), manifestXml({}, apiVersion));
        writeFileSync(path.join(deps.root, dir, 'destructiveChanges.xml'), manifestXml(removed, apiVersion));
        await sf(ctx, destructiveArgs);
        deps.log(`Removed ${count} components from ${info.username}. Kept:`);
        for (const line of KEPT) deps.log(`  - ${line}`);
        return 0;
    } catch (error) {
        return adminExitCode(error, deps, alias);
    }
}

runWhenMain(module, runOrgUninstall);
