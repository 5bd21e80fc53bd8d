/**
 * The fuzz knows who is calling. Every persona of the access contract (docs/ACCESS-CONTRACT.md) is logged in on
 * the contract's prepared data folder (a rep of each partner, a colleague, the invited rep before the password
 * change, the channel manager, the admin, and no session). Then, in a seeded random order:
 *
 * - every valid request of the contract (each call, persona and record state) is sent and checked as the contract
 *   says (outcome, what the answer may name, which records may change);
 * - many mutated requests: a contract request with its credentials forged (a missing or foreign CSRF token, a
 *   mangled cookie, a bearer token where a cookie belongs...), one parameter replaced by junk, a malformed body or
 *   content type, another method or path; and random requests to every route the server registered (taken from
 *   Fastify's onRoute hook, so routes added later are fuzzed too). A mutated request is judged as the persona its
 *   credentials really prove (a forged CSRF token proves no one): any 2xx may change only the fixture records the
 *   contract lets that persona change with that call, and name only those it may name; a refusal changes no row;
 *   no answer is a 5xx; every code in an answer is a known one;
 * - refusals of /events/stream (a valid stream never ends, so it is left to the contract runner).
 *
 * Each request runs inside a transaction rolled back afterwards (the services' own transactions become
 * savepoints), so every request meets the same prepared records and the contract's expectations hold exactly.
 *
 * Reproduce a failure with the printed seed: CANAL_FUZZ_SEED=<seed> npx jest local-org/test/fuzz.test.ts
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse, RouteOptions } from 'fastify';
import type { LocalOrg } from '../server/app.js';
import { makeId, KEY_PREFIX, type SObjectName } from '../server/ids.js';
import { APEX_CLASSES } from '../server/routes/apex.js';
import {
    loadAccessContract,
    outcomeOf,
    PERSONAS,
    type ContractCase,
    type Persona,
    type RecordState
} from './contract/accessContract.js';
import { contractKeyOfRoute, REST_PREFIX } from './contract/inventory.js';
import {
    buildGolden,
    check,
    freshOrg,
    resolve,
    send,
    snapshot,
    type Answer,
    type Golden
} from './contract/localRunner.js';
import { cookies as setCookies } from './helpers.js';

const SEED = Number(process.env.CANAL_FUZZ_SEED ?? Date.now() % 2_147_483_647);
/** Mutated and random requests, at most; the loop also stops at BUDGET_MS (valid contract requests come first). */
const COUNT = Number(process.env.CANAL_FUZZ_COUNT ?? 1500);
const BUDGET_MS = Number(process.env.CANAL_FUZZ_MS ?? 40_000);

/** Codes an answer may carry when the call went through. */
const SUCCESS_CODES = new Set([
    'OK',
    'CLAIMED',
    'RELEASED',
    'CONVERTED',
    'UPDATED',
    'SAVED',
    'COMPLETED',
    'ASSIGNED',
    // Deal registration (DealRegistrationController)
    'SUBMITTED',
    'APPROVED',
    'REJECTED',
    'EXTENDED'
]);
/**
 * Every refusal code of the local org (grep the codes in local-org/server): an answer with a code outside these two
 * sets fails the fuzz, so a new code is added here on purpose. A 200 body with one of these is a refusal too (the
 * claim service reports outcomes in the body).
 */
const REFUSAL_CODES = new Set([
    'ACCOUNT_NOT_VISIBLE',
    'ALREADY_CLAIMED',
    'ALREADY_DECIDED',
    'ALREADY_EXTENDED',
    'CLAIM_LIMIT_REACHED',
    'CSRF_TOKEN_INVALID',
    'CUSTOMER_PROTECTED',
    'DAILY_LIMIT_REACHED',
    'INSUFFICIENT_ACCESS',
    'INVALID',
    'INVALID_CURSOR',
    'INVALID_ID',
    'INVALID_REQUEST',
    'INVALID_STATUS',
    'LEAD_CLOSED',
    'MISDIRECTED_REQUEST',
    'NOT_APPROVED',
    'NOT_AUTHENTICATED',
    'NOT_EDITABLE',
    'NOT_ELIGIBLE',
    'NOT_FOUND',
    'NOT_OWNER',
    'PASSWORD_CHANGE_REQUIRED',
    'PAYLOAD_TOO_LARGE',
    'RATE_LIMITED',
    'REASON_REQUIRED',
    'STALE_RECORD',
    'TOO_MANY_STREAMS',
    'TRY_AGAIN'
]);

jest.setTimeout(180_000);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
}

const random = prng(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const chance = (p: number) => random() < p;
function shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
}

const INJECTIONS = [
    "' OR '1'='1",
    "00Q'; DROP TABLE leads;--",
    '"); DELETE FROM lead_claims; --',
    '../../etc/passwd',
    '%00',
    '<script>alert(1)</script>',
    '${7*7}',
    '\u0000',
    '💥'.repeat(20),
    'ñandú',
    '*',
    '%',
    '_'
];

/** A request as inject takes it, with what the fuzz knows about it. */
interface FuzzRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    cookies: Record<string, string>;
    payload?: string;
    /** The contract call the route stands for (undefined: none, or the method or path was mutated). */
    call?: string;
    /** The persona the credentials prove: noSession unless they are that persona's, complete and unforged. */
    persona: Persona;
    what: string;
}

describe('persona-aware fuzz', () => {
    const contract = loadAccessContract();
    const cases = contract.cases.filter((c) => c.worlds.includes('local'));
    const byCallPersona = new Map<string, ContractCase[]>();
    for (const c of cases) {
        const key = `${c.call.key}|${c.persona}`;
        byCallPersona.set(key, [...(byCallPersona.get(key) ?? []), c]);
    }

    let golden: Golden;
    let fresh: Awaited<ReturnType<typeof freshOrg>>;
    let org: LocalOrg;
    /** Fixture records by their 15-character id: their state and object. */
    const fixtures = new Map<string, { state: RecordState; object: 'Lead' | 'Opportunity' }>();
    const ids: string[] = [];

    beforeAll(async () => {
        console.log(`fuzz seed ${SEED} (CANAL_FUZZ_SEED=${SEED} to reproduce)`);
        golden = await buildGolden();
        fresh = await freshOrg(golden);
        org = fresh.org;
        for (const [state, row] of Object.entries(golden.leads))
            fixtures.set(String(row!.id).slice(0, 15), { state: state as RecordState, object: 'Lead' });
        for (const [state, row] of Object.entries(golden.opportunities))
            fixtures.set(String(row!.id).slice(0, 15), {
                state: state as RecordState,
                object: 'Opportunity'
            });
        // Real ids to mutate: every fixture record, and a few other rows of each kind (in id order: the same seed
        // replays the same requests).
        for (const row of [...Object.values(golden.leads), ...Object.values(golden.opportunities)])
            ids.push(String(row!.id));
        for (const table of ['leads', 'users', 'accounts', 'opportunities', 'queues']) {
            const rows = org.ctx.db
                .prepare(`SELECT id FROM ${table} ORDER BY id DESC LIMIT 6`)
                .all() as Array<{
                id: string;
            }>;
            ids.push(...rows.map((r) => r.id));
        }
    }, 120_000);

    afterAll(async () => {
        await fresh?.dispose();
        golden?.dispose();
    });

    /** A record id: a fixture's or another real one, truncated, case-flipped, wrong prefix, made up, or junk. */
    function fuzzId(): string {
        const real = pick(ids);
        switch (int(9)) {
            case 0:
            case 1:
                return real;
            case 2:
                return real.slice(0, 15);
            case 3:
                return real.toLowerCase();
            case 4:
                return makeId(pick(Object.keys(KEY_PREFIX) as SObjectName[]), 1 + int(5000));
            case 5:
                return `${pick(['00Q', '001', '005', 'zzz', '000'])}${real.slice(3)}`;
            case 6:
                return real.slice(0, 1 + int(17));
            case 7:
                return real + pick(['', 'X', '0000', ' ', '%20']);
            default:
                return pick(INJECTIONS);
        }
    }

    /** A value of any JSON type, sometimes huge or deeply nested. */
    function fuzzValue(depth = 0): unknown {
        switch (int(depth > 3 ? 8 : 11)) {
            case 0:
                return null;
            case 1:
                return chance(0.5);
            case 2:
                return pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, 201, 50]);
            case 3:
                return fuzzId();
            case 4:
                return 'x'.repeat(pick([0, 1, 255, 256, 2001, 70_000]));
            case 5:
                return pick(INJECTIONS);
            case 6:
                return pick(['createdDate', 'company', 'name', 'asc', 'desc', 'Working', 'Open', '', ' ']);
            case 7:
                return String(int(1000));
            case 8:
                return Array.from({ length: int(4) }, () => fuzzValue(depth + 1));
            case 9:
                return Object.fromEntries(
                    Array.from({ length: int(4) }, () => [
                        pick(['a', 'leadId', '__proto__', 'constructor']),
                        fuzzValue(depth + 1)
                    ])
                );
            default: {
                let nested: unknown = 1;
                for (let i = 0; i < 200; i++) nested = [nested];
                return nested;
            }
        }
    }

    /** A body from the route's JSON schema, then mutated: wrong types, missing or unknown properties. */
    function fuzzBody(schema: unknown): unknown {
        const properties = ((schema as { properties?: Record<string, unknown> } | undefined)?.properties ??
            {}) as Record<string, { type?: string }>;
        const body: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(properties)) {
            if (chance(0.15)) continue;
            if (chance(0.6)) {
                if (property.type === 'integer' || property.type === 'number')
                    body[name] = pick([1, 10, 50, 0, -5, 500]);
                else if (property.type === 'array') body[name] = Array.from({ length: int(3) }, fuzzId);
                else if (property.type === 'boolean') body[name] = chance(0.5);
                else body[name] = /id/i.test(name) ? fuzzId() : fuzzValue(2);
            } else body[name] = fuzzValue();
        }
        if (chance(0.2)) body[pick(['unknown', 'Id', 'extra', 'recordId'])] = fuzzValue();
        return chance(0.1) ? fuzzValue() : body;
    }

    const personaInfo = (p: Persona) => (p === 'noSession' ? undefined : golden.personas[p]);

    /** The contract call a route stands for. */
    function callOf(route: RouteOptions, verb: string): string | undefined {
        const keys = contractKeyOfRoute({ verb, url: route.url });
        return keys.find((k) => contract.calls.has(k));
    }

    /** The request a contract case describes, built as the contract runner's send() builds it. */
    async function buildCase(c: ContractCase): Promise<FuzzRequest> {
        const p = personaInfo(c.persona);
        const params = resolve(golden, c, c.params) as Record<string, unknown>;
        const request: FuzzRequest = {
            method: 'POST',
            url: '',
            headers: {},
            cookies: p ? { canal_sid: p.sid } : {},
            call: c.call.key,
            persona: c.persona,
            what: `${c.source} ${c.persona}/${c.state}`
        };
        if (c.call.kind === 'aura') {
            request.url = `/apex/${c.call.className}/${c.call.methodName}`;
            request.headers['content-type'] = 'application/json';
            if (p) request.headers['x-csrf-token'] = p.csrf;
            request.payload = JSON.stringify(params);
            return request;
        }
        request.method = c.call.verb!;
        const pathParams = (params.path ?? {}) as Record<string, unknown>;
        let routePath = c.call.path!.replace(/:(\w+)/g, (_m, name: string) =>
            encodeURIComponent(String(pathParams[name] ?? ''))
        );
        if (routePath.endsWith('*')) routePath = routePath.slice(0, -1) + String(pathParams['*'] ?? '');
        request.url = c.call.kind === 'rest' ? `${REST_PREFIX}${routePath}` : routePath;
        const query = new URLSearchParams(
            Object.entries((params.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])
        ).toString();
        if (query) request.url += `?${query}`;
        if (c.call.kind === 'local' && p) request.headers['x-csrf-token'] = p.csrf;
        if (c.call.kind === 'rest' || params.bearer) {
            if (p?.token) request.headers.authorization = `Bearer ${p.token}`;
            delete request.cookies.canal_sid;
        }
        if (params.body !== undefined) {
            if (params.form) {
                const form = { ...(params.body as Record<string, string>) };
                if (request.url.startsWith('/login')) {
                    const page = await org.app.inject({ method: 'GET', url: '/login' });
                    const loginCsrf = setCookies(page)['canal_login_csrf']!.split(';')[0]!.split('=')[1]!;
                    request.cookies.canal_login_csrf = loginCsrf;
                    form.csrf ??= loginCsrf;
                } else if (p) form.csrf ??= p.csrf;
                request.headers['content-type'] = 'application/x-www-form-urlencoded';
                request.payload = new URLSearchParams(form).toString();
            } else {
                request.headers['content-type'] = 'application/json';
                request.payload = JSON.stringify(params.body);
            }
        }
        return request;
    }

    /**
     * The persona a request's credentials prove, given whose they were: the REST API wants that persona's bearer
     * token; /apex/* the session cookie and its CSRF token; a page (GET) the cookie; a form post (logout, password
     * change) the cookie and the token in the form or header; the login form and the token endpoint nothing.
     */
    function effectivePersona(request: FuzzRequest, owner: Persona): Persona {
        const p = personaInfo(owner);
        if (!p) return 'noSession';
        const path = request.url.split('?')[0]!;
        if (path === '/login' || path === '/services/oauth2/token') return owner;
        if (path.startsWith(`${REST_PREFIX}/`) || path.startsWith('/id/'))
            return p.token && request.headers.authorization === `Bearer ${p.token}` ? owner : 'noSession';
        if (request.cookies.canal_sid !== p.sid) return 'noSession';
        if (request.method === 'GET' || request.method === 'HEAD') return owner;
        const form =
            request.headers['content-type'] === 'application/x-www-form-urlencoded'
                ? new URLSearchParams(request.payload ?? '').get('csrf')
                : null;
        if (path.startsWith('/apex/'))
            return request.headers['x-csrf-token'] === p.csrf ? owner : 'noSession';
        return (form ?? request.headers['x-csrf-token']) === p.csrf ? owner : 'noSession';
    }

    /** Forges the credentials of a request; the persona becomes the one they still prove (often no one). */
    function forgeCredentials(request: FuzzRequest): string {
        const owner = request.persona;
        const what = forge(request);
        request.persona = effectivePersona(request, owner);
        return what;
    }

    function forge(request: FuzzRequest): string {
        const p = personaInfo(request.persona);
        const other = personaInfo(pick(PERSONAS.filter((x) => x !== request.persona && x !== 'noSession')));
        switch (int(7)) {
            case 0: // the session without its CSRF token (header and form field)
                delete request.headers['x-csrf-token'];
                stripFormCsrf(request);
                return 'no CSRF token';
            case 1: // another session's CSRF token, or a forged one
                request.headers['x-csrf-token'] = pick([other?.csrf ?? 'x', 'forged', '', p?.sid ?? 'x']);
                stripFormCsrf(request, request.headers['x-csrf-token']);
                return 'foreign CSRF token';
            case 2: // a mangled cookie
                request.cookies.canal_sid = pick([
                    '',
                    'x',
                    (p?.sid ?? 'abc').slice(0, 10),
                    `${p?.sid ?? ''}x`
                ]);
                return 'mangled cookie';
            case 3: // a bearer token where a cookie belongs, or the cookie's id as a bearer token
                delete request.cookies.canal_sid;
                request.headers.authorization = `Bearer ${pick([p?.token ?? 'x', p?.sid ?? 'x'])}`;
                if (request.url.startsWith(`${REST_PREFIX}/`) || request.url.startsWith('/id/')) {
                    request.headers.authorization = `Bearer ${p?.sid ?? 'x'}`;
                }
                return 'wrong kind of credential';
            case 4: // a bad bearer token
                request.headers.authorization = pick([
                    'Bearer ',
                    'Bearer x',
                    `Bearer ${p?.token ?? ''}x`,
                    `Basic ${p?.token ?? ''}`,
                    p?.token ?? ''
                ]);
                delete request.cookies.canal_sid;
                return 'bad bearer token';
            default: // nothing at all
                request.cookies = {};
                delete request.headers.authorization;
                delete request.headers['x-csrf-token'];
                stripFormCsrf(request);
                return 'no credentials';
        }
    }

    function stripFormCsrf(request: FuzzRequest, replacement?: string): void {
        if (request.headers['content-type'] !== 'application/x-www-form-urlencoded' || !request.payload)
            return;
        if (request.url.startsWith('/login')) return; // the login form's token is not a session's
        const form = new URLSearchParams(request.payload);
        if (replacement === undefined) form.delete('csrf');
        else form.set('csrf', replacement);
        request.payload = form.toString();
    }

    /** One parameter, the body, the content type, the method or the path of a request turned into junk. */
    function mutate(request: FuzzRequest, route: RouteOptions | undefined): string {
        switch (int(5)) {
            case 0: {
                if (request.headers['content-type'] === 'application/json' && request.payload) {
                    const body = JSON.parse(request.payload) as Record<string, unknown>;
                    if (body && typeof body === 'object' && !Array.isArray(body)) {
                        const keys = Object.keys(body);
                        const key =
                            keys.length && chance(0.8) ? pick(keys) : pick(['unknown', 'Id', 'recordId']);
                        body[key] = /id/i.test(key) && chance(0.6) ? fuzzId() : fuzzValue();
                        request.payload = JSON.stringify(body);
                        return `param ${key}`;
                    }
                }
                request.url = request.url.replace(/[0-9a-zA-Z]{15,18}/, () => encodeURIComponent(fuzzId()));
                return 'id in the path';
            }
            case 1:
                request.headers['content-type'] = 'application/json';
                request.payload = pick([
                    '{',
                    '{"a":',
                    'nul',
                    '[1,2',
                    '{"pageSize":1,}',
                    '\u0000',
                    '"',
                    '{}'.repeat(5000),
                    JSON.stringify(fuzzBody((route?.schema as { body?: unknown } | undefined)?.body))
                ]);
                return 'body';
            case 2:
                request.headers['content-type'] = pick([
                    'text/plain',
                    'application/xml',
                    'multipart/form-data; boundary=x',
                    'application/json; charset=utf-16',
                    ''
                ]);
                return 'content type';
            case 3: {
                const original = request.method;
                request.method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
                // Another route, or none: nothing may change.
                if (request.method !== original) request.call = undefined;
                return `method ${request.method}`;
            }
            default:
                request.url += pick(['/', '//', '/extra', '%00', '/..', '?lang=xx', '?limit=201&after=x']);
                if (!request.url.includes('?')) request.call = undefined;
                return 'path';
        }
    }

    /** A random request to any registered route, with a persona's credentials or junk. */
    function randomRequest(routes: RouteOptions[]): FuzzRequest {
        const route = pick(routes.filter((r) => r.method !== 'HEAD'));
        const method = pick(([] as string[]).concat(route.method as string | string[]));
        const persona = pick(PERSONAS);
        const p = personaInfo(persona);
        const url = route.url
            .replace(/:[A-Za-z]+/g, () => encodeURIComponent(fuzzId()))
            .replace('*', () =>
                pick(['', 'lead/Lead/Default', 'x/../../..', '%2e%2e/package.json', 'main.js'])
            );
        const request: FuzzRequest = {
            method,
            url,
            headers: {},
            cookies: {},
            call: callOf(route, method),
            persona,
            what: `random ${method} ${route.url} as ${persona}`
        };
        if (p) {
            if (url.startsWith(`${REST_PREFIX}/`) || url.startsWith('/id/')) {
                if (p.token) request.headers.authorization = `Bearer ${p.token}`;
            } else {
                request.cookies.canal_sid = p.sid;
                request.headers['x-csrf-token'] = p.csrf;
            }
        }
        if (method !== 'GET') {
            const body = fuzzBody((route.schema as { body?: unknown } | undefined)?.body);
            if (chance(0.3) && body && typeof body === 'object' && !Array.isArray(body)) {
                request.headers['content-type'] = 'application/x-www-form-urlencoded';
                request.payload = new URLSearchParams(
                    Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)])
                ).toString();
            } else {
                request.headers['content-type'] = 'application/json';
                request.payload = JSON.stringify(body);
            }
        }
        if (chance(0.3)) request.what += ` (${forge(request)})`;
        request.persona = effectivePersona(request, persona);
        return request;
    }

    function bodyOf(response: LightMyRequestResponse): unknown {
        try {
            return response.json();
        } catch {
            return response.body;
        }
    }

    /** The codes an answer carries: its own and those of bulk results. */
    function codesOf(body: unknown): string[] {
        if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
        const record = body as { code?: unknown; results?: Array<{ code?: unknown }> };
        const codes = typeof record.code === 'string' ? [record.code] : [];
        if (Array.isArray(record.results))
            codes.push(
                ...record.results.map((r) => r?.code).filter((c): c is string => typeof c === 'string')
            );
        return codes;
    }

    function refused(status: number, body: unknown): boolean {
        if (status >= 400) return true;
        const record = body as { code?: string; results?: Array<{ code?: string }> } | null;
        if (record && typeof record === 'object' && REFUSAL_CODES.has(record.code ?? '')) return true;
        return (
            Array.isArray(record?.results) &&
            record.results.length > 0 &&
            record.results.every((r) => REFUSAL_CODES.has(r.code ?? ''))
        );
    }

    /** The fixture record states a request names (by id, in its URL or body). */
    function statesNamed(text: string): Set<RecordState> {
        const named = new Set<RecordState>();
        for (const [id, f] of fixtures) if (text.includes(id)) named.add(f.state);
        return named;
    }

    /**
     * The contract cases that judge a mutated request: its call and effective persona, in the states it names
     * (when it names none, every state of the call).
     */
    function judgingCases(request: FuzzRequest): ContractCase[] {
        if (!request.call) return [];
        const all = byCallPersona.get(`${request.call}|${request.persona}`) ?? [];
        const named = statesNamed(decodeURIComponent(request.url) + (request.payload ?? ''));
        const inStates = all.filter((c) => named.has(c.state));
        return inStates.length > 0 ? inStates : all;
    }

    const changes = () => (org.ctx.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

    /** Sends a request inside a transaction that is rolled back: the prepared records are the same for the next. */
    async function isolated<T>(work: () => Promise<T>): Promise<T> {
        org.ctx.db.exec('BEGIN');
        let timer: NodeJS.Timeout | undefined;
        try {
            // A request that hangs fails the fuzz with its label instead of stalling it.
            return await Promise.race([
                work(),
                new Promise<never>((_, reject) => {
                    timer = setTimeout(
                        () => reject(new Error('a request did not answer within 10 s')),
                        10_000
                    );
                })
            ]);
        } finally {
            clearTimeout(timer);
            if (org.ctx.db.inTransaction) org.ctx.db.exec('ROLLBACK');
        }
    }

    it('sends every contract request and many forged and malformed ones as every persona: all as the contract says', async () => {
        // The registry's Apex methods and the REST API are all registered routes, so they are all fuzzed.
        // The event stream is fuzzed apart (step 3): a valid request to it never ends.
        const routes = org.routes.filter(
            (r) => r.url !== '/events/stream' && (!String(r.url).startsWith('/assets/') || chance(0.3))
        );
        for (const [className, apexClass] of Object.entries(APEX_CLASSES))
            for (const method of Object.keys(apexClass))
                expect(routes.map((r) => r.url)).toContain(`/apex/${className}/${method}`);
        expect(routes.some((r) => r.url.startsWith(`${REST_PREFIX}/`))).toBe(true);
        // Every persona is in the contract's cases, each with requests that go through.
        for (const persona of PERSONAS) expect(cases.some((c) => c.persona === persona)).toBe(true);
        const routeOf = new Map(
            routes.flatMap((r) =>
                ([] as string[]).concat(r.method as string).map((m) => [callOf(r, m) ?? '', r] as const)
            )
        );

        const failures: string[] = [];
        const fail = (what: string) => failures.length < 15 && failures.push(what);
        const statuses = new Map<string, number>();
        const count = (kind: string, status: number) =>
            statuses.set(`${kind} ${status}`, (statuses.get(`${kind} ${status}`) ?? 0) + 1);
        const knownCodes = (label: string, body: unknown) => {
            for (const code of codesOf(body))
                if (!SUCCESS_CODES.has(code) && !REFUSAL_CODES.has(code))
                    fail(`unknown code ${code} (add it to the fuzz's codes if it is new): ${label}`);
        };

        // 1. Every valid request of the contract (the endless event stream aside), as the contract runner checks it.
        const valid = shuffle(cases.filter((c) => c.call.key !== 'LOCAL GET /events/stream'));
        // 2. Mutations of contract requests and random requests, interleaved with them.
        const started = Date.now();
        let mutated = 0;
        let validSent = 0;
        for (const c of valid) {
            if (Date.now() - started > BUDGET_MS) break;
            await isolated(async () => {
                const before = snapshot(org, golden);
                const changesBefore = changes();
                const answer = await send(golden, org, c);
                validSent++;
                count('valid', answer.status);
                const label = `${c.source} ${c.persona}/${c.state} → ${answer.status} ${answer.text.slice(0, 200)}`;
                if (answer.status >= 500) fail(`5xx: ${label}`);
                knownCodes(label, answer.body);
                for (const problem of check(golden, c, answer, before, snapshot(org, golden)))
                    fail(`contract: ${problem}: ${label}`);
                if (refused(answer.status, answer.body) && changes() !== changesBefore)
                    fail(`refused but wrote: ${label}`);
            });
            for (let i = 0; i < 1 && mutated < COUNT; i++, mutated++) {
                const base = pick(valid);
                let request: FuzzRequest;
                if (chance(0.2) || base.call.key === 'LOCAL GET /events/stream') {
                    request = randomRequest(routes);
                } else {
                    request = await buildCase(base);
                    const how = chance(0.5)
                        ? forgeCredentials(request)
                        : mutate(request, routeOf.get(base.call.key));
                    request.what += ` with ${how}`;
                }
                await sendMutated(request, fail, knownCodes, count);
            }
        }
        // More mutations while the budget lasts.
        while (mutated < COUNT && Date.now() - started < BUDGET_MS) {
            mutated++;
            const base = pick(valid);
            const request = await buildCase(base);
            request.what += ` with ${chance(0.5) ? forgeCredentials(request) : mutate(request, routeOf.get(base.call.key))}`;
            await sendMutated(request, fail, knownCodes, count);
        }

        // 3. Refusals of the event stream: no session, junk cookies, the invited rep, a bearer token, other methods.
        for (let i = 0; i < 40; i++) {
            const persona = pick(PERSONAS);
            const p = personaInfo(persona);
            const cookiesOf: Record<string, string> = {};
            const headers: Record<string, string> = {};
            let method = 'GET';
            let expected: number[] = [401, 403];
            switch (int(5)) {
                case 0:
                    break;
                case 1:
                    cookiesOf.canal_sid = pick(['', 'x', `${p?.sid ?? 'y'}x`, pick(INJECTIONS)]);
                    break;
                case 2:
                    cookiesOf.canal_sid = golden.personas.invitedRep!.sid;
                    expected = [403];
                    break;
                case 3:
                    headers.authorization = `Bearer ${p?.token || 'x'}`;
                    break;
                default:
                    method = pick(['POST', 'PUT', 'DELETE', 'PATCH']);
                    if (p) cookiesOf.canal_sid = p.sid;
                    expected = [404];
            }
            const response = await isolated(() =>
                org.app.inject({
                    method: method as 'GET',
                    url: '/events/stream',
                    cookies: cookiesOf,
                    headers
                })
            );
            count('stream', response.statusCode);
            if (!expected.includes(response.statusCode))
                fail(
                    `/events/stream ${method} as ${persona} → ${response.statusCode}, expected ${expected.join('/')}`
                );
            knownCodes(`/events/stream ${response.statusCode}`, bodyOf(response));
        }

        console.log(
            `fuzz seed ${SEED}: ${validSent} of ${valid.length} contract requests and ${mutated} mutated or random ones in ${Date.now() - started} ms; ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`
        );
        expect(failures).toEqual([]);
        // Every contract request was sent (the budget is for the mutations), and many mutations went too.
        expect(validSent).toBe(valid.length);
        expect(mutated).toBeGreaterThanOrEqual(Math.min(COUNT, valid.length / 2));
        expect((await org.app.inject({ method: 'GET', url: '/login' })).statusCode).toBe(200);
    });

    /** Sends a mutated request and judges it as the persona its credentials prove. */
    async function sendMutated(
        request: FuzzRequest,
        fail: (what: string) => void,
        knownCodes: (label: string, body: unknown) => void,
        count: (kind: string, status: number) => void
    ): Promise<void> {
        await isolated(async () => {
            const before = snapshot(org, golden);
            const changesBefore = changes();
            const response = await org.app.inject({
                method: request.method as 'GET',
                url: request.url,
                headers: request.headers,
                cookies: request.cookies,
                payload: request.payload
            });
            count('mutated', response.statusCode);
            const body = bodyOf(response);
            const label = `${request.what}: ${request.method} ${request.url.slice(0, 100)} → ${response.statusCode} ${response.body.slice(0, 160)}`;
            if (response.statusCode >= 500) fail(`5xx: ${label}`);
            knownCodes(label, body);
            const after = snapshot(org, golden);
            if (refused(response.statusCode, body)) {
                if (changes() !== changesBefore) fail(`refused but wrote: ${label}`);
                return;
            }
            // Went through: only what the contract lets this persona change with this call may change, and the
            // answer names only what it may name.
            const judges = judgingCases(request);
            for (const [key, row] of before) {
                if (after.get(key) === row) continue;
                const state = key.split(':')[1] as RecordState;
                if (!judges.some((c) => c.mayChange.includes(state)))
                    fail(
                        `${request.persona} changed the ${key} record through ${request.call ?? 'no contract call'}: ${label}`
                    );
            }
            const sent = decodeURIComponent(request.url) + (request.payload ?? '');
            for (const [id, f] of fixtures) {
                if (sent.includes(id) || !response.body.includes(id)) continue;
                if (!judges.some((c) => c.mayContain.includes(f.state)))
                    fail(
                        `${request.persona} was shown the ${f.state} ${f.object} through ${request.call ?? 'no contract call'}: ${label}`
                    );
            }
        });
    }

    it('checks answers the way the contract runner does (a smoke test of the judge itself)', () => {
        const answer: Answer = { status: 200, body: { code: 'OK' }, text: '{"code":"OK"}' };
        const c = cases.find((x) => x.expect === 'NOT_FOUND' && x.call.kind === 'aura')!;
        expect(check(golden, c, answer, new Map(), new Map()).length).toBeGreaterThan(0);
        expect(outcomeOf(403, { code: 'NOT_OWNER' })).toBe('NOT_OWNER');
    });

    it('survives malformed HTTP on a real socket and keeps answering', async () => {
        await org.app.listen({ host: '127.0.0.1', port: 0 });
        const { port } = org.app.server.address() as AddressInfo;
        const raw = [
            'GARBAGE\r\n\r\n',
            'GET /login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
            'POST /services/oauth2/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
            `GET /login HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
            'POST /apex/LeadClaimController/claimLead HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"leadId":',
            'GET /%%%% HTTP/1.1\r\nHost: x\r\n\r\n',
            'GET /s/\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'
        ];
        for (const text of raw) {
            const answer = await new Promise<string>((resolve) => {
                const socket = connect(port, '127.0.0.1', () => socket.end(text));
                let data = '';
                socket.on('data', (chunk) => (data += chunk.toString()));
                socket.on('close', () => resolve(data));
                socket.on('error', () => resolve(data));
                socket.setTimeout(3000, () => socket.destroy());
            });
            expect(answer).not.toMatch(/^HTTP\/1\.1 5/);
        }
        const ok = await fetch(`http://127.0.0.1:${port}/login`);
        expect(ok.status).toBe(200);
    });
});
