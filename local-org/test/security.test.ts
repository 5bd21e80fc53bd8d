/**
 * What a web app's users expect of it (docs/LOCAL-ORG-SECURITY.md): security headers, the outbox for the admin
 * only, no foreign Host, logins that take the same time for unknown users, a per-account lockout shared by the
 * login form, the token endpoint and the password change, a logout that needs the CSRF token and ends the session,
 * expired sessions purged, and a few event streams per session at most.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_FAILURES } from '../server/auth/lockout.js';
import * as passwords from '../server/auth/passwords.js';
import { MAX_STREAMS_PER_SESSION } from '../server/routes/events.js';
import { BrowserSession, cookies, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const ALBERTO = seedUser('alberto.ruiz@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');
const CARLOS = seedUser('carlos.ortega@sierra.example');
const MARTA = seedUser('marta.vidal@nimbus.example');
const ADMIN = seedUser('admin@nimbus.example');

jest.setTimeout(60_000);

describe('local org security', () => {
    let org: TestOrg;
    let base: string;
    beforeAll(async () => {
        org = await startTestOrg({ sessionPurgeIntervalMs: 100 });
        await org.app.listen({ host: '127.0.0.1', port: 0 });
        base = `http://127.0.0.1:${(org.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        await org.dispose();
    });

    const token = (username: string, password: string, headers: Record<string, string> = {}) =>
        org.app.inject({
            method: 'POST',
            url: '/services/oauth2/token',
            headers,
            payload: {
                grant_type: 'password',
                client_id: 'canal-local-org',
                client_secret: 'canal-local-secret',
                username,
                password
            }
        });

    describe('headers', () => {
        it('sends a CSP that forbids framing and foreign scripts, nosniff, DENY and a Referrer-Policy on every page', async () => {
            const ana = new BrowserSession(org);
            await ana.login(ANA.username, ANA.password);
            for (const response of [
                await org.app.inject({ method: 'GET', url: '/login' }),
                await ana.get('/s/leads'),
                await ana.apex('LeadClaimController', 'getAllowance', {})
            ]) {
                const csp = String(response.headers['content-security-policy']);
                expect(csp).toContain("frame-ancestors 'none'");
                expect(csp).toContain("script-src 'self'");
                expect(csp).toContain("object-src 'none'");
                expect(csp).not.toContain('unsafe-eval');
                expect(response.headers['x-content-type-options']).toBe('nosniff');
                expect(response.headers['x-frame-options']).toBe('DENY');
                expect(response.headers['referrer-policy']).toBe('same-origin');
            }
        });
    });

    describe('Host', () => {
        it('refuses a Host that is not the server’s own, and never echoes it', async () => {
            for (const host of [
                'evil.example',
                'evil.example:3000',
                '127.0.0.1.evil.example',
                'localhost.evil'
            ]) {
                const login = await org.app.inject({ method: 'GET', url: '/login', headers: { host } });
                expect({ host, status: login.statusCode }).toEqual({ host, status: 421 });
                const grant = await token(ANA.username, ANA.password, { host });
                expect(grant.statusCode).toBe(421);
                expect(grant.body).not.toContain('evil');
            }
        });

        it('over a socket, wants the port the server listens on too', async () => {
            const port = (org.app.server.address() as AddressInfo).port;
            const get = (host: string) =>
                new Promise<number>((resolve, reject) => {
                    http.get(`${base}/login`, { headers: { host } }, (response) => {
                        response.resume();
                        resolve(response.statusCode!);
                    }).on('error', reject);
                });
            expect(await get(`127.0.0.1:${port}`)).toBe(200);
            expect(await get(`localhost:${port}`)).toBe(200);
            expect(await get(`127.0.0.1:${port + 1}`)).toBe(421);
            expect(await get('attacker.example')).toBe(421);
            const grant = await fetch(`${base}/services/oauth2/token`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                    grant_type: 'password',
                    client_id: 'canal-local-org',
                    client_secret: 'canal-local-secret',
                    username: ANA.username,
                    password: ANA.password
                })
            });
            expect(((await grant.json()) as { instance_url: string }).instance_url).toBe(base);
        });
    });

    describe('the outbox', () => {
        it('is the admin’s alone: no session goes to the login page, other personas get a 404', async () => {
            const mail = org.ctx.db.prepare('SELECT id FROM outbox ORDER BY id LIMIT 1').get() as {
                id: number;
            };
            for (const url of ['/outbox', `/outbox/${mail.id}`]) {
                const anonymous = await org.app.inject({ method: 'GET', url });
                expect(anonymous.statusCode).toBe(302);
                expect(anonymous.headers.location).toBe('/login');
                expect(anonymous.body).not.toContain(CARLOS.password);
            }
            for (const who of [ANA, MARTA]) {
                const session = new BrowserSession(org);
                await session.login(who.username, who.password);
                const list = await session.get('/outbox');
                const one = await session.get(`/outbox/${mail.id}`);
                expect([list.statusCode, one.statusCode]).toEqual([404, 404]);
                expect(one.body).not.toContain(CARLOS.password);
            }
            // The invited user, before the password change, reads it in the data folder, not here.
            const carlos = new BrowserSession(org);
            await carlos.login(CARLOS.username, CARLOS.password);
            expect((await carlos.get(`/outbox/${mail.id}`)).headers.location).toBe('/login');
            const admin = new BrowserSession(org);
            await admin.login(ADMIN.username, ADMIN.password);
            expect((await admin.get('/outbox')).statusCode).toBe(200);
            const opened = await admin.get(`/outbox/${mail.id}`);
            expect(opened.statusCode).toBe(200);
            expect(opened.body).toContain(CARLOS.password);
        });

        it('is no longer linked from the login page', async () => {
            const login = await org.app.inject({ method: 'GET', url: '/login' });
            expect(login.body).not.toContain('href="/outbox');
        });
    });

    describe('logout', () => {
        it('without the CSRF token changes nothing; with it, ends the session on the server', async () => {
            const ana = new BrowserSession(org);
            await ana.login(ANA.username, ANA.password);
            const forged = await ana.post('/logout', {});
            expect(forged.statusCode).toBe(403);
            expect(cookies(forged)['canal_sid']).toBeUndefined();
            const wrong = await ana.post('/logout', { csrf: 'not-the-token' });
            expect(wrong.statusCode).toBe(403);
            expect((await ana.get('/s/leads')).statusCode).toBe(200);

            const sid = ana.sid;
            const logout = await ana.post('/logout', { csrf: ana.csrf });
            expect(logout.statusCode).toBe(303);
            expect(logout.headers.location).toBe('/login');
            expect(org.ctx.db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sid)).toBeUndefined();
            // The old cookie opens nothing any more.
            expect((await ana.get('/s/leads')).headers.location).toBe('/login');
            expect((await ana.apex('LeadClaimController', 'getAllowance', {})).statusCode).toBe(401);
        });
    });

    describe('sessions', () => {
        const insertExpired = (id: string) => {
            const user = org.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(ANA.username) as {
                id: string;
            };
            org.ctx.db
                .prepare(
                    "INSERT INTO sessions (id, user_id, csrf_token, kind, expires_at) VALUES (?, ?, 'x', 'browser', ?)"
                )
                .run(id, user.id, new Date(Date.now() - 60_000).toISOString());
        };

        it('purges expired sessions on a timer', async () => {
            insertExpired('expired-by-timer');
            const deadline = Date.now() + 5000;
            while (org.ctx.db.prepare("SELECT 1 FROM sessions WHERE id = 'expired-by-timer'").get()) {
                expect(Date.now()).toBeLessThan(deadline);
                await new Promise((r) => setTimeout(r, 50));
            }
        });

        it('purges expired sessions at start', async () => {
            const other = await startTestOrg({ sessionPurgeIntervalMs: 3_600_000 });
            try {
                const user = other.ctx.db.prepare('SELECT id FROM users LIMIT 1').get() as { id: string };
                other.ctx.db
                    .prepare(
                        "INSERT INTO sessions (id, user_id, csrf_token, kind, expires_at) VALUES ('expired-at-start', ?, 'x', 'api', ?)"
                    )
                    .run(user.id, new Date(Date.now() - 1000).toISOString());
                const live = other.ctx.sessions.create(user.id, 'api');
                // Restarting on the same folder (a second open in this process shares the folder's lock).
                const again = await startTestOrg({
                    dataDir: other.dataDir,
                    sessionPurgeIntervalMs: 3_600_000
                });
                const ids = (
                    again.ctx.db.prepare('SELECT id FROM sessions').all() as Array<{ id: string }>
                ).map((r) => r.id);
                await again.close();
                expect(ids).not.toContain('expired-at-start');
                expect(ids).toContain(live.id);
            } finally {
                await other.dispose();
            }
        });
    });

    describe('event streams', () => {
        const open = (sid: string) =>
            new Promise<{ status: number; body: string; close(): void }>((resolve, reject) => {
                const request = http.get(
                    `${base}/events/stream`,
                    { headers: { cookie: `canal_sid=${sid}` } },
                    (r) => {
                        let body = '';
                        r.setEncoding('utf8');
                        r.on('data', (chunk: string) => (body += chunk));
                        const answer = { status: r.statusCode!, body: '', close: () => request.destroy() };
                        if (r.statusCode === 200) resolve(answer);
                        else r.on('end', () => resolve({ ...answer, body }));
                    }
                );
                request.on('error', reject);
            });

        it(`allows ${MAX_STREAMS_PER_SESSION} per session, refuses more, and frees a slot when one closes`, async () => {
            const marta = new BrowserSession(org);
            await marta.login(MARTA.username, MARTA.password);
            const streams = [];
            for (let i = 0; i < MAX_STREAMS_PER_SESSION; i++) streams.push(await open(marta.sid));
            expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_SESSION).fill(200));
            const refused = await open(marta.sid);
            expect(refused.status).toBe(429);
            expect(JSON.parse(refused.body)).toMatchObject({ code: 'TOO_MANY_STREAMS' });
            // Another session of the same user has its own budget.
            const other = new BrowserSession(org);
            await other.login(MARTA.username, MARTA.password);
            const second = await open(other.sid);
            expect(second.status).toBe(200);
            second.close();
            streams[0]!.close();
            const deadline = Date.now() + 5000;
            let again = await open(marta.sid);
            while (again.status !== 200 && Date.now() < deadline) {
                await new Promise((r) => setTimeout(r, 50));
                again = await open(marta.sid);
            }
            expect(again.status).toBe(200);
            [again, ...streams].forEach((s) => s.close());
        });
    });

    describe('password checks', () => {
        it('checks an unknown username against a dummy hash of the same scrypt cost as a real one', async () => {
            // Same work, so the same time, whether the account exists or not; asserted on the work done rather
            // than on a clock, which a loaded machine makes unreliable.
            const verify = jest.spyOn(passwords, 'verifyPassword');
            try {
                expect(
                    (await new BrowserSession(org).login('nobody@nowhere.example', 'Wrong-password-1'))
                        .statusCode
                ).toBe(401);
                expect(
                    (await new BrowserSession(org).login(BRUNO.username, 'Wrong-password-1')).statusCode
                ).toBe(401);
                expect(verify).toHaveBeenCalledTimes(2);
                const [unknownHash, knownHash] = verify.mock.calls.map(([, stored]) => stored);
                const scheme = (hash: string | undefined) => hash?.split('$').slice(0, 4).join('$');
                expect(scheme(unknownHash)).toBe('scrypt$16384$8$1');
                expect(scheme(unknownHash)).toBe(scheme(knownHash));
                expect(unknownHash).toMatch(/^scrypt(\$[^$]+){5}$/);
            } finally {
                verify.mockRestore();
                org.ctx.lockout.recordSuccess(BRUNO.username);
            }
        });

        it(`locks an account after ${MAX_FAILURES} failures shared by login, token and password change`, async () => {
            const alberto = new BrowserSession(org);
            await alberto.login(ALBERTO.username, ALBERTO.password);
            // 2 wrong tokens + 2 wrong logins + 1 wrong current password = MAX_FAILURES.
            expect(MAX_FAILURES).toBe(5);
            for (let i = 0; i < 2; i++)
                expect((await token(ALBERTO.username, 'Wrong-password-1')).statusCode).toBe(400);
            for (let i = 0; i < 2; i++)
                expect(
                    (await new BrowserSession(org).login(ALBERTO.username, 'Wrong-password-1')).statusCode
                ).toBe(401);
            const change = await alberto.post('/change-password', {
                current: 'Wrong-password-1',
                newPassword: 'Brand-new-2026',
                confirm: 'Brand-new-2026',
                csrf: alberto.csrf
            });
            expect(change.statusCode).toBe(400);

            // Now the right password is refused too, everywhere, with a translated message.
            const en = await org.app.inject({ method: 'GET', url: '/login?lang=en' });
            const loginCsrf = cookies(en)['canal_login_csrf']!.split(';')[0]!.split('=')[1]!;
            const locked = (lang: string) =>
                org.app.inject({
                    method: 'POST',
                    url: `/login?lang=${lang}`,
                    cookies: { canal_login_csrf: loginCsrf },
                    payload: { username: ALBERTO.username, password: ALBERTO.password, csrf: loginCsrf }
                });
            const lockedEn = await locked('en');
            expect(lockedEn.statusCode).toBe(401);
            expect(lockedEn.body).toContain(org.ctx.labels.en.Canal_Login_Locked!.slice(0, 30));
            expect(cookies(lockedEn)['canal_sid']).toBeUndefined();
            const lockedEs = await locked('es');
            expect(lockedEs.body).toContain(org.ctx.labels.es.Canal_Login_Locked!.slice(0, 30));
            expect(org.ctx.labels.es.Canal_Login_Locked).not.toBe(org.ctx.labels.en.Canal_Login_Locked);
            const grant = await token(ALBERTO.username, ALBERTO.password, { 'accept-language': 'es' });
            expect(grant.statusCode).toBe(400);
            expect(grant.json()).toMatchObject({
                error: 'invalid_grant',
                error_description: org.ctx.labels.es.Canal_Login_Locked
            });
            const retry = await alberto.post('/change-password', {
                current: ALBERTO.password,
                newPassword: 'Brand-new-2026',
                confirm: 'Brand-new-2026',
                csrf: alberto.csrf
            });
            expect(retry.statusCode).toBe(400);
            // Other accounts are not affected.
            expect((await new BrowserSession(org).login(ANA.username, ANA.password)).statusCode).toBe(303);
        });

        it('locks unknown usernames the same way, so a lock tells nothing about an account', async () => {
            const attempts = [];
            for (let i = 0; i < MAX_FAILURES + 1; i++)
                attempts.push(
                    await new BrowserSession(org).login('ghost@nowhere.example', 'Wrong-password-1')
                );
            expect(attempts[MAX_FAILURES]!.body).toContain(
                org.ctx.labels.es.Canal_Login_Locked!.slice(0, 30)
            );
        });
    });
});
