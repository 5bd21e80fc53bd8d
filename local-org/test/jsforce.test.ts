import { Connection } from 'jsforce';
import type { AddressInfo } from 'node:net';
import { runClaimRace } from '../../scripts/race/claimRace.js';
import { DEFAULT_OAUTH_CLIENT } from '../server/app.js';
import { seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const ALBERTO = seedUser('alberto.ruiz@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');
const CARLA = seedUser('carla.mendez@sierra.example');
const CARLOS = seedUser('carlos.ortega@sierra.example');

describe('jsforce against the local org (OAuth password grant + LeadClaimResource)', () => {
    let org: TestOrg;
    let loginUrl: string;
    beforeAll(async () => {
        org = await startTestOrg();
        await org.app.listen({ host: '127.0.0.1', port: 0 });
        loginUrl = `http://127.0.0.1:${(org.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        await org.dispose();
    });

    const connection = () => new Connection({ oauth2: { loginUrl, ...DEFAULT_OAUTH_CLIENT } });

    it('logs in exactly as against an org and claims through conn.apex.post', async () => {
        const conn = connection();
        const info = await conn.login(ANA.username, ANA.password);
        expect(info.id).toMatch(/^005/);
        expect(info.organizationId).toMatch(/^00D/);
        expect(conn.instanceUrl).toBe(loginUrl);
        const queue = await conn.apex.get<{
            leads: Array<{ id: string; company: string }>;
            next: string | null;
        }>('/canal/v1/queue?limit=3');
        expect(queue.leads).toHaveLength(3);
        expect(queue.next).toBe(queue.leads[2]!.id);
        const claimed = await conn.apex.post<{
            code: string;
            leadId: string;
            ownerId: string;
            claimedAt: string;
        }>(`/canal/v1/leads/${queue.leads[0]!.id}/claim`, {});
        expect(claimed).toMatchObject({ code: 'CLAIMED', leadId: queue.leads[0]!.id, ownerId: info.id });
        const again = await conn.apex
            .post(`/canal/v1/leads/${queue.leads[0]!.id}/claim`, {})
            .catch((e: { data?: unknown; errorCode?: string }) => e);
        expect(JSON.stringify(again)).toContain('ALREADY_CLAIMED');
        const released = await conn.apex.post<{ code: string }>(
            `/canal/v1/leads/${queue.leads[0]!.id}/release`,
            { reason: 'Prueba de jsforce' }
        );
        expect(released.code).toBe('RELEASED');
        const allowance = await conn.apex.get<{ openClaims: number; openLimit: number }>(
            '/canal/v1/allowance'
        );
        expect(allowance.openLimit).toBe(5);
    });

    it('answers invalid_grant to wrong credentials and to a temporary password', async () => {
        await expect(connection().login(ANA.username, 'not-the-password-1')).rejects.toThrow(
            /invalid_grant|authentication failure/
        );
        await expect(connection().login(CARLOS.username, CARLOS.password)).rejects.toThrow(
            /invalid_grant|authentication failure/
        );
        const response = await fetch(`${loginUrl}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'password',
                client_id: DEFAULT_OAUTH_CLIENT.clientId,
                client_secret: DEFAULT_OAUTH_CLIENT.clientSecret,
                username: ANA.username,
                password: 'nope'
            })
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('refuses the REST API without a valid bearer token', async () => {
        const response = await fetch(`${loginUrl}/services/apexrest/canal/v1/allowance`, {
            headers: { authorization: 'Bearer forged' }
        });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual([
            { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
        ]);
    });

    it('races real concurrent claims from four reps of three partners: no lead claimed twice, no limit exceeded', async () => {
        const db = org.ctx.db;
        const claimRows = () =>
            (
                db.prepare("SELECT COUNT(*) AS n FROM lead_claims WHERE action = 'Claimed'").get() as {
                    n: number;
                }
            ).n;
        const rowsBefore = claimRows();
        const report = await runClaimRace({
            loginUrl,
            ...DEFAULT_OAUTH_CLIENT,
            reps: [ANA, ALBERTO, BRUNO, CARLA],
            leads: 30,
            concurrency: 6
        });
        expect(report.attempts).toHaveLength(4 * 30);
        expect(report.doubleClaims).toEqual([]);
        expect(report.limitBreaches).toEqual([]);
        // Each partner fills its open-claim limit and no more; the rest is ALREADY_CLAIMED or a limit code.
        for (const [leadId, winner] of Object.entries(report.winners)) {
            const owner = db
                .prepare('SELECT u.username FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.id = ?')
                .get(leadId) as { username: string };
            expect({ leadId, owner: owner.username }).toEqual({ leadId, owner: winner });
        }
        for (const rep of [ANA, BRUNO, CARLA]) {
            const a = report.allowances[rep.username]!;
            expect(a.openClaims).toBe(a.openLimit);
        }
        expect(Object.keys(report.codes).sort()).toEqual(
            expect.arrayContaining(['ALREADY_CLAIMED', 'CLAIMED'])
        );
        expect(claimRows() - rowsBefore).toBe(Object.keys(report.winners).length);
    }, 60_000);
});
