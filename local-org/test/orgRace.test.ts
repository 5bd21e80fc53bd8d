import { spawnSync, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startTestOrg, type TestOrg } from './helpers.js';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const SCRIPT = path.join(ROOT, 'scripts', 'org-race.ts');

function runScript(
    args: string[],
    env: Record<string, string> = {}
): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [TSX, SCRIPT, ...args], {
            cwd: ROOT,
            env: { ...process.env, ...env }
        });
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        child.on('exit', (code) => resolve({ code, output }));
    });
}

describe('npm run org:race', () => {
    let org: TestOrg;
    let port: number;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 60 });
        await org.app.listen({ host: '127.0.0.1', port: 0 });
        port = (org.app.server.address() as AddressInfo).port;
    });
    afterAll(async () => {
        await org.dispose();
    });

    it('--target local races the demo reps against a started local org and reports zero double claims', async () => {
        const { code, output } = await runScript(
            ['--target', 'local', '--leads', '25', '--concurrency', '5'],
            { PORT: String(port) }
        );
        expect(output).toMatch(/4 reps × 25 leads, 100 claims/);
        expect(output).toContain('Double claims: 0   Limit breaches: 0');
        expect(code).toBe(0);
    }, 60_000);

    it('prints its usage and refuses a production login URL without --yes', () => {
        const help = spawnSync(process.execPath, [TSX, SCRIPT, '--help'], { cwd: ROOT, encoding: 'utf8' });
        expect(help.status).toBe(0);
        expect(help.stdout).toContain('Usage: npm run org:race');
        const refused = spawnSync(
            process.execPath,
            [
                TSX,
                SCRIPT,
                '--login-url',
                'https://login.salesforce.com',
                '--client-id',
                'x',
                '--client-secret',
                'y',
                '--reps',
                'reps.json'
            ],
            { cwd: ROOT, encoding: 'utf8' }
        );
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain('may be a production org');
    }, 60_000);
});
