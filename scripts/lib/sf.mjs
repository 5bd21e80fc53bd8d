// Runs the pinned Salesforce CLI offline: no auto-update, no telemetry, a throw-away HOME.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SF_BIN = path.join(ROOT, 'node_modules', '.bin', 'sf');

/** Runs `sf` with the given arguments in the project root; resolves with exit code and combined output. */
export async function runSf(args, { cwd = ROOT } = {}) {
    const home = await mkdtemp(path.join(tmpdir(), 'canal-sf-home-'));
    try {
        return await new Promise((resolve) => {
            execFile(
                SF_BIN,
                args,
                {
                    cwd,
                    maxBuffer: 64 * 1024 * 1024,
                    env: {
                        ...process.env,
                        HOME: home,
                        SF_DISABLE_AUTOUPDATE: 'true',
                        SF_AUTOUPDATE_DISABLE: 'true',
                        SF_DISABLE_TELEMETRY: 'true',
                        SF_SKIP_NEW_VERSION_CHECK: 'true',
                        SF_USE_PROGRESS_BAR: 'false',
                        NO_COLOR: '1'
                    }
                },
                (error, stdout, stderr) =>
                    resolve({ code: error ? (error.code ?? 1) : 0, output: `${stdout}${stderr}` })
            );
        });
    } finally {
        await rm(home, { recursive: true, force: true });
    }
}

/** Converts a source-format folder to Metadata API format in a temp folder; reports success and the component count. */
export async function convertSource(sourceDir, { cwd = ROOT } = {}) {
    const out = await mkdtemp(path.join(tmpdir(), 'canal-convert-'));
    try {
        const { code, output } = await runSf(
            [
                'project',
                'convert',
                'source',
                '--source-dir',
                sourceDir,
                '--output-dir',
                path.join(out, 'mdapi'),
                '--json'
            ],
            { cwd }
        );
        if (code !== 0) return { ok: false, output, components: 0 };
        const manifest = await readFile(path.join(out, 'mdapi', 'package.xml'), 'utf8').catch(() => '');
        return { ok: true, output, components: (manifest.match(/<members>/g) ?? []).length };
    } finally {
        await rm(out, { recursive: true, force: true });
    }
}
