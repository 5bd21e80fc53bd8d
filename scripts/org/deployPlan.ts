/**
 * org:deploy's plan: what it reads in the org before touching it (every check, all at once), what it leaves alone
 * because the customer already has it (claim rules, queues, the site), the external sharing it sets Private (never
 * widening anything), the staged copy of force-app it validates, and the Apex tests it runs (our own).
 */
import {
    cpSync,
    existsSync,
    mkdirSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import { query, queryIfType, soqlList, soqlString, JOBS, type AdminCtx } from './admin.js';
import { SfCliError } from './sfCli.js';

export const SOURCE = 'force-app';
const DEFAULT_DIR = path.join(SOURCE, 'main', 'default');

/** The kinds of component deployed only when absent, unless --overwrite names them. */
export const GUARDED = ['claim-rules', 'queues', 'site'] as const;
export type Guarded = (typeof GUARDED)[number];

/** Field history tracking allows 20 fields per object. */
export const TRACKED_FIELD_LIMIT = 20;

/** The sharing defaults, narrowest first; an external default is never wider than the internal one. */
export const SHARING_ORDER = ['Private', 'Read', 'ReadWrite', 'ReadWriteTransfer', 'FullAccess'] as const;
/** What org:deploy wants: partners see only their own leads and deals. Internal defaults are never touched. */
export const SHARING_TARGET: Record<string, { external: string }> = {
    Lead: { external: 'Private' },
    Opportunity: { external: 'Private' }
};

export interface SharingNow {
    internal: string;
    external: string;
}

export interface SharingChange {
    object: string;
    from: SharingNow;
    to: SharingNow;
}

/**
 * The sharing changes that take the org to SHARING_TARGET, or the reasons to refuse: a value we do not know, or a
 * target wider than what the org has (the org is stricter: deploying would open it).
 */
export function planSharing(
    current: Record<string, SharingNow | undefined>,
    target: Record<string, { external: string }> = SHARING_TARGET
): { changes: SharingChange[]; unchanged: string[]; refusals: string[] } {
    const rank = (value: string) => SHARING_ORDER.indexOf(value as (typeof SHARING_ORDER)[number]);
    const changes: SharingChange[] = [];
    const unchanged: string[] = [];
    const refusals: string[] = [];
    for (const [object, want] of Object.entries(target)) {
        const now = current[object];
        if (!now) {
            refusals.push(`${object}: the org did not say its sharing defaults (EntityDefinition).`);
            continue;
        }
        if (rank(now.external) < 0 || rank(now.internal) < 0) {
            refusals.push(
                `${object}: sharing ${now.internal}/${now.external} is not one this script knows; set external access to Private by hand (Setup > Sharing Settings).`
            );
            continue;
        }
        if (rank(want.external) > rank(now.external)) {
            refusals.push(
                `${object}: the org is stricter (external ${now.external}) than ${want.external}; deploying would widen it, so nothing is changed.`
            );
            continue;
        }
        if (rank(want.external) === rank(now.external)) {
            unchanged.push(`${object} external sharing is already ${now.external}`);
            continue;
        }
        changes.push({ object, from: now, to: { internal: now.internal, external: want.external } });
    }
    return { changes, unchanged, refusals };
}

/** The CustomObject XML that sets one object's sharing (internal as given: unchanged, or restored). */
export function sharingObjectXml(to: SharingNow, extra = ''): string {
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">',
        ...(extra ? [extra] : []),
        `    <externalSharingModel>${to.external}</externalSharingModel>`,
        `    <sharingModel>${to.internal}</sharingModel>`,
        '</CustomObject>',
        ''
    ].join('\n');
}

/** Files under dir (relative to dir), recursively. */
function filesUnder(dir: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? filesUnder(full).map((f) => path.join(entry, f)) : [entry];
    });
}

/** Our Apex test classes: force-app/tests/**\/*Test.cls (test data builders have no test methods). */
export function testClasses(root: string): string[] {
    return filesUnder(path.join(root, SOURCE, 'tests'))
        .filter((f) => f.endsWith('Test.cls'))
        .map((f) => path.basename(f, '.cls'))
        .sort();
}

/** The claim rules (custom metadata records), by Type.Name, with their source files. */
export function claimRuleRecords(root: string): Array<{ type: string; name: string; file: string }> {
    return filesUnder(path.join(root, DEFAULT_DIR, 'customMetadata')).flatMap((file) => {
        const match = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\.md-meta\.xml$/.exec(path.basename(file));
        return match
            ? [{ type: match[1]!, name: match[2]!, file: path.join(DEFAULT_DIR, 'customMetadata', file) }]
            : [];
    });
}

export function queueNames(root: string): Array<{ name: string; file: string }> {
    return filesUnder(path.join(root, DEFAULT_DIR, 'queues'))
        .filter((f) => f.endsWith('.queue-meta.xml'))
        .map((f) => ({
            name: path.basename(f, '.queue-meta.xml'),
            file: path.join(DEFAULT_DIR, 'queues', f)
        }));
}

/** The fields we track, per object (trackHistory true in objects/<Object>/fields). */
export function trackedFields(root: string): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    for (const object of ['Lead', 'Opportunity']) {
        const dir = path.join(root, DEFAULT_DIR, 'objects', object, 'fields');
        result[object] = filesUnder(dir)
            .filter((f) => /<trackHistory>true<\/trackHistory>/.test(readFileSync(path.join(dir, f), 'utf8')))
            .map((f) => path.basename(f, '.field-meta.xml'))
            .sort();
    }
    return result;
}

/** What the checks found in the org; problems stop org:deploy before anything is written. */
export interface OrgFacts {
    problems: string[];
    notes: string[];
    sharing: ReturnType<typeof planSharing>;
    /** Present in the org: claim rule records (Type.Name), queues, the site (Network name and status). */
    present: { claimRules: string[]; queues: string[]; site?: { name: string; status: string } };
    scheduledJobs: string[];
}

export interface CheckInputs {
    siteName?: string;
    siteUsers: string[];
    allowPendingJobs: boolean;
}

function failure(error: unknown): string {
    return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

/** Reads the org (never writes): licences, Experience Cloud, site users, tracked-field room, jobs, sharing, what exists. */
export async function checkOrg(ctx: AdminCtx, inputs: CheckInputs): Promise<OrgFacts> {
    const problems: string[] = [];
    const notes: string[] = [];
    const root = ctx.deps.root;

    // Experience Cloud: the Network object exists only when Digital Experiences are enabled.
    let networks: Array<{ Name: string; Status: string }> | undefined;
    try {
        networks = await queryIfType<{ Name: string; Status: string }>(
            ctx,
            'SELECT Name, Status FROM Network'
        );
    } catch (error) {
        problems.push(`Experience Cloud: cannot read the sites (${failure(error)}).`);
    }
    if (networks === undefined && problems.length === 0) {
        problems.push(
            'Experience Cloud is off: Setup > Digital Experiences > Settings > Enable Digital Experiences (partner sites need it).'
        );
    }

    const licences = await query<{ Name: string; TotalLicenses: number; UsedLicenses: number }>(
        ctx,
        "SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Name LIKE '%Partner%'"
    );
    if (!licences.some((l) => l.TotalLicenses > 0)) {
        problems.push(
            'No partner licences (Partner Community or similar) in the org: Lead and Opportunity have no PartnerAccountId and partner users cannot exist. Buy or enable them first.'
        );
    } else {
        for (const l of licences.filter((x) => x.TotalLicenses > 0)) {
            notes.push(`licence ${l.Name}: ${l.TotalLicenses - l.UsedLicenses} of ${l.TotalLicenses} free`);
        }
    }

    if (inputs.siteUsers.length) {
        const users = await query<{ Username: string }>(
            ctx,
            `SELECT Username FROM User WHERE IsActive = true AND Username IN ${soqlList(inputs.siteUsers)}`
        );
        const found = new Set(users.map((u) => u.Username.toLowerCase()));
        for (const username of inputs.siteUsers) {
            if (!found.has(username.toLowerCase())) {
                problems.push(
                    `Site values: ${username} (site admin or guest record owner) is not an active user of the org.`
                );
            }
        }
    }

    const ours = trackedFields(root);
    for (const [object, fields] of Object.entries(ours)) {
        const tracked = await query<{ QualifiedApiName: string }>(
            ctx,
            `SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = ${soqlString(object)} AND IsFieldHistoryTracked = true`
        );
        const all = new Set([...tracked.map((t) => t.QualifiedApiName), ...fields]);
        if (all.size > TRACKED_FIELD_LIMIT) {
            problems.push(
                `${object} history: the org tracks ${tracked.length} fields and we add ${all.size - tracked.length} (${fields.join(', ')}): ${all.size} is over the limit of ${TRACKED_FIELD_LIMIT}. Stop tracking some in Setup > Object Manager > ${object} > Fields & Relationships > Set History Tracking.`
            );
        }
    }

    const jobNames = Object.values(JOBS).map((j) => j.name);
    const jobs = await query<{ CronJobDetail?: { Name?: string } }>(
        ctx,
        `SELECT CronJobDetail.Name FROM CronTrigger WHERE CronJobDetail.Name IN ${soqlList(jobNames)}`
    );
    const scheduledJobs = jobs.map((j) => j.CronJobDetail?.Name ?? '?');
    if (scheduledJobs.length && !inputs.allowPendingJobs) {
        problems.push(
            `Scheduled jobs of ours are pending (${scheduledJobs.join(', ')}): a deploy of their classes is refused unless Setup > Deployment Settings > "Allow deployments of components when corresponding Apex jobs are pending or in progress" is on. Turn it on and add --allow-pending-jobs, or unschedule them first with npm run org:configure -- --target-org ${ctx.alias} --unschedule.`
        );
    }

    const definitions = await query<{
        QualifiedApiName: string;
        InternalSharingModel: string;
        ExternalSharingModel: string;
    }>(
        ctx,
        `SELECT QualifiedApiName, InternalSharingModel, ExternalSharingModel FROM EntityDefinition WHERE QualifiedApiName IN ${soqlList(Object.keys(SHARING_TARGET))}`
    );
    const sharing = planSharing(
        Object.fromEntries(
            definitions.map((d) => [
                d.QualifiedApiName,
                { internal: d.InternalSharingModel, external: d.ExternalSharingModel }
            ])
        )
    );
    problems.push(...sharing.refusals);

    const claimRules: string[] = [];
    for (const type of [...new Set(claimRuleRecords(root).map((r) => r.type))]) {
        const rows = await queryIfType<{ DeveloperName: string }>(
            ctx,
            `SELECT DeveloperName FROM ${type}__mdt`
        );
        for (const row of rows ?? []) claimRules.push(`${type}.${row.DeveloperName}`);
    }
    const queues = queueNames(root).map((q) => q.name);
    const presentQueues = queues.length
        ? (
              await query<{ DeveloperName: string }>(
                  ctx,
                  `SELECT DeveloperName FROM Group WHERE Type = 'Queue' AND DeveloperName IN ${soqlList(queues)}`
              )
          ).map((q) => q.DeveloperName)
        : [];
    const site =
        inputs.siteName && networks
            ? networks
                  .filter((n) => n.Name === inputs.siteName)
                  .map((n) => ({ name: n.Name, status: n.Status }))[0]
            : undefined;
    return {
        problems,
        notes,
        sharing,
        present: { claimRules, queues: presentQueues, site },
        scheduledJobs
    };
}

/** A CLI failure while checking: it is a problem to report with the others, not a crash. */
export function checkFailure(error: unknown): string {
    if (error instanceof SfCliError) return error.message.split('\n')[0]!;
    return failure(error);
}

/** What the staged deploy leaves out and overwrites. */
export interface Staging {
    dir: string;
    skipped: string[];
    overwritten: string[];
    sharing: SharingChange[];
}

/**
 * Copies force-app (as the .forceignore lets it deploy) into build/deploy/, without the guarded components the org
 * already has (unless overwritten), and with the sharing change written into Lead/Opportunity's object file.
 */
export function stage(root: string, facts: OrgFacts, overwrite: ReadonlySet<Guarded>): Staging {
    const dir = path.join('build', 'deploy');
    const target = path.join(root, dir);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(path.join(root, SOURCE), path.join(target, SOURCE), { recursive: true });
    for (const file of ['.forceignore']) {
        if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(target, file));
    }
    const project = JSON.parse(readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')) as {
        sourceApiVersion?: string;
    };
    writeFileSync(
        path.join(target, 'sfdx-project.json'),
        `${JSON.stringify(
            {
                packageDirectories: [{ path: SOURCE, default: true }],
                sourceApiVersion: project.sourceApiVersion
            },
            null,
            4
        )}\n`
    );
    const skipped: string[] = [];
    const overwritten: string[] = [];
    const present = new Set(facts.present.claimRules);
    for (const record of claimRuleRecords(root)) {
        const name = `${record.type}.${record.name}`;
        if (!present.has(name)) continue;
        if (overwrite.has('claim-rules')) overwritten.push(`CustomMetadata:${name}`);
        else {
            rmSync(path.join(target, record.file));
            skipped.push(`CustomMetadata:${name}`);
        }
    }
    const queues = new Set(facts.present.queues);
    for (const queue of queueNames(root)) {
        if (!queues.has(queue.name)) continue;
        if (overwrite.has('queues')) overwritten.push(`Queue:${queue.name}`);
        else {
            rmSync(path.join(target, queue.file));
            skipped.push(`Queue:${queue.name}`);
        }
    }
    for (const change of facts.sharing.changes) {
        const file = path.join(
            target,
            DEFAULT_DIR,
            'objects',
            change.object,
            `${change.object}.object-meta.xml`
        );
        const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
        const inner = /<CustomObject[^>]*>([\s\S]*)<\/CustomObject>/.exec(existing)?.[1]?.trim() ?? '';
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, sharingObjectXml(change.to, inner ? `    ${inner}` : ''));
    }
    return { dir, skipped, overwritten, sharing: facts.sharing.changes };
}
