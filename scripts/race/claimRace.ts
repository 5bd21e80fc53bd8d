/**
 * The claim race over the REST contract (LeadClaimResource), through jsforce: several reps log in and claim
 * the same queue leads at once. Works against an org or the local org; reports double claims and limits.
 */
import { Connection } from 'jsforce';

export interface RaceRep {
    username: string;
    password: string;
}

export interface RaceOptions {
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    reps: RaceRep[];
    /** How many queue leads (oldest first) every rep tries to claim. */
    leads: number;
    /** Requests each rep keeps in flight. */
    concurrency: number;
}

export interface ClaimAttempt {
    username: string;
    leadId: string;
    code: string;
    status: number;
    ms: number;
}

export interface RaceReport {
    leadIds: string[];
    attempts: ClaimAttempt[];
    /** Leads more than one rep was told CLAIMED for: must be empty. */
    doubleClaims: string[];
    winners: Record<string, string>;
    allowances: Record<
        string,
        { openClaims: number; openLimit: number; claimsToday: number; dailyLimit: number }
    >;
    /**
     * Reps whose partner ended above a limit it was not already above before the race: must be empty. (A vendor
     * may assign leads directly beyond a partner's open limit; those count, but claims never add to them.)
     */
    limitBreaches: string[];
    codes: Record<string, number>;
    elapsedMs: number;
}

interface HttpError extends Error {
    errorCode?: string;
    data?: unknown;
    statusCode?: number;
}

async function login(options: RaceOptions, rep: RaceRep): Promise<Connection> {
    const conn = new Connection({
        oauth2: { loginUrl: options.loginUrl, clientId: options.clientId, clientSecret: options.clientSecret }
    });
    await conn.login(rep.username, rep.password);
    return conn;
}

/** Claims one lead; an HTTP error answer is an outcome too (409, 403...), read from its JSON body. */
async function claim(conn: Connection, username: string, leadId: string): Promise<ClaimAttempt> {
    const started = performance.now();
    try {
        const body = await conn.apex.post<{ code: string }>(`/canal/v1/leads/${leadId}/claim`, {});
        return { username, leadId, code: body.code, status: 200, ms: performance.now() - started };
    } catch (error) {
        const e = error as HttpError;
        const data = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as { code?: string };
        return {
            username,
            leadId,
            code: data.code ?? e.errorCode ?? e.name,
            status: e.statusCode ?? 0,
            ms: performance.now() - started
        };
    }
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
        Array.from({ length: Math.min(size, items.length) }, async () => {
            while (next < items.length) await work(items[next++]!);
        })
    );
}

/** Runs the race and checks its two invariants: no lead claimed twice, no partner over its limit. */
export async function runClaimRace(options: RaceOptions): Promise<RaceReport> {
    const conns = await Promise.all(options.reps.map((rep) => login(options, rep)));
    const queue = await conns[0]!.apex.get<{ leads: Array<{ id: string }> }>(
        `/canal/v1/queue?limit=${Math.min(200, options.leads)}`
    );
    const leadIds = queue.leads.map((l) => l.id).slice(0, options.leads);
    const before = await Promise.all(
        conns.map((conn) => conn.apex.get<RaceReport['allowances'][string]>('/canal/v1/allowance'))
    );
    const attempts: ClaimAttempt[] = [];
    const started = performance.now();
    // Every rep walks the same leads, each in its own order, so that requests collide on the same rows.
    await Promise.all(
        conns.map((conn, i) => {
            const order = [...leadIds.slice(i % leadIds.length), ...leadIds.slice(0, i % leadIds.length)];
            return inPool(order, options.concurrency, async (leadId) => {
                attempts.push(await claim(conn, options.reps[i]!.username, leadId));
            });
        })
    );
    const elapsedMs = performance.now() - started;
    const winners: Record<string, string> = {};
    const doubleClaims: string[] = [];
    for (const a of attempts.filter((x) => x.code === 'CLAIMED')) {
        if (winners[a.leadId]) doubleClaims.push(a.leadId);
        else winners[a.leadId] = a.username;
    }
    const allowances: RaceReport['allowances'] = {};
    const limitBreaches: string[] = [];
    for (const [i, conn] of conns.entries()) {
        const a = await conn.apex.get<RaceReport['allowances'][string]>('/canal/v1/allowance');
        allowances[options.reps[i]!.username] = a;
        const start = before[i]!;
        if (
            a.openClaims > Math.max(a.openLimit, start.openClaims) ||
            a.claimsToday > Math.max(a.dailyLimit, start.claimsToday)
        )
            limitBreaches.push(options.reps[i]!.username);
    }
    const codes: Record<string, number> = {};
    for (const a of attempts) codes[a.code] = (codes[a.code] ?? 0) + 1;
    return { leadIds, attempts, doubleClaims, winners, allowances, limitBreaches, codes, elapsedMs };
}
