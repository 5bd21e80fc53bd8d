import type { LeadPage } from 'canal/apex/LeadClaimController';
import { DealRegistrationKeys } from '../server/apex/DealRegistrationKeys.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const MARTA = seedUser('marta.vidal@nimbus.example');

describe('LeadAssignment (local only: a channel manager assigns a lead to a rep)', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let marta: BrowserSession;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 10 });
        ana = new BrowserSession(org);
        marta = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        await marta.login(MARTA.username, MARTA.password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const userRow = (username: string) =>
        org.ctx.db.prepare('SELECT id, account_id FROM users WHERE username = ?').get(username) as {
            id: string;
            account_id: string;
        };
    const queueLead = () =>
        (
            org.ctx.db
                .prepare("SELECT id FROM leads WHERE owner_id LIKE '00G%' ORDER BY id LIMIT 1")
                .get() as {
                id: string;
            }
        ).id;
    const lead = (id: string) => org.ctx.db.prepare('SELECT * FROM leads WHERE id = ?').get(id);

    it('refuses partner reps and requests without the CSRF token, changing nothing', async () => {
        const leadId = queueLead();
        const before = lead(leadId);
        const asRep = await ana.apex('LeadAssignment', 'assignLead', {
            leadId,
            userId: userRow(ANA.username).id
        });
        expect(asRep.statusCode).toBe(403);
        expect(asRep.json()).toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
        const noCsrf = await marta.apex(
            'LeadAssignment',
            'assignLead',
            { leadId, userId: userRow(ANA.username).id },
            { csrf: null }
        );
        expect(noCsrf.statusCode).toBe(403);
        const notARep = await marta.apex('LeadAssignment', 'assignLead', {
            leadId,
            userId: userRow(MARTA.username).id
        });
        expect(notARep.statusCode).toBe(400);
        expect(lead(leadId)).toEqual(before);
    });

    it('assigns a lead directly: owned by the rep and their partner, not a claim, in My leads at once', async () => {
        const leadId = queueLead();
        const rep = userRow(ANA.username);
        const response = await marta.apex('LeadAssignment', 'assignLead', { leadId, userId: rep.id });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({
            code: 'ASSIGNED',
            leadId,
            ownerId: rep.id,
            partnerAccountId: rep.account_id
        });
        expect(lead(leadId)).toMatchObject({
            owner_id: rep.id,
            partner_account_id: rep.account_id,
            claimed_at: null,
            claim_expires_at: null
        });
        const mine = (
            await ana.apex('LeadClaimController', 'getMyLeads', { pageSize: 200 })
        ).json() as LeadPage;
        expect(mine.leads.map((l) => l.id)).toContain(leadId);
    });
    it("refuses to give a lead to a rep while another partner's approved registration protects its customer", async () => {
        const leadId = queueLead();
        const rep = userRow(ANA.username);
        const other = org.ctx.db
            .prepare(
                "SELECT id, account_id FROM users WHERE persona = 'partner_rep' AND account_id IS NOT NULL AND account_id <> ? LIMIT 1"
            )
            .get(rep.account_id) as { id: string; account_id: string };
        const target = lead(leadId) as { company: string; owner_id: string };
        const now = org.ctx.clock.now();
        const day = (offset: number) =>
            new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
        const insert = org.ctx.db.prepare(
            `INSERT INTO deal_registrations (id, name, status, partner_account_id, owner_id, company, company_key,
             contact_email, submitted_at, protected_until, created_date, last_modified_date)
             VALUES (?, ?, 'Approved', ?, ?, ?, ?, 'buyer@nowhere.example', ?, ?, ?, ?)`
        );
        insert.run(
            'a0G000000000P01AAA',
            'DR-P01',
            other.account_id,
            other.id,
            target.company,
            DealRegistrationKeys.companyKey(target.company),
            now.toISOString(),
            day(-1),
            now.toISOString(),
            now.toISOString()
        );
        // Expired yesterday: no protection.
        const expired = await marta.apex('LeadAssignment', 'assignLead', { leadId, userId: other.id });
        expect(expired.statusCode).toBe(200);
        const back = org.ctx.db.prepare(
            'UPDATE leads SET owner_id = ?, partner_account_id = NULL WHERE id = ?'
        );
        back.run(target.owner_id, leadId);
        org.ctx.db
            .prepare('UPDATE deal_registrations SET protected_until = ? WHERE id = ?')
            .run(day(10), 'a0G000000000P01AAA');
        const before = lead(leadId);
        const refused = await marta.apex('LeadAssignment', 'assignLead', { leadId, userId: rep.id });
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ code: 'CUSTOMER_PROTECTED' });
        expect(lead(leadId)).toEqual(before);
        const holder = await marta.apex('LeadAssignment', 'assignLead', { leadId, userId: other.id });
        expect(holder.statusCode).toBe(200);
        org.ctx.db.prepare('DELETE FROM deal_registrations WHERE id = ?').run('a0G000000000P01AAA');
    });
});
