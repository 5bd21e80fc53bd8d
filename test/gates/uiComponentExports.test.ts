/**
 * The rule that a UI component (an LWC folder with a template) exports only its default class, as ESLint applies
 * it (eslint.config.js): it must bite on a named export planted in a real component's source, and leave service
 * modules (no template) and the real tree alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const LWC = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
const RULE = 'no-restricted-syntax';

/** ESLint's messages of the rule for the text as if it were the file (ESLint runs as the gate runs it, a process). */
async function exportErrors(file: string, text: string): Promise<string[]> {
    const eslint = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
    const run = spawnSync(
        process.execPath,
        [eslint, '--format', 'json', '--stdin', '--stdin-filename', file],
        {
            cwd: ROOT,
            input: text,
            encoding: 'utf8'
        }
    );
    const [result] = JSON.parse(run.stdout) as Array<{
        messages: Array<{ ruleId: string; message: string }>;
    }>;
    return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe('UI components export only their class', () => {
    const queue = path.join(LWC, 'leadQueue', 'leadQueue.ts');
    const source = readFileSync(queue, 'utf8');

    it('passes the real component', async () => {
        expect(await exportErrors(queue, source)).toEqual([]);
    }, 60_000);

    it('fails on every kind of named export planted in a UI component, once each', async () => {
        const planted = [
            'export function planted(): number {\n    return 1;\n}',
            'export const PLANTED = 1;',
            'export interface Planted {\n    id: string;\n}',
            "export { formatLabel } from 'c/labelFormat';",
            "export * from 'c/labelFormat';"
        ];
        const errors = await exportErrors(queue, `${source}\n${planted.join('\n')}\n`);
        expect(errors).toHaveLength(planted.length);
        errors.forEach((error) => expect(error).toContain('exports only its default class'));
    }, 60_000);

    it('lets a service module (no template) export what it shares', async () => {
        const service = path.join(LWC, 'claimOutcomes', 'claimOutcomes.ts');
        const text = `${readFileSync(service, 'utf8')}\nexport const PLANTED = 1;\n`;
        expect(await exportErrors(service, text)).toEqual([]);
    }, 60_000);
});
