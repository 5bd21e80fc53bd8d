/**
 * Keyset cursors of the partner's lead lists (issue 18): a cursor is honoured only when its lead is visible to the
 * caller; any other cursor is INVALID_CURSOR, never a position derived from a lead the caller cannot see (a binary
 * search on where another partner's lead sorts would read its claim time, company or name).
 */
import type { ClaimResult, LeadPage } from 'canal/apex/LeadClaimController';
import { DEFAULT_OAUTH_CLIENT } from '../server/app.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');

describe('lead list cursors', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let bruno: BrowserSession;
    let brunosLead: string;
    let anasLead: string;
    let queueLead: string;
    let cursorMessage: string;

    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 12 });
        ana = new BrowserSession(org);
        bruno = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        await bruno.login(BRUNO.username, BRUNO.password);
        const pool = org.ctx.db
            .prepare(
                'SELECT l.id FROM leads l JOIN queues q ON q.id = l.owner_id WHERE q.is_default = 1 AND l.is_converted = 0 ORDER BY l.id LIMIT 3'
            )
            .all() as Array<{ id: string }>;
        [brunosLead, anasLead, queueLead] = pool.map((r) => r.id) as [string, string, string];
        const claim = async (who: BrowserSession, leadId: string) =>
            ((await who.apex('LeadClaimController', 'claimLead', { leadId })).json() as ClaimResult).code;
        expect(await claim(bruno, brunosLead)).toBe('CLAIMED');
        expect(await claim(ana, anasLead)).toBe('CLAIMED');
        const language = (
            org.ctx.db.prepare('SELECT language FROM users WHERE username = ?').get(ANA.username) as {
                language: 'es' | 'en';
            }
        ).language;
        cursorMessage = org.ctx.labels[language]['Canal_Outcome_INVALID_CURSOR']!;
        expect(cursorMessage).toBeTruthy();
    }, 120_000);
    afterAll(async () => {
        await org.dispose();
    });

    const refusedAsInvalidCursor = (response: { statusCode: number; json(): unknown }) => {
        expect({ status: response.statusCode, body: response.json() }).toEqual({
            status: 400,
            body: expect.objectContaining({ code: 'INVALID_CURSOR', message: cursorMessage })
        });
    };

    it("refuses another partner's lead as the cursor of my leads", async () => {
        refusedAsInvalidCursor(
            await ana.apex('LeadClaimController', 'getMyLeads', { pageSize: 5, afterId: brunosLead })
        );
    });

    it("refuses another partner's lead as the cursor of the queue, whatever the sort", async () => {
        for (const sortBy of ['createdDate', 'company', 'name']) {
            refusedAsInvalidCursor(
                await ana.apex('LeadClaimController', 'getQueuePage', {
                    pageSize: 5,
                    afterId: brunosLead,
                    sortBy,
                    sortDirection: 'desc'
                })
            );
        }
    });

    it('refuses a malformed or unknown cursor', async () => {
        refusedAsInvalidCursor(
            await ana.apex('LeadClaimController', 'getMyLeads', { pageSize: 5, afterId: '00Q000000000000' })
        );
        refusedAsInvalidCursor(
            await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 5, afterId: 'not-an-id' })
        );
    });

    it('honours a cursor the caller can see: their own lead, a lead of their queue', async () => {
        const mine = await ana.apex('LeadClaimController', 'getMyLeads', { pageSize: 5, afterId: anasLead });
        expect(mine.statusCode).toBe(200);
        expect((mine.json() as LeadPage).leads.map((l) => l.id)).not.toContain(anasLead);
        const queue = await ana.apex('LeadClaimController', 'getQueuePage', {
            pageSize: 5,
            afterId: queueLead
        });
        expect(queue.statusCode).toBe(200);
        const ids = (queue.json() as LeadPage).leads.map((l) => l.id);
        expect(ids.length).toBeGreaterThan(0);
        expect(ids).not.toContain(queueLead);
        expect(ids).not.toContain(brunosLead);
    });

    it("refuses another partner's lead as the REST queue's cursor", async () => {
        const token = (
            await org.app.inject({
                method: 'POST',
                url: '/services/oauth2/token',
                payload: {
                    grant_type: 'password',
                    client_id: DEFAULT_OAUTH_CLIENT.clientId,
                    client_secret: DEFAULT_OAUTH_CLIENT.clientSecret,
                    username: ANA.username,
                    password: ANA.password
                }
            })
        ).json() as { access_token: string };
        const page = await org.app.inject({
            method: 'GET',
            url: `/services/apexrest/canal/v1/queue?limit=5&after=${brunosLead}`,
            headers: { authorization: `Bearer ${token.access_token}` }
        });
        refusedAsInvalidCursor(page);
    });
});
