// Renders site/template into a folder: every {{PLACEHOLDER}} in file names and contents replaced, each value
// escaped for the file it lands in, and nothing left unreplaced.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { labelText, type LabelTexts } from './labels.js';
import { placeholdersOf, type SiteValues } from './values.js';

/** {{NAME}} or {{CANAL_LABEL:Label_Name}}. */
const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)(?::([A-Za-z][A-Za-z0-9_]*))?\}\}/g;
/** Anything still looking like a placeholder after rendering. */
const LEFTOVER = /\{\{[^{}\n]*\}\}/;

/** A template or rendering problem: an unknown placeholder, a missing label, a leftover. */
export class RenderError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'RenderError';
    }
}

type Escape = (value: string) => string;

const raw: Escape = (value) => value;
const json: Escape = (value) => JSON.stringify(value).slice(1, -1);
const xml: Escape = (value) =>
    value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');

function escapeFor(file: string): Escape {
    if (file.endsWith('.json')) return json;
    if (file.endsWith('.xml')) return xml;
    return raw;
}

function listFiles(dir: string): string[] {
    return readdirSync(dir)
        .sort()
        .flatMap((entry) => {
            const full = path.join(dir, entry);
            return statSync(full).isDirectory() ? listFiles(full) : [full];
        });
}

/** Replaces the placeholders of one text; `where` names the file in error messages. */
export function fillPlaceholders(
    text: string,
    values: SiteValues,
    labels: LabelTexts,
    escape: Escape,
    where: string
): string {
    const known = placeholdersOf(values);
    return text.replace(PLACEHOLDER, (match, name: string, labelName: string | undefined) => {
        if (name === 'CANAL_LABEL' && labelName) {
            const value = labelText(labels, labelName, values.textLanguage);
            if (value === undefined)
                throw new RenderError(`${where}: no Custom Label ${labelName} for ${match}`);
            return escape(value);
        }
        if (labelName !== undefined || !(name in known)) {
            throw new RenderError(`${where}: unknown placeholder ${match}`);
        }
        return escape(known[name]);
    });
}

/** The files written and where. */
export interface RenderResult {
    outDir: string;
    files: string[];
}

/** Renders the template into outRoot/<apiName>/ (replacing what was there) and checks nothing is left unreplaced. */
export function renderSite(
    templateDir: string,
    outRoot: string,
    values: SiteValues,
    labels: LabelTexts
): RenderResult {
    const outDir = path.join(outRoot, values.apiName);
    const rendered: Array<[string, string]> = [];
    for (const source of listFiles(templateDir)) {
        const relative = path.relative(templateDir, source);
        const target = fillPlaceholders(relative, values, labels, raw, relative);
        const text = fillPlaceholders(
            readFileSync(source, 'utf8'),
            values,
            labels,
            escapeFor(source),
            relative
        );
        for (const [what, value] of [
            ['file name', target],
            ['content', text]
        ]) {
            const leftover = LEFTOVER.exec(value);
            if (leftover) throw new RenderError(`${relative}: ${what} still holds ${leftover[0]}`);
        }
        rendered.push([target, text]);
    }
    rmSync(outDir, { recursive: true, force: true });
    for (const [target, text] of rendered) {
        const file = path.join(outDir, target);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
    }
    return { outDir, files: rendered.map(([target]) => target) };
}

/** Lists the files under dir whose name or content still holds a {{...}} placeholder. */
export function findLeftovers(dir: string): string[] {
    return listFiles(dir).filter(
        (file) => LEFTOVER.test(path.relative(dir, file)) || LEFTOVER.test(readFileSync(file, 'utf8'))
    );
}
