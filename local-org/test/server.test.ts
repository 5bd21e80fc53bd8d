import type { ClaimResult, LeadPage } from 'canal/apex/LeadClaimController';
import { createLocalOrg } from '../server/app.js';
import { entryScript } from '../server/pages/preload.js';
import { BrowserSession, cookies, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');
const CARLOS = seedUser('carlos.ortega@sierra.example');

describe('local org server', () => {
    let org: TestOrg;
    beforeAll(async () => {
        org = await startTestOrg();
    });
    afterAll(async () => {
        await org.dispose();
    });

    const count = (sql: string): number => (org.ctx.db.prepare(sql).get() as { n: number }).n;

    describe('seed', () => {
        it('creates the bilingual demo org on first start', () => {
            expect(org.seeded).toBe(true);
            expect(count('SELECT COUNT(*) AS n FROM accounts WHERE is_partner = 1')).toBeGreaterThanOrEqual(
                3
            );
            expect(
                count(
                    "SELECT COUNT(DISTINCT COALESCE(partner_tier, 'Default')) AS n FROM accounts WHERE is_partner = 1"
                )
            ).toBeGreaterThanOrEqual(3);
            expect(
                count(
                    'SELECT COUNT(*) AS n FROM accounts WHERE is_partner = 1 AND lead_claim_limit IS NOT NULL'
                )
            ).toBeGreaterThanOrEqual(1);
            expect(
                count(
                    "SELECT COUNT(*) AS n FROM leads l JOIN queues q ON q.id = l.owner_id WHERE q.developer_name = 'Canal_Partner_Pool'"
                )
            ).toBe(300);
            expect(
                count('SELECT COUNT(*) AS n FROM leads l JOIN users u ON u.id = l.owner_id')
            ).toBeGreaterThan(0);
            expect(count('SELECT COUNT(*) AS n FROM opportunities')).toBeGreaterThanOrEqual(60);
            expect(count('SELECT COUNT(DISTINCT stage_name) AS n FROM opportunities')).toBeGreaterThanOrEqual(
                8
            );
            expect(count("SELECT COUNT(*) AS n FROM users WHERE persona = 'channel_manager'")).toBe(1);
            expect(count("SELECT COUNT(*) AS n FROM users WHERE persona = 'admin'")).toBe(1);
        });

        it('keeps committed data across a restart of the same data folder', async () => {
            const db = org.ctx.db;
            const marker = (db.prepare('SELECT id FROM leads ORDER BY id LIMIT 1').get() as { id: string })
                .id;
            db.prepare("UPDATE leads SET city = 'Toledo' WHERE id = ?").run(marker);
            const second = await createLocalOrg({ dataDir: org.dataDir, recallIntervalMs: 0 });
            try {
                expect(second.seeded).toBe(false);
                expect(
                    (
                        second.ctx.db.prepare('SELECT city FROM leads WHERE id = ?').get(marker) as {
                            city: string;
                        }
                    ).city
                ).toBe('Toledo');
            } finally {
                await second.close();
            }
        });
    });

    describe('login and onboarding', () => {
        it('serves the login page in Spanish and English', async () => {
            const es = await org.app.inject({
                method: 'GET',
                url: '/login',
                headers: { 'accept-language': 'es-ES' }
            });
            expect(es.body).toContain('Inicie sesión en el portal de socios');
            const en = await org.app.inject({ method: 'GET', url: '/login?lang=en' });
            expect(en.body).toContain('Log in to the partner portal');
        });

        it('refuses a wrong password with a translated message and no session', async () => {
            const browser = new BrowserSession(org);
            const response = await browser.login(ANA.username, 'wrong-password-1');
            expect(response.statusCode).toBe(401);
            expect(response.body).toContain('Revise su nombre de usuario y contraseña.');
            expect(cookies(response)['canal_sid']).toBeUndefined();
        });

        it('refuses a login form without its CSRF token', async () => {
            const response = await org.app.inject({
                method: 'POST',
                url: '/login',
                payload: { username: ANA.username, password: ANA.password, csrf: 'forged' }
            });
            expect(response.statusCode).toBe(401);
            expect(cookies(response)['canal_sid']).toBeUndefined();
        });

        it('logs in with an HttpOnly, SameSite=Strict session cookie and opens the portal', async () => {
            const browser = new BrowserSession(org);
            const response = await browser.login(ANA.username, ANA.password);
            expect(response.statusCode).toBe(303);
            expect(response.headers.location).toBe('/s/');
            const sid = cookies(response)['canal_sid']!;
            expect(sid).toMatch(/HttpOnly/);
            expect(sid).toMatch(/SameSite=Strict/);
            const shell = await browser.get('/s/leads');
            expect(shell.statusCode).toBe(200);
            expect(shell.body).toContain(`<script type="module" src="${entryScript()}"></script>`);
            const boot = JSON.parse(
                /<script id="canal-boot" type="application\/json">(.*?)<\/script>/s.exec(shell.body)![1]!
            ) as Record<string, unknown>;
            expect(boot).toMatchObject({ lang: 'es', basePath: '/s' });
            expect(boot.csrfToken).toBe(browser.csrf);
        });

        it('sends the invited user a welcome e-mail from the deployed template, then forces a password change', async () => {
            const mail = org.ctx.db
                .prepare("SELECT * FROM outbox WHERE to_address = ? AND template = 'Canal_Welcome_es'")
                .get(CARLOS.username) as
                { id: number; subject: string; html_body: string; text_body: string } | undefined;
            expect(mail).toBeDefined();
            expect(mail!.subject).toBe('Bienvenido a Nimbus Software Partners');
            expect(mail!.html_body).toContain('Hola, Carlos:');
            expect(mail!.html_body).toContain(CARLOS.username);
            expect(mail!.html_body).toContain('href="/login?lang=es"');
            expect(mail!.text_body).toContain(`Contraseña temporal: ${CARLOS.password}`);
            expect(mail!.html_body).not.toMatch(/\{![A-Za-z_.]+\}/);
            // The outbox is the admin's (local-org/test/security.test.ts).
            const admin = new BrowserSession(org);
            await admin.login('admin@nimbus.example', seedUser('admin@nimbus.example').password);
            const outbox = await admin.get('/outbox');
            expect(outbox.body).toContain('Bienvenido a Nimbus Software Partners');
            expect(outbox.headers['content-type']).toBe('text/html; charset=utf-8');
            const opened = await admin.get(`/outbox/${mail!.id}`);
            expect(opened.headers['content-type']).toBe('text/html; charset=utf-8');
            expect(opened.body).toMatch(/^<html>\s*<head><meta charset="utf-8"><\/head>/);
            expect(opened.body).toContain('recibirá');

            const browser = new BrowserSession(org);
            const login = await browser.login(CARLOS.username, CARLOS.password);
            expect(login.headers.location).toBe('/change-password');
            expect((await browser.get('/s/')).headers.location).toBe('/change-password');
            const blocked = await browser.apex('LeadClaimController', 'getAllowance', {});
            expect(blocked.statusCode).toBe(403);
            expect(blocked.json()).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED' });

            const weak = await browser.post('/change-password', {
                current: CARLOS.password,
                newPassword: 'short',
                confirm: 'short',
                csrf: browser.csrf
            });
            expect(weak.statusCode).toBe(400);
            expect(weak.body).toContain('La nueva contraseña no cumple las reglas.');
            const mismatch = await browser.post('/change-password', {
                current: CARLOS.password,
                newPassword: 'Sevilla-2026-ok',
                confirm: 'Sevilla-2026-no',
                csrf: browser.csrf
            });
            expect(mismatch.body).toContain('Las dos contraseñas nuevas no coinciden.');
            const changed = await browser.post('/change-password', {
                current: CARLOS.password,
                newPassword: 'Sevilla-2026-ok',
                confirm: 'Sevilla-2026-ok',
                csrf: browser.csrf
            });
            expect(changed.statusCode).toBe(303);
            expect(changed.headers.location).toBe('/s/');

            const fresh = new BrowserSession(org);
            expect((await fresh.login(CARLOS.username, CARLOS.password)).statusCode).toBe(401);
            expect((await fresh.login(CARLOS.username, 'Sevilla-2026-ok')).headers.location).toBe('/s/');
            expect((await fresh.apex('LeadClaimController', 'getAllowance', {})).json()).toMatchObject({
                code: 'OK'
            });
        });

        it('rate-limits login attempts', async () => {
            const limited = await startTestOrg({ loginRateLimit: 3, queueLeads: 5 });
            try {
                const statuses: number[] = [];
                for (let i = 0; i < 4; i++) {
                    statuses.push(
                        (
                            await limited.app.inject({
                                method: 'POST',
                                url: '/login',
                                payload: { username: ANA.username, password: 'nope-nope-1', csrf: 'x' }
                            })
                        ).statusCode
                    );
                }
                expect(statuses).toEqual([401, 401, 401, 429]);
            } finally {
                await limited.dispose();
            }
        });
    });

    describe('Apex endpoint', () => {
        let ana: BrowserSession;
        let bruno: BrowserSession;
        beforeAll(async () => {
            ana = new BrowserSession(org);
            await ana.login(ANA.username, ANA.password);
            bruno = new BrowserSession(org);
            await bruno.login(BRUNO.username, BRUNO.password);
        });

        it('gives partner users their account’s brand and the site navigation menu in their language', async () => {
            expect((await bruno.apex('PortalBrandingController', 'getBranding', {})).json()).toEqual({
                source: 'PARTNER',
                accountId: expect.stringMatching(/^001/),
                brandName: 'Andes Digital · Portal de socios',
                logoUrl: null,
                primaryColor: '#1b7f4c'
            });
            expect((await ana.apex('PortalBrandingController', 'getBranding', {})).json()).toMatchObject({
                source: 'VENDOR',
                brandName: null
            });
            const shell = await ana.get('/s/');
            const boot = JSON.parse(
                /<script id="canal-boot" type="application\/json">(.*?)<\/script>/s.exec(shell.body)![1]!
            ) as {
                navigationMenu: Array<{ label: string; actionValue: string }>;
            };
            expect(boot.navigationMenu.map((m) => [m.label, m.actionValue])).toEqual([
                ['Inicio', '/'],
                ['Clientes potenciales', '/lead/Lead/Default'],
                ['Oportunidades', '/opportunity/Opportunity/Default'],
                ['Nueva oportunidad', '/new-opportunity']
            ]);
        });

        it('needs a session and the CSRF token of that session', async () => {
            const anonymous = new BrowserSession(org);
            const noSession = await anonymous.apex('LeadClaimController', 'getAllowance', {});
            expect(noSession.statusCode).toBe(401);
            expect(noSession.json()).toMatchObject({ code: 'NOT_AUTHENTICATED' });
            expect(
                (await ana.apex('LeadClaimController', 'getAllowance', {}, { csrf: null })).statusCode
            ).toBe(403);
            expect(
                (await ana.apex('LeadClaimController', 'getAllowance', {}, { csrf: bruno.csrf })).json()
            ).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
        });

        it('claims a queue lead for the caller, once', async () => {
            const page = (
                await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 5 })
            ).json() as LeadPage;
            expect(page.leads).toHaveLength(5);
            expect(page.next).toBe(page.leads[4]!.id);
            const leadId = page.leads[0]!.id;
            const claimed = (
                await ana.apex('LeadClaimController', 'claimLead', { leadId })
            ).json() as ClaimResult;
            expect(claimed).toMatchObject({
                code: 'CLAIMED',
                leadId,
                message: expect.stringContaining('El cliente potencial es suyo')
            });
            const second = (
                await bruno.apex('LeadClaimController', 'claimLead', { leadId })
            ).json() as ClaimResult;
            expect(second.code).toBe('ALREADY_CLAIMED');
            const next = (
                await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 5 })
            ).json() as LeadPage;
            expect(next.leads.map((l) => l.id)).not.toContain(leadId);
            const mine = (
                await ana.apex('LeadClaimController', 'getMyLeads', { pageSize: 50 })
            ).json() as LeadPage;
            expect(mine.leads.map((l) => l.id)).toContain(leadId);
            const theirs = (
                await bruno.apex('LeadClaimController', 'getMyLeads', { pageSize: 50 })
            ).json() as LeadPage;
            expect(theirs.leads.map((l) => l.id)).not.toContain(leadId);
            const recent = (
                await ana.apex('LeadClaimController', 'getRecentItems', { maxItems: 5 })
            ).json() as Array<{ id: string }>;
            expect(recent[0]!.id).toBe(leadId);
        });

        it('pages the queue by keyset without repeating or skipping a lead', async () => {
            const seen: string[] = [];
            let afterId: string | null = null;
            do {
                const page = (
                    await bruno.apex('LeadClaimController', 'getQueuePage', {
                        pageSize: 70,
                        afterId,
                        sortBy: 'company',
                        sortDirection: 'desc'
                    })
                ).json() as LeadPage;
                seen.push(...page.leads.map((l) => l.id));
                afterId = page.next;
            } while (afterId);
            const total = (
                org.ctx.db
                    .prepare(
                        'SELECT COUNT(*) AS n FROM leads l JOIN queue_members m ON m.queue_id = l.owner_id JOIN users u ON u.id = m.user_id WHERE u.username = ? AND l.is_converted = 0'
                    )
                    .get(BRUNO.username) as { n: number }
            ).n;
            expect(new Set(seen).size).toBe(seen.length);
            expect(seen.length).toBe(total);
        });

        it('finds queue leads by company or city prefix, wildcards taken literally', async () => {
            const page = (
                await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 200, searchTerm: 'Madrid' })
            ).json() as LeadPage;
            expect(page.leads.length).toBeGreaterThan(0);
            expect(page.leads.every((l) => l.city === 'Madrid' || l.company.startsWith('Madrid'))).toBe(true);
            const wildcard = (
                await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 200, searchTerm: '%' })
            ).json() as LeadPage;
            expect(wildcard.leads).toHaveLength(0);
        });

        describe('bad input gets a 4xx JSON error with a code, writes nothing, and the server keeps serving', () => {
            const auditRows = () => count('SELECT COUNT(*) AS n FROM lead_claims');
            let before: number;
            beforeEach(() => {
                before = auditRows();
            });
            afterEach(async () => {
                expect(auditRows()).toBe(before);
                expect((await ana.apex('LeadClaimController', 'getAllowance', {})).statusCode).toBe(200);
            });

            it('malformed JSON', async () => {
                const response = await ana.apex('LeadClaimController', 'claimLead', null, {
                    raw: '{"leadId": '
                });
                expect(response.statusCode).toBe(400);
                expect(response.json()).toMatchObject({
                    code: 'INVALID_REQUEST',
                    message: 'La solicitud no es válida.'
                });
            });

            it('wrong types and unknown parameters', async () => {
                expect(
                    (await ana.apex('LeadClaimController', 'claimLead', { leadId: 42 })).json()
                ).toMatchObject({ code: 'INVALID_REQUEST' });
                expect(
                    (await ana.apex('LeadClaimController', 'claimLead', { leadId: 'x', extra: 1 })).statusCode
                ).toBe(400);
                expect(
                    (await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 'ten' })).statusCode
                ).toBe(400);
                expect(
                    (await ana.apex('LeadClaimController', 'claimLeads', { leadIds: 'not-a-list' }))
                        .statusCode
                ).toBe(400);
            });

            it('unknown class or method', async () => {
                const response = await ana.apex('NoSuchController', 'run', {});
                expect(response.statusCode).toBe(404);
                expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
                expect((await ana.apex('LeadClaimController', 'deleteEverything', {})).statusCode).toBe(404);
            });

            it('an oversized body', async () => {
                const response = await ana.apex('LeadClaimController', 'releaseLead', null, {
                    raw: JSON.stringify({ leadId: 'x', reason: 'x'.repeat(70_000) })
                });
                expect(response.statusCode).toBe(413);
                expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
            });

            it('invalid, foreign and other-object ids', async () => {
                const foreign = (
                    org.ctx.db
                        .prepare(
                            'SELECT l.id FROM leads l JOIN users u ON u.id = l.owner_id WHERE u.username = ?'
                        )
                        .get(BRUNO.username) as { id: string }
                ).id;
                const account = (
                    org.ctx.db.prepare('SELECT id FROM accounts LIMIT 1').get() as { id: string }
                ).id;
                expect(
                    (
                        (
                            await ana.apex('LeadClaimController', 'claimLead', { leadId: 'not-an-id' })
                        ).json() as ClaimResult
                    ).code
                ).toBe('INVALID_ID');
                expect(
                    (
                        (
                            await ana.apex('LeadClaimController', 'claimLead', { leadId: account })
                        ).json() as ClaimResult
                    ).code
                ).toBe('INVALID_ID');
                expect(
                    (
                        (
                            await ana.apex('LeadClaimController', 'claimLead', { leadId: foreign })
                        ).json() as ClaimResult
                    ).code
                ).toBe('ALREADY_CLAIMED');
                expect(
                    (
                        (
                            await ana.apex('LeadClaimController', 'releaseLead', {
                                leadId: foreign,
                                reason: 'mine now'
                            })
                        ).json() as ClaimResult
                    ).code
                ).toBe('NOT_OWNER');
                expect(
                    (
                        (
                            await ana.apex('LeadClaimController', 'updateLeadStatus', {
                                leadId: foreign,
                                status: 'Working - Contacted'
                            })
                        ).json() as ClaimResult
                    ).code
                ).toBe('NOT_OWNER');
                expect(
                    (
                        (
                            await ana.apex('LeadClaimController', 'convertLead', { leadId: foreign })
                        ).json() as ClaimResult
                    ).code
                ).toBe('NOT_OWNER');
                const owner = org.ctx.db
                    .prepare(
                        'SELECT u.username FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.id = ?'
                    )
                    .get(foreign) as { username: string };
                expect(owner.username).toBe(BRUNO.username);
            });
        });
    });
});
