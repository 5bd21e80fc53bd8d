/**
 * The claim race near its limit (npm run bench): N concurrent jsforce clients over 2,000 queued leads on a fresh
 * local org served by `local-org/server/main.ts` in its own process, and the same workload straight against the
 * service (ctx.claims.claimLead, one SQLite transaction per claim) in-process. It calls the service's public
 * methods only and checks the invariants against the database itself, so it keeps measuring whatever the claim
 * rules become (how open claims are counted, which queries a claim runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Connection } from 'jsforce';
import { createLocalOrg } from '../local-org/server/app.js';

const ROOT = path.resolve(__dirname, '..');

/** Limits raised so that reps contend for rows, yet the busiest partners still reach their open limit. */
export const BENCH_OPEN_LIMIT = 500;
export const BENCH_DAILY_LIMIT = 1000;
/** Every outcome a claim may have in this race; anything else (or a 5xx, or a transport error) is unexpected. */
export const EXPECTED_CODES = new Set([
    'CLAIMED',
    'ALREADY_CLAIMED',
    'CLAIM_LIMIT_REACHED',
    'DAILY_LIMIT_REACHED'
]);

export interface BenchClient {
    userId: string;
    username: string;
    token: string;
}

export interface PreparedOrg {
    dataDir: string;
    leadIds: string[];
    clients: BenchClient[];
}

export interface Attempt {
    client: number;
    leadId: string;
    code: string;
    status: number;
    ms: number;
}

export interface RaceResult {
    mode: 'http' | 'in-process';
    clients: number;
    attempts: number;
    claimed: number;
    elapsedMs: number;
    claimsPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    codes: Record<string, number>;
    doubleClaims: number;
    limitOverruns: number;
    unexpected: number;
    problems: string[];
    /** CPU time per claim attempt in the bench's client process and in the server process (HTTP only). */
    clientCpuMs?: number;
    serverCpuMs?: number;
}

/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux), or NaN elsewhere. */
export function processCpuMs(pid: number): number {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
        return Number.NaN;
    }
}

/**
 * A fresh data folder seeded with `leads` queued leads (plus the demo data), partner limits raised, and one API
 * session per client spread over the active demo reps (sessions are created directly: the login rate limit
 * would otherwise throttle 50 logins, and logging in is not what is measured).
 */
export async function prepareOrg(
    leads: number,
    clients: number,
    limits: { openLimit: number; dailyLimit: number } = {
        openLimit: BENCH_OPEN_LIMIT,
        dailyLimit: BENCH_DAILY_LIMIT
    }
): Promise<PreparedOrg> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'canal-bench-'));
    const org = await createLocalOrg({ dataDir, queueLeads: leads, recallIntervalMs: 0 });
    try {
        const db = org.ctx.db;
        // Open claims count every unconverted lead a partner's users hold, seeded ones too: each partner gets
        // openLimit free slots on top of what it already holds, so a breach can only come from the race.
        db.prepare(
            `UPDATE accounts SET daily_claim_limit = ?, lead_claim_limit = ? + (
                 SELECT COUNT(*) FROM leads l JOIN users u ON u.id = l.owner_id
                 WHERE u.account_id = accounts.id AND l.is_converted = 0)
             WHERE is_partner = 1`
        ).run(limits.dailyLimit, limits.openLimit);
        const pool = db
            .prepare("SELECT id FROM queues WHERE developer_name = 'Canal_Partner_Pool'")
            .get() as {
            id: string;
        };
        const reps = db
            .prepare(
                `SELECT u.id, u.username FROM users u JOIN queue_members m ON m.user_id = u.id AND m.queue_id = ?
                 WHERE u.persona = 'partner_rep' AND u.is_active = 1 AND u.must_change_password = 0 ORDER BY u.username`
            )
            .all(pool.id) as Array<{ id: string; username: string }>;
        const leadIds = (
            db
                .prepare('SELECT id FROM leads WHERE owner_id = ? AND is_converted = 0 ORDER BY id LIMIT ?')
                .all(pool.id, leads) as Array<{ id: string }>
        ).map((r) => r.id);
        const benchClients = Array.from({ length: clients }, (_, i) => {
            const rep = reps[i % reps.length]!;
            return {
                userId: rep.id,
                username: rep.username,
                token: org.ctx.sessions.create(rep.id, 'api').id
            };
        });
        return { dataDir, leadIds, clients: benchClients };
    } finally {
        await org.close();
    }
}

/**
 * Who tries which lead, in which order: clients in pairs, each pair walking its own slice of the leads in the
 * same order, so that every lead is raced by two clients at the same moment (and each lead at most twice).
 */
export function planWork(leadIds: string[], clients: number): string[][] {
    const groups = Math.ceil(clients / 2);
    const size = Math.ceil(leadIds.length / groups);
    return Array.from({ length: clients }, (_, i) => {
        const g = Math.floor(i / 2);
        return leadIds.slice(g * size, (g + 1) * size);
    });
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as AddressInfo;
            server.close(() => resolve(port));
        });
    });
}

/** `local-org/server/main.ts` (what `npm start` runs) in its own process on the data folder. */
export async function startServerProcess(
    dataDir: string,
    env: Record<string, string> = {}
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const port = await freePort();
    const child = spawn(
        process.execPath,
        // node --import tsx, not the tsx CLI: the CLI runs the server in a grandchild, so a SIGKILL (crash test)
        // or a CPU reading would reach the wrong process.
        ['--import', 'tsx', path.join(ROOT, 'local-org', 'server', 'main.ts')],
        {
            cwd: ROOT,
            env: { ...process.env, ...env, PORT: String(port), CANAL_DATA_DIR: dataDir, CANAL_LOG: '' }
        }
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`local org did not start:\n${output}`)), 90_000);
        child.stdout!.on('data', (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes('Canal PRM local org:')) {
                clearTimeout(timer);
                resolve();
            }
        });
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`local org exited with ${code}:\n${output}`));
        });
    });
    return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

export async function stopServerProcess(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
    });
}

interface HttpError extends Error {
    errorCode?: string;
    data?: unknown;
    statusCode?: number;
}

/** The race over HTTP: one jsforce Connection per client, each keeping one claim in flight. */
export async function raceHttp(
    url: string,
    prepared: PreparedOrg,
    plan: string[][]
): Promise<{ attempts: Attempt[]; elapsedMs: number }> {
    const conns = prepared.clients.map(
        (c) => new Connection({ instanceUrl: url, accessToken: c.token, version: '62.0' })
    );
    // One warm-up request per client: connection set-up is not what is measured.
    await Promise.all(conns.map((conn) => conn.apex.get('/canal/v1/allowance')));
    const attempts: Attempt[] = [];
    const started = performance.now();
    await Promise.all(
        conns.map(async (conn, client) => {
            for (const leadId of plan[client]!) {
                const t0 = performance.now();
                try {
                    const body = await conn.apex.post<{ code: string }>(
                        `/canal/v1/leads/${leadId}/claim`,
                        {}
                    );
                    attempts.push({
                        client,
                        leadId,
                        code: body.code,
                        status: 200,
                        ms: performance.now() - t0
                    });
                } catch (error) {
                    const e = error as HttpError;
                    const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as {
                        code?: string;
                    };
                    attempts.push({
                        client,
                        leadId,
                        code: data.code ?? e.errorCode ?? e.name,
                        status: e.statusCode ?? 0,
                        ms: performance.now() - t0
                    });
                }
            }
        })
    );
    return { attempts, elapsedMs: performance.now() - started };
}

/** The same workload straight against the service in this process: no HTTP, no session, no JSON. */
export async function raceInProcess(
    prepared: PreparedOrg,
    plan: string[][]
): Promise<{ attempts: Attempt[]; elapsedMs: number }> {
    const org = await createLocalOrg({ dataDir: prepared.dataDir, recallIntervalMs: 0 });
    try {
        const attempts: Attempt[] = [];
        const cursors = plan.map(() => 0);
        const started = performance.now();
        // Round robin over the clients, as their requests would interleave.
        for (let remaining = true; remaining;) {
            remaining = false;
            for (let client = 0; client < plan.length; client++) {
                const leadId = plan[client]![cursors[client]!];
                if (leadId === undefined) continue;
                cursors[client]!++;
                remaining = true;
                const t0 = performance.now();
                const result = org.ctx.claims.claimLead(prepared.clients[client]!.userId, leadId);
                attempts.push({ client, leadId, code: result.code, status: 0, ms: performance.now() - t0 });
            }
        }
        return { attempts, elapsedMs: performance.now() - started };
    } finally {
        await org.close();
    }
}

/**
 * The invariants, from what the clients were told and from the database: no lead CLAIMED to two clients or
 * claimed twice in the audit trail, every CLAIMED lead owned by its claimer, no partner holding more open leads
 * (counted by the owner's partner account) or more claims in 24 hours than its limits, no unexpected outcome.
 */
export async function verify(
    mode: RaceResult['mode'],
    prepared: PreparedOrg,
    run: { attempts: Attempt[]; elapsedMs: number }
): Promise<RaceResult> {
    const allowances = await partnerAllowances(prepared);
    const problems: string[] = [];
    const winners = new Map<string, number>();
    let doubleClaims = 0;
    let unexpected = 0;
    const codes: Record<string, number> = {};
    for (const a of run.attempts) {
        codes[a.code] = (codes[a.code] ?? 0) + 1;
        if (!EXPECTED_CODES.has(a.code) || a.status >= 500) {
            unexpected++;
            if (problems.length < 10) problems.push(`unexpected ${a.code} (${a.status}) for ${a.leadId}`);
        }
        if (a.code !== 'CLAIMED') continue;
        if (winners.has(a.leadId)) {
            doubleClaims++;
            problems.push(`lead ${a.leadId} CLAIMED by clients ${winners.get(a.leadId)} and ${a.client}`);
        } else winners.set(a.leadId, a.client);
    }
    const db = new Database(path.join(prepared.dataDir, 'canal.sqlite'), { readonly: true });
    let limitOverruns = 0;
    try {
        const owner = db.prepare('SELECT owner_id FROM leads WHERE id = ?');
        for (const [leadId, client] of winners) {
            const row = owner.get(leadId) as { owner_id: string };
            if (row.owner_id !== prepared.clients[client]!.userId) {
                doubleClaims++;
                problems.push(`lead ${leadId} told CLAIMED to client ${client} but owned by ${row.owner_id}`);
            }
        }
        const twice = db
            .prepare(
                "SELECT lead_id, COUNT(*) AS n FROM lead_claims WHERE action = 'Claimed' GROUP BY lead_id HAVING n > 1"
            )
            .all() as Array<{ lead_id: string; n: number }>;
        // The seed holds no lead claimed twice and the race releases nothing: two Claimed rows mean a double claim.
        for (const t of twice) {
            doubleClaims++;
            problems.push(`lead ${t.lead_id} has ${t.n} Claimed audit rows`);
        }
    } finally {
        db.close();
    }
    // The limits as the service counts them (its own allowance), so the check follows the claim rules.
    for (const a of allowances) {
        if (a.openClaims > a.openLimit || a.claimsToday > a.dailyLimit) {
            limitOverruns++;
            problems.push(
                `${a.username}'s partner: ${a.openClaims}/${a.openLimit} open, ${a.claimsToday}/${a.dailyLimit} in 24 h`
            );
        }
    }
    const ms = run.attempts.map((a) => a.ms).sort((a, b) => a - b);
    const at = (p: number) =>
        Number((ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0).toFixed(2));
    return {
        mode,
        clients: prepared.clients.length,
        attempts: run.attempts.length,
        claimed: winners.size,
        elapsedMs: Math.round(run.elapsedMs),
        claimsPerSecond: Math.round(run.attempts.length / (run.elapsedMs / 1000)),
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        maxMs: at(1),
        codes,
        doubleClaims,
        limitOverruns,
        unexpected,
        problems
    };
}

/** The service's allowance for one client of each partner, read after the race on the same data folder. */
async function partnerAllowances(prepared: PreparedOrg): Promise<
    Array<{
        username: string;
        openClaims: number;
        openLimit: number;
        claimsToday: number;
        dailyLimit: number;
    }>
> {
    const org = await createLocalOrg({ dataDir: prepared.dataDir, recallIntervalMs: 0 });
    try {
        const seen = new Set<string>();
        const result = [];
        for (const c of prepared.clients) {
            const account = (
                org.ctx.db.prepare('SELECT account_id FROM users WHERE id = ?').get(c.userId) as {
                    account_id: string;
                }
            ).account_id;
            if (seen.has(account)) continue;
            seen.add(account);
            result.push({ username: c.username, ...org.ctx.claims.getAllowance(c.userId) });
        }
        return result;
    } finally {
        await org.close();
    }
}

/** One HTTP race with `clients` clients against a server process, on a fresh org. */
export async function benchHttp(leads: number, clients: number): Promise<RaceResult> {
    const prepared = await prepareOrg(leads, clients);
    const server = await startServerProcess(prepared.dataDir);
    try {
        const plan = planWork(prepared.leadIds, clients);
        const client0 = process.cpuUsage();
        const server0 = processCpuMs(server.child.pid!);
        const run = await raceHttp(server.url, prepared, plan);
        const clientCpu = process.cpuUsage(client0);
        const serverCpu = processCpuMs(server.child.pid!) - server0;
        await stopServerProcess(server.child);
        const result = await verify('http', prepared, run);
        result.clientCpuMs = Number(
            ((clientCpu.user + clientCpu.system) / 1000 / run.attempts.length).toFixed(3)
        );
        result.serverCpuMs = Number((serverCpu / run.attempts.length).toFixed(3));
        return result;
    } finally {
        await stopServerProcess(server.child);
        rmSync(prepared.dataDir, { recursive: true, force: true });
    }
}

/** The same workload in-process, on a fresh org. */
export async function benchInProcess(leads: number, clients: number): Promise<RaceResult> {
    const prepared = await prepareOrg(leads, clients);
    try {
        const run = await raceInProcess(prepared, planWork(prepared.leadIds, clients));
        return await verify('in-process', prepared, run);
    } finally {
        rmSync(prepared.dataDir, { recursive: true, force: true });
    }
}
