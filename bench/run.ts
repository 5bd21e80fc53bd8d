/**
 * npm run bench: the figures the README quotes, measured here (never asserted by the unit tests).
 *  0. profile of one claim: SQL statements, time in the service, in the session lookup, through Fastify
 *  1. claim race at 10, 25 and 50 concurrent jsforce clients over 2,000 queued leads (server in its own
 *     process), and the same workload in-process against the service; their ratio; docs/bench-claims.svg
 *  2. growth: the queue's first page and a claim at 1,000, 10,000 and 100,000 queued leads
 *  3. time to the first rendered row of a 10,000-lead queue vs a plain 50-row table, and the JavaScript the
 *     Leads page loads (production build)
 * Exits non-zero on any double claim, limit overrun or unexpected outcome; speed goals are reported, met or not.
 */
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLIENT_DIST, createLocalOrg } from '../local-org/server/app.js';
import { launchBrowser } from '../e2e/support/browser.js';
import { startOrg } from '../e2e/support/org.js';
import { buildManifest } from '../local-org/server/pages/preload.js';
import { benchHttp, benchInProcess, prepareOrg, type RaceResult } from './claimBench.js';
import { claimsChart } from './chart.js';
import { printPublication, publicationBench } from './publicationBench.js';

const ROOT = path.resolve(__dirname, '..');
const LEADS = 2000;
const CONCURRENCY = [10, 25, 50];
const GROWTH = [1_000, 10_000, 100_000];
const GOALS = {
    claimsPerSecond: 1000,
    p99Ms: 100,
    ratio: 0.3,
    growth: 1.5,
    firstRowRatio: 1.5,
    firstLoadGzipKb: 300
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** 0. What one claim costs, in this process: statements, service time, session lookup, Fastify round trip. */
async function profile(): Promise<Record<string, number>> {
    const prepared = await prepareOrg(LEADS, 7);
    const org = await createLocalOrg({ dataDir: prepared.dataDir, recallIntervalMs: 0 });
    try {
        const db = org.ctx.db;
        let statements = 0;
        const counted = new WeakSet<object>();
        const prepare = db.prepare.bind(db);
        db.prepare = ((sql: string) => {
            const statement = prepare(sql);
            if (!counted.has(statement)) {
                counted.add(statement);
                for (const m of ['get', 'run', 'all'] as const) {
                    const original = statement[m].bind(statement) as (...a: unknown[]) => unknown;
                    Object.defineProperty(statement, m, {
                        value: (...args: unknown[]) => {
                            statements++;
                            return original(...args);
                        }
                    });
                }
            }
            return statement;
        }) as typeof db.prepare;
        const [a, b] = prepared.clients;
        statements = 0;
        org.ctx.claims.claimLead(a!.userId, prepared.leadIds[0]);
        const perClaim = statements;
        statements = 0;
        org.ctx.claims.claimLead(b!.userId, prepared.leadIds[0]);
        const perRefusal = statements;
        statements = 0;
        org.ctx.sessions.find(a!.token, 'api');
        const perSession = statements;
        let t = performance.now();
        for (let i = 1; i <= 400; i++)
            org.ctx.claims.claimLead(prepared.clients[i % 7]!.userId, prepared.leadIds[i]);
        const serviceMs = (performance.now() - t) / 400;
        t = performance.now();
        for (let i = 0; i < 2000; i++) org.ctx.sessions.find(a!.token, 'api');
        const sessionMs = (performance.now() - t) / 2000;
        t = performance.now();
        for (let i = 401; i <= 800; i++) {
            await org.app.inject({
                method: 'POST',
                url: `/services/apexrest/canal/v1/leads/${prepared.leadIds[i]}/claim`,
                headers: {
                    authorization: `Bearer ${prepared.clients[i % 7]!.token}`,
                    'content-type': 'application/json'
                },
                payload: '{}'
            });
        }
        const injectMs = (performance.now() - t) / 400;
        const result = {
            sqlStatementsPerClaim: perClaim,
            sqlStatementsPerRefusedClaim: perRefusal,
            sqlStatementsPerSessionLookup: perSession,
            serviceMsPerClaim: round(serviceMs, 3),
            sessionLookupMs: round(sessionMs, 4),
            fastifyInjectMsPerClaim: round(injectMs, 3)
        };
        console.log(
            '\n0. One claim, profiled in-process (the claim route has no body schema: no JSON schema work)'
        );
        console.table(result);
        return result;
    } finally {
        await org.close();
        rmSync(prepared.dataDir, { recursive: true, force: true });
    }
}

function printRaces(rows: RaceResult[]): void {
    console.table(
        rows.map((r) => ({
            mode: r.mode,
            clients: r.clients,
            attempts: r.attempts,
            claimed: r.claimed,
            'claims/s': r.claimsPerSecond,
            p50Ms: r.p50Ms,
            p99Ms: r.p99Ms,
            maxMs: r.maxMs,
            doubles: r.doubleClaims,
            overruns: r.limitOverruns,
            unexpected: r.unexpected,
            clientCpuMs: r.clientCpuMs ?? '',
            serverCpuMs: r.serverCpuMs ?? ''
        }))
    );
    for (const r of rows) {
        console.log(`  ${r.mode} ${r.clients}: ${JSON.stringify(r.codes)}`);
        for (const p of r.problems) console.log(`    PROBLEM: ${p}`);
    }
}

/**
 * 2. The queue's first page and a claim as the queue grows: the three orgs run side by side and are timed in
 * turn (round robin, 3 warm-up rounds then 40), so a change in the machine's load hits every size alike.
 */
async function growth(): Promise<Array<Record<string, number>>> {
    const orgs = [];
    for (const leads of GROWTH) {
        const run = await startOrg(leads);
        const db = run.org.ctx.db;
        db.prepare(
            'UPDATE accounts SET lead_claim_limit = 1000, daily_claim_limit = 1000 WHERE is_partner = 1'
        ).run();
        // Ana belongs to two queues (pool and enterprise): the page merges both, the harder case.
        const ana = db.prepare("SELECT id FROM users WHERE username = 'ana.garcia@iberia.example'").get() as {
            id: string;
        };
        const token = run.org.ctx.sessions.create(ana.id, 'api').id;
        orgs.push({
            leads,
            run,
            api: `${run.url}/services/apexrest/canal/v1`,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            pageMs: [] as number[],
            claimMs: [] as number[]
        });
    }
    try {
        for (let pass = 0; pass < 43; pass++) {
            for (const o of orgs) {
                let t = performance.now();
                const page = (await (
                    await fetch(`${o.api}/queue?limit=50`, { headers: o.headers })
                ).json()) as {
                    leads: Array<{ id: string }>;
                };
                if (pass >= 3) o.pageMs.push(performance.now() - t);
                t = performance.now();
                const claim = (await (
                    await fetch(`${o.api}/leads/${page.leads[0]!.id}/claim`, {
                        method: 'POST',
                        headers: o.headers,
                        body: '{}'
                    })
                ).json()) as { code: string };
                if (pass >= 3) o.claimMs.push(performance.now() - t);
                if (claim.code !== 'CLAIMED') throw new Error(`growth: claim answered ${claim.code}`);
            }
        }
    } finally {
        for (const o of orgs) await o.run.stop();
    }
    const rows = orgs.map((o) => ({
        queuedLeads: o.leads,
        firstPageMs: round(median(o.pageMs)),
        claimMs: round(median(o.claimMs))
    }));
    console.log(
        '\n2. Growth: queue first page (50 rows) and a claim, median of 40, over HTTP, sizes interleaved'
    );
    console.table(rows);
    return rows;
}

/** 3. First rendered row of the Leads page vs a plain table, and the JavaScript that page loads. */
async function firstRow(): Promise<Record<string, number>> {
    const run = await startOrg(10_000);
    const browser = await launchBrowser();
    try {
        const page = await browser.context.newPage();
        const js = new Map<string, number>();
        page.on('requestfinished', (request) => {
            const url = new URL(request.url());
            if (url.pathname.startsWith('/assets/app/') && url.pathname.endsWith('.js'))
                js.set(url.pathname, 0);
        });
        await page.goto(`${run.url}/login`);
        await page.fill('#username', 'ana.garcia@iberia.example');
        await page.fill('#password', 'Canal-demo-2026');
        await Promise.all([page.waitForURL(/\/s\/$/), page.click('button[type=submit]')]);
        // The JavaScript of a first visit straight to the Leads page, in a fresh tab with the cache bypassed.
        js.clear();
        await page.route('**/*', (route) =>
            route.continue({ headers: { ...route.request().headers(), 'cache-control': 'no-cache' } })
        );
        await page.goto(`${run.url}/s/lead/Lead/Default`);
        await page.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first().waitFor();
        await page.unroute('**/*');
        const files = [...js.keys()].map((p) => path.join(CLIENT_DIST, p.slice('/assets/app/'.length)));
        const gzip = files.reduce(
            (n, f) => n + (existsSync(`${f}.gz`) ? statSync(`${f}.gz`).size : statSync(f).size),
            0
        );
        const raw = files.reduce((n, f) => n + statSync(f).size, 0);
        const samples: number[] = [];
        const plain: number[] = [];
        const table = `<!doctype html><table>${Array.from({ length: 50 }, (_, i) => `<tr id="r${i}"><td>Lead ${i}</td><td>Empresa ${i}</td><td>Madrid</td></tr>`).join('')}</table>`;
        const frame: number[] = [];
        for (let i = 0; i < 5; i++) {
            let started = performance.now();
            await page.goto(`${run.url}/s/lead/Lead/Default`, { waitUntil: 'commit' });
            // The portal's frame (brand bar, tabs) first: what the engine and the shell cost before any data.
            await page.locator('c-portal-theme-layout [data-id="brand-name"]').waitFor();
            frame.push(performance.now() - started);
            await page.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first().waitFor();
            samples.push(performance.now() - started);
            started = performance.now();
            await page.goto(`data:text/html,${encodeURIComponent(table)}`);
            await page.locator('#r0').waitFor();
            plain.push(performance.now() - started);
        }
        const result = {
            portalFrameMs: Math.round(median(frame)),
            firstQueueRowMs: Math.round(median(samples)),
            plainTable50RowsMs: Math.round(median(plain)),
            frameRatio: round(median(frame) / median(plain)),
            ratio: round(median(samples) / median(plain)),
            leadsPageJsFiles: files.length,
            leadsPageJsKb: Math.round(raw / 1024),
            leadsPageJsGzipKb: Math.round(gzip / 1024)
        };
        console.log(
            '\n3. Leads page of a 10,000-lead queue: first rendered row (median of 5, warm cache) and first-load JS'
        );
        console.table(result);
        const gz = (f: string) => (existsSync(`${f}.gz`) ? statSync(`${f}.gz`).size : statSync(f).size);
        console.log(
            `   Leads page JS, gzipped KB: ${files
                .sort((a, b) => gz(b) - gz(a))
                .map((f) => `${path.basename(f).replace(/-[\w-]{8}\.js$/, '')} ${Math.round(gz(f) / 1024)}`)
                .join(', ')}`
        );
        return result;
    } finally {
        await browser.close();
        await run.stop();
    }
}

/** The two goals of the Leads page: first row against the plain table, and the JavaScript of a first visit. */
function firstRowGoals(rendered: Record<string, number>): Record<string, boolean> {
    return {
        [`first row ≤ ${GOALS.firstRowRatio}× plain table`]: rendered.ratio! <= GOALS.firstRowRatio,
        [`Leads page JS ≤ ${GOALS.firstLoadGzipKb} KB gzipped`]:
            rendered.leadsPageJsGzipKb! <= GOALS.firstLoadGzipKb
    };
}

function printGoals(goals: Record<string, boolean>): void {
    console.log('\nGoals');
    for (const [goal, met] of Object.entries(goals)) console.log(`  ${met ? 'met    ' : 'NOT met'}  ${goal}`);
}

function bundle(): Record<string, number> {
    const files = readdirSync(CLIENT_DIST, { recursive: true, encoding: 'utf8' }).filter((f) =>
        f.endsWith('.js')
    );
    const main = path.join(CLIENT_DIST, buildManifest().entry);
    return {
        mainKb: Math.round(statSync(main).size / 1024),
        mainGzipKb: existsSync(`${main}.gz`) ? Math.round(statSync(`${main}.gz`).size / 1024) : -1,
        chunks: files.length - 1,
        allKb: Math.round(files.reduce((n, f) => n + statSync(path.join(CLIENT_DIST, f)).size, 0) / 1024)
    };
}

async function main(): Promise<void> {
    const cpu = os.cpus();
    const machine = {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? '',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        loadAverage1m: round(os.loadavg()[0]!)
    };
    console.log(`Machine: ${JSON.stringify(machine)}`);
    // `npm run bench -- --only=first-row` measures the browser part alone (a minute instead of ten), for work
    // on the client (`--only=publication` and `--only=growth` likewise for theirs); the full run is the one the README quotes and the only one that writes results.json.
    if (process.argv.includes('--only=first-row')) {
        printGoals(firstRowGoals(await firstRow()));
        return;
    }
    if (process.argv.includes('--only=publication')) {
        printPublication(await publicationBench());
        return;
    }
    if (process.argv.includes('--only=growth')) {
        await growth();
        return;
    }
    const profiled = await profile();

    const races: RaceResult[] = [];
    for (const clients of CONCURRENCY) {
        races.push(await benchHttp(LEADS, clients));
        races.push(await benchInProcess(LEADS, clients));
    }
    console.log(
        `\n1. Claim race over ${LEADS} queued leads (pairs of clients race each lead; limits raised)`
    );
    printRaces(races);
    const http50 = races.find((r) => r.mode === 'http' && r.clients === 50)!;
    const inProcess50 = races.find((r) => r.mode === 'in-process' && r.clients === 50)!;
    const ratio = round(http50.claimsPerSecond / inProcess50.claimsPerSecond);
    console.log(
        `   50 clients: HTTP ${http50.claimsPerSecond} claims/s, in-process ${inProcess50.claimsPerSecond} claims/s, ratio ${ratio}`
    );
    const svg = claimsChart(
        races.filter((r) => r.mode === 'http'),
        races.filter((r) => r.mode === 'in-process'),
        machine.date.slice(0, 10)
    );
    writeFileSync(path.join(ROOT, 'docs', 'bench-claims.svg'), svg);
    console.log('   chart written to docs/bench-claims.svg');

    const grown = await growth();
    const growthFactor = {
        firstPage: round(grown.at(-1)!.firstPageMs! / grown[0]!.firstPageMs!),
        claim: round(grown.at(-1)!.claimMs! / grown[0]!.claimMs!)
    };
    console.log(`   largest / smallest: first page ×${growthFactor.firstPage}, claim ×${growthFactor.claim}`);

    const published = await publicationBench();
    const publicationMet = printPublication(published);
    const rendered = await firstRow();
    const built = bundle();
    console.log('\n4. Local org browser bundle (production build)');
    console.table(built);

    const correctness = races.every(
        (r) => r.doubleClaims === 0 && r.limitOverruns === 0 && r.unexpected === 0
    );
    const goals = {
        [`HTTP ≥ ${GOALS.claimsPerSecond} claims/s at 50 clients`]:
            http50.claimsPerSecond >= GOALS.claimsPerSecond,
        [`HTTP p99 < ${GOALS.p99Ms} ms at 50 clients`]: http50.p99Ms < GOALS.p99Ms,
        [`HTTP ≥ ${GOALS.ratio}× in-process`]: ratio >= GOALS.ratio,
        [`growth ≤ ${GOALS.growth}× (first page and claim)`]:
            growthFactor.firstPage <= GOALS.growth && growthFactor.claim <= GOALS.growth,
        ...firstRowGoals(rendered),
        'publication: every stream told within the p99 goal, idle Home within its budget': publicationMet,
        'zero double claims, overruns and unexpected outcomes': correctness
    };
    printGoals(goals);

    const out = path.join(ROOT, 'bench', 'results.json');
    writeFileSync(
        out,
        `${JSON.stringify({ machine, profile: profiled, races, ratio, growth: grown, growthFactor, firstRow: rendered, bundle: built, publication: published, goals }, null, 2)}\n`
    );
    console.log(`\nWritten to ${path.relative(ROOT, out)}`);
    if (!correctness) {
        console.error(
            'FAILED: a double claim, a limit overrun or an unexpected outcome (see PROBLEM lines above)'
        );
        process.exit(1);
    }
}

main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
});
