/**
 * Crash test: the local org in its own process (what `npm start` runs) on a temporary data folder, several reps
 * racing claims and releases over the REST contract, SIGKILL in the middle of the race, a restart on the same
 * folder, and then the invariants a crash must not break: not only the final state but the history, i.e. every
 * answer a client received before the kill is in the audit trail in the order the client got it, and the audit
 * trail replayed row by row never holds a lead twice nor breaks the open or 24-hour limit.
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
/**
 * The reps race over this many leads of the pool, not all of them: with six reps holding up to three each, a
 * claim often lands on a lead another rep holds, so a missing owner check under the lock shows as a double claim.
 */
const CONTESTED_LEADS = 24;

jest.setTimeout(150_000);

interface Answer {
    rep: string;
    leadId: string;
    action: 'claim' | 'release';
    status: number;
    code: string;
}

interface AuditRow {
    seq: number;
    lead_id: string;
    partner_account_id: string | null;
    user_id: string | null;
    action: 'Claimed' | 'Released' | 'Recalled' | 'Converted';
    occurred_at: string;
}

interface Baseline {
    maxSeq: number;
    partnerOf: Map<string, string>;
    limits: Map<string, { openClaims: number; openLimit: number; claimsToday: number; dailyLimit: number }>;
}

/**
 * Replays the audit rows written during the race, in seq order, from the state before it: returns every
 * violation found (a lead claimed while held, a release by someone who did not hold it, a partner over its open or
 * 24-hour limit at any row, rows out of order) and the holder of each raced lead at the end.
 */
function replay(
    rows: AuditRow[],
    baseline: Baseline,
    leadIds: string[]
): { violations: string[]; holder: Map<string, string | null> } {
    const violations: string[] = [];
    const holder = new Map<string, string | null>(leadIds.map((id) => [id, null]));
    const open = new Map<string, number>();
    const today = new Map<string, number>();
    for (const [partner, l] of baseline.limits) {
        open.set(partner, l.openClaims);
        today.set(partner, l.claimsToday);
    }
    let previous: AuditRow | undefined;
    for (const row of rows) {
        if (previous && (row.seq <= previous.seq || row.occurred_at < previous.occurred_at))
            violations.push(`row ${row.seq} out of order after ${previous.seq}`);
        previous = row;
        if (!holder.has(row.lead_id)) continue;
        const partner = row.partner_account_id ?? '';
        const limits = baseline.limits.get(partner);
        if (row.action === 'Claimed') {
            if (holder.get(row.lead_id))
                violations.push(
                    `row ${row.seq}: ${row.lead_id} claimed by ${row.user_id} while ${holder.get(row.lead_id)} held it`
                );
            holder.set(row.lead_id, row.user_id);
            open.set(partner, (open.get(partner) ?? 0) + 1);
            today.set(partner, (today.get(partner) ?? 0) + 1);
            if (!limits) violations.push(`row ${row.seq}: claim by an unknown partner ${partner}`);
            else if (open.get(partner)! > limits.openLimit)
                violations.push(
                    `row ${row.seq}: ${partner} holds ${open.get(partner)} of ${limits.openLimit}`
                );
            else if (today.get(partner)! > limits.dailyLimit)
                violations.push(
                    `row ${row.seq}: ${partner} claimed ${today.get(partner)} in 24 h of ${limits.dailyLimit}`
                );
        } else if (row.action === 'Released' || row.action === 'Recalled') {
            if (holder.get(row.lead_id) !== row.user_id)
                violations.push(
                    `row ${row.seq}: ${row.lead_id} ${row.action.toLowerCase()} by ${row.user_id}, held by ${holder.get(row.lead_id)}`
                );
            holder.set(row.lead_id, null);
            open.set(partner, (open.get(partner) ?? 0) - 1);
        }
    }
    return { violations, holder };
}

/** One rep's loop: claim a random queue lead; release one of those it holds beyond the first about every other turn; until the server dies. */
async function rep(
    url: string,
    repId: string,
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
            answers.push({ rep: repId, leadId, action, status: response.status, code: body.code });
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
        // The state before the race: where the audit trail starts, and each partner's counts and limits.
        const baseline: Baseline = { maxSeq: 0, partnerOf: new Map(), limits: new Map() };
        const before = await createLocalOrg({ dataDir: prepared.dataDir, recallIntervalMs: 0 });
        try {
            baseline.maxSeq = (
                before.ctx.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM lead_claims').get() as {
                    n: number;
                }
            ).n;
            for (const c of prepared.clients) {
                const account = (
                    before.ctx.db.prepare('SELECT account_id FROM users WHERE id = ?').get(c.userId) as {
                        account_id: string;
                    }
                ).account_id;
                baseline.partnerOf.set(c.userId, account);
                baseline.limits.set(account, before.ctx.claims.getAllowance(c.userId));
            }
        } finally {
            await before.close();
        }

        const first = await startServerProcess(prepared.dataDir);
        const answers: Answer[] = [];
        let killed = false;
        const racers = prepared.clients.map((c, i) =>
            rep(
                first.url,
                c.userId,
                c.token,
                prepared.leadIds.slice(0, CONTESTED_LEADS),
                7 + i,
                answers,
                () => killed
            )
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
                const owner = new Map<string, string | null>();
                let held = 0;
                for (const leadId of prepared.leadIds) {
                    const row = lead.get(leadId) as { owner_id: string; in_queue: number };
                    const last = latest.get(leadId) as { action: string; user_id: string } | undefined;
                    owner.set(leadId, row.in_queue ? null : row.owner_id);
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

                // History: the audit rows of the race, replayed in order from the state before it.
                const rows = db
                    .prepare(
                        'SELECT seq, lead_id, partner_account_id, user_id, action, occurred_at FROM lead_claims WHERE seq > ? ORDER BY seq, rowid'
                    )
                    .all(baseline.maxSeq) as AuditRow[];
                const seqs = rows.map((r) => r.seq);
                expect(new Set(seqs).size).toBe(seqs.length);
                const { violations, holder } = replay(rows, baseline, prepared.leadIds);
                expect(violations).toEqual([]);
                // The replay ends where the data is.
                expect(Object.fromEntries(holder)).toEqual(Object.fromEntries(owner));

                // Every answer a rep received before the kill is in the trail, in the order the rep got them: the
                // rep's successful answers are its race rows, with at most one more row at the end (a write that
                // committed while its answer was lost to the kill).
                for (const c of prepared.clients) {
                    const answered = answers
                        .filter((a) => a.rep === c.userId && (a.code === 'CLAIMED' || a.code === 'RELEASED'))
                        .map((a) => `${a.code === 'CLAIMED' ? 'Claimed' : 'Released'} ${a.leadId}`);
                    const written = rows
                        .filter((r) => r.user_id === c.userId)
                        .map((r) => `${r.action} ${r.lead_id}`);
                    expect(written.slice(0, answered.length)).toEqual(answered);
                    expect(written.length - answered.length).toBeLessThanOrEqual(1);
                }
                // Every CLAIMED answer is still that rep's lead, unless a later audit row released or recalled it.
                for (const a of answers.filter((x) => x.code === 'CLAIMED')) {
                    const lastClaim = rows.filter(
                        (r) => r.lead_id === a.leadId && r.action === 'Claimed' && r.user_id === a.rep
                    );
                    expect({ lead: a.leadId, claimRow: lastClaim.length > 0 }).toEqual({
                        lead: a.leadId,
                        claimRow: true
                    });
                    const since = lastClaim[lastClaim.length - 1]!.seq;
                    const explained = rows.some(
                        (r) =>
                            r.lead_id === a.leadId &&
                            r.seq > since &&
                            r.user_id === a.rep &&
                            (r.action === 'Released' || r.action === 'Recalled')
                    );
                    if (!explained)
                        expect({ lead: a.leadId, owner: owner.get(a.leadId) }).toEqual({
                            lead: a.leadId,
                            owner: a.rep
                        });
                }
            } finally {
                db.close();
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

        // No partner over its limits, as the claim service itself counts them (once the server let the folder go).
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
    });
});
