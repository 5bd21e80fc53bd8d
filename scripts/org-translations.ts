/**
 * npm run org:translations -- --target-org <alias> [options]
 * The optional Spanish translations (force-app/main/default/translations and standardValueSetTranslations, which
 * org:deploy never deploys): checks the Translation Workbench, reads the org's own picklist values and existing
 * translations, backs them up, and adds only what is missing. An existing translation is never overwritten.
 * Exit codes: 0 done, 1 a check or step failed (with what to do next), 2 bad usage or not confirmed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
    adminExitCode,
    confirmChange,
    describeTarget,
    minutes,
    sf,
    sfLine,
    takeBackup,
    type AdminCtx,
    parseAdminArgs
} from './org/admin.js';
import { manifestXml } from './org/destructive.js';
import { defaultDeps, type OrgDeps } from './org/steps.js';
import { runWhenMain } from './org/commandLine.js';

const DEFAULT_DIR = path.join('force-app', 'main', 'default');
const LANGUAGE = 'es';

/** Each standard value set we translate, and the field whose values the org really has. */
export const VALUE_SETS: Record<string, { sobject: string; field: string }> = {
    LeadStatus: { sobject: 'Lead', field: 'Status' },
    OpportunityStage: { sobject: 'Opportunity', field: 'StageName' },
    Industry: { sobject: 'Account', field: 'Industry' },
    AccountRating: { sobject: 'Account', field: 'Rating' }
};

export const HELP = `Usage: npm run org:translations -- --target-org <alias> [options]

Adds Canal PRM's Spanish translations, optional and separate from org:deploy:
  1. checks that the Translation Workbench is on with Spanish (es) added;
  2. reads the org's own values of Lead Status, Opportunity Stage, Industry and Rating, and its existing Spanish
     translations of them and of our labels, app, tabs and report types;
  3. backs them up into backups/<alias>/<timestamp>-translations/ (org:uninstall restores from there);
  4. shows what it adds and asks; adds a translation only where the org has the value and no translation yet.
     A translation the org already has is never overwritten; values the org does not have are skipped.

  --target-org NAME        alias or username of the org (required)
  --wait MINUTES           how long to wait for the deploy (default 10)
  --confirm-org USERNAME   confirm a production org without the question (its username or org id)
  --yes                    skip the question on a scratch org or a sandbox (never enough for production)
  --dry-run                print the steps without contacting the org
  --help                   this text
`;

const OPTIONS = {
    'target-org': { type: 'string', short: 'o' },
    wait: { type: 'string' },
    'confirm-org': { type: 'string' },
    yes: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false }
} as const;

interface ValueTranslation {
    masterLabel: string;
    translation: string;
}

/** The valueTranslation entries of a StandardValueSetTranslation file. */
export function parseValueTranslations(xml: string): ValueTranslation[] {
    return [...xml.matchAll(/<valueTranslation>([\s\S]*?)<\/valueTranslation>/g)].map((m) => ({
        masterLabel: /<masterLabel>([\s\S]*?)<\/masterLabel>/.exec(m[1]!)?.[1]?.trim() ?? '',
        translation: /<translation>([\s\S]*?)<\/translation>/.exec(m[1]!)?.[1]?.trim() ?? ''
    }));
}

function valueSetXml(entries: ValueTranslation[]): string {
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<StandardValueSetTranslation xmlns="http://soap.sforce.com/2006/04/metadata">',
        ...entries.map(
            (e) =>
                `    <valueTranslation>\n        <masterLabel>${e.masterLabel}</masterLabel>\n        <translation>${e.translation}</translation>\n    </valueTranslation>`
        ),
        '</StandardValueSetTranslation>',
        ''
    ].join('\n');
}

/**
 * What to deploy for one value set: the org's translations as they are, plus ours for values the org has and has not
 * translated. Never changes an existing translation.
 */
export function mergeValueSet(
    ours: ValueTranslation[],
    theirs: ValueTranslation[],
    orgValues: string[]
): { merged: ValueTranslation[]; added: string[]; kept: string[]; skipped: string[] } {
    const existing = new Map(theirs.filter((t) => t.translation).map((t) => [t.masterLabel, t.translation]));
    const values = new Set(orgValues);
    const added: string[] = [];
    const kept: string[] = [];
    const skipped: string[] = [];
    const merged: ValueTranslation[] = theirs.filter((t) => t.translation);
    for (const entry of ours) {
        if (!values.has(entry.masterLabel)) skipped.push(entry.masterLabel);
        else if (existing.has(entry.masterLabel)) kept.push(entry.masterLabel);
        else {
            merged.push(entry);
            added.push(entry.masterLabel);
        }
    }
    return { merged, added, kept, skipped };
}

/** Top-level entries of a Translations file, by section and name. */
export function translationEntries(xml: string): Array<{ section: string; name: string; body: string }> {
    const inner = /<Translations[^>]*>([\s\S]*)<\/Translations>/.exec(xml)?.[1] ?? '';
    return [...inner.matchAll(/^ {4}<([A-Za-z]+)>([\s\S]*?)^ {4}<\/\1>/gm)].map((m) => ({
        section: m[1]!,
        name: /<name>([\s\S]*?)<\/name>/.exec(m[2]!)?.[1]?.trim() ?? '',
        body: m[0]
    }));
}

/** Our Translations entries the org does not have yet (an entry it has is the org's to keep). */
export function missingTranslations(
    ours: string,
    theirs: string | undefined
): { xml: string; added: number; kept: number } {
    const have = new Set((theirs ? translationEntries(theirs) : []).map((e) => `${e.section}|${e.name}`));
    const entries = translationEntries(ours);
    const missing = entries.filter((e) => !have.has(`${e.section}|${e.name}`));
    return {
        xml: [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<Translations xmlns="http://soap.sforce.com/2006/04/metadata">',
            ...missing.map((e) => e.body),
            '</Translations>',
            ''
        ].join('\n'),
        added: missing.length,
        kept: entries.length - missing.length
    };
}

function readIf(file: string): string | undefined {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Runs org:translations; resolves with the exit code. */
export async function runOrgTranslations(argv: string[], overrides: Partial<OrgDeps> = {}): Promise<number> {
    const deps = defaultDeps(overrides);
    let alias: string | undefined;
    try {
        const parsed = parseAdminArgs(argv, OPTIONS, HELP, deps);
        if (!parsed) return 0;
        const { values } = parsed;
        alias = parsed.alias;
        const wait = minutes(values.wait, '--wait', 10);
        const ctx: AdminCtx = { deps, alias, dryRun: values['dry-run'] };
        const ourSets = readdirSync(path.join(deps.root, DEFAULT_DIR, 'standardValueSetTranslations'))
            .map((f) => /^(\w+)-es\.standardValueSetTranslation-meta\.xml$/.exec(f)?.[1])
            .filter((s): s is string => !!s && s in VALUE_SETS);
        const ourTranslations = readFileSync(
            path.join(deps.root, DEFAULT_DIR, 'translations', `${LANGUAGE}.translation-meta.xml`),
            'utf8'
        );
        const sections = translationEntries(ourTranslations);
        const retrieveList = [
            `Translations:${LANGUAGE}`,
            ...ourSets.map((s) => `StandardValueSetTranslation:${s}-${LANGUAGE}`),
            ...[...new Set(sections.filter((e) => e.section === 'customLabels').map((e) => e.name))].map(
                (n) => `CustomLabel:${n}`
            ),
            ...sections
                .filter((e) => e.section === 'customApplications')
                .map((e) => `CustomApplication:${e.name}`),
            ...sections.filter((e) => e.section === 'customTabs').map((e) => `CustomTab:${e.name}`),
            ...sections.filter((e) => e.section === 'reportTypes').map((e) => `ReportType:${e.name}`)
        ];
        if (ctx.dryRun) {
            deps.log('Dry run: the org is not contacted; these are the steps.');
            deps.log(
                `[1/4] Translation Workbench: ${sfLine(['org', 'list', 'metadata', '--metadata-type', 'Translations', '--target-org', alias])}`
            );
            deps.log(
                `[2/4] The org's values: ${Object.values(VALUE_SETS)
                    .map((v) => `${v.sobject}.${v.field}`)
                    .join(', ')} (sf sobject describe)`
            );
            deps.log(
                `[3/4] Back up ${retrieveList.length} components into backups/${alias}/<timestamp>-translations/`
            );
            deps.log(
                '[4/4] Deploy only what is missing (sf project deploy start --metadata-dir build/translations)'
            );
            return 0;
        }

        const info = await deps.orgInfo(alias);
        deps.log(`Target: ${describeTarget(info)}`);
        deps.log('[1/4] Translation Workbench');
        const languages = await sf<Array<{ fullName?: string }> | { fullName?: string } | undefined>(ctx, [
            'org',
            'list',
            'metadata',
            '--metadata-type',
            'Translations',
            '--target-org',
            alias
        ]);
        const active = (Array.isArray(languages) ? languages : languages ? [languages] : []).map(
            (l) => l.fullName
        );
        if (!active.includes(LANGUAGE)) {
            throw new Error(
                `The Translation Workbench is off, or Spanish (${LANGUAGE}) is not one of its languages: Setup > Translation Language Settings > Enable, then Add Spanish as active. Nothing was changed.`
            );
        }
        deps.log('    on, with Spanish');

        deps.log("[2/4] The org's picklist values");
        const orgValues: Record<string, string[]> = {};
        const described: Record<
            string,
            Array<{ name: string; picklistValues?: Array<{ value: string }> }>
        > = {};
        for (const [set, { sobject, field }] of Object.entries(VALUE_SETS)) {
            if (!ourSets.includes(set)) continue;
            described[sobject] ??=
                (
                    await sf<{ fields?: Array<{ name: string; picklistValues?: Array<{ value: string }> }> }>(
                        ctx,
                        ['sobject', 'describe', '--sobject', sobject, '--target-org', alias]
                    )
                ).fields ?? [];
            orgValues[set] = (described[sobject].find((f) => f.name === field)?.picklistValues ?? []).map(
                (p) => p.value
            );
        }

        deps.log('[3/4] Back up the translations the org has');
        const backup = await takeBackup(ctx, info, 'translations', retrieveList);
        const unpacked = path.join(deps.root, backup, 'unpackaged');

        const out = path.join('build', 'translations');
        rmSync(path.join(deps.root, out), { recursive: true, force: true });
        mkdirSync(path.join(deps.root, out, 'standardValueSetTranslations'), { recursive: true });
        mkdirSync(path.join(deps.root, out, 'translations'), { recursive: true });
        const changes: string[] = [];
        const deployed: Record<string, string[]> = {};
        for (const set of ourSets) {
            const ours = parseValueTranslations(
                readFileSync(
                    path.join(
                        deps.root,
                        DEFAULT_DIR,
                        'standardValueSetTranslations',
                        `${set}-${LANGUAGE}.standardValueSetTranslation-meta.xml`
                    ),
                    'utf8'
                )
            );
            const theirs = parseValueTranslations(
                readIf(
                    path.join(
                        unpacked,
                        'standardValueSetTranslations',
                        `${set}-${LANGUAGE}.standardValueSetTranslation`
                    )
                ) ?? ''
            );
            const result = mergeValueSet(ours, theirs, orgValues[set] ?? []);
            changes.push(
                `${set}: add ${result.added.length}${result.added.length ? ` (${result.added.join(', ')})` : ''}; keep the org's ${result.kept.length}; skip ${result.skipped.length} the org does not have${result.skipped.length ? ` (${result.skipped.join(', ')})` : ''}`
            );
            if (result.added.length) {
                writeFileSync(
                    path.join(
                        deps.root,
                        out,
                        'standardValueSetTranslations',
                        `${set}-${LANGUAGE}.standardValueSetTranslation`
                    ),
                    valueSetXml(result.merged)
                );
                (deployed.StandardValueSetTranslation ??= []).push(`${set}-${LANGUAGE}`);
            }
        }
        const labels = missingTranslations(
            ourTranslations,
            readIf(path.join(unpacked, 'translations', `${LANGUAGE}.translation`))
        );
        changes.push(`labels, app, tabs, report types: add ${labels.added}; keep the org's ${labels.kept}`);
        if (labels.added) {
            writeFileSync(path.join(deps.root, out, 'translations', `${LANGUAGE}.translation`), labels.xml);
            deployed.Translations = [LANGUAGE];
        }
        await confirmChange(ctx, info, changes, { yes: values.yes, confirmOrg: values['confirm-org'] });

        deps.log('[4/4] Deploy what is missing');
        if (!Object.keys(deployed).length) {
            deps.log('Nothing to add: every translation is already there.');
            return 0;
        }
        const apiVersion =
            (
                JSON.parse(readFileSync(path.join(deps.root, 'sfdx-project.json'), 'utf8')) as {
                    sourceApiVersion?: string;
                }
            ).sourceApiVersion ?? '66.0';
        writeFileSync(path.join(deps.root, out, 'package.xml'), manifestXml(deployed, apiVersion));
        await sf(ctx, [
            'project',
            'deploy',
            'start',
            '--metadata-dir',
            out,
            '--target-org',
            alias,
            '--wait',
            String(wait)
        ]);
        deps.log(`Translations added (backup of what was there: ${backup}).`);
        return 0;
    } catch (error) {
        return adminExitCode(error, deps, alias);
    }
}

runWhenMain(module, runOrgTranslations);
