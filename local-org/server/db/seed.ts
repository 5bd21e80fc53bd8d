import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../auth/passwords.js';
import { limitsFor } from '../apex/LeadClaimRules.js';
import type { ClaimRule } from '../metadata/claimRules.js';
import { newId, type Db } from './database.js';
import { COMPANY_STEMS, COMPANY_TAILS, FIRST_NAMES, LAST_NAMES, random } from './demoData.js';
import { INDUSTRIES, LEAD_STATUSES, OPPORTUNITY_STAGES, RATINGS } from './picklists.js';

export interface SeedUser {
    username: string;
    password: string;
    firstName: string;
    lastName: string;
    role: 'partner_rep' | 'channel_manager' | 'admin';
    partner: string | null;
    language: 'es' | 'en';
    invited?: boolean;
}

export interface SeedFile {
    vendor: { name: string; brandColor: string };
    partners: Array<{
        key: string;
        name: string;
        tier: string | null;
        city: string;
        country: string;
        leadClaimLimit?: number;
        dailyClaimLimit?: number;
        brand?: { name: string; color: string; logoUrl?: string };
    }>;
    users: SeedUser[];
}

export const SEED_FILE = path.resolve(__dirname, '..', '..', 'seed', 'users.json');

export function loadSeedFile(): SeedFile {
    return JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedFile;
}

const PLACES = [
    ['Madrid', 'España'],
    ['Barcelona', 'España'],
    ['Valencia', 'España'],
    ['Sevilla', 'España'],
    ['Bilbao', 'España'],
    ['Zaragoza', 'España'],
    ['Ciudad de México', 'México'],
    ['Guadalajara', 'México'],
    ['Monterrey', 'México'],
    ['Bogotá', 'Colombia'],
    ['Medellín', 'Colombia'],
    ['Lima', 'Perú'],
    ['Santiago', 'Chile'],
    ['Buenos Aires', 'Argentina'],
    ['Córdoba', 'Argentina'],
    ['Montevideo', 'Uruguay'],
    ['Quito', 'Ecuador']
] as const;

export interface SeedOptions {
    /** Leads waiting in the partner pool (2,000 by default; the benchmark asks for more). */
    queueLeads?: number;
    rules: readonly ClaimRule[];
    now?: Date;
}

/**
 * Fills an empty database with the bilingual demo org; returns the invited users' usernames, or null when another
 * start seeded it first (the emptiness is checked again under the write lock, so two first starts never both seed).
 */
export async function seedDatabase(db: Db, seed: SeedFile, options: SeedOptions): Promise<string[] | null> {
    const now = options.now ?? new Date();
    const iso = (hoursAgo: number): string => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
    const rand = random(20260302);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const hashes = new Map<string, string>();
    for (const u of seed.users) hashes.set(u.username, await hashPassword(u.password));

    const seeded = db
        .transaction(() => {
            if (db.prepare('SELECT 1 FROM organization').get()) return false;
            db.prepare('INSERT INTO organization (id, name, brand_color) VALUES (?, ?, ?)').run(
                newId(db, 'Organization'),
                seed.vendor.name,
                seed.vendor.brandColor
            );
            LEAD_STATUSES.forEach((s, i) =>
                db
                    .prepare(
                        'INSERT INTO lead_statuses (value, is_converted, is_default, sort_order) VALUES (?, ?, ?, ?)'
                    )
                    .run(s.value, s.converted ? 1 : 0, s.default ? 1 : 0, i)
            );
            const poolId = newId(db, 'Group');
            const enterpriseId = newId(db, 'Group');
            db.prepare('INSERT INTO queues (id, developer_name, name, is_default) VALUES (?, ?, ?, 1)').run(
                poolId,
                'Canal_Partner_Pool',
                'Partner pool'
            );
            db.prepare('INSERT INTO queues (id, developer_name, name, is_default) VALUES (?, ?, ?, 0)').run(
                enterpriseId,
                'Canal_Enterprise_Pool',
                'Enterprise pool'
            );

            const userIds = new Map<string, string>();
            const insertUser = db.prepare(
                'INSERT INTO users (id, username, first_name, last_name, email, language, persona, account_id, password_hash, must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
            );
            const staff = seed.users.filter((u) => u.partner === null);
            for (const u of staff) {
                const id = newId(db, 'User');
                userIds.set(u.username, id);
                insertUser.run(
                    id,
                    u.username,
                    u.firstName,
                    u.lastName,
                    u.username,
                    u.language,
                    u.role,
                    null,
                    hashes.get(u.username),
                    u.invited ? 1 : 0
                );
            }
            const channelManagerId = userIds.get(staff.find((u) => u.role === 'channel_manager')!.username)!;
            const partnerIds = new Map<string, string>();
            for (const p of seed.partners) {
                const id = newId(db, 'Account');
                partnerIds.set(p.key, id);
                db.prepare(
                    'INSERT INTO accounts (id, name, is_partner, partner_tier, lead_claim_limit, daily_claim_limit, owner_id, city, country, created_date) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?)'
                ).run(
                    id,
                    p.name,
                    p.tier,
                    p.leadClaimLimit ?? null,
                    p.dailyClaimLimit ?? null,
                    channelManagerId,
                    p.city,
                    p.country,
                    iso(24 * 400)
                );
                if (p.brand) {
                    db.prepare(
                        'UPDATE accounts SET portal_brand_name = ?, portal_primary_color = ?, portal_logo_url = ? WHERE id = ?'
                    ).run(p.brand.name, p.brand.color, p.brand.logoUrl ?? null, id);
                }
            }
            const reps = seed.users.filter((u) => u.partner !== null);
            for (const u of reps) {
                const id = newId(db, 'User');
                userIds.set(u.username, id);
                insertUser.run(
                    id,
                    u.username,
                    u.firstName,
                    u.lastName,
                    u.username,
                    u.language,
                    u.role,
                    partnerIds.get(u.partner!),
                    hashes.get(u.username),
                    u.invited ? 1 : 0
                );
                db.prepare('INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?)').run(poolId, id);
                if (u.partner === 'iberia' || u.partner === 'andes') {
                    db.prepare('INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?)').run(
                        enterpriseId,
                        id
                    );
                }
            }

            const insertLead = db.prepare(
                `INSERT INTO leads (id, first_name, last_name, company, email, city, country, status, owner_id, partner_account_id, claimed_at, claim_expires_at, claimed_from_queue, created_date, last_modified_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
            );
            const insertClaim = db.prepare(
                "INSERT INTO lead_claims (id, lead_id, partner_account_id, user_id, action, occurred_at, queue_id, seq) VALUES (?, ?, ?, ?, 'Claimed', ?, ?, ?)"
            );
            let seq = 0;
            const makeLead = (hoursAgo: number) => {
                const first = pick(FIRST_NAMES);
                const last = pick(LAST_NAMES);
                const company = `${pick(COMPANY_STEMS)} ${pick(COMPANY_TAILS)}`;
                const [city, country] = pick(PLACES);
                const email =
                    `${first}.${last}`
                        .normalize('NFD')
                        .replace(/[^\w.]/g, '')
                        .toLowerCase() + '@ejemplo.com';
                return {
                    id: newId(db, 'Lead'),
                    first,
                    last,
                    company,
                    email,
                    city,
                    country,
                    created: iso(hoursAgo)
                };
            };
            const queueLeads = options.queueLeads ?? 2000;
            for (let i = 0; i < queueLeads; i++) {
                const l = makeLead(24 * 60 - (i * 24 * 60) / queueLeads);
                insertLead.run(
                    l.id,
                    l.first,
                    l.last,
                    l.company,
                    l.email,
                    l.city,
                    l.country,
                    'Open - Not Contacted',
                    poolId,
                    null,
                    null,
                    null,
                    null,
                    l.created,
                    l.created
                );
            }
            for (let i = 0; i < 40; i++) {
                const l = makeLead(24 * 30 - i * 12);
                insertLead.run(
                    l.id,
                    l.first,
                    l.last,
                    l.company,
                    l.email,
                    l.city,
                    l.country,
                    'Open - Not Contacted',
                    enterpriseId,
                    null,
                    null,
                    null,
                    null,
                    l.created,
                    l.created
                );
            }
            // Each active rep already holds a few leads: one assigned by the vendor, one claimed. Every lead a partner's
            // reps hold counts against its open-claim limit, so a partner is seeded with at most its limit minus one:
            // every partner can still claim in the demo.
            const held = new Map<string, number>();
            for (const u of reps.filter((r) => !r.invited)) {
                const userId = userIds.get(u.username)!;
                const partnerId = partnerIds.get(u.partner!)!;
                const partner = seed.partners.find((p) => p.key === u.partner)!;
                const limits = limitsFor(options.rules, {
                    id: partnerId,
                    partner_tier: partner.tier,
                    lead_claim_limit: partner.leadClaimLimit ?? null,
                    daily_claim_limit: partner.dailyClaimLimit ?? null
                });
                const room = limits.openLimit - 1 - (held.get(partnerId) ?? 0);
                if (room < 2) continue;
                held.set(partnerId, (held.get(partnerId) ?? 0) + 2);
                const assigned = makeLead(24 * 10);
                insertLead.run(
                    assigned.id,
                    assigned.first,
                    assigned.last,
                    assigned.company,
                    assigned.email,
                    assigned.city,
                    assigned.country,
                    'Working - Contacted',
                    userId,
                    partnerId,
                    null,
                    null,
                    null,
                    assigned.created,
                    assigned.created
                );
                const claimedHoursAgo = 30;
                const claimed = makeLead(24 * 20);
                const claimedAt = iso(claimedHoursAgo);
                const expires = limits.holdHours
                    ? new Date(now.getTime() + (limits.holdHours - claimedHoursAgo) * 3_600_000).toISOString()
                    : null;
                insertLead.run(
                    claimed.id,
                    claimed.first,
                    claimed.last,
                    claimed.company,
                    claimed.email,
                    claimed.city,
                    claimed.country,
                    'Open - Not Contacted',
                    userId,
                    partnerId,
                    claimedAt,
                    expires,
                    poolId,
                    claimed.created,
                    claimedAt
                );
                insertClaim.run(
                    newId(db, 'LeadClaim'),
                    claimed.id,
                    partnerId,
                    userId,
                    claimedAt,
                    poolId,
                    ++seq
                );
            }

            // The rest of the partner lead edit's fields (Canal_Partner_Lead_Edit) on the leads reps hold.
            // Its own PRNG, so the rest of the demo data stays what it was before these fields existed.
            const detailRand = random(20261130);
            const pickDetail = <T>(list: readonly T[]): T => list[Math.floor(detailRand() * list.length)]!;
            const fillDetails = db.prepare(
                'UPDATE leads SET title = ?, phone = ?, industry = ?, rating = ?, number_of_employees = ? WHERE id = ?'
            );
            for (const held of db
                .prepare("SELECT id FROM leads WHERE owner_id LIKE '005%' ORDER BY id")
                .all() as Array<{
                id: string;
            }>) {
                fillDetails.run(
                    pickDetail([
                        'Director de compras',
                        'Gerente',
                        'Responsable de TI',
                        'Directora financiera'
                    ]),
                    `+34 9${Math.floor(10_000_000 + detailRand() * 89_999_999)}`,
                    pickDetail(INDUSTRIES),
                    pickDetail(RATINGS),
                    Math.round(10 + detailRand() * 990),
                    held.id
                );
            }

            const insertOpportunity = db.prepare(
                `INSERT INTO opportunities (id, name, account_id, partner_account_id, owner_id, stage_name, probability, amount, currency_iso_code, close_date, next_step, description, created_date, last_modified_date)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?)`
            );
            const activeReps = reps.filter((r) => !r.invited);
            for (let i = 0; i < 72; i++) {
                const rep = activeReps[i % activeReps.length]!;
                const stage = OPPORTUNITY_STAGES[i % OPPORTUNITY_STAGES.length]!;
                const customerId = newId(db, 'Account');
                const [city, country] = pick(PLACES);
                const customer = `${pick(COMPANY_STEMS)} ${pick(COMPANY_TAILS)}`;
                const partnerId = partnerIds.get(rep.partner!)!;
                db.prepare(
                    'INSERT INTO accounts (id, name, owner_id, city, country, partner_account_id, created_date) VALUES (?, ?, ?, ?, ?, ?, ?)'
                ).run(
                    customerId,
                    customer,
                    userIds.get(rep.username),
                    city,
                    country,
                    partnerId,
                    iso(24 * 90)
                );
                const closeOffsetDays = Math.round(rand() * 120) - 30;
                const closeDate = new Date(now.getTime() + closeOffsetDays * 86_400_000)
                    .toISOString()
                    .slice(0, 10);
                const amount = Math.round(5 + rand() * 195) * 1000;
                const created = iso(24 * (60 - (i % 50)));
                insertOpportunity.run(
                    newId(db, 'Opportunity'),
                    `${customer} - ${pick(['Licencias', 'Renovación', 'Ampliación', 'Implantación', 'Soporte'])}`,
                    customerId,
                    partnerId,
                    userIds.get(rep.username),
                    stage.value,
                    stage.probability,
                    amount,
                    closeDate,
                    stage.closed
                        ? null
                        : pick([
                              'Enviar propuesta',
                              'Demo técnica',
                              'Reunión con compras',
                              'Revisar contrato'
                          ]),
                    null,
                    created,
                    created
                );
            }
            return true;
        })
        .immediate();
    return seeded ? seed.users.filter((u) => u.invited).map((u) => u.username) : null;
}
