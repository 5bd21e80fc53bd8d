/**
 * seedOrg against jsforce talking HTTP to a fake org: the order of the saves, their payloads, chunking at 200,
 * idempotency, and an allOrNone failure stopping the seed with the platform's message.
 */
import {
    CHUNK_SIZE,
    DEFAULT_QUEUE_LEADS,
    describeSeedPlan,
    loadCast,
    OPPORTUNITIES_PER_REP,
    pickLeadStatuses,
    seedOrg,
    SeedError,
    soqlString,
    type SeedOrgOptions
} from '../../scripts/org/seedOrg';
import { allOrNoneFailure, FakeOrg, type FakeOrgOptions } from './fakeOrg';

const ORG_ID = '00D5g000004ABCDEAA';
const ADMIN_ID = '005000000000ADMAAA';
const PROFILE_ID = '00e000000000PRFAAA';
const QUEUE_ID = '00G000000000QUEAAA';
const GROUP_ID = '00G000000000GRPAAA';
const REP_SET = '0PS000000000REPAAA';
const MANAGER_SET = '0PS000000000MGRAAA';
const ADMIN_USERNAME = 'admin@canal-scratch.example';
const ORG_STAGES = ['Descubrimiento', 'Propuesta', 'Negociación', 'Ganada', 'Perdida'];

const cast = loadCast();
const reps = cast.users.filter((u) => u.partner !== null);
const activeReps = reps.filter((u) => !u.invited);

interface World {
    existingAccounts?: Array<{ Id: string; Name: string; IsPartner: boolean }>;
    adminRoleId?: string | null;
    save?: FakeOrgOptions['save'];
    /** The org's Partner Community licences; absent: the org reports none (no cap). */
    licences?: { used: number; total: number };
    /** Rules carrying Max_Open_Claims__c (the shipped values); absent: the rules say nothing of it (no cap). */
    openLimits?: boolean;
}

/** Answers the seed's queries like a freshly deployed org; created users get a partner role except the last. */
function fakeOrg(world: World = {}): FakeOrg {
    const org: FakeOrg = new FakeOrg({
        save: world.save,
        query: (soql) => {
            const users = () => org.created.get('User') ?? [];
            if (/FROM Organization/.test(soql)) return { records: [{ Id: ORG_ID }] };
            if (/FROM User WHERE Username = /.test(soql)) {
                return { records: [{ Id: ADMIN_ID, UserRoleId: world.adminRoleId ?? null }] };
            }
            if (/FROM Profile WHERE UserLicense.Name = 'Partner Community'/.test(soql)) {
                return {
                    records: [
                        { Id: '00e000000000CLNAAA', Name: 'Partner Community Clone' },
                        { Id: PROFILE_ID, Name: 'Partner Community User' }
                    ]
                };
            }
            if (/Type = 'Queue' AND DeveloperName = 'Canal_Partner_Pool'/.test(soql)) {
                return { records: [{ Id: QUEUE_ID }] };
            }
            if (/Type = 'Regular' AND DeveloperName = 'Canal_Partner_Reps'/.test(soql)) {
                return { records: [{ Id: GROUP_ID }] };
            }
            if (/FROM PermissionSet WHERE Name IN/.test(soql)) {
                return {
                    records: [
                        { Id: REP_SET, Name: 'Canal_Partner_Rep' },
                        { Id: MANAGER_SET, Name: 'Canal_Channel_Manager' }
                    ]
                };
            }
            if (/FROM UserLicense WHERE Name = 'Partner Community'/.test(soql)) {
                const licences = world.licences;
                return {
                    records: licences ? [{ UsedLicenses: licences.used, TotalLicenses: licences.total }] : []
                };
            }
            if (/FROM Lead_Claim_Rule__mdt/.test(soql)) {
                return {
                    records: [
                        { DeveloperName: 'Default', Partner_Tier__c: null, Hold_Hours__c: 48 },
                        { DeveloperName: 'Gold', Partner_Tier__c: 'Gold', Hold_Hours__c: 72 },
                        { DeveloperName: 'Silver', Partner_Tier__c: 'Silver', Hold_Hours__c: 48 },
                        { DeveloperName: 'Bronze', Partner_Tier__c: 'Bronze', Hold_Hours__c: 24 }
                    ].map((rule) =>
                        world.openLimits
                            ? {
                                  ...rule,
                                  Max_Open_Claims__c: { Default: 3, Gold: 5, Silver: 3, Bronze: 2 }[
                                      rule.DeveloperName
                                  ]
                              }
                            : rule
                    )
                };
            }
            if (/FROM Account WHERE Name IN/.test(soql)) return { records: world.existingAccounts ?? [] };
            if (/FROM UserRole WHERE PortalType = 'Partner'/.test(soql)) {
                // One partner role per user but the last (a user without a role joins the group directly).
                return {
                    records: users()
                        .slice(0, -1)
                        .map((_, i) => ({ Id: `00E00000000${i}ROLAAA` }))
                };
            }
            if (/FROM Group WHERE Type = 'Role'/.test(soql)) {
                return {
                    records: users()
                        .slice(0, -1)
                        .map((_, i) => ({ Id: `00G00000000${i}ROLAAA`, RelatedId: `00E00000000${i}ROLAAA` }))
                };
            }
            if (/FROM User WHERE Id IN/.test(soql)) {
                return {
                    records: users().map((id, i, all) => ({
                        Id: id,
                        UserRoleId: i < all.length - 1 ? `00E00000000${i}ROLAAA` : null
                    }))
                };
            }
            // An org whose statuses and stages are its own (translated, reordered, one closed by our metadata):
            // the seed must take them from the org, not from a list typed in.
            if (/FROM LeadStatus WHERE IsConverted = false ORDER BY SortOrder/.test(soql)) {
                return {
                    records: [
                        { ApiName: 'Descartado', IsDefault: false },
                        { ApiName: 'Nuevo', IsDefault: true },
                        { ApiName: 'Cerrado sin convertir', IsDefault: false },
                        { ApiName: 'En curso', IsDefault: false }
                    ]
                };
            }
            if (/FROM Lead_Claim_Closed_Status__mdt/.test(soql)) {
                return { records: [{ Status__c: 'Descartado' }, { Status__c: 'Cerrado sin convertir' }] };
            }
            if (/FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder/.test(soql)) {
                return { records: ORG_STAGES.map((ApiName) => ({ ApiName })) };
            }
            if (/SELECT COUNT\(\) FROM Lead/.test(soql)) return { count: 0 };
            return undefined; // contacts, users by username, assignments, members, owned leads and opportunities
        }
    });
    return org;
}

const options = (extra: Partial<SeedOrgOptions> = {}): SeedOrgOptions => ({
    runningUsername: ADMIN_USERNAME,
    now: new Date('2026-03-02T09:00:00.000Z'),
    ...extra
});

describe('seedOrg over HTTP', () => {
    let org: FakeOrg;
    afterEach(async () => {
        await org?.stop();
    });

    it('saves accounts, IsPartner, contacts, users, then permission sets, group members, leads and opportunities', async () => {
        org = await fakeOrg().start();
        const summary = await seedOrg(org.connection(), cast, options());

        const order = org.saves().map((s) => `${s.method} ${s.type}`);
        const first = (step: string) => {
            const index = order.indexOf(step);
            expect(index).toBeGreaterThanOrEqual(0);
            return index;
        };
        expect(first('POST UserRole')).toBeLessThan(first('PATCH User'));
        expect(first('PATCH User')).toBeLessThan(first('POST Account'));
        expect(first('POST Account')).toBeLessThan(first('PATCH Account'));
        expect(first('PATCH Account')).toBeLessThan(first('POST Contact'));
        expect(first('POST Contact')).toBeLessThan(first('POST User'));
        expect(first('POST User')).toBeLessThan(first('POST PermissionSetAssignment'));
        expect(first('POST PermissionSetAssignment')).toBeLessThan(first('POST GroupMember'));
        expect(first('POST GroupMember')).toBeLessThan(first('POST Lead'));
        expect(first('POST Lead')).toBeLessThan(first('POST Opportunity'));

        // Every request is one sObject type (setup objects never share a request with data), allOrNone, ≤ 200.
        for (const request of org.requests.filter((r) => r.path.endsWith('/composite/sobjects'))) {
            const body = request.body as {
                allOrNone: boolean;
                records: Array<{ attributes: { type: string } }>;
            };
            expect(body.allOrNone).toBe(true);
            expect(body.records.length).toBeLessThanOrEqual(CHUNK_SIZE);
            expect(new Set(body.records.map((r) => r.attributes.type)).size).toBe(1);
        }

        // The running user gets a role first (a partner account owner needs one).
        expect(org.records('User', 'PATCH')).toEqual([
            expect.objectContaining({ id: ADMIN_ID, UserRoleId: org.created.get('UserRole')![0] })
        ]);

        // Partner accounts carry the cast's tier and overrides, owned by the running user; IsPartner comes after.
        const accounts = org.records('Account').slice(0, cast.partners.length);
        expect(accounts.map((a) => a.Name)).toEqual(cast.partners.map((p) => p.name));
        expect(accounts.find((a) => a.Name === 'Sierra Partners')).toEqual(
            expect.objectContaining({
                Partner_Tier__c: 'Bronze',
                Lead_Claim_Limit__c: 4,
                Daily_Claim_Limit__c: 5,
                OwnerId: ADMIN_ID
            })
        );
        expect(accounts.find((a) => a.Name === 'Pampa Tech')).not.toHaveProperty('Partner_Tier__c');
        expect(accounts.every((a) => !('IsPartner' in a))).toBe(true);
        const partnerIds = org.created.get('Account')!.slice(0, cast.partners.length);
        expect(org.records('Account', 'PATCH')).toEqual(
            partnerIds.map((id) => expect.objectContaining({ id, IsPartner: true }))
        );

        // Contacts on their partner accounts; users on their contacts with the partner profile.
        const contacts = org.records('Contact');
        expect(contacts).toHaveLength(reps.length);
        expect(contacts[0]).toEqual(
            expect.objectContaining({ FirstName: 'Ana', LastName: 'García', AccountId: partnerIds[0] })
        );
        const contactIds = org.created.get('Contact')!;
        const users = org.records('User');
        expect(users).toHaveLength(reps.length);
        users.forEach((u, i) => {
            expect(u.ContactId).toBe(contactIds[i]);
            expect(u.ProfileId).toBe(PROFILE_ID);
            expect(u.Username).toBe(`${reps[i]!.username}.${ORG_ID.toLowerCase()}`);
            expect(String(u.Alias).length).toBeLessThanOrEqual(8);
            expect(u.EmailEncodingKey).toBe('UTF-8');
        });
        expect(users[0]).toEqual(
            expect.objectContaining({
                FirstName: 'Ana',
                LanguageLocaleKey: 'es',
                LocaleSidKey: 'es_ES',
                TimeZoneSidKey: 'Europe/Madrid',
                Email: 'ana.garcia@iberia.example',
                Alias: 'agarcia'
            })
        );
        expect(users.find((u) => u.FirstName === 'Alberto')).toEqual(
            expect.objectContaining({ LanguageLocaleKey: 'en_US', LocaleSidKey: 'en_US' })
        );
        expect(users.find((u) => u.FirstName === 'Bruno')).toEqual(
            expect.objectContaining({ LocaleSidKey: 'es_CO', TimeZoneSidKey: 'America/Bogota' })
        );
        expect(new Set(users.map((u) => u.CommunityNickname)).size).toBe(users.length);

        // Passwords for active reps only (the invited one waits for the welcome e-mail).
        const passwords = org.requests.filter((r) => r.path.endsWith('/password'));
        expect(passwords).toHaveLength(activeReps.length);
        expect(passwords[0]!.body).toEqual({ NewPassword: 'Canal-demo-2026' });
        expect(summary.users.find((u) => u.invited)?.password).toBeUndefined();

        // Permission sets: Canal_Partner_Rep for every rep, Canal_Channel_Manager for the running user.
        const userIds = org.created.get('User')!;
        expect(org.records('PermissionSetAssignment').map((a) => [a.AssigneeId, a.PermissionSetId])).toEqual([
            ...userIds.map((id) => [id, REP_SET]),
            [ADMIN_ID, MANAGER_SET]
        ]);

        // The partner roles (their Role groups) join Canal_Partner_Reps; a user without a role joins directly.
        const members = org.records('GroupMember');
        expect(members.every((m) => m.GroupId === GROUP_ID)).toBe(true);
        expect(members.map((m) => m.UserOrGroupId)).toEqual([
            ...userIds.slice(0, -1).map((_, i) => `00G00000000${i}ROLAAA`),
            userIds[userIds.length - 1]
        ]);

        // Pool leads: owned by the queue the query returned, chunked at 200; rep leads held by active reps.
        const leadSaves = org.saves().filter((s) => s.type === 'Lead');
        expect(leadSaves.map((s) => s.records.length)).toEqual([200, 100, activeReps.length * 2]);
        const poolLeads = leadSaves.slice(0, 2).flatMap((s) => s.records);
        expect(poolLeads).toHaveLength(DEFAULT_QUEUE_LEADS);
        // The org's default status, not a typed-in English value.
        expect(poolLeads.every((l) => l.OwnerId === QUEUE_ID && l.Status === 'Nuevo')).toBe(true);
        expect(poolLeads.every((l) => typeof l.Company === 'string' && typeof l.LastName === 'string')).toBe(
            true
        );
        const repLeads = leadSaves[2]!.records;
        const activeIds = userIds.filter((_, i) => !reps[i]!.invited);
        expect(new Set(repLeads.map((l) => l.OwnerId))).toEqual(new Set(activeIds));
        const claimed = repLeads.filter((l) => l.Claimed_At__c);
        // The worked lead takes the first open status after the default that does not close a claim.
        expect(repLeads.filter((l) => !l.Claimed_At__c).every((l) => l.Status === 'En curso')).toBe(true);
        expect(claimed).toHaveLength(activeReps.length);
        expect(claimed.every((l) => l.Claimed_From_Queue__c === QUEUE_ID && l.PartnerAccountId)).toBe(true);
        // Iberia (Gold) holds 72 h, the others the Default 48 h.
        const hold = (l: Record<string, unknown>) =>
            (Date.parse(String(l.Claim_Expires_At__c)) - Date.parse(String(l.Claimed_At__c))) / 3_600_000;
        expect(hold(claimed[0]!)).toBe(72);
        expect(hold(claimed[2]!)).toBe(48);

        // Opportunities across all stages, on customer accounts, with the rep's partner account.
        const opportunities = org.records('Opportunity');
        expect(opportunities).toHaveLength(activeReps.length * OPPORTUNITIES_PER_REP);
        expect(new Set(opportunities.map((o) => o.StageName))).toEqual(new Set(ORG_STAGES));
        const customerIds = org.created.get('Account')!.slice(cast.partners.length);
        expect(opportunities.map((o) => o.AccountId)).toEqual(customerIds);
        expect(opportunities.every((o) => partnerIds.includes(String(o.PartnerAccountId)))).toBe(true);
        expect(opportunities.every((o) => /^\d{4}-\d{2}-\d{2}$/.test(String(o.CloseDate)))).toBe(true);

        expect(summary).toEqual(
            expect.objectContaining({
                orgId: ORG_ID,
                poolQueueId: QUEUE_ID,
                partnerAccounts: { created: 4, existing: 0, enabled: 4 },
                contacts: reps.length,
                leads: { pool: DEFAULT_QUEUE_LEADS, reps: activeReps.length * 2 },
                opportunities: activeReps.length * OPPORTUNITIES_PER_REP
            })
        );
    });

    it('skips existing accounts by name and a running user that has a role; honours the suffix and e-mail', async () => {
        org = await fakeOrg({
            adminRoleId: '00E000000000MGRAAA',
            existingAccounts: [{ Id: '001000000000IBEAAA', Name: 'Iberia Soluciones', IsPartner: true }]
        }).start();
        const summary = await seedOrg(
            org.connection(),
            cast,
            options({ usernameSuffix: 'Run42', email: 'me@example.org', queueLeads: 5, setPasswords: false })
        );
        expect(
            org.saves().some((s) => s.type === 'UserRole' || (s.type === 'User' && s.method === 'PATCH'))
        ).toBe(false);
        expect(
            org
                .records('Account')
                .slice(0, 3)
                .map((a) => a.Name)
        ).toEqual(['Andes Digital', 'Sierra Partners', 'Pampa Tech']);
        expect(org.records('Account', 'PATCH')).toHaveLength(3);
        expect(org.records('Contact').filter((c) => c.AccountId === '001000000000IBEAAA')).toHaveLength(2);
        expect(org.records('User')[0]).toEqual(
            expect.objectContaining({ Username: 'ana.garcia@iberia.example.run42', Email: 'me@example.org' })
        );
        expect(org.requests.filter((r) => r.path.endsWith('/password'))).toHaveLength(0);
        expect(summary.partnerAccounts).toEqual({ created: 3, existing: 1, enabled: 3 });
        expect(summary.leads.pool).toBe(5);
    });

    it('stops at a failing allOrNone chunk with the platform message and saves nothing after it', async () => {
        org = await fakeOrg({
            save: (save) =>
                save.type === 'User' && save.method === 'POST'
                    ? {
                          body: allOrNoneFailure(
                              save.records.length,
                              'LICENSE_LIMIT_EXCEEDED',
                              'License Limit Exceeded',
                              []
                          )
                      }
                    : undefined
        }).start();
        const error = await seedOrg(org.connection(), cast, options()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SeedError);
        expect((error as Error).message).toMatch(/Creating partner users \(User 1–8 of 8\) failed/);
        expect((error as Error).message).toContain(
            'record 1: LICENSE_LIMIT_EXCEEDED: License Limit Exceeded'
        );
        expect((error as Error).message).not.toContain('ALL_OR_NONE_OPERATION_ROLLED_BACK');
        const types = org.saves().map((s) => s.type);
        expect(types).not.toContain('PermissionSetAssignment');
        expect(types).not.toContain('Lead');
        expect(types[types.length - 1]).toBe('User');
    });

    it('reports an HTTP-level error of a save with its context', async () => {
        org = await fakeOrg({
            save: (save) =>
                save.type === 'Contact'
                    ? { status: 400, body: [{ errorCode: 'INVALID_FIELD', message: 'No such column Foo' }] }
                    : undefined
        }).start();
        await expect(seedOrg(org.connection(), cast, options())).rejects.toThrow(
            /Creating partner contacts \(Contact 1–8 of 8\) failed: .*No such column Foo/
        );
    });

    it('fails clearly when force-app is not deployed (no pool queue)', async () => {
        org = await new FakeOrg({
            query: (soql) => {
                if (/FROM Organization/.test(soql)) return { records: [{ Id: ORG_ID }] };
                if (/FROM User WHERE Username/.test(soql))
                    return { records: [{ Id: ADMIN_ID, UserRoleId: null }] };
                if (/FROM Profile/.test(soql))
                    return { records: [{ Id: PROFILE_ID, Name: 'Partner Community User' }] };
                return undefined;
            }
        }).start();
        await expect(seedOrg(org.connection(), cast, options())).rejects.toThrow(
            'No queue Canal_Partner_Pool: deploy force-app first'
        );
        expect(org.saves()).toHaveLength(0);
    });

    it('describes its plan without an org and quotes SOQL strings', () => {
        const plan = describeSeedPlan(cast, { queueLeads: 250 }).join('\n');
        expect(plan).toContain('create 4 partner accounts');
        expect(plan).toContain('then update IsPartner = true');
        expect(plan).toContain('ana.garcia@iberia.example.<org id>');
        expect(plan).toContain('up to 250 leads in Canal_Partner_Pool');
        expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
    });

    it('creates no more partner users than the org has free Partner Community licences and reports the rest', async () => {
        const free = 3;
        org = await fakeOrg({ licences: { used: 7, total: 7 + free } }).start();
        const lines: string[] = [];
        const summary = await seedOrg(org.connection(), cast, options({ log: (line) => lines.push(line) }));

        expect(reps.length).toBeGreaterThan(free);
        const users = org.records('User');
        expect(users.map((u) => u.Username)).toEqual(
            reps.slice(0, free).map((u) => `${u.username}.${ORG_ID.toLowerCase()}`)
        );
        expect(summary.users.map((u) => u.username)).toEqual(users.map((u) => u.Username));
        const skipped = reps.slice(free).map((u) => `${u.username}.${ORG_ID.toLowerCase()}`);
        expect(summary.skippedUsers).toEqual(skipped);
        expect(lines).toContain('Partner Community licences: 7 of 10 in use, 3 free');
        expect(lines.find((l) => l.includes('SKIPPED'))).toEqual(
            expect.stringContaining(`SKIPPED ${skipped.length} partner user(s)`)
        );
        for (const username of skipped) {
            expect(lines.find((l) => l.includes('SKIPPED'))).toEqual(expect.stringContaining(username));
        }
        // Only the created users get the rep permission set; nothing refers to a user that was not created.
        const assignees = org.records('PermissionSetAssignment').map((a) => a.AssigneeId);
        const created = org.created.get('User')!;
        expect(assignees.filter((id) => id !== ADMIN_ID).sort()).toEqual([...created].sort());
        for (const lead of org.records('Lead')) {
            expect([QUEUE_ID, ...created]).toContain(lead.OwnerId);
        }
    });

    it('creates no partner user at all when every licence is in use', async () => {
        org = await fakeOrg({ licences: { used: 10, total: 10 } }).start();
        const summary = await seedOrg(org.connection(), cast, options());

        expect(org.records('User')).toHaveLength(0);
        expect(summary.users).toEqual([]);
        expect(summary.skippedUsers).toHaveLength(reps.length);
    });

    it('seeds each partner with fewer held leads than its open limit, so every partner can still claim', async () => {
        org = await fakeOrg({ openLimits: true }).start();
        const summary = await seedOrg(org.connection(), cast, options());

        const userIds = org.created.get('User')!;
        const leadsByOwner = new Map<string, number>();
        for (const lead of org.records('Lead')) {
            const owner = String(lead.OwnerId);
            if (userIds.includes(owner)) leadsByOwner.set(owner, (leadsByOwner.get(owner) ?? 0) + 1);
        }
        const limits: Record<string, number> = { Gold: 5, Silver: 3, Bronze: 2 };
        for (const partner of cast.partners) {
            const limit = partner.leadClaimLimit ?? limits[partner.tier ?? ''] ?? 3;
            const held = reps
                .map((u, i) => ({ u, id: userIds[i]! }))
                .filter((r) => r.u.partner === partner.key)
                .reduce((n, r) => n + (leadsByOwner.get(r.id) ?? 0), 0);
            expect({ partner: partner.key, below: held < limit }).toEqual({
                partner: partner.key,
                below: true
            });
        }
        expect(summary.leads.reps).toBeLessThan(activeReps.length * 2);
        expect(summary.leads.reps).toBeGreaterThan(0);
    });
});

describe('pickLeadStatuses', () => {
    it('takes the default for the pool and the next open status that does not close a claim', () => {
        expect(
            pickLeadStatuses(
                [
                    { ApiName: 'A', IsDefault: false },
                    { ApiName: 'B', IsDefault: true },
                    { ApiName: 'C', IsDefault: false },
                    { ApiName: 'D', IsDefault: false }
                ],
                ['A', 'C']
            )
        ).toEqual({ open: 'B', worked: 'D' });
    });

    it('falls back to the first status without a default, and to the open status when no other fits', () => {
        expect(pickLeadStatuses([{ ApiName: 'Solo', IsDefault: false }], [])).toEqual({
            open: 'Solo',
            worked: 'Solo'
        });
        expect(
            pickLeadStatuses(
                [
                    { ApiName: 'Nuevo', IsDefault: true },
                    { ApiName: 'Cerrado', IsDefault: false }
                ],
                ['Cerrado']
            )
        ).toEqual({ open: 'Nuevo', worked: 'Nuevo' });
    });

    it('refuses an org with no open lead status', () => {
        expect(() => pickLeadStatuses([], [])).toThrow(/no open lead status/);
    });
});
