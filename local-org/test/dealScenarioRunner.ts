/**
 * Runs the deal registration scenarios (force-app/main/default/staticresources/DealRegistrationScenarios.json,
 * format: docs/DEAL-REGISTRATION.md) against the local org's twin, as DealRegistrationScenarioRunner does in Apex.
 * Each scenario gets a fresh in-memory database, the file's cast and a manual clock; each step's answer is projected
 * onto the shape of what the file expects, so a scenario reads as a list of (expected, actual) pairs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DealRegistrationInput } from 'canal/apex/DealRegistrationController';
import { DealRegistrationExpiry } from '../server/apex/DealRegistrationExpiry.js';
import { DealRegistrationService } from '../server/apex/DealRegistrationService.js';
import { LeadClaimService } from '../server/apex/LeadClaimService.js';
import type { UserRecord } from '../server/apex/LeadClaimSelector.js';
import { ApexError } from '../server/apex/shared/AuraErrors.js';
import { ManualClock } from '../server/clock.js';
import { newId, openDatabase, type Db } from '../server/db/database.js';
import { OPPORTUNITY_STAGES } from '../server/db/picklists.js';
import type { DealRule } from '../server/metadata/dealRules.js';
import { loadLabels, type Language } from '../server/metadata/labels.js';
import { METADATA_ROOT } from '../server/metadata/paths.js';

export const DEAL_SCENARIO_FILE = path.join(
    METADATA_ROOT,
    'staticresources',
    'DealRegistrationScenarios.json'
);

type Json = unknown;
type Obj = Record<string, unknown>;

export interface DealScenarioFile {
    start: string;
    statuses: Array<{ key: string; value: string; converted: boolean; closed: boolean; default?: boolean }>;
    rules: DealRule[];
    claimRules: Array<{ tier: string; maxOpen: number; maxPerDay: number; holdHours: number | null }>;
    queues: Array<{ key: string; default?: boolean }>;
    partners: Array<{ key: string; name: string; tier: string | null }>;
    users: Array<{
        key: string;
        role: 'rep' | 'direct' | 'channelManager' | 'admin';
        partner: string | null;
        language: Language;
        queues: string[];
    }>;
    defaultInput: DealRegistrationInput;
    scenarios: DealScenario[];
}

export interface DealScenario {
    name: string;
    description: string;
    customers?: Array<{ key: string; name: string }>;
    leads: Array<{
        key: string;
        owner: string;
        company: string;
        email?: string;
        status?: string;
        converted?: boolean;
    }>;
    opportunities?: Array<{ key: string; owner: string; account: string; stage: 'open' | 'won' | 'lost' }>;
    steps: Array<Obj & { do: string; as?: string; expect?: Json }>;
    end: {
        registrations?: Record<string, Obj>;
        registrationCount?: number;
        leads?: Record<string, Obj>;
        notifications?: string[];
        notificationText?: Array<{
            to: string;
            kind: string;
            registration: string;
            contains?: string[];
            mustNotContain?: string[];
        }>;
    };
}

/** One comparison: what the file expects at a place, and what the twin did. */
export interface Check {
    where: string;
    expected: Json;
    actual: Json;
}

export function loadDealScenarioFile(file = DEAL_SCENARIO_FILE): DealScenarioFile {
    return JSON.parse(readFileSync(file, 'utf8')) as DealScenarioFile;
}

const PERSONA = { rep: 'partner_rep', direct: 'internal', channelManager: 'channel_manager', admin: 'admin' };

/** Builds the cast in a fresh database, runs the scenario and returns every comparison it makes. */
export function runDealScenario(file: DealScenarioFile, scenario: DealScenario): Check[] {
    const db: Db = openDatabase(':memory:');
    const clock = new ManualClock(new Date(file.start));
    const labels = loadLabels();
    const closedStatuses = file.statuses.filter((s) => s.closed).map((s) => s.value);
    const ids = new Map<string, string>();
    const keyOf = new Map<string, string>();
    const remember = (key: string, id: string) => {
        ids.set(key, id);
        keyOf.set(id, key);
    };

    file.statuses.forEach((s, i) =>
        db
            .prepare(
                'INSERT INTO lead_statuses (value, is_converted, is_default, sort_order) VALUES (?, ?, ?, ?)'
            )
            .run(s.value, s.converted ? 1 : 0, s.default ? 1 : 0, i)
    );
    for (const q of file.queues) {
        const id = newId(db, 'Group');
        remember(`queue:${q.key}`, id);
        db.prepare('INSERT INTO queues (id, developer_name, name, is_default) VALUES (?, ?, ?, ?)').run(
            id,
            q.key,
            q.key,
            q.default ? 1 : 0
        );
    }
    for (const p of file.partners) {
        const id = newId(db, 'Account');
        remember(`partner:${p.key}`, id);
        db.prepare(
            'INSERT INTO accounts (id, name, is_partner, partner_tier, created_date) VALUES (?, ?, 1, ?, ?)'
        ).run(id, p.name, p.tier, file.start);
    }
    for (const u of file.users) {
        const id = newId(db, 'User');
        remember(`user:${u.key}`, id);
        db.prepare(
            "INSERT INTO users (id, username, first_name, last_name, email, language, persona, account_id, password_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x')"
        ).run(
            id,
            `${u.key}@scenario.test`,
            u.key,
            'Scenario',
            `${u.key}@scenario.test`,
            u.language,
            PERSONA[u.role],
            u.partner ? ids.get(`partner:${u.partner}`) : null
        );
        for (const q of u.queues)
            db.prepare('INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?)').run(
                ids.get(`queue:${q}`),
                id
            );
    }
    const partnerOfUser = (ref: string): string | null => {
        const u = file.users.find((x) => `user:${x.key}` === ref);
        return u?.partner ? ids.get(`partner:${u.partner}`)! : null;
    };
    for (const c of scenario.customers ?? []) {
        const id = newId(db, 'Account');
        remember(`customer:${c.key}`, id);
        db.prepare('INSERT INTO accounts (id, name, is_partner, created_date) VALUES (?, ?, 0, ?)').run(
            id,
            c.name,
            file.start
        );
    }
    const status = (ref: string | undefined, converted: boolean | undefined): string => {
        if (converted) return file.statuses.find((s) => s.converted)!.value;
        if (!ref) return file.statuses.find((s) => s.default)!.value;
        return file.statuses.find((s) => `status:${s.key}` === ref)!.value;
    };
    for (const l of scenario.leads) {
        const id = newId(db, 'Lead');
        remember(`lead:${l.key}`, id);
        db.prepare(
            `INSERT INTO leads (id, last_name, company, email, status, owner_id, partner_account_id, is_converted, created_date, last_modified_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(
            id,
            `Lead ${l.key}`,
            l.company,
            l.email ?? null,
            status(l.status, l.converted),
            ids.get(l.owner),
            partnerOfUser(l.owner),
            l.converted ? 1 : 0,
            file.start,
            file.start
        );
    }
    const stageOf = (stage: 'open' | 'won' | 'lost') =>
        stage === 'open'
            ? OPPORTUNITY_STAGES.find((s) => !s.closed)!
            : OPPORTUNITY_STAGES.find((s) => s.closed && s.won === (stage === 'won'))!;
    for (const o of scenario.opportunities ?? []) {
        const accountId = newId(db, 'Account');
        db.prepare('INSERT INTO accounts (id, name, is_partner, created_date) VALUES (?, ?, 0, ?)').run(
            accountId,
            o.account,
            file.start
        );
        const id = newId(db, 'Opportunity');
        remember(`opportunity:${o.key}`, id);
        const stage = stageOf(o.stage);
        db.prepare(
            `INSERT INTO opportunities (id, name, account_id, partner_account_id, owner_id, stage_name, probability, close_date, created_date, last_modified_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(
            id,
            `Deal ${o.key}`,
            accountId,
            partnerOfUser(o.owner),
            ids.get(o.owner),
            stage.value,
            stage.probability,
            '2026-06-30',
            file.start,
            file.start
        );
    }

    const claimRules = file.claimRules.map((r) => ({
        developerName: r.tier,
        tier: r.tier === 'Default' ? null : r.tier,
        maxOpen: r.maxOpen,
        maxPerDay: r.maxPerDay,
        holdHours: r.holdHours
    }));
    const claims = new LeadClaimService({ db, clock, rules: claimRules, labels, closedStatuses });
    const deals = new DealRegistrationService({ db, clock, labels, closedStatuses, rules: file.rules });
    const expiry = new DealRegistrationExpiry({ db, clock, labels, rules: file.rules });
    const user = (key: string | undefined): UserRecord =>
        db.prepare('SELECT * FROM users WHERE id = ?').get(ids.get(`user:${key}`)) as UserRecord;
    const regId = (key: string): string =>
        key === '#missing' ? 'a03000000000ZZZAAA' : (ids.get(`reg:${key}`) ?? key);
    const regKey = (id: string | null): string | null =>
        id ? (keyOf.get(id)?.replace(/^reg:/, '') ?? id) : null;
    const partnerKey = (id: string | null): string | null =>
        id ? (keyOf.get(id)?.replace(/^partner:/, '') ?? id) : null;
    const partnerKeyByName = (name: string): string =>
        name === 'DIRECT' ? 'DIRECT' : (file.partners.find((p) => p.name === name)?.key ?? name);
    const conflictLine = (c: { kind: string; recordId: string; heldBy: string }): string => {
        const key = (keyOf.get(c.recordId) ?? c.recordId).replace(/^(lead|opportunity|reg):/, '');
        return `${c.kind}:${key}:${partnerKeyByName(c.heldBy)}`;
    };
    const conflictLines = (list: Array<{ kind: string; recordId: string; heldBy: string }> | null) =>
        list === null ? null : list.map(conflictLine).sort();
    const errorCode = (error: unknown): string => {
        if (error instanceof ApexError) return error.code;
        throw error;
    };
    const leaks = (answer: unknown, banned: unknown): string[] =>
        ((banned as string[]) ?? []).filter((b) => JSON.stringify(answer).includes(b));
    const errorLabels = (language: Language): Map<string, string> =>
        new Map(
            Object.entries(labels[language])
                .filter(([name]) => name.startsWith('Canal_Deal_Error_'))
                .map(([name, value]) => [value, name.slice('Canal_Deal_Error_'.length)])
        );
    const decisions = (expected: Json, results: Array<{ code: string; protectedUntil: string | null }>) =>
        results.map((r, i) => {
            const want = (expected as Json[])[i];
            return typeof want === 'object' && want !== null
                ? { code: r.code, ...('protectedUntil' in want ? { protectedUntil: r.protectedUntil } : {}) }
                : r.code;
        });

    const checks: Check[] = [];
    scenario.steps.forEach((step, index) => {
        const as = step.as as string | undefined;
        const expected = step.expect;
        const want = (expected ?? {}) as Obj;
        let actual: Json = undefined;
        switch (step.do) {
            case 'advanceClock':
                clock.advanceHours(((step.days as number) ?? 0) * 24 + ((step.hours as number) ?? 0));
                return;
            case 'submit': {
                const caller = user(as);
                const input = { ...file.defaultInput, ...(step.input as Obj) } as DealRegistrationInput;
                const known = new Set(ids.values());
                const result = deals.submitRegistration(caller, input, (step.submitKey as string) ?? null);
                if (result.recordId && !known.has(result.recordId))
                    remember(`reg:${step.registration as string}`, result.recordId);
                if (typeof expected === 'string') actual = result.code;
                else {
                    const codes = errorLabels(caller.language);
                    actual = {
                        code: result.code,
                        ...('fieldErrors' in want
                            ? {
                                  fieldErrors: Object.fromEntries(
                                      Object.entries(result.fieldErrors).map(([f, m]) => [
                                          f,
                                          codes.get(m) ?? m
                                      ])
                                  )
                              }
                            : {}),
                        ...('sameAs' in want ? { sameAs: regKey(result.recordId) } : {}),
                        ...('mustNotContain' in want ? { mustNotContain: want.mustNotContain } : {})
                    };
                    const leaked = leaks(result, want.mustNotContain);
                    if (leaked.length) (actual as Obj).mustNotContain = { leaked };
                }
                break;
            }
            case 'mine':
                actual = deals.getMyRegistrations(user(as), null).rows.map((r) => regKey(r.id));
                break;
            case 'get': {
                try {
                    const detail = deals.getRegistration(user(as), regId(step.registration as string));
                    if (typeof expected === 'string') actual = 'OK';
                    else {
                        const projected: Obj = { code: 'OK' };
                        for (const key of Object.keys(want)) {
                            if (key === 'code') continue;
                            if (key === 'conflicts') projected.conflicts = conflictLines(detail.conflicts);
                            else if (key === 'opportunity')
                                projected.opportunity = detail.opportunityId !== null;
                            else if (key === 'mustNotContain') {
                                const leaked = leaks(detail, want.mustNotContain);
                                projected.mustNotContain = leaked.length ? { leaked } : want.mustNotContain;
                            } else projected[key] = (detail as unknown as Obj)[key];
                        }
                        actual = projected;
                    }
                } catch (error) {
                    actual = errorCode(error);
                }
                break;
            }
            case 'review':
                try {
                    actual = deals.getSubmittedRegistrations(user(as)).map((r) => ({
                        registration: regKey(r.id),
                        conflict: r.conflict,
                        conflicts: conflictLines(r.conflicts)
                    }));
                } catch (error) {
                    actual = errorCode(error);
                }
                break;
            case 'approve':
            case 'reject':
                try {
                    const list = (step.registrations as string[]).map(regId);
                    const results =
                        step.do === 'approve'
                            ? deals.approveRegistrations(user(as), list)
                            : deals.rejectRegistrations(user(as), list, (step.reason as string) ?? null);
                    actual = decisions(expected, results);
                } catch (error) {
                    actual = errorCode(error);
                }
                break;
            case 'extend':
                try {
                    const r = deals.extendProtection(user(as), regId(step.registration as string));
                    actual = decisions([expected], [r])[0];
                } catch (error) {
                    actual = errorCode(error);
                }
                break;
            case 'runExpiry': {
                const run = expiry.run(clock.now());
                actual = { expired: run.expired.map(regKey), noticed: run.noticed.map(regKey) };
                break;
            }
            case 'closeOpportunity': {
                const stage = stageOf(step.stage as 'won' | 'lost');
                db.prepare(
                    'UPDATE opportunities SET stage_name = ?, probability = ? WHERE id = (SELECT opportunity_id FROM deal_registrations WHERE id = ?)'
                ).run(stage.value, stage.probability, regId(step.registration as string));
                return;
            }
            case 'claim':
                actual = claims.claimLead(user(as).id, ids.get(`lead:${step.lead as string}`)).code;
                break;
            case 'assign': {
                // A direct owner change (Change Owner, assignment rules, the API) under the Lead trigger's guard.
                const caller = user(as);
                const to = ids.get(step.to as string);
                if (!to) throw new Error(`${scenario.name}: unknown owner ${String(step.to)}`);
                const saved = claims.saveLeadDirectly(caller.id, ids.get(`lead:${step.lead as string}`), {
                    ownerId: to
                });
                actual =
                    'code' in saved
                        ? saved.code
                        : saved.outcome === 'SAVED'
                          ? 'SAVED'
                          : saved.message === labels[caller.language]['Canal_Owner_CUSTOMER_PROTECTED']
                            ? 'CUSTOMER_PROTECTED'
                            : `REFUSED: ${saved.message}`;
                break;
            }
            case 'figures':
                try {
                    const figures = deals.getRegistrationFigures(user(as));
                    const projected: Obj = {};
                    for (const key of Object.keys(want)) {
                        if (key !== 'byPartner') {
                            projected[key] = (figures as unknown as Obj)[key];
                            continue;
                        }
                        projected.byPartner = Object.fromEntries(
                            figures.byPartner.map((p) => {
                                const { partnerName, tier, ...counts } = p;
                                void tier;
                                return [partnerKeyByName(partnerName), counts];
                            })
                        );
                    }
                    actual = typeof expected === 'string' ? 'OK' : projected;
                } catch (error) {
                    actual = errorCode(error);
                }
                break;
            default:
                throw new Error(`${scenario.name}: unknown step ${step.do}`);
        }
        checks.push({ where: `step ${index + 1} (${step.do}${as ? ` as ${as}` : ''})`, expected, actual });
    });

    const end = scenario.end;
    for (const [key, wanted] of Object.entries(end.registrations ?? {})) {
        const row = db.prepare('SELECT * FROM deal_registrations WHERE id = ?').get(regId(key)) as
            Obj | undefined;
        if (!row) {
            checks.push({ where: `end registration ${key}`, expected: wanted, actual: 'missing' });
            continue;
        }
        const account = row.customer_account_id
            ? (db.prepare('SELECT * FROM accounts WHERE id = ?').get(row.customer_account_id) as Obj)
            : undefined;
        const opp = row.opportunity_id
            ? (db.prepare('SELECT * FROM opportunities WHERE id = ?').get(row.opportunity_id) as Obj)
            : undefined;
        const projected: Obj = {};
        for (const field of Object.keys(wanted)) {
            switch (field) {
                case 'status':
                    projected.status = row.status;
                    break;
                case 'owner':
                    projected.owner = keyOf.get(row.owner_id as string);
                    break;
                case 'partner':
                    projected.partner = partnerKey(row.partner_account_id as string);
                    break;
                case 'conflict':
                    projected.conflict = row.conflict === 1;
                    break;
                case 'protectedUntil':
                    projected.protectedUntil = row.protected_until;
                    break;
                case 'extended':
                    projected.extended = row.protection_extended === 1;
                    break;
                case 'noticeSent':
                    projected.noticeSent = row.expiry_notice_sent === 1;
                    break;
                case 'rejectionReason':
                    projected.rejectionReason = row.rejection_reason;
                    break;
                case 'account':
                    projected.account = !account
                        ? null
                        : (keyOf.get(account.id as string)?.replace(/^customer:/, '') ?? 'new');
                    break;
                case 'customerProtectedFor':
                    projected.customerProtectedFor = partnerKey(
                        (account?.deal_protected_for as string) ?? null
                    );
                    break;
                case 'customerProtectedUntil':
                    projected.customerProtectedUntil = account?.deal_protected_until ?? null;
                    break;
                case 'opportunity': {
                    const want = wanted.opportunity as Obj | null;
                    if (!opp || want === null) {
                        projected.opportunity = opp ? 'an opportunity' : null;
                        break;
                    }
                    const stage = OPPORTUNITY_STAGES.find((s) => s.value === opp.stage_name)!;
                    const full: Obj = {
                        owner: keyOf.get(opp.owner_id as string),
                        amount: opp.amount,
                        closeDate: opp.close_date,
                        stage: !stage.closed ? 'open' : stage.won ? 'won' : 'lost'
                    };
                    projected.opportunity = Object.fromEntries(Object.keys(want).map((k) => [k, full[k]]));
                    break;
                }
                default:
                    projected[field] = `unknown end field ${field}`;
            }
        }
        checks.push({ where: `end registration ${key}`, expected: wanted, actual: projected });
    }
    if (end.registrationCount !== undefined) {
        checks.push({
            where: 'end registrationCount',
            expected: end.registrationCount,
            actual: (db.prepare('SELECT COUNT(*) AS n FROM deal_registrations').get() as { n: number }).n
        });
    }
    for (const [key, wanted] of Object.entries(end.leads ?? {})) {
        const lead = db.prepare('SELECT * FROM leads WHERE id = ?').get(ids.get(`lead:${key}`)) as Obj;
        const projected: Obj = {};
        if ('owner' in wanted) projected.owner = keyOf.get(lead.owner_id as string);
        if ('partner' in wanted) projected.partner = partnerKey((lead.partner_account_id as string) ?? null);
        checks.push({ where: `end lead ${key}`, expected: wanted, actual: projected });
    }
    const notifications = db
        .prepare(
            "SELECT to_user_id, notification_kind, target_id, subject, text_body FROM outbox WHERE template = 'Canal_Deal_Registration' ORDER BY id"
        )
        .all() as Array<{
        to_user_id: string;
        notification_kind: string;
        target_id: string;
        subject: string;
        text_body: string;
    }>;
    const line = (n: (typeof notifications)[number]) =>
        `${keyOf.get(n.to_user_id)?.replace(/^user:/, '')}:${n.notification_kind}:${regKey(n.target_id)}`;
    if (end.notifications)
        checks.push({
            where: 'end notifications',
            expected: end.notifications,
            actual: notifications.map(line)
        });
    for (const t of end.notificationText ?? []) {
        const found = notifications.find((n) => line(n) === `${t.to}:${t.kind}:${t.registration}`);
        const body = found ? `${found.subject}\n${found.text_body}` : '';
        checks.push({
            where: `end notificationText ${t.to}:${t.kind}:${t.registration}`,
            expected: { contains: t.contains ?? [], leaked: [] },
            actual: {
                contains: (t.contains ?? []).filter((c) => body.includes(c)),
                leaked: (t.mustNotContain ?? []).filter((c) => body.includes(c))
            }
        });
    }
    db.close();
    return checks;
}
