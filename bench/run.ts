/**
 * npm run bench: the figures the README and the issue notes quote, measured here, never asserted by tests.
 *  1. claim race, one local org process: jsforce reps over the REST contract (throughput, latency, invariants)
 *  2. claim race, two local org processes on one SQLite file (BEGIN IMMEDIATE across processes)
 *  3. time to the first rendered row of a 10,000-lead queue vs a plain 50-row HTML table, same Chromium run
 *  4. size of the local org's browser bundle
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { runClaimRace, type RaceRep } from '../scripts/race/claimRace.js';
import { launchBrowser } from '../e2e/support/browser.js';
import { startOrg } from '../e2e/support/org.js';
import { CLIENT_DIST, DEFAULT_OAUTH_CLIENT } from '../local-org/server/app.js';
import { loadSeedFile } from '../local-org/server/db/seed.js';

const ROOT = path.resolve(__dirname, '..');
const reps: RaceRep[] = loadSeedFile().users.filter((u) => u.role === 'partner_rep' && !u.invited);

function summarize(label: string, report: Awaited<ReturnType<typeof runClaimRace>>): Record<string, unknown> {
    const ms = report.attempts.map((a) => a.ms).sort((a, b) => a - b);
    const at = (p: number) => Number(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1));
    const result = {
        claims: report.attempts.length,
        elapsedMs: Math.round(report.elapsedMs),
        claimsPerSecond: Math.round(report.attempts.length / (report.elapsedMs / 1000)),
        p50Ms: at(0.5),
        p95Ms: at(0.95),
        maxMs: at(1),
        won: Object.keys(report.winners).length,
        doubleClaims: report.doubleClaims.length,
        limitBreaches: report.limitBreaches.length,
        codes: report.codes
    };
    console.log(`\n${label}`);
    const { codes, ...figures } = result;
    console.table(figures);
    console.log(`outcomes: ${JSON.stringify(codes)}`);
    return result;
}

async function raceInProcess(): Promise<Record<string, unknown>> {
    const run = await startOrg(2000);
    // Limits high enough that reps contend for the same rows, not for their allowance.
    run.org.ctx.db
        .prepare('UPDATE accounts SET lead_claim_limit = 1000, daily_claim_limit = 1000 WHERE is_partner = 1')
        .run();
    try {
        const report = await runClaimRace({
            loginUrl: run.url,
            ...DEFAULT_OAUTH_CLIENT,
            reps,
            leads: 100,
            concurrency: 8
        });
        return summarize(
            `1. Claim race: ${reps.length} reps × the same 100 leads, 8 in flight each, one process, limits raised`,
            report
        );
    } finally {
        await run.stop();
    }
}

function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            [
                path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
                path.join(ROOT, 'local-org', 'server', 'main.ts')
            ],
            {
                cwd: ROOT,
                env: { ...process.env, PORT: String(port), CANAL_DATA_DIR: dataDir, CANAL_SEED_LEADS: '2000' }
            }
        );
        let output = '';
        const timer = setTimeout(
            () => reject(new Error(`local org on ${port} did not start:\n${output}`)),
            60_000
        );
        child.stdout!.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('admin@nimbus.example')) {
                clearTimeout(timer);
                resolve(child);
            }
        });
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
}

async function raceTwoProcesses(): Promise<Record<string, unknown>> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'canal-bench-'));
    const ports = [3811, 3812];
    const first = await startProcess(dataDir, ports[0]!);
    const second = await startProcess(dataDir, ports[1]!);
    const db = new Database(path.join(dataDir, 'canal.sqlite'));
    db.prepare(
        'UPDATE accounts SET lead_claim_limit = 1000, daily_claim_limit = 1000 WHERE is_partner = 1'
    ).run();
    db.close();
    try {
        // Half the reps talk to each process; both write the same SQLite file.
        const half = Math.ceil(reps.length / 2);
        const [a, b] = await Promise.all([
            runClaimRace({
                loginUrl: `http://127.0.0.1:${ports[0]}`,
                ...DEFAULT_OAUTH_CLIENT,
                reps: reps.slice(0, half),
                leads: 100,
                concurrency: 8
            }),
            runClaimRace({
                loginUrl: `http://127.0.0.1:${ports[1]}`,
                ...DEFAULT_OAUTH_CLIENT,
                reps: reps.slice(half),
                leads: 100,
                concurrency: 8
            })
        ]);
        const winners = new Map<string, string>();
        const doubles: string[] = [];
        for (const attempt of [...a.attempts, ...b.attempts].filter((x) => x.code === 'CLAIMED')) {
            if (winners.has(attempt.leadId)) doubles.push(attempt.leadId);
            else winners.set(attempt.leadId, attempt.username);
        }
        const merged = {
            ...a,
            attempts: [...a.attempts, ...b.attempts],
            winners: Object.fromEntries(winners),
            doubleClaims: doubles,
            limitBreaches: [...a.limitBreaches, ...b.limitBreaches],
            elapsedMs: Math.max(a.elapsedMs, b.elapsedMs),
            codes: Object.fromEntries(
                [...new Set([...Object.keys(a.codes), ...Object.keys(b.codes)])].map((k) => [
                    k,
                    (a.codes[k] ?? 0) + (b.codes[k] ?? 0)
                ])
            )
        };
        return summarize(
            `2. Claim race across two processes sharing one SQLite file (${reps.length} reps, limits raised)`,
            merged
        );
    } finally {
        first.kill('SIGTERM');
        second.kill('SIGTERM');
        await new Promise((r) => setTimeout(r, 500));
        rmSync(dataDir, { recursive: true, force: true });
    }
}

async function firstRow(): Promise<Record<string, unknown>> {
    const run = await startOrg(10_000);
    const browser = await launchBrowser();
    try {
        const page = await browser.context.newPage();
        await page.goto(`${run.url}/login`);
        await page.fill('#username', 'ana.garcia@iberia.example');
        await page.fill('#password', 'Canal-demo-2026');
        await Promise.all([page.waitForURL(/\/s\/$/), page.click('button[type=submit]')]);
        const queued = (
            run.org.ctx.db
                .prepare(
                    "SELECT COUNT(*) AS n FROM leads l JOIN queues q ON q.id = l.owner_id WHERE q.developer_name = 'Canal_Partner_Pool'"
                )
                .get() as { n: number }
        ).n;
        const samples: number[] = [];
        const plain: number[] = [];
        const table = `<!doctype html><table>${Array.from({ length: 50 }, (_, i) => `<tr id="r${i}"><td>Lead ${i}</td><td>Empresa ${i}</td><td>Madrid</td></tr>`).join('')}</table>`;
        for (let i = 0; i < 5; i++) {
            let started = performance.now();
            await page.goto(`${run.url}/s/lead/Lead/Default`);
            await page.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first().waitFor();
            samples.push(performance.now() - started);
            started = performance.now();
            await page.goto(`data:text/html,${encodeURIComponent(table)}`);
            await page.locator('#r0').waitFor();
            plain.push(performance.now() - started);
        }
        const median = (xs: number[]) =>
            Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
        const result = {
            queuedLeads: queued,
            firstQueueRowMs: median(samples),
            plainTable50RowsMs: median(plain),
            runs: samples.length
        };
        console.log('\n3. Time to first rendered row (median of 5 navigations, same Chromium)');
        console.table(result);
        return result;
    } finally {
        await browser.close();
        await run.stop();
    }
}

function bundleSize(): Record<string, unknown> {
    const files: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith('.js')) files.push(full);
        }
    };
    walk(CLIENT_DIST);
    const main = path.join(CLIENT_DIST, 'main.js');
    const result = {
        mainKb: Math.round(statSync(main).size / 1024),
        mainGzipKb: Math.round(gzipSync(readFileSync(main)).length / 1024),
        chunks: files.length - 1,
        allKb: Math.round(files.reduce((n, f) => n + statSync(f).size, 0) / 1024)
    };
    console.log('\n4. Local org browser bundle');
    console.table(result);
    return result;
}

async function main(): Promise<void> {
    const results = {
        machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
        raceOneProcess: await raceInProcess(),
        raceTwoProcesses: await raceTwoProcesses(),
        firstRow: await firstRow(),
        bundle: bundleSize()
    };
    const out = path.join(ROOT, 'bench', 'results.json');
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWritten to ${path.relative(ROOT, out)}`);
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
