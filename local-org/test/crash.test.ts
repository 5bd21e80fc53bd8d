/**
 * Crash test: the local org in its own process (what `npm start` runs) on a temporary data folder, several reps
 * racing claims and releases over the REST contract, SIGKILL in the middle of the race, a restart on the same
 * folder, and then the invariants a crash must not break.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLocalOrg } from '../server/app.js';
import {
    prepareOrg,
    startServerProcess,
    stopServerProcess,
    type PreparedOrg
} from '../../bench/claimBench.js';

const OPEN_LIMIT = 3;
const DAILY_LIMIT = 1000;
const REPS = 6;
/** Answers to wait for before the kill: enough that claims, releases and limit refusals have all happened. */
const ANSWERS_BEFORE_KILL = 150;

jest.setTimeout(150_000);

interface Answer {
    action: 'claim' | 'release';
    status: number;
    code: string;
}

/** One rep's loop: claim a random queue lead; release one of those it holds beyond the first about every other turn; until the server dies. */
async function rep(
    url: string,
    token: string,
    leadIds: string[],
    seed: number,
    answers: Answer[],
    stopped: () => boolean
): Promise<void> {
    let state = seed;
    const random = () => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state / 2_147_483_648;
    };
    const held: string[] = [];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    while (!stopped()) {
        // A rep releases only while it holds two or more: each rep that claimed at least once still holds a
        // lead when the kill comes, so the held-lead checks below always have something to check.
        const release = held.length > 1 && random() < 0.5;
        const leadId = release ? held.shift()! : leadIds[Math.floor(random() * leadIds.length)]!;
        const action = release ? 'release' : 'claim';
        try {
            const response = await fetch(`${url}/services/apexrest/canal/v1/leads/${leadId}/${action}`, {
                method: 'POST',
                headers,
                body: JSON.stringify(release ? { reason: 'Crash test' } : {})
            });
            const body = (await response.json()) as { code: string };
            answers.push({ action, status: response.status, code: body.code });
            if (action === 'claim' && body.code === 'CLAIMED') held.push(leadId);
        } catch {
            return; // the server was killed: connection refused or reset
        }
    }
}

describe('local org crash (SIGKILL mid-race)', () => {
    let prepared: PreparedOrg;

    beforeAll(async () => {
        prepared = await prepareOrg(300, REPS, { openLimit: OPEN_LIMIT, dailyLimit: DAILY_LIMIT });
    });

    afterAll(() => rmSync(prepared.dataDir, { recursive: true, force: true }));

    it('keeps the database whole and every claim consistent after a kill, and serves again', async () => {
        const first = await startServerProcess(prepared.dataDir);
        const answers: Answer[] = [];
        let killed = false;
        const racers = prepared.clients.map((c, i) =>
            rep(first.url, c.token, prepared.leadIds, 7 + i, answers, () => killed)
        );
        // Kill once enough answers came back (a condition, not a fixed sleep), with requests still in flight.
        await new Promise<void>((resolve) => {
            const poll = setInterval(() => {
                if (answers.length >= ANSWERS_BEFORE_KILL) {
                    clearInterval(poll);
                    first.child.kill('SIGKILL');
                    resolve();
                }
            }, 5);
        });
        await new Promise((resolve) => first.child.once('exit', resolve));
        killed = true;
        await Promise.all(racers);
        expect(first.child.signalCode).toBe('SIGKILL');
        const codes = new Set(answers.map((a) => `${a.action}:${a.code}`));
        expect(codes).toContain('claim:CLAIMED');
        expect(codes).toContain('release:RELEASED');
        expect(answers.filter((a) => a.status >= 500)).toEqual([]);

        const second = await startServerProcess(prepared.dataDir);
        try {
            const db = new Database(path.join(prepared.dataDir, 'canal.sqlite'), { readonly: true });
            try {
                expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
                expect(db.pragma('foreign_key_check')).toEqual([]);

                // Every lead has exactly one owner, and that owner exists: a queue or a user.
                const orphans = db
                    .prepare(
                        `SELECT l.id FROM leads l WHERE (SELECT COUNT(*) FROM queues q WHERE q.id = l.owner_id)
                           + (SELECT COUNT(*) FROM users u WHERE u.id = l.owner_id) <> 1`
                    )
                    .all();
                expect(orphans).toEqual([]);

                // The raced leads: a rep holds one only after a Claimed audit row (its latest, by that rep);
                // a queue lead's latest audit row is never Claimed.
                const latest = db.prepare(
                    'SELECT action, user_id FROM lead_claims WHERE lead_id = ? ORDER BY seq DESC LIMIT 1'
                );
                const lead = db.prepare(
                    'SELECT l.owner_id, EXISTS (SELECT 1 FROM queues q WHERE q.id = l.owner_id) AS in_queue FROM leads l WHERE l.id = ?'
                );
                let held = 0;
                for (const leadId of prepared.leadIds) {
                    const row = lead.get(leadId) as { owner_id: string; in_queue: number };
                    const last = latest.get(leadId) as { action: string; user_id: string } | undefined;
                    if (row.in_queue) {
                        expect({ leadId, action: last?.action ?? null }).not.toEqual({
                            leadId,
                            action: 'Claimed'
                        });
                    } else {
                        held++;
                        expect({ leadId, action: last?.action, by: last?.user_id }).toEqual({
                            leadId,
                            action: 'Claimed',
                            by: row.owner_id
                        });
                    }
                }
                expect(held).toBeGreaterThan(0);
            } finally {
                db.close();
            }

            // No partner over its limits, as the claim service itself counts them.
            const org = await createLocalOrg({ dataDir: prepared.dataDir, recallIntervalMs: 0 });
            try {
                for (const c of prepared.clients) {
                    const a = org.ctx.claims.getAllowance(c.userId);
                    expect(a.openClaims).toBeLessThanOrEqual(a.openLimit);
                    expect(a.claimsToday).toBeLessThanOrEqual(a.dailyLimit);
                }
            } finally {
                await org.close();
            }

            // The restarted server answers, and a claim works: by a rep whose partner has room, else by a rep
            // who first releases a lead it holds.
            const api = (token: string, route: string, body?: unknown) =>
                fetch(`${second.url}/services/apexrest/canal/v1/${route}`, {
                    method: body === undefined ? 'GET' : 'POST',
                    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                    body: body === undefined ? undefined : JSON.stringify(body)
                });
            let claimer = prepared.clients[0]!;
            let room = false;
            for (const c of prepared.clients) {
                const a = (await (await api(c.token, 'allowance')).json()) as {
                    openClaims: number;
                    openLimit: number;
                };
                if (a.openClaims < a.openLimit) {
                    claimer = c;
                    room = true;
                    break;
                }
            }
            if (!room) {
                const check = new Database(path.join(prepared.dataDir, 'canal.sqlite'), { readonly: true });
                const holder = check
                    .prepare(
                        'SELECT id, owner_id FROM leads WHERE owner_id IN (SELECT value FROM json_each(?)) LIMIT 1'
                    )
                    .get(JSON.stringify(prepared.clients.map((c) => c.userId))) as {
                    id: string;
                    owner_id: string;
                };
                check.close();
                claimer = prepared.clients.find((c) => c.userId === holder.owner_id)!;
                const released = await api(claimer.token, `leads/${holder.id}/release`, {
                    reason: 'After the crash'
                });
                expect(released.status).toBe(200);
            }
            const queue = (await (await api(claimer.token, 'queue?limit=1')).json()) as {
                leads: Array<{ id: string }>;
            };
            const claimed = await api(claimer.token, `leads/${queue.leads[0]!.id}/claim`, {});
            expect(await claimed.json()).toMatchObject({ code: 'CLAIMED' });
        } finally {
            await stopServerProcess(second.child);
        }
    });
});
