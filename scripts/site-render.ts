// Renders the Experience Cloud partner site template (site/template) with a vendor's values into an SFDX project
// of its own, ready to convert and deploy: npm run site:render -- --name "Acme Partners" --prefix partners ...
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabels } from './site/labels.js';
import { RenderError, findLeftovers, renderSite } from './site/render.js';
import { OPTIONS, SiteValueError, resolveValues, type SiteInput } from './site/values.js';

const ROOT = path.resolve(__dirname, '..');
const TEMPLATE = path.join(ROOT, 'site', 'template');

function usage(): string {
    const width = Math.max(...OPTIONS.map((o) => o.flag.length)) + 2;
    const lines = OPTIONS.map((o) => `  ${o.flag.padEnd(width)}${o.required ? '(required) ' : ''}${o.help}`);
    return [
        'Usage: npm run site:render -- --name "Acme Partners" --prefix partners --admin admin@acme.example \\',
        '         --guest-owner guest.owner@acme.example --brand-color "#0b5cab" --logo-url https://... --language es',
        '       npm run site:render -- --config values.json [--out build/site]',
        '',
        'Renders site/template into <out>/<api name>/, an SFDX project with the LWR site, its Network, CustomSite',
        'and NavigationMenu. A --config file holds the same values with camelCase keys (guestOwner, brandColor, ...);',
        'flags override it.',
        '',
        ...lines,
        `  ${'--config'.padEnd(width)}a JSON file of values`,
        `  ${'--out'.padEnd(width)}output folder (default: build/site)`,
        `  ${'--help'.padEnd(width)}this text`
    ].join('\n');
}

function readConfig(file: string): SiteInput {
    let parsed: unknown;
    try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        throw new SiteValueError([`--config: cannot read ${file}: ${(error as Error).message}`]);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new SiteValueError([`--config: ${file} must hold a JSON object`]);
    }
    const known = new Set<string>(OPTIONS.map((o) => o.key));
    const unknown = Object.keys(parsed).filter((key) => !known.has(key));
    if (unknown.length)
        throw new SiteValueError([`--config: unknown value(s) ${unknown.join(', ')} in ${file}`]);
    return parsed as SiteInput;
}

/** Runs the renderer with the given arguments; returns the exit code. */
export function main(argv: string[]): number {
    let args;
    try {
        args = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: {
                ...Object.fromEntries(OPTIONS.map((o) => [o.flag.slice(2), { type: 'string' as const }])),
                config: { type: 'string' },
                out: { type: 'string' },
                help: { type: 'boolean', short: 'h' }
            }
        });
    } catch (error) {
        console.error(`site:render: ${(error as Error).message}\n\n${usage()}`);
        return 1;
    }
    const flags = args.values as Record<string, string | boolean | undefined>;
    if (flags.help) {
        console.log(usage());
        return 0;
    }
    try {
        const input: SiteInput = typeof flags.config === 'string' ? readConfig(flags.config) : {};
        for (const option of OPTIONS) {
            const value = flags[option.flag.slice(2)];
            if (typeof value === 'string') input[option.key] = value;
        }
        const values = resolveValues(input);
        const outRoot = path.resolve(typeof flags.out === 'string' ? flags.out : 'build/site');
        if (!existsSync(TEMPLATE)) throw new RenderError(`no template at ${TEMPLATE}`);
        const { outDir, files } = renderSite(TEMPLATE, outRoot, values, loadLabels(ROOT));
        const leftovers = findLeftovers(outDir);
        if (leftovers.length)
            throw new RenderError(`placeholders left unreplaced in ${leftovers.join(', ')}`);
        console.log(
            `site:render: ${values.name} (${values.apiName}, /${values.prefix}) -> ${outDir} (${files.length} files)`
        );
        return 0;
    } catch (error) {
        if (error instanceof SiteValueError || error instanceof RenderError) {
            console.error(`site:render: ${error.message}`);
            return 1;
        }
        throw error;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2));
}
