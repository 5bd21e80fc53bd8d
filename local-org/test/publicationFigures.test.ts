import type { ActivityPage } from 'canal/apex/PartnerActivityController';
import type { PublicationFigures, PublicationSummary } from 'canal/apex/LeadPublicationFigures';
import { ManualClock } from '../server/clock.js';
import { makeId } from '../server/ids.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const MARTA = seedUser('marta.vidal@nimbus.example');
const ADMIN = seedUser('admin@nimbus.example');
const ANA = seedUser('ana.garcia@iberia.example'); // Iberia, Gold (first look 0)
const BRUNO = seedUser('bruno.silva@andes.example'); // Andes, Silver (first look 10)
const BEATRIZ = seedUser('beatriz.lopez@andes.example'); // Andes, Silver
const CARLA = seedUser('carla.mendez@sierra.example'); // Sierra, Bronze (first look 20)

/**
 * What became of a publication (docs/PUBLICATION.md, "Figures") and its line on the Activity page, in the local org:
 * offered, claimed and still open, the claims by partner and by tier with the minutes from publication to the first
 * and the median claim; staff only, a partner never sees figures.
 */
describe('publication figures and the Activity line', () => {
    let org: TestOrg;
    let clock: ManualClock;
    const sessions: Record<string, BrowserSession> = {};
    const minutes = (m: number) => clock.advanceHours(m / 60);

    beforeAll(async () => {
        clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
        org = await startTestOrg({ queueLeads: 10, clock });
        // Room to claim: limits are the claim scenarios' business, not this test's.
        org.ctx.db.prepare('UPDATE accounts SET lead_claim_limit = 100, daily_claim_limit = 100').run();
        for (const user of [MARTA, ADMIN, ANA, BRUNO, BEATRIZ, CARLA]) {
            sessions[user.username] = new BrowserSession(org);
            await sessions[user.username]!.login(user.username, user.password);
        }
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const as = (user: { username: string }) => sessions[user.username]!;
    const call = async <T>(
        user: { username: string },
        method: string,
        params: Record<string, unknown> = {}
    ) => {
        const response = await as(user).apex('LeadPublicationController', method, params);
        return {
            status: response.statusCode,
            body: response.json() as T & { code?: string; message?: string }
        };
    };
    const claim = async (user: { username: string }, leadId: string) =>
        (await as(user).apex('LeadClaimController', 'claimLead', { leadId })).json() as { code: string };

    let publicationId = '';
    let leadIds: string[] = [];

    it('counts what was offered, claimed and still open, by partner and by tier, with the minutes to claim', async () => {
        const published = await call<{ publicationId: string; created: number }>(MARTA, 'publishLeads', {
            queue: 'Canal_Partner_Pool',
            source: 'Expo 2026',
            leads: ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco'].map((n) => ({
                lastName: n,
                company: `Feria ${n} SL`
            })),
            idempotencyKey: null
        });
        expect(published.body.created).toBe(5);
        publicationId = published.body.publicationId;
        leadIds = (
            org.ctx.db
                .prepare('SELECT id FROM leads WHERE publication_id = ? ORDER BY id')
                .all(publicationId) as Array<{ id: string }>
        ).map((r) => r.id);

        minutes(2);
        expect(await claim(ANA, leadIds[0]!)).toMatchObject({ code: 'CLAIMED' });
        expect(await claim(BRUNO, leadIds[1]!)).toMatchObject({ code: 'NOT_YET_OFFERED' });
        minutes(9); // 11 minutes after the publication: Silver's window (10) is open
        expect(await claim(BRUNO, leadIds[1]!)).toMatchObject({ code: 'CLAIMED' });
        minutes(2);
        expect(await claim(BEATRIZ, leadIds[2]!)).toMatchObject({ code: 'CLAIMED' });
        expect(await claim(CARLA, leadIds[3]!)).toMatchObject({ code: 'NOT_YET_OFFERED' });
        minutes(8); // 21 minutes: Bronze's window (20) is open
        expect(await claim(CARLA, leadIds[3]!)).toMatchObject({ code: 'CLAIMED' });

        const figures = await call<PublicationFigures>(MARTA, 'getPublicationFigures', { publicationId });
        expect(figures.status).toBe(200);
        expect(figures.body).toMatchObject({
            offered: 5,
            claimed: 4,
            stillOpen: 1,
            claims: 4,
            firstClaimMinutes: 2,
            medianClaimMinutes: 12,
            publication: {
                id: publicationId,
                source: 'Expo 2026',
                queueName: expect.any(String),
                publishedByName: 'Marta Vidal',
                created: 5,
                claimed: 4,
                stillOpen: 1
            }
        });
        expect(
            figures.body.byPartner.map((p) => [
                p.partnerName,
                p.tier,
                p.firstLookMinutes,
                p.claimed,
                p.firstClaimMinutes,
                p.medianClaimMinutes
            ])
        ).toEqual([
            ['Andes Digital', 'Silver', 10, 2, 11, 12],
            ['Iberia Soluciones', 'Gold', 0, 1, 2, 2],
            ['Sierra Partners', 'Bronze', 20, 1, 21, 21]
        ]);
        expect(
            figures.body.byTier.map((t) => [t.tier, t.claimed, t.firstClaimMinutes, t.medianClaimMinutes])
        ).toEqual([
            ['Gold', 1, 2, 2],
            ['Silver', 2, 11, 12],
            ['Bronze', 1, 21, 21]
        ]);
    });

    it('lists the publications newest first for staff, with created, claimed and still open', async () => {
        minutes(1);
        await call(ADMIN, 'publishLeads', {
            queue: 'Canal_Partner_Pool',
            source: null,
            leads: [{ lastName: 'Cinco', company: 'Cinco SA' }],
            idempotencyKey: null
        });
        const list = await call<PublicationSummary[]>(MARTA, 'getPublications');
        expect(list.status).toBe(200);
        expect(list.body.map((p) => [p.source, p.created, p.claimed, p.stillOpen])).toEqual([
            [null, 1, 0, 1],
            ['Expo 2026', 5, 4, 1]
        ]);
        expect(list.body[1]!.id).toBe(publicationId);
        // Offered so far: 22 minutes after the first publication every tier but Default (30) has been offered its leads.
        expect(list.body[1]!.offeredTiers).toEqual(['Gold', 'Silver', 'Bronze']);
        expect(Date.parse(list.body[1]!.nextOfferAt!) - Date.parse(list.body[1]!.publishedAt)).toBe(
            30 * 60_000
        );
        expect(list.body[0]!.offeredTiers).toEqual(['Gold']);
        expect(Date.parse(list.body[0]!.nextOfferAt!) - Date.parse(list.body[0]!.publishedAt)).toBe(
            10 * 60_000
        );
    });

    it('refuses figures to partners (nothing read), and a bad, foreign or unknown id to staff', async () => {
        for (const rep of [ANA, CARLA]) {
            const list = await call(rep, 'getPublications');
            expect([list.status, list.body.code]).toEqual([403, 'INSUFFICIENT_ACCESS']);
            const one = await call(rep, 'getPublicationFigures', { publicationId });
            expect([one.status, one.body.code]).toEqual([403, 'INSUFFICIENT_ACCESS']);
            expect(JSON.stringify(one.body)).not.toContain('Iberia');
        }
        expect((await call(MARTA, 'getPublicationFigures', { publicationId: null })).body.code).toBe(
            'INVALID_REQUEST'
        );
        expect((await call(MARTA, 'getPublicationFigures', { publicationId: leadIds[0] })).body.code).toBe(
            'INVALID_ID'
        );
        const unknown = makeId('LeadPublication', 999);
        expect((await call(MARTA, 'getPublicationFigures', { publicationId: unknown })).body.code).toBe(
            'NOT_FOUND'
        );
    });

    it('shows "N leads published to <queue>" on the Activity page, for staff only and in no partner filter', async () => {
        const activity = async (params: Record<string, unknown>) =>
            (
                await as(MARTA).apex('PartnerActivityController', 'getActivity', {
                    partnerAccountId: null,
                    cursor: null,
                    pageSize: 20,
                    ...params
                })
            ).json() as ActivityPage;
        const feed = await activity({});
        const published = feed.items.filter((i) => i.kind === 'PUBLISHED');
        expect(published).toHaveLength(2);
        expect(published[1]).toMatchObject({
            id: publicationId,
            recordId: publicationId,
            recordName: expect.stringMatching(/^PUB-/),
            userName: 'Marta Vidal',
            partnerAccountId: null,
            leadCount: 5,
            queueName: expect.any(String),
            source: 'Expo 2026'
        });
        // In time order with the claims it led to, and a cursor may stop on it.
        const times = feed.items.map((i) => i.occurredAt);
        expect([...times].sort().reverse()).toEqual(times);
        const at = feed.items.findIndex((i) => i.id === publicationId);
        const paged = await activity({ pageSize: at + 1 });
        expect(paged.items[at]!.id).toBe(publicationId);
        const rest = await activity({ cursor: paged.nextCursor, pageSize: 20 });
        const following = feed.items.slice(at + 1).map((i) => i.id);
        expect(rest.items.map((i) => i.id).slice(0, following.length)).toEqual(following);

        const sierra = (
            org.ctx.db.prepare("SELECT id FROM accounts WHERE name = 'Sierra Partners'").get() as {
                id: string;
            }
        ).id;
        const onePartner = await activity({ partnerAccountId: sierra });
        expect(onePartner.items.some((i) => i.kind === 'PUBLISHED')).toBe(false);
        const refused = await as(ANA).apex('PartnerActivityController', 'getActivity', {
            partnerAccountId: null,
            cursor: null,
            pageSize: 20
        });
        expect(refused.statusCode).toBe(403);
    });
});
