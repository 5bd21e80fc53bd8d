/**
 * A busy database is an answer, not a freeze: while another process holds SQLite's write lock, a write answers
 * TRY_AGAIN once its budget is spent and every other request is served meanwhile; a second server on a data folder
 * in use refuses to start; two first starts at once never crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalOrg } from '../server/app.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ROOT = path.resolve(__dirname, '..', '..');
const ANA = seedUser('ana.garcia@iberia.example');
const WRITE_BUDGET_MS = 700;
const HOLD_MS = 2500;

jest.setTimeout(120_000);

/** Another process that takes the write lock (BEGIN IMMEDIATE), says so, holds it holdMs, then commits. */
async function holdWriteLock(
    file: string,
    holdMs: number
): Promise<{ child: ChildProcess; done: Promise<void> }> {
    const script = `
        const Database = require('better-sqlite3');
        const db = new Database(${JSON.stringify(file)});
        db.exec('BEGIN IMMEDIATE');
        process.stdout.write('locked\\n');
        setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, ${holdMs});
    `;
    const child = spawn(process.execPath, ['-e', script], { cwd: ROOT });
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
        child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    return { child, done };
}

/** local-org/server/main.ts in its own process; resolves with its output once it serves or exits. */
function startMain(dataDir: string): Promise<{ child: ChildProcess; output: string; served: boolean }> {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'local-org', 'server', 'main.ts')],
        {
            cwd: ROOT,
            env: {
                ...process.env,
                PORT: String(port),
                CANAL_DATA_DIR: dataDir,
                CANAL_SEED_LEADS: '50',
                CANAL_LOG: ''
            }
        }
    );
    let output = '';
    return new Promise((resolve) => {
        const timer = setTimeout(() => resolve({ child, output, served: false }), 90_000);
        child.stdout!.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('Canal PRM local org:')) {
                clearTimeout(timer);
                resolve({ child, output, served: true });
            }
        });
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', () => {
            clearTimeout(timer);
            resolve({ child, output, served: false });
        });
    });
}

async function stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
    });
}

describe('a busy database', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let token: string;
    let queueLeads: string[];

    beforeAll(async () => {
        org = await startTestOrg({ writeBudgetMs: WRITE_BUDGET_MS });
        ana = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        const user = org.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(ANA.username) as {
            id: string;
        };
        token = org.ctx.sessions.create(user.id, 'api').id;
        // Room for every claim of the test: the limits are not what it is about.
        org.ctx.db.prepare('UPDATE accounts SET lead_claim_limit = 1000, daily_claim_limit = 1000').run();
        queueLeads = (
            org.ctx.db
                .prepare(
                    "SELECT l.id FROM leads l JOIN queues q ON q.id = l.owner_id WHERE q.developer_name = 'Canal_Partner_Pool' ORDER BY l.id LIMIT 4"
                )
                .all() as Array<{ id: string }>
        ).map((r) => r.id);
    });
    afterAll(async () => {
        await org.dispose();
    });

    it('answers TRY_AGAIN to a write that cannot get the lock, and serves other requests meanwhile', async () => {
        // A lead Ana holds, and its form's version, to edit while the lock is taken.
        expect(
            (await ana.apex('LeadClaimController', 'claimLead', { leadId: queueLeads[3] })).json()
        ).toMatchObject({
            code: 'CLAIMED'
        });
        const form = (
            await ana.apex('LeadEditController', 'describeLeadForm', { leadId: queueLeads[3] })
        ).json() as {
            version: string;
        };
        const holder = await holdWriteLock(path.join(org.dataDir, 'canal.sqlite'), HOLD_MS);
        try {
            const started = Date.now();
            let claimAnsweredAt = 0;
            // A claim that cannot get the lock in time: TRY_AGAIN in the Apex error shape, 503 with Retry-After.
            const claim = ana
                .apex('LeadClaimController', 'claimLead', { leadId: queueLeads[0] })
                .then((r) => {
                    claimAnsweredAt = Date.now();
                    return r;
                });
            // A lead edit waits and answers the same way.
            const edit = ana.apex('LeadEditController', 'saveLead', {
                leadId: queueLeads[3],
                values: { Phone: '+34 600 000 111' },
                version: form.version
            });
            const rest = org.app.inject({
                method: 'POST',
                url: `/services/apexrest/canal/v1/leads/${queueLeads[1]}/claim`,
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                payload: '{}'
            });
            // While the writes wait for the lock, an unrelated page is answered at once.
            await new Promise((r) => setTimeout(r, 100));
            const loginStarted = Date.now();
            const login = await org.app.inject({ method: 'GET', url: '/login' });
            const loginMs = Date.now() - loginStarted;
            expect(login.statusCode).toBe(200);
            expect(loginMs).toBeLessThan(250);
            expect(claimAnsweredAt).toBe(0);

            const answer = await claim;
            const elapsed = claimAnsweredAt - started;
            expect(answer.statusCode).toBe(503);
            expect(answer.headers['retry-after']).toBe('1');
            expect(answer.json()).toMatchObject({
                code: 'TRY_AGAIN',
                exceptionType: 'System.AuraHandledException'
            });
            expect(answer.json().message).toMatch(/\S/);
            expect(elapsed).toBeGreaterThanOrEqual(WRITE_BUDGET_MS - 50);
            expect(elapsed).toBeLessThan(HOLD_MS);

            const edited = await edit;
            expect(edited.statusCode).toBe(503);
            expect(edited.headers['retry-after']).toBe('1');
            expect(edited.json()).toMatchObject({
                code: 'TRY_AGAIN',
                exceptionType: 'System.AuraHandledException'
            });

            const restAnswer = await rest;
            expect(restAnswer.statusCode).toBe(503);
            expect(restAnswer.json()).toMatchObject({ code: 'TRY_AGAIN' });
            // Nothing was written by the refused writes.
            const claims = org.ctx.db
                .prepare('SELECT COUNT(*) AS n FROM lead_claims WHERE lead_id IN (?, ?)')
                .get(queueLeads[0], queueLeads[1]) as { n: number };
            expect(claims.n).toBe(0);
            const phone = org.ctx.db.prepare('SELECT phone FROM leads WHERE id = ?').get(queueLeads[3]) as {
                phone: string | null;
            };
            expect(phone.phone).not.toBe('+34 600 000 111');
        } finally {
            await holder.done;
        }
        // Once the lock is free, the same claim goes through.
        const again = await ana.apex('LeadClaimController', 'claimLead', { leadId: queueLeads[0] });
        expect(again.json()).toMatchObject({ code: 'CLAIMED' });
    });

    it('waits (without blocking) for a lock released within the budget', async () => {
        const holder = await holdWriteLock(path.join(org.dataDir, 'canal.sqlite'), 300);
        const answer = await ana.apex('LeadClaimController', 'claimLead', { leadId: queueLeads[2] });
        await holder.done;
        expect(answer.json()).toMatchObject({ code: 'CLAIMED' });
    });

    it('refuses a second server on a data folder another process serves, with a clear message', async () => {
        const second = await startMain(org.dataDir);
        await stop(second.child);
        expect(second.served).toBe(false);
        expect(second.child.exitCode).toBe(1);
        expect(second.output).toContain(`is in use by another local org (pid ${process.pid})`);
        expect(second.output).not.toMatch(/\n\s+at /);
    });
});

describe('two first starts at once on an empty data folder', () => {
    it('in two processes: one serves the seeded org, the other refuses cleanly', async () => {
        const dataDir = mkdtempSync(path.join(tmpdir(), 'canal-twin-start-'));
        try {
            const [a, b] = await Promise.all([startMain(dataDir), startMain(dataDir)]);
            await Promise.all([stop(a.child), stop(b.child)]);
            const runs = [a, b];
            expect(runs.filter((r) => r.served)).toHaveLength(1);
            const refused = runs.find((r) => !r.served)!;
            expect(refused.output).toContain('is in use by another local org');
            expect(refused.output).not.toContain('UNIQUE constraint');
            expect(runs.find((r) => r.served)!.output).toContain('freshly seeded');
        } finally {
            rmSync(dataDir, { recursive: true, force: true });
        }
    });

    it('in one process: both open, exactly one seeds', async () => {
        const dataDir = mkdtempSync(path.join(tmpdir(), 'canal-twin-open-'));
        try {
            const [a, b] = await Promise.all([
                createLocalOrg({ dataDir, queueLeads: 20, recallIntervalMs: 0 }),
                createLocalOrg({ dataDir, queueLeads: 20, recallIntervalMs: 0 })
            ]);
            try {
                expect([a.seeded, b.seeded].sort()).toEqual([false, true]);
                const n = a.ctx.db.prepare('SELECT COUNT(*) AS n FROM organization').get() as { n: number };
                expect(n.n).toBe(1);
            } finally {
                await a.close();
                await b.close();
            }
        } finally {
            rmSync(dataDir, { recursive: true, force: true });
        }
    });
});
