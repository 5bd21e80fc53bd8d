/**
 * Seeds an org with the demo cast of local-org/seed/users.json through jsforce: partner accounts (then
 * IsPartner, a separate update as the platform requires), their contacts, partner users, permission set
 * assignments, the reps' membership of the Canal_Partner_Reps group (the Canal_Partner_Pool queue's member),
 * leads in the pool and held by reps, and opportunities across the stages.
 *
 * Records go through the sObject Collections API in chunks of 200 with allOrNone: a failing chunk saves nothing
 * and stops the seed with the platform's message. Setup objects (UserRole, User, PermissionSetAssignment,
 * GroupMember) are saved in their own requests, never mixed with data objects. A second run skips what exists:
 * accounts by name, contacts by account and name, users by username, assignments and memberships, pool leads
 * up to the requested count, and rep leads and opportunities for reps that already own some.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'jsforce';
import {
    COMPANY_STEMS,
    COMPANY_TAILS,
    FIRST_NAMES,
    LAST_NAMES,
    random
} from '../../local-org/server/db/demoData.js';
import type { SeedFile, SeedUser } from '../../local-org/server/db/seed.js';

export type SeedCast = SeedFile;

export const CAST_FILE = path.resolve(__dirname, '..', '..', 'local-org', 'seed', 'users.json');
export const CHUNK_SIZE = 200;
export const DEFAULT_QUEUE_LEADS = 300;
export const POOL_QUEUE = 'Canal_Partner_Pool';
export const REPS_GROUP = 'Canal_Partner_Reps';
export const REP_PERMISSION_SET = 'Canal_Partner_Rep';
export const CHANNEL_MANAGER_PERMISSION_SET = 'Canal_Channel_Manager';
/** The role the running user gets when it has none: a partner account's owner must have a role. */
export const CHANNEL_MANAGER_ROLE = 'Canal_Channel_Managers';
export const PARTNER_LICENSE = 'Partner Community';
export const PARTNER_PROFILE = 'Partner Community User';
/** Opportunities each active rep owns (across the stages). */
export const OPPORTUNITIES_PER_REP = 6;

/**
 * The lead statuses the seed uses, read from the org (LeadStatus and Lead_Claim_Closed_Status__mdt), never typed
 * in: an org's statuses may be renamed, translated or reordered.
 */
export interface SeedLeadStatuses {
    /** The default status (IsDefault): what a new lead in the pool gets. */
    open: string;
    /** The first open status after the default that does not close a claim: a lead the rep has worked. */
    worked: string;
}

/** Picks the pool and worked statuses from the org's open statuses (in SortOrder) and the closed ones. */
export function pickLeadStatuses(
    statuses: Array<{ ApiName: string; IsDefault: boolean }>,
    closed: Iterable<string>
): SeedLeadStatuses {
    if (statuses.length === 0) throw new SeedError('The org has no open lead status (LeadStatus).');
    const closedSet = new Set(closed);
    const open = (statuses.find((s) => s.IsDefault) ?? statuses[0]!).ApiName;
    const worked = statuses.find((s) => s.ApiName !== open && !closedSet.has(s.ApiName))?.ApiName ?? open;
    return { open, worked };
}

export function loadCast(file = CAST_FILE): SeedCast {
    return JSON.parse(readFileSync(file, 'utf8')) as SeedCast;
}

export interface SeedOrgOptions {
    /** The running (admin) user: the channel manager who owns the partner accounts. */
    runningUsername: string;
    /** Appended to every cast username (usernames are unique across Salesforce); default: the org id. */
    usernameSuffix?: string;
    /** Open leads the pool queue should hold (default 300). */
    queueLeads?: number;
    /** Every partner user's and contact's e-mail (to receive the welcome e-mails); default: the cast username. */
    email?: string;
    /** Set the cast passwords of active (not invited) reps (needs EnableSetPasswordInApi); default true. */
    setPasswords?: boolean;
    now?: Date;
    chunkSize?: number;
    log?: (line: string) => void;
}

export interface SeededUser {
    username: string;
    id: string;
    created: boolean;
    invited: boolean;
    /** The password that was set, when one was. */
    password?: string;
}

export interface SeedSummary {
    orgId: string;
    poolQueueId: string;
    partnerAccounts: { created: number; existing: number; enabled: number };
    contacts: number;
    users: SeededUser[];
    /** Cast usernames not created because the org had no Partner Community licence left for them. */
    skippedUsers: string[];
    permissionSetAssignments: number;
    groupMembers: number;
    leads: { pool: number; reps: number };
    customerAccounts: number;
    opportunities: number;
}

/** A seed step that failed: the message names the step, the records and the platform's error. */
export class SeedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SeedError';
    }
}

type Fields = Record<string, string | number | boolean | null>;

/** A SOQL string literal. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function soqlList(values: Iterable<string>): string {
    return `(${[...values].map(soqlString).join(', ')})`;
}

async function query<T extends Record<string, unknown>>(conn: Connection, soql: string): Promise<T[]> {
    try {
        const result = await conn.query<T>(soql, { autoFetch: true, maxFetch: 100_000 });
        return result.records;
    } catch (error) {
        throw new SeedError(`Query failed: ${soql}\n  ${errorText(error)}`);
    }
}

async function count(conn: Connection, soql: string): Promise<number> {
    try {
        return (await conn.query(soql)).totalSize;
    } catch (error) {
        throw new SeedError(`Query failed: ${soql}\n  ${errorText(error)}`);
    }
}

function errorText(error: unknown): string {
    if (error instanceof Error) {
        const code = (error as Error & { errorCode?: string }).errorCode;
        return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
    }
    return String(error);
}

interface LooseSaveError {
    statusCode?: string;
    errorCode?: string;
    message?: string;
    fields?: string[];
}

/**
 * Saves records through the collections API in chunks, allOrNone; returns the ids in order. A failed chunk
 * throws a SeedError naming the records and the platform's errors (the rolled-back ones left out).
 */
async function saveAll(
    conn: Connection,
    sobject: string,
    records: Fields[],
    mode: 'create' | 'update',
    what: string,
    chunkSize: number
): Promise<string[]> {
    const ids: string[] = [];
    const verb = mode === 'create' ? 'Creating' : 'Updating';
    for (let start = 0; start < records.length; start += chunkSize) {
        const chunk = records.slice(start, start + chunkSize);
        const range = `${start + 1}–${start + chunk.length} of ${records.length}`;
        let results: Array<{ success: boolean; id?: string; errors?: LooseSaveError[] }>;
        try {
            results =
                mode === 'create'
                    ? await conn.sobject(sobject).create(chunk, { allOrNone: true })
                    : await conn.sobject(sobject).update(chunk as Array<Fields & { Id: string }>, {
                          allOrNone: true
                      });
        } catch (error) {
            throw new SeedError(`${verb} ${what} (${sobject} ${range}) failed: ${errorText(error)}`);
        }
        const problems: string[] = [];
        results.forEach((result, i) => {
            if (result.success) return;
            for (const e of result.errors ?? []) {
                const code = e.statusCode ?? e.errorCode ?? 'ERROR';
                if (code === 'ALL_OR_NONE_OPERATION_ROLLED_BACK') continue;
                const fields = e.fields?.length ? ` [${e.fields.join(', ')}]` : '';
                problems.push(`record ${start + i + 1}: ${code}: ${e.message ?? ''}${fields}`);
            }
        });
        if (results.some((r) => !r.success)) {
            throw new SeedError(
                `${verb} ${what} (${sobject} ${range}) failed, nothing in that batch was saved:\n  ${
                    problems.length ? problems.slice(0, 10).join('\n  ') : 'the platform rolled it back'
                }`
            );
        }
        ids.push(...results.map((r) => r.id ?? ''));
    }
    return ids;
}

const CITIES = [
    'Madrid',
    'Barcelona',
    'Valencia',
    'Sevilla',
    'Bilbao',
    'Ciudad de México',
    'Guadalajara',
    'Bogotá',
    'Medellín',
    'Lima',
    'Santiago',
    'Buenos Aires',
    'Córdoba',
    'Montevideo',
    'Quito'
];
const PRODUCTS = ['Licencias Nimbus', 'Renovación anual', 'Implantación', 'Soporte Premium', 'Formación'];

/** Locale and time zone of a partner's country (Salesforce LocaleSidKey / TimeZoneSidKey). */
const COUNTRY_SETTINGS: Record<string, { locale: string; timeZone: string }> = {
    España: { locale: 'es_ES', timeZone: 'Europe/Madrid' },
    Colombia: { locale: 'es_CO', timeZone: 'America/Bogota' },
    Argentina: { locale: 'es_AR', timeZone: 'America/Argentina/Buenos_Aires' },
    México: { locale: 'es_MX', timeZone: 'America/Mexico_City' },
    Chile: { locale: 'es_CL', timeZone: 'America/Santiago' },
    Perú: { locale: 'es_PE', timeZone: 'America/Lima' }
};

function ascii(text: string): string {
    return text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase();
}

/** The org username of a cast user: the cast username with the suffix appended as a last domain label. */
export function orgUsername(castUsername: string, suffix: string): string {
    const label = suffix
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '')
        .slice(0, 30);
    return label ? `${castUsername.toLowerCase()}.${label}` : castUsername.toLowerCase();
}

/** The User fields of a partner rep (without ProfileId and ContactId). */
export function partnerUserFields(user: SeedUser, cast: SeedCast, suffix: string, email?: string): Fields {
    const partner = cast.partners.find((p) => p.key === user.partner);
    const country = COUNTRY_SETTINGS[partner?.country ?? ''] ?? COUNTRY_SETTINGS['España']!;
    const alias = (ascii(user.firstName).slice(0, 1) + ascii(user.lastName)).slice(0, 8);
    return {
        Username: orgUsername(user.username, suffix),
        FirstName: user.firstName,
        LastName: user.lastName,
        Email: email ?? user.username,
        Alias: alias,
        CommunityNickname:
            `${ascii(user.firstName)}.${ascii(user.lastName)}.${ascii(suffix).slice(-6)}`.slice(0, 40),
        LanguageLocaleKey: user.language === 'es' ? 'es' : 'en_US',
        LocaleSidKey: user.language === 'es' ? country.locale : 'en_US',
        TimeZoneSidKey: country.timeZone,
        EmailEncodingKey: 'UTF-8',
        IsActive: true
    };
}

interface Lookups {
    orgId: string;
    runningUser: { Id: string; UserRoleId: string | null };
    profileId: string;
    poolQueueId: string;
    repsGroupId: string;
    permissionSets: Map<string, string>;
    holdHours: Map<string, number | null>;
    /** Max_Open_Claims__c per tier ('Default' for the Default rule), where the org's rules set it. */
    maxOpen: Map<string, number>;
    /** The Partner Community licences (UserLicense), or null when the org does not report them. */
    partnerLicences: { used: number; total: number } | null;
    leadStatuses: SeedLeadStatuses;
    /** The org's active Opportunity stages (API names), in SortOrder. */
    opportunityStages: string[];
}

async function single<T extends Record<string, unknown>>(
    conn: Connection,
    soql: string,
    missing: string
): Promise<T> {
    const rows = await query<T>(conn, soql);
    if (!rows[0]) throw new SeedError(missing);
    return rows[0];
}

async function lookUp(
    conn: Connection,
    options: SeedOrgOptions,
    log: (line: string) => void
): Promise<Lookups> {
    const org = await single<{ Id: string }>(conn, 'SELECT Id FROM Organization', 'No Organization row.');
    const runningUser = await single<{ Id: string; UserRoleId: string | null }>(
        conn,
        `SELECT Id, UserRoleId FROM User WHERE Username = ${soqlString(options.runningUsername)}`,
        `No user ${options.runningUsername} in the org.`
    );
    const profiles = await query<{ Id: string; Name: string }>(
        conn,
        `SELECT Id, Name FROM Profile WHERE UserLicense.Name = ${soqlString(PARTNER_LICENSE)} ORDER BY Name`
    );
    if (profiles.length === 0) {
        throw new SeedError(
            `No profile with the ${PARTNER_LICENSE} licence: the org needs Experience Cloud partner licences (scratch definition feature Communities).`
        );
    }
    // Standard profile names are translated in orgs in another language: prefer the English name, else the first.
    const profile = profiles.find((p) => p.Name === PARTNER_PROFILE) ?? profiles[0]!;
    if (profile.Name !== PARTNER_PROFILE) log(`  profile "${profile.Name}" (${PARTNER_LICENSE} licence)`);
    const queue = await single<{ Id: string }>(
        conn,
        `SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = ${soqlString(POOL_QUEUE)}`,
        `No queue ${POOL_QUEUE}: deploy force-app first (npm run org:deploy).`
    );
    const group = await single<{ Id: string }>(
        conn,
        `SELECT Id FROM Group WHERE Type = 'Regular' AND DeveloperName = ${soqlString(REPS_GROUP)}`,
        `No public group ${REPS_GROUP}: deploy force-app first (npm run org:deploy).`
    );
    const names = [REP_PERMISSION_SET, CHANNEL_MANAGER_PERMISSION_SET];
    const sets = await query<{ Id: string; Name: string }>(
        conn,
        `SELECT Id, Name FROM PermissionSet WHERE Name IN ${soqlList(names)}`
    );
    const permissionSets = new Map(sets.map((s) => [s.Name, s.Id]));
    for (const name of names) {
        if (!permissionSets.has(name))
            throw new SeedError(`No permission set ${name}: deploy force-app first.`);
    }
    const rules = await query<{
        DeveloperName: string;
        Partner_Tier__c: string | null;
        Hold_Hours__c: number | null;
        Max_Open_Claims__c?: number | null;
    }>(
        conn,
        'SELECT DeveloperName, Partner_Tier__c, Hold_Hours__c, Max_Open_Claims__c FROM Lead_Claim_Rule__mdt'
    );
    const holdHours = new Map<string, number | null>();
    const maxOpen = new Map<string, number>();
    for (const rule of rules) {
        const tier =
            rule.DeveloperName === 'Default' ? 'Default' : (rule.Partner_Tier__c ?? rule.DeveloperName);
        holdHours.set(tier, rule.Hold_Hours__c);
        if (typeof rule.Max_Open_Claims__c === 'number') maxOpen.set(tier, rule.Max_Open_Claims__c);
    }
    const licences = await query<{ UsedLicenses: number; TotalLicenses: number }>(
        conn,
        `SELECT UsedLicenses, TotalLicenses FROM UserLicense WHERE Name = ${soqlString(PARTNER_LICENSE)}`
    );
    const leadStatuses = pickLeadStatuses(
        await query<{ ApiName: string; IsDefault: boolean }>(
            conn,
            'SELECT ApiName, IsDefault FROM LeadStatus WHERE IsConverted = false ORDER BY SortOrder'
        ),
        (await query<{ Status__c: string }>(conn, 'SELECT Status__c FROM Lead_Claim_Closed_Status__mdt')).map(
            (c) => c.Status__c
        )
    );
    const opportunityStages = (
        await query<{ ApiName: string }>(
            conn,
            'SELECT ApiName FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder'
        )
    ).map((stage) => stage.ApiName);
    if (opportunityStages.length === 0) throw new SeedError('The org has no active Opportunity stage.');
    log(`  lead statuses: "${leadStatuses.open}" in the pool, "${leadStatuses.worked}" once worked`);
    return {
        leadStatuses,
        opportunityStages,
        orgId: org.Id,
        runningUser,
        profileId: profile.Id,
        partnerLicences: licences[0]
            ? { used: licences[0].UsedLicenses, total: licences[0].TotalLicenses }
            : null,
        poolQueueId: queue.Id,
        repsGroupId: group.Id,
        permissionSets,
        holdHours,
        maxOpen
    };
}

/** A partner account's owner must have a role: give the running user one when it has none. */
async function ensureOwnerRole(conn: Connection, lookups: Lookups, chunk: number, log: (l: string) => void) {
    if (lookups.runningUser.UserRoleId) return;
    const roles = await query<{ Id: string }>(
        conn,
        `SELECT Id FROM UserRole WHERE DeveloperName = ${soqlString(CHANNEL_MANAGER_ROLE)}`
    );
    let roleId = roles[0]?.Id;
    if (!roleId) {
        [roleId] = await saveAll(
            conn,
            'UserRole',
            [{ Name: 'Canal Channel Managers', DeveloperName: CHANNEL_MANAGER_ROLE }],
            'create',
            'the channel manager role',
            chunk
        );
    }
    await saveAll(
        conn,
        'User',
        [{ Id: lookups.runningUser.Id, UserRoleId: roleId! }],
        'update',
        'the running user’s role (partner account owners need one)',
        chunk
    );
    lookups.runningUser.UserRoleId = roleId!;
    log(`  the running user now has the role ${CHANNEL_MANAGER_ROLE} (a partner account owner needs a role)`);
}

export interface GroupRolesOptions {
    /** The Canal_Partner_Reps group id (looked up when absent). */
    groupId?: string;
    /** Partner users to add directly when they have no role (a partner user normally gets its account's role). */
    userIds?: string[];
    chunkSize?: number;
    log?: (line: string) => void;
}

/**
 * Adds every partner role of the org (UserRole PortalType = 'Partner', through its Group of Type 'Role') to
 * the Canal_Partner_Reps group, and the given users that have no role directly. Partner roles appear when an
 * account's first partner user is created, so on a fresh org this adds nothing until the seed has run.
 * Returns how many members were added.
 */
export async function addPartnerRolesToGroup(
    conn: Connection,
    options: GroupRolesOptions = {}
): Promise<number> {
    const log = options.log ?? (() => undefined);
    const groupId =
        options.groupId ??
        (
            await single<{ Id: string }>(
                conn,
                `SELECT Id FROM Group WHERE Type = 'Regular' AND DeveloperName = ${soqlString(REPS_GROUP)}`,
                `No public group ${REPS_GROUP}: deploy force-app first.`
            )
        ).Id;
    const roles = await query<{ Id: string }>(conn, "SELECT Id FROM UserRole WHERE PortalType = 'Partner'");
    const roleGroups = roles.length
        ? await query<{ Id: string; RelatedId: string }>(
              conn,
              `SELECT Id, RelatedId FROM Group WHERE Type = 'Role' AND RelatedId IN ${soqlList(roles.map((r) => r.Id))}`
          )
        : [];
    const members = new Set(
        (
            await query<{ UserOrGroupId: string }>(
                conn,
                `SELECT UserOrGroupId FROM GroupMember WHERE GroupId = ${soqlString(groupId)}`
            )
        ).map((m) => m.UserOrGroupId)
    );
    const toAdd = roleGroups.map((g) => g.Id).filter((id) => !members.has(id));
    if (options.userIds?.length) {
        const users = await query<{ Id: string; UserRoleId: string | null }>(
            conn,
            `SELECT Id, UserRoleId FROM User WHERE Id IN ${soqlList(options.userIds)}`
        );
        for (const u of users) if (!u.UserRoleId && !members.has(u.Id)) toAdd.push(u.Id);
    }
    await saveAll(
        conn,
        'GroupMember',
        toAdd.map((id) => ({ GroupId: groupId, UserOrGroupId: id })),
        'create',
        `${REPS_GROUP} members`,
        options.chunkSize ?? CHUNK_SIZE
    );
    log(
        `  ${REPS_GROUP}: ${roles.length} partner role(s) in the org, ${toAdd.length} member(s) added, ${members.size} already there`
    );
    return toAdd.length;
}

/** What seedOrg would do, for --dry-run (no org needed). */
export function describeSeedPlan(cast: SeedCast, options: Partial<SeedOrgOptions> = {}): string[] {
    const reps = cast.users.filter((u) => u.partner !== null);
    const active = reps.filter((u) => !u.invited);
    const example = reps[0]?.username ?? 'user@example.com';
    const username = options.usernameSuffix
        ? orgUsername(example, options.usernameSuffix)
        : `${example}.<org id>`;
    return [
        `look up the org id, ${options.runningUsername ?? 'the running user'}, the ${PARTNER_LICENSE} profile, queue ${POOL_QUEUE}, group ${REPS_GROUP}, permission sets, claim rules, lead statuses (LeadStatus, Lead_Claim_Closed_Status__mdt) and Opportunity stages (OpportunityStage)`,
        `give the running user a role if it has none (${CHANNEL_MANAGER_ROLE})`,
        `create ${cast.partners.length} partner accounts (${cast.partners.map((p) => p.name).join(', ')}) owned by the running user, then update IsPartner = true`,
        `create ${reps.length} contacts, then ${reps.length} partner users (${username}, …), no more than the free ${PARTNER_LICENSE} licences (UserLicense); the rest are reported as skipped`,
        `set the cast passwords of ${active.length} active reps; ${reps.length - active.length} invited rep(s) wait for the welcome e-mail`,
        `assign ${REP_PERMISSION_SET} to the reps and ${CHANNEL_MANAGER_PERMISSION_SET} to the running user`,
        `add the partner roles to ${REPS_GROUP}`,
        `create up to ${options.queueLeads ?? DEFAULT_QUEUE_LEADS} leads in ${POOL_QUEUE} (the default lead status) and 2 leads per active rep`,
        `create ${active.length * OPPORTUNITIES_PER_REP} customer accounts and opportunities across the org's active stages`,
        `(collections API, ${options.chunkSize ?? CHUNK_SIZE} records per request, allOrNone)`
    ];
}

/** Seeds the org behind `conn` with the cast; see the module comment. */
export async function seedOrg(
    conn: Connection,
    cast: SeedCast,
    options: SeedOrgOptions
): Promise<SeedSummary> {
    const log = options.log ?? (() => undefined);
    const chunk = options.chunkSize ?? CHUNK_SIZE;
    const now = options.now ?? new Date();
    const rand = random(20260302);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

    log('Looking up the org');
    const lookups = await lookUp(conn, options, log);
    const suffix = options.usernameSuffix ?? lookups.orgId;
    await ensureOwnerRole(conn, lookups, chunk, log);
    const ownerId = lookups.runningUser.Id;

    // Partner accounts, then IsPartner in a separate update.
    const existingAccounts = await query<{ Id: string; Name: string; IsPartner: boolean }>(
        conn,
        `SELECT Id, Name, IsPartner FROM Account WHERE Name IN ${soqlList(cast.partners.map((p) => p.name))}`
    );
    const accountByName = new Map<string, { Id: string; IsPartner: boolean }>();
    for (const a of existingAccounts) if (!accountByName.has(a.Name)) accountByName.set(a.Name, a);
    const newPartners = cast.partners.filter((p) => !accountByName.has(p.name));
    const accountRecords = newPartners.map((p) => {
        const record: Fields = { Name: p.name, OwnerId: ownerId, BillingCity: p.city };
        if (p.tier) record.Partner_Tier__c = p.tier;
        if (p.leadClaimLimit !== undefined) record.Lead_Claim_Limit__c = p.leadClaimLimit;
        if (p.dailyClaimLimit !== undefined) record.Daily_Claim_Limit__c = p.dailyClaimLimit;
        return record;
    });
    log(`Partner accounts: creating ${newPartners.length}, ${existingAccounts.length} already exist`);
    const newAccountIds = await saveAll(conn, 'Account', accountRecords, 'create', 'partner accounts', chunk);
    newPartners.forEach((p, i) => accountByName.set(p.name, { Id: newAccountIds[i]!, IsPartner: false }));
    const partnerIds = new Map(cast.partners.map((p) => [p.key, accountByName.get(p.name)!.Id]));
    const toEnable = cast.partners.map((p) => accountByName.get(p.name)!).filter((a) => !a.IsPartner);
    log(`Enabling ${toEnable.length} account(s) as partners (IsPartner = true)`);
    await saveAll(
        conn,
        'Account',
        toEnable.map((a) => ({ Id: a.Id, IsPartner: true })),
        'update',
        'IsPartner of the partner accounts',
        chunk
    );

    // Contacts of the reps.
    const reps = cast.users.filter((u) => u.partner !== null);
    const contactKey = (accountId: string, first: string, last: string) => `${accountId}|${first}|${last}`;
    const existingContacts = await query<{
        Id: string;
        AccountId: string;
        FirstName: string;
        LastName: string;
    }>(
        conn,
        `SELECT Id, AccountId, FirstName, LastName FROM Contact WHERE AccountId IN ${soqlList(partnerIds.values())}`
    );
    const contactIds = new Map(
        existingContacts.map((c) => [contactKey(c.AccountId, c.FirstName, c.LastName), c.Id])
    );
    const newContacts = reps.filter(
        (u) => !contactIds.has(contactKey(partnerIds.get(u.partner!)!, u.firstName, u.lastName))
    );
    log(`Contacts: creating ${newContacts.length}, ${reps.length - newContacts.length} already exist`);
    const newContactIds = await saveAll(
        conn,
        'Contact',
        newContacts.map((u) => ({
            FirstName: u.firstName,
            LastName: u.lastName,
            Email: options.email ?? u.username,
            AccountId: partnerIds.get(u.partner!)!,
            OwnerId: ownerId
        })),
        'create',
        'partner contacts',
        chunk
    );
    newContacts.forEach((u, i) =>
        contactIds.set(contactKey(partnerIds.get(u.partner!)!, u.firstName, u.lastName), newContactIds[i]!)
    );

    // Partner users.
    const usernames = reps.map((u) => orgUsername(u.username, suffix));
    const existingUsers = await query<{ Id: string; Username: string }>(
        conn,
        `SELECT Id, Username FROM User WHERE Username IN ${soqlList(usernames)}`
    );
    const userIds = new Map(existingUsers.map((u) => [u.Username.toLowerCase(), u.Id]));
    const missingUsers = reps.filter((u) => !userIds.has(orgUsername(u.username, suffix)));
    // Never ask for more partner users than the org has Partner Community licences left: the platform would
    // refuse the whole request (allOrNone). The cast's first users are created, the rest reported as skipped.
    const licences = lookups.partnerLicences;
    const free = licences ? Math.max(0, licences.total - licences.used) : missingUsers.length;
    const newUsers = missingUsers.slice(0, free);
    const skippedUsers = missingUsers.slice(free).map((u) => orgUsername(u.username, suffix));
    if (licences) {
        log(
            `${PARTNER_LICENSE} licences: ${licences.used} of ${licences.total} in use, ${licences.total - licences.used} free`
        );
    }
    if (skippedUsers.length) {
        log(
            `  SKIPPED ${skippedUsers.length} partner user(s), no ${PARTNER_LICENSE} licence left (buy licences or deactivate users, then run org:seed again): ${skippedUsers.join(', ')}`
        );
    }
    const seededReps = reps.filter((u) => !missingUsers.slice(free).includes(u));
    log(`Partner users: creating ${newUsers.length}, ${reps.length - missingUsers.length} already exist`);
    if (newUsers.length) {
        log(
            `  When the site is Live and its Network sends welcome e-mails, each new user gets one now (to ${
                options.email ??
                'the cast addresses, which are .example and receive nothing; pass --email to get them'
            }).`
        );
    }
    const newUserIds = await saveAll(
        conn,
        'User',
        newUsers.map((u) => ({
            ...partnerUserFields(u, cast, suffix, options.email),
            ProfileId: lookups.profileId,
            ContactId: contactIds.get(contactKey(partnerIds.get(u.partner!)!, u.firstName, u.lastName))!
        })),
        'create',
        'partner users',
        chunk
    );
    newUsers.forEach((u, i) => userIds.set(orgUsername(u.username, suffix), newUserIds[i]!));
    const seededUsers: SeededUser[] = seededReps.map((u) => ({
        username: orgUsername(u.username, suffix),
        id: userIds.get(orgUsername(u.username, suffix))!,
        created: newUsers.includes(u),
        invited: Boolean(u.invited)
    }));

    if (options.setPasswords ?? true) {
        for (const [i, u] of seededReps.entries()) {
            const seeded = seededUsers[i]!;
            if (!seeded.created || u.invited) continue;
            try {
                await conn.request({
                    method: 'POST',
                    url: `/services/data/v${conn.version}/sobjects/User/${seeded.id}/password`,
                    body: JSON.stringify({ NewPassword: u.password }),
                    headers: { 'content-type': 'application/json' }
                });
                seeded.password = u.password;
            } catch (error) {
                log(
                    `  could not set the password of ${seeded.username} (${errorText(error)}): use the welcome e-mail`
                );
            }
        }
    }

    // Permission sets: reps hold Canal_Partner_Rep, the running user Canal_Channel_Manager.
    const repSet = lookups.permissionSets.get(REP_PERMISSION_SET)!;
    const managerSet = lookups.permissionSets.get(CHANNEL_MANAGER_PERMISSION_SET)!;
    const wanted = [
        ...seededUsers.map((u) => ({ AssigneeId: u.id, PermissionSetId: repSet })),
        { AssigneeId: ownerId, PermissionSetId: managerSet }
    ];
    const held = new Set(
        (
            await query<{ AssigneeId: string; PermissionSetId: string }>(
                conn,
                `SELECT AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE PermissionSetId IN ${soqlList([repSet, managerSet])} AND AssigneeId IN ${soqlList(wanted.map((w) => w.AssigneeId))}`
            )
        ).map((a) => `${a.AssigneeId}|${a.PermissionSetId}`)
    );
    const assignments = wanted.filter((w) => !held.has(`${w.AssigneeId}|${w.PermissionSetId}`));
    log(`Permission set assignments: creating ${assignments.length}`);
    await saveAll(
        conn,
        'PermissionSetAssignment',
        assignments,
        'create',
        'permission set assignments',
        chunk
    );

    // Queue membership: the partner roles join Canal_Partner_Reps, a member of Canal_Partner_Pool.
    log(`Queue membership through ${REPS_GROUP}`);
    const groupMembers = await addPartnerRolesToGroup(conn, {
        groupId: lookups.repsGroupId,
        userIds: seededUsers.map((u) => u.id),
        chunkSize: chunk,
        log
    });

    // Leads in the pool.
    const makeLead = (): Fields => {
        const first = pick(FIRST_NAMES);
        const last = pick(LAST_NAMES);
        return {
            FirstName: first,
            LastName: last,
            Company: `${pick(COMPANY_STEMS)} ${pick(COMPANY_TAILS)}`,
            Email: `${ascii(first)}.${ascii(last)}@ejemplo.com`,
            City: pick(CITIES),
            Status: lookups.leadStatuses.open
        };
    };
    const wantedPool = options.queueLeads ?? DEFAULT_QUEUE_LEADS;
    const inPool = await count(
        conn,
        `SELECT COUNT() FROM Lead WHERE OwnerId = ${soqlString(lookups.poolQueueId)} AND IsConverted = false`
    );
    const poolLeads = Array.from({ length: Math.max(0, wantedPool - inPool) }, () => ({
        ...makeLead(),
        OwnerId: lookups.poolQueueId
    }));
    log(`Leads in ${POOL_QUEUE}: creating ${poolLeads.length}, ${inPool} already there`);
    await saveAll(conn, 'Lead', poolLeads, 'create', `leads in ${POOL_QUEUE}`, chunk);

    // Leads held by active reps: one assigned and worked, one claimed from the pool.
    const activeReps = seededReps
        .map((u, i) => ({ user: u, id: seededUsers[i]!.id }))
        .filter((r) => !r.user.invited);
    const activeIds = activeReps.map((r) => r.id);
    const owningLeads = new Set(
        activeIds.length
            ? (
                  await query<{ OwnerId: string }>(
                      conn,
                      `SELECT OwnerId FROM Lead WHERE OwnerId IN ${soqlList(activeIds)}`
                  )
              ).map((l) => l.OwnerId)
            : []
    );
    const repLeads: Fields[] = [];
    // Every lead a partner's reps hold counts against its open-claim limit: seed each partner with at most its
    // limit minus one, so that every partner can still claim.
    const heldByPartner = new Map<string, number>();
    for (const rep of activeReps.filter((r) => !owningLeads.has(r.id))) {
        const partner = cast.partners.find((p) => p.key === rep.user.partner)!;
        const partnerId = partnerIds.get(partner.key)!;
        const openLimit =
            partner.leadClaimLimit ??
            lookups.maxOpen.get(partner.tier ?? '') ??
            lookups.maxOpen.get('Default');
        const holding = heldByPartner.get(partnerId) ?? 0;
        if (openLimit !== undefined && holding + 2 > openLimit - 1) {
            log(`  ${rep.user.username} holds no seeded lead: ${partner.name} would reach its open limit`);
            continue;
        }
        heldByPartner.set(partnerId, holding + 2);
        repLeads.push({
            ...makeLead(),
            Status: lookups.leadStatuses.worked,
            OwnerId: rep.id,
            PartnerAccountId: partnerId
        });
        const hold = lookups.holdHours.has(partner.tier ?? '')
            ? lookups.holdHours.get(partner.tier ?? '')
            : (lookups.holdHours.get('Default') ?? 48);
        const claimedAt = new Date(now.getTime() - 6 * 3_600_000);
        repLeads.push({
            ...makeLead(),
            OwnerId: rep.id,
            PartnerAccountId: partnerId,
            Claimed_At__c: claimedAt.toISOString(),
            Claim_Expires_At__c: hold ? new Date(claimedAt.getTime() + hold * 3_600_000).toISOString() : null,
            Claimed_From_Queue__c: lookups.poolQueueId
        });
    }
    log(`Leads held by reps: creating ${repLeads.length}`);
    await saveAll(conn, 'Lead', repLeads, 'create', 'leads held by reps', chunk);

    // Opportunities across the stages, each with a customer account.
    const owningOpportunities = new Set(
        activeIds.length
            ? (
                  await query<{ OwnerId: string }>(
                      conn,
                      `SELECT OwnerId FROM Opportunity WHERE OwnerId IN ${soqlList(activeIds)}`
                  )
              ).map((o) => o.OwnerId)
            : []
    );
    const opportunityReps = activeReps.filter((r) => !owningOpportunities.has(r.id));
    const plans = Array.from({ length: opportunityReps.length * OPPORTUNITIES_PER_REP }, (_, i) => {
        const rep = opportunityReps[i % opportunityReps.length]!;
        const closeOffsetDays = Math.round(rand() * 120) - 30;
        return {
            rep,
            company: `${pick(COMPANY_STEMS)} ${pick(COMPANY_TAILS)}`,
            city: pick(CITIES),
            stage: lookups.opportunityStages[i % lookups.opportunityStages.length]!,
            product: pick(PRODUCTS),
            amount: Math.round(2 + rand() * 98) * 1000,
            closeDate: new Date(now.getTime() + closeOffsetDays * 86_400_000).toISOString().slice(0, 10)
        };
    });
    log(`Opportunities: creating ${plans.length} with their customer accounts`);
    const customerIds = await saveAll(
        conn,
        'Account',
        plans.map((p) => ({ Name: p.company, OwnerId: p.rep.id, BillingCity: p.city })),
        'create',
        'customer accounts',
        chunk
    );
    await saveAll(
        conn,
        'Opportunity',
        plans.map((p, i) => ({
            Name: `${p.company} – ${p.product}`,
            AccountId: customerIds[i]!,
            PartnerAccountId: partnerIds.get(p.rep.user.partner!)!,
            OwnerId: p.rep.id,
            StageName: p.stage,
            CloseDate: p.closeDate,
            Amount: p.amount
        })),
        'create',
        'opportunities',
        chunk
    );

    return {
        orgId: lookups.orgId,
        poolQueueId: lookups.poolQueueId,
        partnerAccounts: {
            created: newPartners.length,
            existing: existingAccounts.length,
            enabled: toEnable.length
        },
        contacts: newContacts.length,
        users: seededUsers,
        skippedUsers,
        permissionSetAssignments: assignments.length,
        groupMembers,
        leads: { pool: poolLeads.length, reps: repLeads.length },
        customerAccounts: customerIds.length,
        opportunities: plans.length
    };
}
