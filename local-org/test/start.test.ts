import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the local org process (npm start runs local-org/server/main.ts)', () => {
    it('creates and seeds an empty data folder, prints the URL and the demo users, and stops cleanly on SIGTERM', async () => {
        const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'canal-start-')), 'nested', 'data');
        const port = 3900 + Math.floor(Math.random() * 90);
        const child = spawn(
            process.execPath,
            [
                path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
                path.join(ROOT, 'local-org', 'server', 'main.ts')
            ],
            {
                cwd: ROOT,
                env: { ...process.env, PORT: String(port), CANAL_DATA_DIR: dataDir, CANAL_SEED_LEADS: '50' }
            }
        );
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        try {
            const deadline = Date.now() + 30_000;
            while (!output.includes('ana.garcia@iberia.example') && Date.now() < deadline)
                await new Promise((r) => setTimeout(r, 100));
            expect(output).toContain(`Canal PRM local org: http://127.0.0.1:${port}`);
            expect(output).toContain('freshly seeded');
            expect(output).toContain('carlos.ortega@sierra.example');
            const login = await fetch(`http://127.0.0.1:${port}/login`);
            expect(login.status).toBe(200);
            const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
            child.kill('SIGTERM');
            expect(await exited).toBe(0);
            expect(output).toContain('SIGTERM: closing the local org');
            const db = new Database(path.join(dataDir, 'canal.sqlite'), { readonly: true });
            expect((db.prepare('SELECT COUNT(*) AS n FROM leads').get() as { n: number }).n).toBeGreaterThan(
                50
            );
            db.close();
            expect(existsSync(path.join(dataDir, 'outbox'))).toBe(true);
        } finally {
            child.kill('SIGKILL');
            rmSync(path.dirname(path.dirname(dataDir)), { recursive: true, force: true });
        }
    }, 60_000);
});
