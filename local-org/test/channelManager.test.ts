import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActivityPage } from 'canal/apex/PartnerActivityController';
import type { PartnerSummary } from 'canal/apex/PartnerOverviewController';
import type { HistoryEntry } from 'canal/apex/RecordHistoryController';
import type { SaveResult } from 'canal/apex/OpportunityController';
import { LeadClaimRecall } from '../server/apex/LeadClaimRecall.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');
const MARTA = seedUser('marta.vidal@nimbus.example');
const ADMIN = seedUser('admin@nimbus.example');

describe('channel-manager counterparts, field history and the event stream', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let bruno: BrowserSession;
    let marta: BrowserSession;
    let admin: BrowserSession;

    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 20 });
        ana = new BrowserSession(org);
        bruno = new BrowserSession(org);
        marta = new BrowserSession(org);
        admin = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        await bruno.login(BRUNO.username, BRUNO.password);
        await marta.login(MARTA.username, MARTA.password);
        await admin.login(ADMIN.username, ADMIN.password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const db = () => org.ctx.db;
    const userOf = (username: string) =>
        db().prepare('SELECT id, account_id FROM users WHERE username = ?').get(username) as {
            id: string;
            account_id: string | null;
        };
    // Leads of the pool, taken once: each test claims its own.
    let pool: string[] = [];
    const queueLead = (index: number) => {
        if (pool.length === 0) {
            pool = (
                db()
                    .prepare(
                        'SELECT id FROM leads WHERE owner_id IN (SELECT id FROM queues) AND is_converted = 0 ORDER BY id LIMIT 10'
                    )
                    .all() as Array<{ id: string }>
            ).map((r) => r.id);
        }
        return pool[index]!;
    };
    const activity = async (who: BrowserSession, params: Record<string, unknown>) => {
        const response = await who.apex('PartnerActivityController', 'getActivity', {
            partnerAccountId: null,
            cursor: null,
            pageSize: 20,
            ...params
        });
        return { status: response.statusCode, body: response.json() as ActivityPage & { code?: string } };
    };
    const history = async (who: BrowserSession, recordId: string) => {
        const response = await who.apex('RecordHistoryController', 'getHistory', { recordId });
        return { status: response.statusCode, body: response.json() as HistoryEntry[] & { code?: string } };
    };

    describe('field history at every write path', () => {
        it('records the owner on claim and release, the status on a save, with the acting user', async () => {
            const leadId = queueLead(0);
            const anaId = userOf(ANA.username).id;
            expect((await ana.apex('LeadClaimController', 'claimLead', { leadId })).json()).toMatchObject({
                code: 'CLAIMED'
            });
            await ana.apex('LeadClaimController', 'updateLeadStatus', {
                leadId,
                status: 'Working - Contacted'
            });
            await ana.apex('LeadClaimController', 'releaseLead', { leadId, reason: 'Sin presupuesto' });
            const rows = db()
                .prepare(
                    'SELECT field, old_value, new_value, user_id FROM field_history WHERE record_id = ? ORDER BY seq'
                )
                .all(leadId) as Array<{
                field: string;
                old_value: string;
                new_value: string;
                user_id: string;
            }>;
            expect(rows.map((r) => r.field)).toEqual(['Owner', 'Status', 'Owner']);
            expect(rows[0]).toMatchObject({ new_value: anaId, user_id: anaId });
            expect(rows[1]).toMatchObject({
                old_value: 'Open - Not Contacted',
                new_value: 'Working - Contacted'
            });
            expect(rows[2]).toMatchObject({ old_value: anaId, user_id: anaId });
        });

        it('records a recall by the scheduled job without a user, and a conversion with its new deal', async () => {
            const leadId = queueLead(1);
            await ana.apex('LeadClaimController', 'claimLead', { leadId });
            db()
                .prepare("UPDATE leads SET claim_expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
                .run(leadId);
            // The seed's Pampa Tech claims (the Default rule's hold time) may be due as well.
            expect(new LeadClaimRecall(org.ctx).recallExpired()).toBeGreaterThanOrEqual(1);
            expect(db().prepare('SELECT owner_id FROM leads WHERE id = ?').get(leadId)).toEqual({
                owner_id: expect.stringMatching(/^00G/)
            });
            const recall = db()
                .prepare(
                    "SELECT user_id FROM field_history WHERE record_id = ? AND field = 'Owner' ORDER BY seq DESC"
                )
                .get(leadId) as { user_id: string | null };
            expect(recall.user_id).toBeNull();

            const converted = queueLead(2);
            await ana.apex('LeadClaimController', 'claimLead', { leadId: converted });
            const result = (
                await ana.apex('LeadClaimController', 'convertLead', { leadId: converted })
            ).json() as {
                opportunityId: string;
            };
            const created = db()
                .prepare('SELECT field, user_id FROM field_history WHERE record_id = ?')
                .all(result.opportunityId) as Array<{ field: string; user_id: string }>;
            expect(created).toEqual([{ field: 'created', user_id: userOf(ANA.username).id }]);
        });

        it('records StageName, Amount, CloseDate and NextStep of an opportunity save, and nothing unchanged', async () => {
            const anaId = userOf(ANA.username).id;
            const opp = db()
                .prepare('SELECT * FROM opportunities WHERE owner_id = ? AND amount IS NOT NULL LIMIT 1')
                .get(anaId) as {
                id: string;
                name: string;
                account_id: string;
                stage_name: string;
                amount: number;
                close_date: string;
            };
            const save = (input: Record<string, unknown>) =>
                ana.apex('OpportunityController', 'saveOpportunity', {
                    input: {
                        id: opp.id,
                        name: opp.name,
                        accountId: opp.account_id,
                        stageName: opp.stage_name,
                        amount: opp.amount,
                        closeDate: opp.close_date,
                        nextStep: null,
                        description: null,
                        ...input
                    }
                });
            const before = (db().prepare('SELECT COUNT(*) AS n FROM field_history').get() as { n: number }).n;
            const saved = (
                await save({
                    stageName: 'Negotiation/Review',
                    amount: 123456,
                    closeDate: '2031-01-31',
                    nextStep: 'Firmar'
                })
            ).json() as SaveResult;
            expect(saved.code).toBe('SAVED');
            const rows = db()
                .prepare(
                    'SELECT field, old_value, new_value, user_id FROM field_history WHERE seq > ? ORDER BY seq'
                )
                .all(before) as Array<{
                field: string;
                old_value: string | null;
                new_value: string;
                user_id: string;
            }>;
            expect(rows.map((r) => r.field).sort()).toEqual(['Amount', 'CloseDate', 'NextStep', 'StageName']);
            expect(rows.find((r) => r.field === 'Amount')).toMatchObject({
                old_value: String(opp.amount),
                new_value: '123456'
            });
            expect(rows.every((r) => r.user_id === anaId)).toBe(true);
            const again = (db().prepare('SELECT COUNT(*) AS n FROM field_history').get() as { n: number }).n;
            await save({
                stageName: 'Negotiation/Review',
                amount: 123456,
                closeDate: '2031-01-31',
                nextStep: 'Firmar'
            });
            expect((db().prepare('SELECT COUNT(*) AS n FROM field_history').get() as { n: number }).n).toBe(
                again
            );
        });
    });

    describe('PartnerActivityController.getActivity', () => {
        it('gives the channel manager every partner, newest first, with names, in keyset pages', async () => {
            const first = await activity(marta, { pageSize: 3 });
            expect(first.status).toBe(200);
            expect(first.body.items).toHaveLength(3);
            // The last change was Ana's save of a deal: stage, amount and close date (NextStep is not in the feed).
            expect(new Set(first.body.items.map((i) => i.kind))).toEqual(
                new Set(['STAGE_CHANGED', 'AMOUNT_CHANGED', 'CLOSE_DATE_CHANGED'])
            );
            expect(first.body.items[0]).toMatchObject({
                userName: 'Ana García',
                partnerName: 'Iberia Soluciones'
            });
            expect(first.body.items.find((i) => i.kind === 'STAGE_CHANGED')).toMatchObject({
                newValue: 'Negotiation/Review'
            });
            const second = await activity(marta, { pageSize: 3, cursor: first.body.nextCursor });
            const ids = [...first.body.items, ...second.body.items].map((i) => i.id);
            expect(new Set(ids).size).toBe(6);
            const all = [...first.body.items, ...second.body.items].map((i) => i.occurredAt);
            expect([...all].sort().reverse()).toEqual(all);
            const kinds = new Set((await activity(marta, { pageSize: 100 })).body.items.map((i) => i.kind));
            expect(kinds).toEqual(
                new Set([
                    'CLAIMED',
                    'RELEASED',
                    'RECALLED',
                    'CONVERTED',
                    'DEAL_CREATED',
                    'STAGE_CHANGED',
                    'AMOUNT_CHANGED',
                    'CLOSE_DATE_CHANGED'
                ])
            );
            const released = (await activity(marta, { pageSize: 100 })).body.items.find(
                (i) => i.kind === 'RELEASED'
            )!;
            expect(released.reason).toBe('Sin presupuesto');
        });

        it('filters to one partner, and refuses partner reps (NOT_ELIGIBLE, as requireChannelManager in Apex)', async () => {
            const andes = userOf(BRUNO.username).account_id!;
            const one = await activity(admin, { partnerAccountId: andes, pageSize: 100 });
            expect(one.body.items.length).toBeGreaterThan(0);
            expect(one.body.items.every((i) => i.partnerAccountId === andes)).toBe(true);
            for (const params of [{ pageSize: 100 }, { partnerAccountId: andes }]) {
                const refused = await activity(ana, params);
                expect({ status: refused.status, code: refused.body.code }).toEqual({
                    status: 403,
                    code: 'NOT_ELIGIBLE'
                });
            }
        });

        it('refuses a page size outside 1..100, a malformed cursor or id, and unknown parameters', async () => {
            for (const params of [
                { pageSize: 0 },
                { pageSize: 101 },
                { cursor: 'yesterday' },
                { partnerAccountId: 'x' }
            ]) {
                const response = await activity(marta, params);
                expect(response.status).toBe(400);
                expect(response.body.code).toBe('INVALID_REQUEST');
            }
            expect((await activity(marta, { pageSize: '5' })).status).toBe(400);
            expect((await activity(marta, { extra: 1 })).status).toBe(400);
        });
    });

    describe('PartnerOverviewController.getPartners', () => {
        it('lists every partner by name with its limits, claims and pipeline for the channel manager', async () => {
            const partners = (
                await marta.apex('PartnerOverviewController', 'getPartners', { partnerAccountId: null })
            ).json() as PartnerSummary[];
            expect(partners.map((p) => p.name)).toEqual([
                'Andes Digital',
                'Iberia Soluciones',
                'Pampa Tech',
                'Sierra Partners'
            ]);
            const sierra = partners.find((p) => p.name === 'Sierra Partners')!;
            expect(sierra).toMatchObject({ tier: 'Bronze', openLimit: 4, dailyLimit: 5 });
            const iberia = partners.find((p) => p.name === 'Iberia Soluciones')!;
            expect(iberia).toMatchObject({ tier: 'Gold', openLimit: 5, dailyLimit: 10 });
            const open = db()
                .prepare(
                    "SELECT COALESCE(SUM(amount), 0) AS amount, COUNT(*) AS n FROM opportunities WHERE partner_account_id = ? AND stage_name NOT IN ('Closed Won', 'Closed Lost')"
                )
                .get(iberia.accountId) as { amount: number; n: number };
            expect(iberia.openPipelineAmount).toBe(open.amount);
            expect(iberia.openPipelineCount).toBe(open.n);
            // Open claims count by who holds the lead (CLAIM-RULES.md): unconverted, in no closed status.
            const closed = new Set(org.ctx.claims.closedStatuses());
            const held = db()
                .prepare(
                    'SELECT l.status FROM leads l JOIN users u ON u.id = l.owner_id WHERE u.account_id = ? AND l.is_converted = 0'
                )
                .all(iberia.accountId) as Array<{ status: string }>;
            expect(iberia.openClaims).toBe(held.filter((lead) => !closed.has(lead.status)).length);
            // Ana claimed three leads in this run; the seed's claims are 30 hours old.
            expect(iberia.claimsLast24Hours).toBe(3);
        });

        it('gives one partner for an id, refuses partner reps and a malformed id', async () => {
            const andes = userOf(BRUNO.username).account_id!;
            const one = (
                await marta.apex('PartnerOverviewController', 'getPartners', { partnerAccountId: andes })
            ).json() as PartnerSummary[];
            expect(one.map((p) => p.name)).toEqual(['Andes Digital']);
            for (const partnerAccountId of [null, andes]) {
                const refused = await ana.apex('PartnerOverviewController', 'getPartners', {
                    partnerAccountId
                });
                expect({
                    status: refused.statusCode,
                    code: (refused.json() as { code: string }).code
                }).toEqual({
                    status: 403,
                    code: 'NOT_ELIGIBLE'
                });
            }
            expect(
                (await marta.apex('PartnerOverviewController', 'getPartners', { partnerAccountId: '006' }))
                    .statusCode
            ).toBe(400);
        });
    });

    describe('RecordHistoryController.getHistory', () => {
        it("gives a lead's claims, releases, owner and status changes newest first, translated", async () => {
            const leadId = (
                db().prepare("SELECT lead_id FROM lead_claims WHERE action = 'Released' LIMIT 1").get() as {
                    lead_id: string;
                }
            ).lead_id;
            const result = await history(marta, leadId);
            expect(result.status).toBe(200);
            const entries = result.body;
            expect(entries.map((e) => `${e.kind}:${e.field}`)).toEqual([
                'CLAIM_AUDIT:Released',
                'FIELD:Owner',
                'FIELD:Status',
                'CLAIM_AUDIT:Claimed',
                'FIELD:Owner'
            ]);
            expect(entries[0]).toMatchObject({
                fieldLabel: 'Liberado',
                newValue: 'Sin presupuesto',
                userName: 'Ana García'
            });
            expect(entries[1]).toMatchObject({ fieldLabel: 'Propietario', oldValue: 'Ana García' });
            expect(entries[2]).toMatchObject({ fieldLabel: 'Estado', newValue: 'En curso - Contactado' });
        });

        it("gives a deal's stage changes, and refuses what the user cannot see or a malformed id", async () => {
            const row = db()
                .prepare("SELECT record_id FROM field_history WHERE field = 'StageName' LIMIT 1")
                .get() as { record_id: string };
            const deal = await history(admin, row.record_id);
            expect(deal.body[0]!.kind).toBe('FIELD');
            expect(deal.body.map((e) => e.field)).toContain('created');
            expect((await history(bruno, row.record_id)).status).toBe(404);
            const invalid = await history(marta, 'not-an-id');
            expect(invalid.status).toBe(400);
            expect(invalid.body.code).toBe('INVALID_ID');
        });
    });

    describe('staff pages of the local org', () => {
        const boot = async (who: BrowserSession) => {
            const html = (await who.get('/s/')).body;
            const json = /<script id="canal-boot" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
            return JSON.parse(json) as {
                persona: string;
                navigationMenu: Array<{ label: string; actionValue: string }>;
            };
        };

        it('gives staff their own tabs and partner reps the site menu', async () => {
            expect((await boot(marta)).navigationMenu.map((m) => m.actionValue)).toEqual([
                '/partners',
                '/activity',
                '/publish',
                '/publications',
                'Lead',
                'Opportunity',
                '/registrations'
            ]);
            expect((await boot(admin)).navigationMenu.map((m) => m.label)).toEqual([
                'Claim rules',
                'Partners',
                'Activity',
                'Publish leads',
                'Publications',
                'Partner leads',
                'Partner deals',
                'Deal registrations'
            ]);
            expect((await boot(ana)).navigationMenu.map((m) => m.actionValue)).not.toContain('/partners');
        });

        it("lists every partner's leads and deals for staff only, newest change first, in keyset pages", async () => {
            expect((await org.app.inject({ method: 'GET', url: '/local/records/Lead' })).statusCode).toBe(
                401
            );
            expect((await ana.get('/local/records/Lead')).statusCode).toBe(403);
            expect((await marta.get('/local/records/Account')).statusCode).toBe(400);
            expect((await marta.get('/local/records/Lead?partner=nope')).statusCode).toBe(400);
            const first = (await marta.get('/local/records/Lead?size=3')).json() as {
                rows: Array<{ id: string; partnerName: string; lastModifiedDate: string; status: string }>;
                next: string;
            };
            expect(first.rows).toHaveLength(3);
            expect(first.rows.every((r) => r.partnerName)).toBe(true);
            const second = (
                await marta.get(`/local/records/Lead?size=3&after=${encodeURIComponent(first.next)}`)
            ).json() as {
                rows: Array<{ id: string; lastModifiedDate: string }>;
            };
            const dates = [...first.rows, ...second.rows].map((r) => r.lastModifiedDate);
            expect([...dates].sort().reverse()).toEqual(dates);
            expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(6);
            const andes = userOf(BRUNO.username).account_id!;
            const deals = (
                await admin.get(`/local/records/Opportunity?partner=${andes}&size=100`)
            ).json() as {
                rows: Array<{ partnerName: string; amount: number | null }>;
            };
            expect(deals.rows.length).toBe(
                (
                    db()
                        .prepare('SELECT COUNT(*) AS n FROM opportunities WHERE partner_account_id = ?')
                        .get(andes) as { n: number }
                ).n
            );
            expect(new Set(deals.rows.map((r) => r.partnerName))).toEqual(new Set(['Andes Digital']));
        });

        it('gives staff the claim rules per tier and each partner override with the limits in force', async () => {
            expect((await bruno.get('/local/claim-rules')).statusCode).toBe(403);
            const body = (await admin.get('/local/claim-rules')).json() as {
                rules: Array<{ tier: string | null; developerName: string }>;
                partners: Array<{
                    name: string;
                    leadClaimLimit: number | null;
                    openLimit: number;
                    dailyLimit: number;
                }>;
            };
            expect(body.rules.map((r) => r.developerName).sort()).toEqual([
                'Bronze',
                'Default',
                'Gold',
                'Silver'
            ]);
            expect(body.partners.find((p) => p.name === 'Sierra Partners')).toMatchObject({
                leadClaimLimit: 4,
                openLimit: 4,
                dailyLimit: 5
            });
            expect(body.partners.find((p) => p.name === 'Iberia Soluciones')).toMatchObject({
                leadClaimLimit: null,
                openLimit: 5
            });
        });
    });

    describe('GET /events/stream', () => {
        let base: string;
        beforeAll(async () => {
            await org.app.listen({ host: '127.0.0.1', port: 0 });
            base = `http://127.0.0.1:${(org.app.server.address() as AddressInfo).port}`;
        });

        /** Opens a stream and collects its messages until `count` arrived or the time is up. */
        function openStream(who: BrowserSession): Promise<{
            status: number;
            messages: Array<{ channel: string; data: { payload: Record<string, string> } }>;
            next(count: number, timeoutMs?: number): Promise<void>;
            close(): void;
        }> {
            return new Promise((resolve, reject) => {
                const request = http.get(
                    `${base}/events/stream`,
                    { headers: who.sid ? { cookie: `canal_sid=${who.sid}` } : {} },
                    (response) => {
                        const messages: Array<{
                            channel: string;
                            data: { payload: Record<string, string> };
                        }> = [];
                        let buffer = '';
                        const waiters: Array<() => void> = [];
                        response.setEncoding('utf8');
                        response.on('data', (chunk: string) => {
                            buffer += chunk;
                            let end: number;
                            while ((end = buffer.indexOf('\n\n')) >= 0) {
                                const frame = buffer.slice(0, end);
                                buffer = buffer.slice(end + 2);
                                const data = frame.split('\n').find((l) => l.startsWith('data: '));
                                if (data) messages.push(JSON.parse(data.slice(6)));
                            }
                            waiters.forEach((w) => w());
                        });
                        resolve({
                            status: response.statusCode!,
                            messages,
                            next: (count, timeoutMs = 2000) =>
                                new Promise((done, fail) => {
                                    const timer = setTimeout(
                                        () => fail(new Error(`only ${messages.length} messages`)),
                                        timeoutMs
                                    );
                                    const check = () => {
                                        if (messages.length >= count) {
                                            clearTimeout(timer);
                                            done();
                                        }
                                    };
                                    waiters.push(check);
                                    check();
                                }),
                            close: () => request.destroy()
                        });
                    }
                );
                request.on('error', reject);
            });
        }

        it('refuses a request without a session', async () => {
            const response = await org.app.inject({ method: 'GET', url: '/events/stream' });
            expect(response.statusCode).toBe(401);
            expect(response.json()).toMatchObject({ code: 'NOT_AUTHENTICATED' });
        });

        it('delivers a committed claim and a deal change to the manager, and to a rep only its own partner', async () => {
            const manager = await openStream(marta);
            const rival = await openStream(bruno);
            const own = await openStream(ana);
            expect(manager.status).toBe(200);
            const leadId = queueLead(3);
            expect((await ana.apex('LeadClaimController', 'claimLead', { leadId })).json()).toMatchObject({
                code: 'CLAIMED'
            });
            await manager.next(1);
            expect(manager.messages[0]).toMatchObject({
                channel: '/event/Lead_Claim_Event__e',
                data: {
                    payload: { Action__c: 'Claimed', Lead_Id__c: leadId, User_Id__c: userOf(ANA.username).id }
                }
            });
            await own.next(1);

            const opp = db()
                .prepare('SELECT * FROM opportunities WHERE owner_id = ? LIMIT 1')
                .get(userOf(ANA.username).id) as {
                id: string;
                name: string;
                account_id: string;
                amount: number | null;
                close_date: string;
                stage_name: string;
            };
            const stage = opp.stage_name === 'Qualification' ? 'Needs Analysis' : 'Qualification';
            await ana.apex('OpportunityController', 'saveOpportunity', {
                input: {
                    id: opp.id,
                    name: opp.name,
                    accountId: opp.account_id,
                    stageName: stage,
                    amount: opp.amount,
                    closeDate: opp.close_date,
                    nextStep: null,
                    description: null
                }
            });
            await manager.next(2);
            expect(manager.messages[1]).toMatchObject({
                channel: '/event/Deal_Change_Event__e',
                data: {
                    payload: {
                        Opportunity_Id__c: opp.id,
                        Field__c: 'StageName',
                        Old_Value__c: opp.stage_name,
                        New_Value__c: stage
                    }
                }
            });
            await own.next(2);
            // A refused claim publishes nothing; the rival partner's stream stayed silent throughout.
            await ana.apex('LeadClaimController', 'claimLead', { leadId });
            await new Promise((r) => setTimeout(r, 200));
            expect(manager.messages).toHaveLength(2);
            expect(rival.messages).toHaveLength(0);
            [manager, rival, own].forEach((s) => s.close());
        });

        it('replays what a reconnecting stream missed (Last-Event-ID)', async () => {
            const lastId = org.events.since(0).at(-1)!.message.data.event.replayId;
            await ana.apex('LeadClaimController', 'releaseLead', {
                leadId: org.events.since(0).at(-2)!.message.data.payload.Lead_Id__c,
                reason: 'Duplicado'
            });
            const messages = await new Promise<string>((resolve) => {
                http.get(
                    `${base}/events/stream`,
                    { headers: { cookie: `canal_sid=${marta.sid}`, 'last-event-id': String(lastId) } },
                    (response) => {
                        response.setEncoding('utf8');
                        response.on('data', (chunk: string) => {
                            if (chunk.includes('Released')) {
                                response.destroy();
                                resolve(chunk);
                            }
                        });
                    }
                );
            });
            expect(messages).toContain(`id: ${lastId + 1}`);
        });
    });
});
