/**
 * Deal registration under concurrency, over real HTTP requests to a listening local org: two channel managers
 * approving two registrations of the same customer at once get exactly one APPROVED; a double click (the same
 * submitKey sent several times at once) creates one registration and answers it every time.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DecisionResult, SubmitResult } from 'canal/apex/DealRegistrationController';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = 'ana.garcia@iberia.example';
const BRUNO = 'bruno.silva@andes.example';
const MARTA = 'marta.vidal@nimbus.example';
const ADMIN = 'admin@nimbus.example';
const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const WORKER = path.join(__dirname, 'workers', 'dealApprovals.ts');

/** Runs the approval worker: a second process, its own SQLite connection to the server's file. */
function approveInAnotherProcess(
    dataDir: string,
    ids: string[],
    startAt: number,
    stepMs: number
): Promise<string[]> {
    return new Promise((resolve, reject) => {
        const child = spawn(
            process.execPath,
            [TSX, WORKER, dataDir, MARTA, String(startAt), String(stepMs), ...ids],
            {
                cwd: ROOT
            }
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        child.on('exit', (code) =>
            code === 0
                ? resolve(JSON.parse(out.trim().split('\n').pop()!) as string[])
                : reject(new Error(err))
        );
    });
}

describe('deal registration races (real HTTP)', () => {
    let org: TestOrg;
    let base: string;
    const sessions = new Map<string, BrowserSession>();

    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 40 });
        await org.app.listen({ host: '127.0.0.1', port: 0 });
        base = `http://127.0.0.1:${(org.app.server.address() as AddressInfo).port}`;
        for (const username of [ANA, BRUNO, MARTA, ADMIN]) {
            const session = new BrowserSession(org);
            await session.login(username, seedUser(username).password);
            sessions.set(username, session);
        }
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    /** One @AuraEnabled call over the socket, as the browser sends it. */
    async function call<T>(username: string, method: string, params: unknown): Promise<T> {
        const s = sessions.get(username)!;
        const response = await fetch(`${base}/apex/DealRegistrationController/${method}`, {
            method: 'POST',
            headers: {
                'content-type': 'application/json',
                'x-csrf-token': s.csrf,
                cookie: `canal_sid=${s.sid}`
            },
            body: JSON.stringify(params)
        });
        expect(response.status).toBe(200);
        return (await response.json()) as T;
    }

    const input = (company: string, email: string) => ({
        company,
        contactName: 'Compras',
        contactEmail: email,
        contactPhone: null,
        country: 'España',
        taxId: null,
        productInterest: null,
        amount: 1000,
        closeDate: null,
        description: null
    });

    it('two managers approving two registrations of one customer at once: exactly one APPROVED per customer', async () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < 8; i++) {
            const a = await call<SubmitResult>(ANA, 'submitRegistration', {
                input: input(`Carrera ${i} S.L.`, `a${i}@carrera${i}.es`),
                submitKey: null
            });
            const b = await call<SubmitResult>(BRUNO, 'submitRegistration', {
                input: input(`CARRERA ${i}`, `b${i}@otra${i}.com`),
                submitKey: null
            });
            expect([a.code, b.code]).toEqual(['SUBMITTED', 'SUBMITTED']);
            pairs.push([a.recordId!, b.recordId!]);
        }
        const answers = await Promise.all(
            pairs.flatMap(([a, b]) => [
                call<DecisionResult[]>(MARTA, 'approveRegistrations', { ids: [a] }),
                call<DecisionResult[]>(ADMIN, 'approveRegistrations', { ids: [b] })
            ])
        );
        for (let i = 0; i < pairs.length; i++) {
            const codes = [answers[2 * i]![0]!.code, answers[2 * i + 1]![0]!.code].sort();
            expect({ pair: i, codes }).toEqual({ pair: i, codes: ['APPROVED', 'CUSTOMER_PROTECTED'] });
        }
        const approved = org.ctx.db
            .prepare(
                "SELECT company_key, COUNT(*) AS n FROM deal_registrations WHERE status = 'Approved' AND company_key LIKE 'carrera %' GROUP BY company_key"
            )
            .all() as Array<{ company_key: string; n: number }>;
        expect(approved).toHaveLength(pairs.length);
        expect(approved.every((r) => r.n === 1)).toBe(true);
        const opportunities = org.ctx.db
            .prepare(
                "SELECT COUNT(*) AS n FROM opportunities o JOIN deal_registrations r ON r.opportunity_id = o.id WHERE r.company_key LIKE 'carrera %'"
            )
            .get() as { n: number };
        expect(opportunities.n).toBe(pairs.length);
    }, 60_000);

    it('the same submitKey sent five times at once: one registration, the same answer every time', async () => {
        const before = (
            org.ctx.db.prepare('SELECT COUNT(*) AS n FROM deal_registrations').get() as { n: number }
        ).n;
        const answers = await Promise.all(
            Array.from({ length: 5 }, () =>
                call<SubmitResult>(ANA, 'submitRegistration', {
                    input: input('Doble Clic S.A.', 'compras@dobleclic.es'),
                    submitKey: 'form-race-1'
                })
            )
        );
        expect(answers.map((a) => a.code)).toEqual(Array(5).fill('SUBMITTED'));
        expect(new Set(answers.map((a) => a.recordId)).size).toBe(1);
        const after = (
            org.ctx.db.prepare('SELECT COUNT(*) AS n FROM deal_registrations').get() as { n: number }
        ).n;
        expect(after - before).toBe(1);
        const notices = org.ctx.db
            .prepare(
                "SELECT COUNT(*) AS n FROM outbox WHERE notification_kind LIKE 'SUBMITTED%' AND target_id = ?"
            )
            .get(answers[0]!.recordId) as { n: number };
        expect(notices.n).toBeGreaterThan(0);
        const distinctTitles = org.ctx.db
            .prepare(
                'SELECT COUNT(*) AS n FROM outbox WHERE target_id = ? GROUP BY to_user_id HAVING COUNT(*) > 1'
            )
            .all(answers[0]!.recordId);
        expect(distinctTitles).toEqual([]);
    }, 60_000);

    it('a second process approving the same customers on its own SQLite connection: still one APPROVED each', async () => {
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i < 30; i++) {
            const a = await call<SubmitResult>(ANA, 'submitRegistration', {
                input: input(`Proceso ${i} S.A.`, `a${i}@proceso${i}.es`),
                submitKey: null
            });
            const b = await call<SubmitResult>(BRUNO, 'submitRegistration', {
                input: input(`PROCESO ${i}`, `b${i}@otro-proceso${i}.com`),
                submitKey: null
            });
            pairs.push([a.recordId!, b.recordId!]);
        }
        // Both sides approve pair i at the same instant (startAt + i × STEP), after the worker has had time to load.
        const STEP = 25;
        const startAt = Date.now() + 3000;
        const worker = approveInAnotherProcess(
            org.dataDir,
            pairs.map(([, b]) => b),
            startAt,
            STEP
        );
        const served = await Promise.all(
            pairs.map(async ([a], i) => {
                await new Promise((resolve) =>
                    setTimeout(resolve, Math.max(0, startAt + i * STEP - Date.now()))
                );
                const s = sessions.get(ADMIN)!;
                const response = await fetch(`${base}/apex/DealRegistrationController/approveRegistrations`, {
                    method: 'POST',
                    headers: {
                        'content-type': 'application/json',
                        'x-csrf-token': s.csrf,
                        cookie: `canal_sid=${s.sid}`
                    },
                    body: JSON.stringify({ ids: [a] })
                });
                const body = (await response.json()) as DecisionResult[] | { code: string };
                return Array.isArray(body) ? body[0]!.code : body.code;
            })
        );
        const other = await worker;
        for (let i = 0; i < pairs.length; i++) {
            const codes = [served[i], other[i]];
            // A side that found the lock taken past its budget answers TRY_AGAIN and changed nothing.
            const approved = codes.filter((c) => c === 'APPROVED').length;
            expect({
                pair: i,
                approved,
                others: codes
                    .filter((c) => c !== 'APPROVED')
                    .every((c) => c === 'CUSTOMER_PROTECTED' || c === 'TRY_AGAIN')
            }).toEqual({ pair: i, approved: codes.includes('TRY_AGAIN') ? approved : 1, others: true });
            expect(approved).toBeLessThanOrEqual(1);
        }
        const approvedRows = org.ctx.db
            .prepare(
                "SELECT company_key, COUNT(*) AS n FROM deal_registrations WHERE status = 'Approved' AND company_key LIKE 'proceso %' GROUP BY company_key HAVING COUNT(*) > 1"
            )
            .all();
        expect(approvedRows).toEqual([]);
    }, 60_000);
});
