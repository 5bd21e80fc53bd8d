/**
 * Runs the claim conformance scenarios (force-app/main/default/staticresources/LeadClaimScenarios.json)
 * against the local org's LeadClaimService, exactly as LeadClaimScenarioRunner does in Apex.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LeadClaimRecall } from '../server/apex/LeadClaimRecall.js';
import { LeadClaimSelector } from '../server/apex/LeadClaimSelector.js';
import { LeadClaimService } from '../server/apex/LeadClaimService.js';
import { LeadReadService } from '../server/apex/LeadReadService.js';
import { LeadConvertService } from '../server/apex/LeadConvertService.js';
import { LeadEditService } from '../server/apex/LeadEditService.js';
import { LeadPublicationService } from '../server/apex/LeadPublicationService.js';
import type { UserRecord } from '../server/apex/LeadClaimSelector.js';
import { limitsFor } from '../server/apex/LeadClaimRules.js';
import { ManualClock } from '../server/clock.js';
import { newId, openDatabase, type Db } from '../server/db/database.js';
import type { ClaimRule } from '../server/metadata/claimRules.js';
import { loadLabels } from '../server/metadata/labels.js';
import { METADATA_ROOT } from '../server/metadata/paths.js';

export interface ScenarioFile {
    start: string;
    /** Status roles: the Apex runner derives each from the org's LeadStatus; the local org uses `value`. */
    statuses: Array<{ key: string; value: string; converted: boolean; closed: boolean; default?: boolean }>;
    rules: Array<{
        tier: string;
        maxOpen: number;
        maxPerDay: number;
        holdHours: number | null;
        /** First look (LeadPublicationScenarios): minutes after a publication before the tier is offered it. */
        firstLookMinutes?: number;
    }>;
    queues: Array<{ key: string; default?: boolean }>;
    partners: Array<{ key: string; name: string; tier: string | null }>;
    /** channelManager: a vendor user who may publish leads (Apex: the Canal_Channel_Manager permission set). */
    users: Array<{ key: string; partner: string | null; queues: string[]; channelManager?: boolean }>;
    scenarios: Scenario[];
}

export interface Scenario {
    name: string;
    description: string;
    accounts?: Record<string, { openLimit?: number; dailyLimit?: number }>;
    /** Customer accounts owned by a rep (their partner's customers), with contacts. */
    customers?: Array<{
        key: string;
        name: string;
        owner: string;
        contacts?: Array<{ key: string; firstName?: string; lastName: string; email?: string }>;
    }>;
    leads: Array<{
        key: string;
        owner: string;
        claimedHoursAgo?: number;
        converted?: boolean;
        deleted?: boolean;
        company?: string;
        email?: string;
        firstName?: string;
        lastName?: string;
        /** First look: the lead was published this many minutes before the start (Lead.Published_At__c). */
        publishedMinutesAgo?: number;
    }>;
    steps: Step[];
    end?: {
        leads?: Record<
            string,
            {
                owner?: string;
                partner?: string | null;
                claimed?: boolean;
                converted?: boolean;
                status?: string;
                /** A customer key, or "new". */
                account?: string;
                /** A contact key, or "new". */
                contact?: string;
                opportunity?: { name?: string; amount?: number | null; partner?: string } | null;
            }
        >;
        /** How many accounts bear each name at the end. */
        accountsNamed?: Record<string, number>;
        /** Audit rows from the start on, oldest first: `Action:lead:user[ queue:<key>][ reason:<text>]`. */
        audit?: string[];
    };
}

export interface Step {
    do:
        | 'claim'
        | 'claimMany'
        | 'release'
        | 'setStatus'
        | 'setStatusDirectly'
        | 'setOwner'
        | 'convert'
        | 'convertOptions'
        | 'recall'
        | 'advanceClock'
        | 'allowance'
        | 'saveLead'
        /** First look: the lead keys of the user's queue page (sorted) and the minutes until the next opens. */
        | 'queue'
        /** Publication: rows published to a queue; expects created, errors, duplicates and the stored values. */
        | 'publish'
        /** The lead keys of the user's My leads list in its order, read page by page (pageSize rows a page). */
        | 'myLeads';
    as?: string;
    lead?: string;
    leads?: string[];
    /** saveLead: the full edit's values by field API name (status:<key> for a status). */
    values?: Record<string, string | number | null>;
    repeat?: { lead: string; times: number };
    /** publish: the queue key, the source and the rows (LeadInput objects). */
    queue?: string;
    source?: string;
    rows?: unknown[];
    reason?: string;
    status?: string;
    owner?: string;
    hours?: number;
    /** advanceClock: minutes, added to hours. */
    minutes?: number;
    /** Convert choices: a customer key (or "#lead:<key>"), a contact key, no opportunity, its name and amount. */
    account?: string;
    contact?: string;
    noOpportunity?: boolean;
    opportunityName?: string;
    amount?: number;
    /** myLeads: rows a page (the list is read to its end through the cursors). */
    pageSize?: number;
    expect?: unknown;
}

/** What one step produced, next to what the file expects of it. */
export interface StepCheck {
    step: number;
    action: string;
    expected: unknown;
    actual: unknown;
}

export interface ScenarioOutcome {
    steps: StepCheck[];
    leads: Record<
        string,
        {
            owner: string;
            partner: string | null;
            claimed: boolean;
            converted: boolean;
            status: string;
            account?: string | null;
            contact?: string | null;
            opportunity?: { name: string; amount: number | null; partner: string | null } | null;
        }
    >;
    accountsNamed: Record<string, number>;
    audit: string[];
}

export const SCENARIO_FILE = path.join(METADATA_ROOT, 'staticresources', 'LeadClaimScenarios.json');

export const PUBLICATION_SCENARIO_FILE = path.join(
    METADATA_ROOT,
    'staticresources',
    'LeadPublicationScenarios.json'
);
export const WRITE_SCENARIO_FILE = path.join(METADATA_ROOT, 'staticresources', 'LeadWriteScenarios.json');

export function loadScenarioFile(file = SCENARIO_FILE): ScenarioFile {
    return JSON.parse(readFileSync(file, 'utf8')) as ScenarioFile;
}

/** The local value of a status reference of the file (status:<key>); other text is returned as it is. */
export function resolveStatus(file: ScenarioFile, ref: string): string {
    if (!ref.startsWith('status:')) return ref;
    const status = file.statuses.find((x) => `status:${x.key}` === ref);
    if (!status) throw new Error(`unknown status reference ${ref}`);
    return status.value;
}

/** The scenario file's rules as Lead_Claim_Rule__mdt records. */
export function rulesOf(file: ScenarioFile): ClaimRule[] {
    return file.rules.map((r) => ({
        developerName: r.tier,
        tier: r.tier === 'Default' ? null : r.tier,
        maxOpen: r.maxOpen,
        maxPerDay: r.maxPerDay,
        holdHours: r.holdHours,
        firstLookMinutes: r.firstLookMinutes ?? 0
    }));
}

/**
 * One audit row as the scenario file writes it: `Action:lead:user`, then ` queue:<key>` when the row names a queue
 * and ` reason:<text>` when it has a reason (LeadClaimScenarioRunner.cls writes the same line).
 */
export function auditLine(
    action: string,
    lead: string,
    user: string,
    queue: string | null,
    reason: string | null
): string {
    return `${action}:${lead}:${user}${queue ? ` queue:${queue}` : ''}${reason ? ` reason:${reason}` : ''}`;
}

/** Builds the cast and the scenario's leads in a fresh database, runs the steps, and reports what happened. */
export function runScenario(file: ScenarioFile, scenario: Scenario): ScenarioOutcome {
    const db: Db = openDatabase(':memory:');
    const clock = new ManualClock(new Date(file.start));
    const rules = rulesOf(file);
    const closedStatuses = file.statuses.filter((s) => s.closed).map((s) => s.value);
    const labels = loadLabels();
    const service = new LeadClaimService({ db, clock, rules, labels, closedStatuses });
    const converter = new LeadConvertService({ db, clock, labels, closedStatuses });
    const recall = new LeadClaimRecall({ db, clock });
    const statusRef = (ref: string | undefined): string | undefined =>
        ref === undefined ? undefined : resolveStatus(file, ref);
    const ids = new Map<string, string>();

    file.statuses.forEach((s, i) =>
        db
            .prepare(
                'INSERT INTO lead_statuses (value, is_converted, is_default, sort_order) VALUES (?, ?, ?, ?)'
            )
            .run(s.value, s.converted ? 1 : 0, s.default ? 1 : 0, i)
    );
    for (const q of file.queues) {
        const id = newId(db, 'Group');
        ids.set(`queue:${q.key}`, id);
        db.prepare('INSERT INTO queues (id, developer_name, name, is_default) VALUES (?, ?, ?, ?)').run(
            id,
            q.key,
            q.key,
            q.default ? 1 : 0
        );
    }
    for (const p of file.partners) {
        const id = newId(db, 'Account');
        ids.set(`partner:${p.key}`, id);
        const override = scenario.accounts?.[p.key] ?? {};
        db.prepare(
            'INSERT INTO accounts (id, name, is_partner, partner_tier, lead_claim_limit, daily_claim_limit, created_date) VALUES (?, ?, 1, ?, ?, ?, ?)'
        ).run(id, p.name, p.tier, override.openLimit ?? null, override.dailyLimit ?? null, file.start);
    }
    for (const u of file.users) {
        const id = newId(db, 'User');
        ids.set(`user:${u.key}`, id);
        db.prepare(
            "INSERT INTO users (id, username, first_name, last_name, email, language, persona, account_id, password_hash) VALUES (?, ?, ?, ?, ?, 'en', ?, ?, 'x')"
        ).run(
            id,
            `${u.key}@scenario.test`,
            u.key,
            u.key,
            `${u.key}@scenario.test`,
            u.partner ? 'partner_rep' : u.channelManager ? 'channel_manager' : 'internal',
            u.partner ? ids.get(`partner:${u.partner}`) : null
        );
        for (const q of u.queues)
            db.prepare('INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?)').run(
                ids.get(`queue:${q}`),
                id
            );
    }
    for (const c of scenario.customers ?? []) {
        const id = newId(db, 'Account');
        ids.set(`customer:${c.key}`, id);
        const owner = file.users.find((u) => u.key === c.owner)!;
        db.prepare(
            'INSERT INTO accounts (id, name, is_partner, owner_id, partner_account_id, created_date) VALUES (?, ?, 0, ?, ?, ?)'
        ).run(
            id,
            c.name,
            ids.get(`user:${c.owner}`),
            ids.get(`partner:${owner.partner}`) ?? null,
            file.start
        );
        for (const person of c.contacts ?? []) {
            const contactId = newId(db, 'Contact');
            ids.set(`contact:${person.key}`, contactId);
            db.prepare(
                'INSERT INTO contacts (id, account_id, first_name, last_name, email) VALUES (?, ?, ?, ?, ?)'
            ).run(contactId, id, person.firstName ?? null, person.lastName, person.email ?? null);
        }
    }
    const defaultStatus = file.statuses.find((s) => s.default)!.value;
    const convertedStatus = file.statuses.find((s) => s.converted)!.value;
    const defaultQueue = ids.get(`queue:${file.queues.find((q) => q.default)!.key}`)!;
    for (const l of scenario.leads) {
        const id = newId(db, 'Lead');
        ids.set(`lead:${l.key}`, id);
        const ownerId = ids.get(l.owner)!;
        const ownerUser = file.users.find((u) => `user:${u.key}` === l.owner);
        const partnerId = ownerUser?.partner ? ids.get(`partner:${ownerUser.partner}`)! : null;
        let claimedAt: string | null = null;
        let expiresAt: string | null = null;
        if (l.claimedHoursAgo !== undefined && partnerId) {
            const at = new Date(new Date(file.start).getTime() - l.claimedHoursAgo * 3_600_000);
            const account = db
                .prepare(
                    'SELECT id, partner_tier, lead_claim_limit, daily_claim_limit FROM accounts WHERE id = ?'
                )
                .get(partnerId) as never;
            const hold = limitsFor(rules, account).holdHours;
            claimedAt = at.toISOString();
            expiresAt = hold ? new Date(at.getTime() + hold * 3_600_000).toISOString() : null;
            db.prepare(
                "INSERT INTO lead_claims (id, lead_id, partner_account_id, user_id, action, occurred_at, queue_id, seq) VALUES (?, ?, ?, ?, 'Claimed', ?, ?, 0)"
            ).run(newId(db, 'LeadClaim'), id, partnerId, ownerId, claimedAt, defaultQueue);
        }
        db.prepare(
            `INSERT INTO leads (id, first_name, last_name, company, email, status, owner_id, partner_account_id, claimed_at, claim_expires_at, claimed_from_queue, is_converted, created_date, last_modified_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        ).run(
            id,
            l.firstName ?? null,
            l.lastName ?? `Lead ${l.key}`,
            l.company ?? `Empresa ${l.key}`,
            l.email ?? null,
            l.converted ? convertedStatus : defaultStatus,
            ownerId,
            l.converted || claimedAt ? partnerId : null,
            claimedAt,
            expiresAt,
            claimedAt ? defaultQueue : null,
            l.converted ? 1 : 0,
            file.start,
            file.start
        );
        if (l.publishedMinutesAgo !== undefined) {
            const published = new Date(new Date(file.start).getTime() - l.publishedMinutesAgo * 60_000);
            db.prepare('UPDATE leads SET published_at = ? WHERE id = ?').run(published.toISOString(), id);
        }
        if (l.deleted) db.prepare('DELETE FROM leads WHERE id = ?').run(id);
    }

    const user = (key: string | undefined): string => ids.get(`user:${key}`)!;
    const leadRef = (ref: string, actor: string | undefined): string => {
        if (ref === '#invalid') return 'not-a-lead-id';
        if (ref === '#account') {
            const u = file.users.find((x) => x.key === actor)!;
            return ids.get(`partner:${u.partner}`)!;
        }
        return ref === '' ? '' : ids.get(`lead:${ref}`)!;
    };

    const keyOfId = (id: string): string | undefined => [...ids.entries()].find(([, v]) => v === id)?.[0];
    const checks: StepCheck[] = scenario.steps.map((step, index) => {
        let actual: unknown;
        switch (step.do) {
            case 'claim':
                actual = service.claimLead(user(step.as), leadRef(step.lead!, step.as)).code;
                break;
            case 'claimMany': {
                const refs = step.repeat
                    ? Array.from({ length: step.repeat.times }, () => step.repeat!.lead)
                    : step.leads!;
                const result = service.claimLeads(
                    user(step.as),
                    refs.map((r) => leadRef(r, step.as))
                );
                actual = result.code === 'COMPLETED' ? result.results.map((r) => r.code) : result.code;
                break;
            }
            case 'release':
                actual = service.releaseLead(user(step.as), leadRef(step.lead!, step.as), step.reason).code;
                break;
            case 'saveLead': {
                // The full edit, with the version the form would have been built from.
                const leadId = leadRef(step.lead!, step.as);
                const stamp = db.prepare('SELECT last_modified_date FROM leads WHERE id = ?').get(leadId) as
                    { last_modified_date: string } | undefined;
                const values = Object.fromEntries(
                    Object.entries(step.values ?? {}).map(([field, v]) => [
                        field,
                        typeof v === 'string' ? resolveStatus(file, v) : v
                    ])
                );
                actual = LeadEditService.saveLead(
                    {
                        user: db.prepare('SELECT * FROM users WHERE id = ?').get(user(step.as)) as UserRecord,
                        db,
                        clock,
                        labels,
                        claims: service
                    },
                    leadId,
                    values,
                    stamp ? String(Date.parse(stamp.last_modified_date)) : 'none'
                ).code;
                break;
            }
            case 'setStatus':
                actual = service.updateLeadStatus(
                    user(step.as),
                    leadRef(step.lead!, step.as),
                    statusRef(step.status)
                ).code;
                break;
            case 'setStatusDirectly':
            case 'setOwner': {
                const saved = service.saveLeadDirectly(
                    user(step.as),
                    leadRef(step.lead!, step.as),
                    step.do === 'setOwner'
                        ? { ownerId: ids.get(step.owner!)! }
                        : { status: statusRef(step.status)! }
                );
                actual = 'outcome' in saved ? saved.outcome : saved.code;
                break;
            }
            case 'convert': {
                const choices = [
                    'account',
                    'contact',
                    'noOpportunity',
                    'opportunityName',
                    'amount',
                    'status'
                ];
                if (!choices.some((k) => k in step)) {
                    actual = converter.convertWithDefaults(user(step.as), leadRef(step.lead!, step.as)).code;
                    break;
                }
                const account = step.account?.startsWith('#lead:')
                    ? ids.get(`lead:${step.account.slice('#lead:'.length)}`)!
                    : step.account
                      ? ids.get(`customer:${step.account}`)!
                      : null;
                actual = converter.convert(user(step.as), {
                    leadId: leadRef(step.lead!, step.as),
                    accountId: account,
                    contactId: step.contact ? ids.get(`contact:${step.contact}`)! : null,
                    doNotCreateOpportunity: step.noOpportunity === true,
                    opportunityName: step.opportunityName ?? null,
                    amount: step.amount ?? null,
                    closeDate: null,
                    convertedStatus: statusRef(step.status) ?? null
                }).code;
                break;
            }
            case 'convertOptions': {
                const options = converter.getConvertOptions(
                    user(step.as),
                    leadRef(step.lead!, step.as),
                    (v) => v
                );
                actual =
                    options.code === 'OK'
                        ? options.accounts.map((a) => ({
                              account: (keyOfId(a.id) ?? '?').replace('customer:', ''),
                              matchedBy: a.matchedBy,
                              contacts: a.contacts.map((c) => (keyOfId(c.id) ?? '?').replace('contact:', ''))
                          }))
                        : options.code;
                break;
            }
            case 'recall':
                actual = recall.recallExpired();
                break;
            case 'advanceClock':
                clock.advanceHours((step.hours ?? 0) + (step.minutes ?? 0) / 60);
                actual = undefined;
                break;
            case 'queue': {
                const reader = new LeadReadService({ db, clock, closedStatuses, rules });
                const page = reader.getQueuePage(
                    new LeadClaimSelector(db).user(user(step.as))!,
                    200,
                    null,
                    null,
                    'createdDate',
                    'asc'
                );
                actual = {
                    leads: page.leads.map((r) => keyOfId(r.id)!.replace('lead:', '')).sort(),
                    nextOfferInMinutes: page.nextOfferAt
                        ? Math.round((Date.parse(page.nextOfferAt) - clock.now().getTime()) / 60_000)
                        : null
                };
                break;
            }
            case 'publish': {
                const publisher = new LeadPublicationService({ db, clock, labels, closedStatuses });
                const result = publisher.publish(
                    new LeadClaimSelector(db).user(user(step.as))!,
                    { queue: step.queue, source: step.source ?? null, leads: step.rows },
                    null
                );
                const stored = result.publicationId
                    ? (db
                          .prepare(
                              'SELECT first_name, last_name, company, email, phone, title, city, country FROM leads WHERE publication_id = ? ORDER BY rowid'
                          )
                          .all(result.publicationId) as Array<Record<string, string | null>>)
                    : [];
                const expected = (step.expect ?? {}) as { stored?: Array<Record<string, unknown>> };
                actual = {
                    created: result.created,
                    errors: result.errors.map((e) => ({ index: e.index, field: e.field, code: e.code })),
                    duplicates: result.duplicates.map((d) => ({ index: d.index, match: d.match })),
                    // Only the fields the file names for each lead, by their LeadInput names.
                    stored: stored.map((row, i) =>
                        Object.fromEntries(
                            Object.keys(expected.stored?.[i] ?? {}).map((field) => [
                                field,
                                row[field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]
                            ])
                        )
                    )
                };
                break;
            }
            case 'myLeads': {
                const reader = new LeadReadService({ db, clock, closedStatuses, rules });
                const rep = new LeadClaimSelector(db).user(user(step.as))!;
                const keys: string[] = [];
                let next: string | null = null;
                do {
                    const page = reader.getMyLeads(rep, step.pageSize ?? 200, next);
                    keys.push(...page.leads.map((r) => keyOfId(r.id)!.replace('lead:', '')));
                    next = page.next;
                } while (next);
                actual = keys;
                break;
            }
            case 'allowance': {
                const a = service.getAllowance(user(step.as));
                actual =
                    a.code === 'OK'
                        ? {
                              openClaims: a.openClaims,
                              openLimit: a.openLimit,
                              claimsToday: a.claimsToday,
                              dailyLimit: a.dailyLimit
                          }
                        : a.code;
                break;
            }
        }
        return { step: index + 1, action: step.do, expected: step.expect, actual };
    });

    const keyOf = new Map([...ids.entries()].map(([k, v]) => [v, k]));
    const leads: ScenarioOutcome['leads'] = {};
    for (const l of scenario.leads) {
        const row = db.prepare('SELECT * FROM leads WHERE id = ?').get(ids.get(`lead:${l.key}`)) as
            | {
                  owner_id: string;
                  partner_account_id: string | null;
                  claimed_at: string | null;
                  is_converted: number;
                  status: string;
                  converted_account_id: string | null;
                  converted_contact_id: string | null;
                  converted_opportunity_id: string | null;
              }
            | undefined;
        if (!row) continue;
        const opportunity = row.converted_opportunity_id
            ? (db
                  .prepare(
                      'SELECT name, amount, account_id, partner_account_id FROM opportunities WHERE id = ?'
                  )
                  .get(row.converted_opportunity_id) as {
                  name: string;
                  amount: number | null;
                  account_id: string;
                  partner_account_id: string | null;
              })
            : null;
        const customerOrNew = (id: string | null, prefix: string): string | null =>
            id === null ? null : (keyOf.get(id)?.replace(prefix, '') ?? 'new');
        leads[l.key] = {
            owner: keyOf.get(row.owner_id)!,
            partner: row.partner_account_id
                ? keyOf.get(row.partner_account_id)!.replace('partner:', '')
                : null,
            claimed: row.claimed_at !== null,
            converted: row.is_converted === 1,
            status: row.status,
            account: customerOrNew(row.converted_account_id, 'customer:'),
            contact: customerOrNew(row.converted_contact_id, 'contact:'),
            opportunity: opportunity && {
                name: opportunity.name,
                amount: opportunity.amount,
                partner: opportunity.partner_account_id
                    ? (keyOf.get(opportunity.partner_account_id)?.replace('partner:', '') ?? null)
                    : null
            }
        };
        if (opportunity && opportunity.account_id !== row.converted_account_id) {
            throw new Error(`${scenario.name}: the opportunity of ${l.key} is not on the converted account`);
        }
    }
    const audit = (
        db
            .prepare(
                'SELECT action, lead_id, user_id, queue_id, reason FROM lead_claims WHERE occurred_at >= ? ORDER BY occurred_at, seq'
            )
            .all(file.start) as Array<{
            action: string;
            lead_id: string;
            user_id: string;
            queue_id: string | null;
            reason: string | null;
        }>
    ).map((r) =>
        auditLine(
            r.action,
            keyOf.get(r.lead_id)!.replace('lead:', ''),
            keyOf.get(r.user_id)!.replace('user:', ''),
            r.queue_id ? (keyOf.get(r.queue_id)?.replace('queue:', '') ?? r.queue_id) : null,
            r.reason
        )
    );
    const accountsNamed: Record<string, number> = {};
    for (const accountName of Object.keys(scenario.end?.accountsNamed ?? {})) {
        accountsNamed[accountName] = (
            db.prepare('SELECT COUNT(*) AS n FROM accounts WHERE name = ?').get(accountName) as { n: number }
        ).n;
    }
    db.close();
    return { steps: checks, leads, accountsNamed, audit };
}
