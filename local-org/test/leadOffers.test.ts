import { canReceive } from '../server/routes/events.js';
import { ManualClock } from '../server/clock.js';
import { DEFAULT_OAUTH_CLIENT } from '../server/app.js';
import type { UserRecord } from '../server/apex/LeadClaimSelector.js';
import { LEAD_OFFER_CHANNEL, type BusEvent } from '../server/events/eventBus.js';
import { seedUser, startTestOrg, type TestOrg } from './helpers.js';

const MARTA = seedUser('marta.vidal@nimbus.example');
const ANA = seedUser('ana.garcia@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');
const CARLA = seedUser('carla.mendez@sierra.example');
const DIEGO = seedUser('diego.paz@pampa.example');

describe('first look, live: offered leads reach each tier over the event stream when its window opens', () => {
    let org: TestOrg;
    let clock: ManualClock;
    const events: BusEvent[] = [];
    beforeAll(async () => {
        clock = new ManualClock(new Date());
        org = await startTestOrg({ queueLeads: 20, clock });
        org.events.subscribe((event) => events.push(event));
    });
    afterAll(async () => {
        await org.dispose();
    });

    async function token(user: { username: string; password: string }): Promise<string> {
        const response = await org.app.inject({
            method: 'POST',
            url: '/services/oauth2/token',
            payload: {
                grant_type: 'password',
                client_id: DEFAULT_OAUTH_CLIENT.clientId,
                client_secret: DEFAULT_OAUTH_CLIENT.clientSecret,
                username: user.username,
                password: user.password
            }
        });
        return (response.json() as { access_token: string }).access_token;
    }
    const userRecord = (username: string) =>
        org.ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRecord;
    const offersFor = (username: string) =>
        events.filter((e) => e.message.channel === LEAD_OFFER_CHANNEL && canReceive(userRecord(username), e));

    it('tells Gold at once, Silver at 10, Bronze at 20 and no tier at 30 minutes, each only its own', async () => {
        const publish = await org.app.inject({
            method: 'POST',
            url: '/services/apexrest/canal/v1/leads/publish',
            headers: { authorization: `Bearer ${await token(MARTA)}` },
            payload: {
                queue: 'Canal_Partner_Pool',
                source: 'Expo',
                leads: [
                    { lastName: 'Uno', company: 'Uno SA' },
                    { lastName: 'Dos', company: 'Dos SA' },
                    { lastName: 'Tres', company: 'Tres SA' }
                ]
            }
        });
        const { publicationId } = publish.json() as { publicationId: string };
        // The publishing request's end flushed the Gold window: no timer, no wait.
        expect(offersFor(ANA.username)).toHaveLength(1);
        const payload = offersFor(ANA.username)[0]!.message.data.payload;
        expect(payload).toMatchObject({ Publication_Id__c: publicationId, Lead_Count__c: '3' });
        expect(String(payload.Lead_Ids__c).split(',')).toHaveLength(3);
        expect(offersFor(BRUNO.username)).toHaveLength(0);

        // Bronze cannot claim during its window; its queue does not list the leads yet.
        const bronze = await token(CARLA);
        const leadId = String(payload.Lead_Ids__c).split(',')[0];
        const early = await org.app.inject({
            method: 'POST',
            url: `/services/apexrest/canal/v1/leads/${leadId}/claim`,
            headers: { authorization: `Bearer ${bronze}` }
        });
        expect(early.statusCode).toBe(409);
        expect(early.json()).toMatchObject({ code: 'NOT_YET_OFFERED' });
        const queue = await org.app.inject({
            method: 'GET',
            url: '/services/apexrest/canal/v1/queue?limit=200',
            headers: { authorization: `Bearer ${bronze}` }
        });
        expect((queue.json() as { leads: Array<{ id: string }> }).leads.map((l) => l.id)).not.toContain(
            leadId
        );

        clock.advanceHours(10 / 60);
        org.publishChanges();
        expect(offersFor(BRUNO.username)).toHaveLength(1);
        expect(offersFor(CARLA.username)).toHaveLength(0);
        clock.advanceHours(10 / 60);
        org.publishChanges();
        expect(offersFor(CARLA.username)).toHaveLength(1);
        expect(offersFor(DIEGO.username)).toHaveLength(0);
        clock.advanceHours(10 / 60);
        org.publishChanges();
        expect(offersFor(DIEGO.username)).toHaveLength(1);
        // Each partner was told once; staff see every partner's offers.
        expect(offersFor(ANA.username)).toHaveLength(1);
        expect(offersFor(MARTA.username)).toHaveLength(4);

        const late = await org.app.inject({
            method: 'POST',
            url: `/services/apexrest/canal/v1/leads/${leadId}/claim`,
            headers: { authorization: `Bearer ${bronze}` }
        });
        expect(late.json()).toMatchObject({ code: 'CLAIMED' });
    });
});
