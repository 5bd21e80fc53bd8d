import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLocalOrg, DEFAULT_OAUTH_CLIENT, type LocalOrg } from '../../server/app.js';
import { DealRegistrationService } from '../../server/apex/DealRegistrationService.js';
import { BrowserSession, cookies, seedUser } from '../helpers.js';
import { outcomeOf, STATES, type ContractCase, type Persona, type RecordState } from './accessContract.js';

/**
 * Runs the access contract's cases against the local org. One "golden" data folder is prepared once: every persona
 * logged in (browser session and API token) and one fixture record per record state, made through the same
 * routes a user would use. Each case then runs on a copy of that folder (a fresh data dir), so a write in one
 * case never leaks into the next.
 */

export const PERSONA_USERS: Record<Exclude<Persona, 'noSession'>, string> = {
    repHolding: 'ana.garcia@iberia.example',
    colleague: 'alberto.ruiz@iberia.example',
    otherPartnerRep: 'bruno.silva@andes.example',
    invitedRep: 'carlos.ortega@sierra.example',
    channelManager: 'marta.vidal@nimbus.example',
    admin: 'admin@nimbus.example'
};

/** Literals of the fixtures, the same in the Apex runner (docs/ACCESS-CONTRACT.md). */
export const FIXTURE = {
    releaseReason: 'Motivo del otro socio',
    otherPartnerPhone: '+57 601 555 0199',
    amounts: { own: 11111, colleagues: 22222, otherPartners: 154000, closed: 33333 },
    /** Deal registrations: the rejection reason of the rejected fixture. */
    rejectionReason: 'Motivo del rechazo del registro'
} as const;

const STATUS = {
    open: 'Open - Not Contacted',
    working: 'Working - Contacted',
    closed: 'Closed - Not Converted'
};

interface PersonaInfo {
    Id: string;
    Name: string;
    Username: string;
    sid: string;
    csrf: string;
    token: string;
}

type Row = Record<string, unknown>;

export interface Golden {
    dir: string;
    personas: Partial<Record<Persona, PersonaInfo>>;
    leads: Partial<Record<RecordState, Row>>;
    opportunities: Partial<Record<RecordState, Row>>;
    /** Deal_Registration__c fixtures: own, colleagues, otherPartners (Submitted), approved, rejected. */
    registrations: Partial<Record<RecordState, Row>>;
    accounts: Record<string, Row>;
    orgId: string;
    dispose(): void;
}

async function open(dir: string): Promise<LocalOrg> {
    return createLocalOrg({ dataDir: dir, queueLeads: 20, recallIntervalMs: 0, loginRateLimit: 100_000 });
}

function must<T>(value: T | undefined, what: string): T {
    if (value === undefined || value === null) throw new Error(`Access contract fixture: ${what}`);
    return value;
}

async function apex(org: LocalOrg, p: PersonaInfo, call: string, params: unknown): Promise<Row> {
    const [className, method] = call.split('.');
    const response = await org.app.inject({
        method: 'POST',
        url: `/apex/${className}/${method}`,
        cookies: { canal_sid: p.sid },
        headers: { 'content-type': 'application/json', 'x-csrf-token': p.csrf },
        payload: JSON.stringify(params)
    });
    const body = response.json() as Row;
    if (response.statusCode !== 200)
        throw new Error(`fixture ${call}: ${response.statusCode} ${response.body}`);
    return body;
}

function expectCode(body: Row, code: string, what: string): void {
    if (body.code !== code) throw new Error(`fixture ${what}: ${JSON.stringify(body)}`);
}

/** Builds the golden data folder: sessions, tokens and the fixture records of every state. */
export async function buildGolden(): Promise<Golden> {
    const dir = mkdtempSync(path.join(tmpdir(), 'canal-contract-'));
    const org = await open(dir);
    const db = org.ctx.db;
    const personas: Golden['personas'] = {};
    for (const [persona, username] of Object.entries(PERSONA_USERS) as Array<[Persona, string]>) {
        const seed = seedUser(username);
        const session = new BrowserSession(org);
        await session.login(username, seed.password);
        const user = db
            .prepare('SELECT id, first_name, last_name FROM users WHERE username = ?')
            .get(username) as {
            id: string;
            first_name: string;
            last_name: string;
        };
        let token = '';
        if (persona !== 'invitedRep') {
            const response = await org.app.inject({
                method: 'POST',
                url: '/services/oauth2/token',
                payload: {
                    grant_type: 'password',
                    client_id: DEFAULT_OAUTH_CLIENT.clientId,
                    client_secret: DEFAULT_OAUTH_CLIENT.clientSecret,
                    username,
                    password: seed.password
                }
            });
            token = (response.json() as { access_token: string }).access_token;
        }
        personas[persona] = {
            Id: user.id,
            Name: `${user.first_name} ${user.last_name}`,
            Username: username,
            sid: must(session.sid || undefined, `session of ${persona}`),
            csrf: session.csrf,
            token
        };
    }
    const ana = personas.repHolding!;
    const alberto = personas.colleague!;
    const bruno = personas.otherPartnerRep!;

    // Room to claim: the fixtures are about who sees what, not about limits (the claim scenarios pin those).
    db.prepare(
        'UPDATE accounts SET lead_claim_limit = 100, daily_claim_limit = 100 WHERE id IN (SELECT account_id FROM users WHERE id IN (?, ?))'
    ).run(ana.Id, bruno.Id);
    const queueLeads = db
        .prepare(
            'SELECT l.id FROM leads l JOIN queues q ON q.id = l.owner_id WHERE q.is_default = 1 AND l.is_converted = 0 ORDER BY l.created_date, l.id LIMIT 7'
        )
        .all() as Array<{ id: string }>;
    const ids = queueLeads.map((l) => l.id);
    const leadOf: Partial<Record<RecordState, string>> = {
        queueOwned: ids[0],
        own: ids[1],
        colleagues: ids[2],
        otherPartners: ids[3],
        closed: ids[4],
        converted: ids[5],
        releasedByOtherPartner: ids[6]
    };
    const claim = async (p: PersonaInfo, id: string) =>
        expectCode(
            await apex(org, p, 'LeadClaimController.claimLead', { leadId: id }),
            'CLAIMED',
            `claim ${id}`
        );
    await claim(ana, leadOf.own!);
    await claim(alberto, leadOf.colleagues!);
    await claim(bruno, leadOf.otherPartners!);
    await claim(ana, leadOf.closed!);
    expectCode(
        await apex(org, ana, 'LeadClaimController.updateLeadStatus', {
            leadId: leadOf.closed,
            status: STATUS.closed
        }),
        'UPDATED',
        'close'
    );
    await claim(ana, leadOf.converted!);
    expectCode(
        await apex(org, ana, 'LeadClaimController.convertLead', { leadId: leadOf.converted }),
        'CONVERTED',
        'convert'
    );
    await claim(bruno, leadOf.releasedByOtherPartner!);
    const form = await apex(org, bruno, 'LeadEditController.describeLeadForm', {
        leadId: leadOf.releasedByOtherPartner
    });
    expectCode(
        await apex(org, bruno, 'LeadEditController.saveLead', {
            leadId: leadOf.releasedByOtherPartner,
            values: { Phone: FIXTURE.otherPartnerPhone },
            version: form.version
        }),
        'SAVED',
        'edit before release'
    );
    expectCode(
        await apex(org, bruno, 'LeadClaimController.releaseLead', {
            leadId: leadOf.releasedByOtherPartner,
            reason: FIXTURE.releaseReason
        }),
        'RELEASED',
        'release'
    );

    const customerOf = (partnerUser: string) =>
        db
            .prepare(
                'SELECT a.id, a.name FROM accounts a JOIN users u ON u.account_id = a.partner_account_id WHERE u.id = ? AND a.is_partner = 0 ORDER BY a.id LIMIT 1'
            )
            .get(partnerUser) as Row;
    const accounts: Golden['accounts'] = {
        holdingPartner: db
            .prepare('SELECT id, name FROM accounts WHERE id = (SELECT account_id FROM users WHERE id = ?)')
            .get(ana.Id) as Row,
        otherPartner: db
            .prepare('SELECT id, name FROM accounts WHERE id = (SELECT account_id FROM users WHERE id = ?)')
            .get(bruno.Id) as Row,
        holdingCustomer: must(customerOf(ana.Id), 'a customer of the holding partner'),
        otherCustomer: must(customerOf(bruno.Id), 'a customer of the other partner')
    };
    const closeDate = new Date(org.ctx.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const deal = async (p: PersonaInfo, state: keyof typeof FIXTURE.amounts, account: Row, stage: string) => {
        const saved = await apex(org, p, 'OpportunityController.saveOpportunity', {
            input: {
                id: null,
                name: `Contrato ${state} ${p.Name}`,
                accountId: account.id,
                stageName: stage,
                amount: FIXTURE.amounts[state],
                closeDate,
                nextStep: `Siguiente paso ${state}`,
                description: null
            }
        });
        expectCode(saved, 'SAVED', `deal ${state}`);
        return saved.recordId as string;
    };
    const oppOf: Partial<Record<RecordState, string>> = {
        own: await deal(ana, 'own', accounts.holdingCustomer!, 'Prospecting'),
        colleagues: await deal(alberto, 'colleagues', accounts.holdingCustomer!, 'Prospecting'),
        otherPartners: await deal(bruno, 'otherPartners', accounts.otherCustomer!, 'Qualification'),
        closed: await deal(ana, 'closed', accounts.holdingCustomer!, 'Closed Won')
    };
    const leads: Golden['leads'] = {};
    // The cursor of each lead's latest audit row, as the activity feed gives it (none for a lead never claimed).
    for (const [state, id] of Object.entries(leadOf)) {
        const audit = db
            .prepare('SELECT occurred_at, id FROM lead_claims WHERE lead_id = ? ORDER BY seq DESC LIMIT 1')
            .get(id) as { occurred_at: string; id: string } | undefined;
        leads[state as RecordState] = {
            ...(db.prepare('SELECT * FROM leads WHERE id = ?').get(id) as Row),
            activity_cursor: audit ? `${audit.occurred_at}|${audit.id}` : null
        };
    }
    const opportunities: Golden['opportunities'] = {};
    for (const [state, id] of Object.entries(oppOf))
        opportunities[state as RecordState] = db
            .prepare('SELECT * FROM opportunities WHERE id = ?')
            .get(id) as Row;
    const registrations = await buildRegistrations(org, personas, leads.otherPartners!);
    await org.close();
    return {
        dir,
        personas,
        leads,
        opportunities,
        registrations,
        accounts,
        orgId: org.ctx.orgId,
        dispose: () => rmSync(dir, { recursive: true, force: true })
    };
}

/**
 * The deal registration fixtures, made through the methods a rep and the channel manager use: `own` (repHolding's,
 * Submitted, colliding with otherPartnerRep's lead, so a conflict detail exists that a rep must never see),
 * `colleagues` (colleague's), `otherPartners` (otherPartnerRep's), `approved` and `rejected` (repHolding's, decided
 * by the channel manager). Each row carries `cursor`: a getMyRegistrations cursor on it, bound to its partner.
 */
async function buildRegistrations(
    org: LocalOrg,
    personas: Partial<Record<Persona, PersonaInfo>>,
    otherPartnersLead: Row
): Promise<Golden['registrations']> {
    const submit = async (p: PersonaInfo, state: string, company: string) => {
        const result = await apex(org, p, 'DealRegistrationController.submitRegistration', {
            input: {
                company,
                contactName: `Contacto ${state}`,
                contactEmail: `compras@registro-${state.toLowerCase()}.example`,
                contactPhone: null,
                country: 'España',
                taxId: null,
                productInterest: null,
                amount: 5000,
                closeDate: null,
                description: `Registro ${state}`
            },
            submitKey: `contract-${state}`
        });
        expectCode(result, 'SUBMITTED', `registration ${state}`);
        return result.recordId as string;
    };
    const manager = personas.channelManager!;
    const idOf: Partial<Record<RecordState, string>> = {
        own: await submit(personas.repHolding!, 'own', otherPartnersLead.company as string),
        colleagues: await submit(personas.colleague!, 'colleagues', 'Registro del Colega S.L.'),
        otherPartners: await submit(
            personas.otherPartnerRep!,
            'otherPartners',
            'Registro del Otro Socio S.A.'
        ),
        approved: await submit(personas.repHolding!, 'approved', 'Registro Aprobado S.L.'),
        rejected: await submit(personas.repHolding!, 'rejected', 'Registro Rechazado S.L.')
    };
    const decided = async (call: string, params: Row, code: string) => {
        const results = (await apex(org, manager, call, params)) as unknown as Row[];
        if (!Array.isArray(results) || results[0]?.code !== code)
            throw new Error(`Access contract fixture: ${call} gave ${JSON.stringify(results)}`);
    };
    await decided('DealRegistrationController.approveRegistrations', { ids: [idOf.approved] }, 'APPROVED');
    await decided(
        'DealRegistrationController.rejectRegistrations',
        { ids: [idOf.rejected], reason: FIXTURE.rejectionReason },
        'REJECTED'
    );
    const registrations: Golden['registrations'] = {};
    for (const [state, id] of Object.entries(idOf)) {
        const row = org.ctx.db.prepare('SELECT * FROM deal_registrations WHERE id = ?').get(id) as Row;
        registrations[state as RecordState] = {
            ...row,
            cursor: DealRegistrationService.encodeCursor(row.partner_account_id as string, id)
        };
    }
    return registrations;
}

/** A copy of the golden data folder, opened as a new local org. */
export async function freshOrg(golden: Golden): Promise<{ org: LocalOrg; dispose(): Promise<void> }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'canal-contract-case-'));
    for (const suffix of ['', '-wal', '-shm']) {
        const file = path.join(golden.dir, `canal.sqlite${suffix}`);
        if (existsSync(file)) copyFileSync(file, path.join(dir, `canal.sqlite${suffix}`));
    }
    const org = await open(dir);
    return {
        org,
        async dispose() {
            await org.close();
            rmSync(dir, { recursive: true, force: true });
        }
    };
}

const SNAKE = (field: string) => field.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function recordField(record: Row | undefined, field: string, what: string): unknown {
    if (!record) throw new Error(`${what}: no fixture record`);
    if (field === 'Version' && 'last_modified_date' in record)
        return String(Date.parse(record.last_modified_date as string));
    if (field === 'ActivityCursor') return record.activity_cursor ?? null;
    if (field === 'Name' && 'last_name' in record)
        return [record.first_name, record.last_name].filter(Boolean).join(' ');
    // A custom field (Company__c) is its snake-case column without the suffix (company).
    const column = SNAKE(field.replace(/__c$/, ''));
    if (!(column in record)) throw new Error(`${what}: the fixture has no ${field}`);
    return record[column];
}

/** Resolves one $placeholder for a case. */
export function resolvePlaceholder(golden: Golden, c: ContractCase, text: string): unknown {
    const parts = text.slice(1).split('.');
    const [head, a, b] = parts;
    const record =
        c.object === 'Opportunity'
            ? golden.opportunities[c.state]
            : c.object === 'Deal_Registration__c'
              ? golden.registrations[c.state]
              : golden.leads[c.state];
    switch (head) {
        case 'record':
            return recordField(record, a!, `${c.source} ${text}`);
        case 'persona': {
            const p = golden.personas[a as Persona];
            if (!p) throw new Error(`${c.source}: no persona ${a}`);
            return p[b as keyof PersonaInfo];
        }
        case 'account': {
            const account = golden.accounts[a!];
            if (!account) throw new Error(`${c.source}: no account ${a}`);
            return b === 'Name' ? account.name : account.id;
        }
        case 'org':
            return golden.orgId;
        case 'status':
            return STATUS[a as keyof typeof STATUS];
        case 'fixture':
            return FIXTURE[a as 'releaseReason' | 'otherPartnerPhone' | 'rejectionReason'];
        case 'today':
            return new Date().toISOString().slice(0, 10);
        case 'nextMonth':
            return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        default:
            throw new Error(`${c.source}: unknown placeholder ${text}`);
    }
}

/** Replaces every placeholder in a JSON value: "$x.y" whole, or "{$x.y}" inside a longer string. */
export function resolve(golden: Golden, c: ContractCase, value: unknown): unknown {
    if (typeof value === 'string') {
        if (/^\$[\w./]+$/.test(value)) return resolvePlaceholder(golden, c, value);
        return value.replace(/\{(\$[\w./]+)\}/g, (_m, p: string) => String(resolvePlaceholder(golden, c, p)));
    }
    if (Array.isArray(value)) return value.map((v) => resolve(golden, c, v));
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(golden, c, v)]));
    return value;
}

export interface Answer {
    status: number;
    body: unknown;
    text: string;
    location?: string;
}

/** Sends a case's request as its persona. */
export async function send(golden: Golden, org: LocalOrg, c: ContractCase): Promise<Answer> {
    const persona = c.persona === 'noSession' ? undefined : golden.personas[c.persona];
    const params = resolve(golden, c, c.params) as Record<string, unknown>;
    const cookieJar: Record<string, string> = persona ? { canal_sid: persona.sid } : {};
    const headers: Record<string, string> = {};
    let method: string;
    let url: string;
    let payload: string | undefined;
    if (c.call.kind === 'aura') {
        method = 'POST';
        url = `/apex/${c.call.className}/${c.call.methodName}`;
        headers['content-type'] = 'application/json';
        if (persona) headers['x-csrf-token'] = persona.csrf;
        payload = JSON.stringify(params);
    } else {
        method = c.call.verb!;
        const pathParams = (params.path ?? {}) as Record<string, unknown>;
        let routePath = c.call.path!.replace(/:(\w+)/g, (_m, name: string) =>
            encodeURIComponent(String(pathParams[name] ?? ''))
        );
        if (routePath.endsWith('*')) routePath = routePath.slice(0, -1) + String(pathParams['*'] ?? '');
        url = c.call.kind === 'rest' ? `/services/apexrest${routePath}` : routePath;
        const query = (params.query ?? {}) as Record<string, unknown>;
        const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
        if (search) url += `?${search}`;
        if (c.call.kind === 'local' && persona) headers['x-csrf-token'] = persona.csrf;
        if (c.call.kind === 'rest' || params.bearer) {
            if (persona?.token) headers.authorization = `Bearer ${persona.token}`;
            delete cookieJar.canal_sid;
        }
        if (params.body !== undefined) {
            if (params.form) {
                const form = { ...(params.body as Record<string, string>) };
                if (url.startsWith('/login')) {
                    const page = await org.app.inject({ method: 'GET', url: '/login' });
                    const loginCsrf = cookies(page)['canal_login_csrf']!.split(';')[0]!.split('=')[1]!;
                    cookieJar.canal_login_csrf = loginCsrf;
                    form.csrf ??= loginCsrf;
                } else if (persona) {
                    form.csrf ??= persona.csrf;
                }
                headers['content-type'] = 'application/x-www-form-urlencoded';
                payload = new URLSearchParams(form).toString();
            } else {
                headers['content-type'] = 'application/json';
                payload = JSON.stringify(params.body);
            }
        }
    }
    if (c.call.key === 'LOCAL GET /events/stream' && persona) return streamHead(org, url, cookieJar);
    const response = await org.app.inject({
        method: method as 'GET',
        url,
        cookies: cookieJar,
        headers,
        payload
    });
    let body: unknown = response.body;
    try {
        body = response.json();
    } catch {
        // HTML or text
    }
    return {
        status: response.statusCode,
        body,
        text: response.body,
        location: response.headers.location as string | undefined
    };
}

/** An event stream never ends: open it over a real socket, read the status, and hang up. */
async function streamHead(org: LocalOrg, url: string, jar: Record<string, string>): Promise<Answer> {
    await org.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = org.app.server.address() as AddressInfo;
    const abort = new AbortController();
    try {
        const response = await fetch(`http://127.0.0.1:${port}${url}`, {
            headers: {
                cookie: Object.entries(jar)
                    .map(([k, v]) => `${k}=${v}`)
                    .join('; ')
            },
            signal: abort.signal
        });
        const text = response.ok ? '' : await response.text();
        let body: unknown = text;
        try {
            body = JSON.parse(text);
        } catch {
            // not JSON
        }
        return { status: response.status, body, text };
    } finally {
        abort.abort();
    }
}

/** The fixture records as stored now, by state and object, for the mayChange check. */
export function snapshot(org: LocalOrg, golden: Golden): Map<string, string> {
    const db = org.ctx.db;
    const rows = new Map<string, string>();
    for (const [state, lead] of Object.entries(golden.leads)) {
        const row = db.prepare('SELECT * FROM leads WHERE id = ?').get(lead!.id);
        rows.set(`Lead:${state}`, JSON.stringify(row));
    }
    for (const [state, opp] of Object.entries(golden.opportunities)) {
        const row = db.prepare('SELECT * FROM opportunities WHERE id = ?').get(opp!.id);
        rows.set(`Opportunity:${state}`, JSON.stringify(row));
    }
    for (const [state, registration] of Object.entries(golden.registrations)) {
        const row = db.prepare('SELECT * FROM deal_registrations WHERE id = ?').get(registration!.id);
        rows.set(`Deal_Registration__c:${state}`, JSON.stringify(row));
    }
    return rows;
}

function text(value: unknown): string {
    return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Checks one case's answer; returns what is wrong, or []. */
export function check(
    golden: Golden,
    c: ContractCase,
    answer: Answer,
    before: Map<string, string>,
    after: Map<string, string>
): string[] {
    const problems: string[] = [];
    const actual = c.call.kind === 'aura' ? outcomeOf(answer.status, answer.body) : answer.status;
    if (actual !== c.expect)
        problems.push(`expected ${c.expect}, got ${actual}: ${answer.text.slice(0, 300)}`);
    if (c.code !== undefined) {
        const code = (answer.body as Row | undefined)?.code;
        if (code !== c.code) problems.push(`expected code ${c.code}, got ${String(code)}`);
    }
    if (c.location !== undefined && !(answer.location ?? '').startsWith(c.location))
        problems.push(`expected a redirect to ${c.location}, got ${String(answer.location)}`);
    for (const wanted of c.mustContain) {
        const value = text(resolve(golden, c, wanted));
        if (!answer.text.includes(value)) problems.push(`the answer lacks ${wanted} (${value})`);
    }
    for (const banned of c.mustNotContain) {
        const value = resolve(golden, c, banned);
        if (value === null || value === undefined || value === '') continue;
        if (answer.text.includes(text(value)))
            problems.push(`the answer contains ${banned} (${text(value)})`);
    }
    // An id the caller sent may come back (a result names its lead): that tells them nothing new.
    const sent = JSON.stringify(resolve(golden, c, c.params));
    for (const state of STATES) {
        if (c.mayContain.includes(state)) continue;
        for (const record of [
            golden.leads[state],
            golden.opportunities[state],
            golden.registrations[state]
        ]) {
            const id = record?.id as string | undefined;
            if (id && !sent.includes(id.slice(0, 15)) && answer.text.includes(id.slice(0, 15)))
                problems.push(
                    `the answer names the ${state} record ${id} (mayContain: ${c.mayContain.join(', ') || 'none'})`
                );
        }
    }
    for (const [key, row] of before) {
        const state = key.split(':')[1] as RecordState;
        if (after.get(key) !== row && !c.mayChange.includes(state))
            problems.push(`the ${key} record changed (mayChange: ${c.mayChange.join(', ') || 'none'})`);
    }
    return problems;
}
