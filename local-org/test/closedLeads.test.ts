/**
 * A closed, non-converted lead over the local org's HTTP API (docs/CLAIM-RULES.md): closing frees the partner's
 * open-claim slot, the rep keeps the lead but can no longer reopen, release or edit it.
 */
import type { Allowance, ClaimResult, LeadDetail } from 'canal/apex/LeadClaimController';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const BRUNO = seedUser('bruno.silva@andes.example');

describe('closed leads in the local org', () => {
    let org: TestOrg;
    let bruno: BrowserSession;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 5 });
        bruno = new BrowserSession(org);
        await bruno.login(BRUNO.username, BRUNO.password);
    }, 120_000);
    afterAll(async () => {
        await org.dispose();
    });

    const call = async <T>(method: string, params: unknown): Promise<T> =>
        (await bruno.apex('LeadClaimController', method, params)).json() as Promise<T>;

    it('frees the slot on closing and refuses reopening, release and edit', async () => {
        const closed = org.ctx.claims.closedStatuses()[0]!;
        expect(closed).toBeDefined();
        const leadId = (
            org.ctx.db
                .prepare(
                    'SELECT l.id FROM leads l JOIN queues q ON q.id = l.owner_id WHERE q.is_default = 1 ORDER BY l.id LIMIT 1'
                )
                .get() as { id: string }
        ).id;
        const before = await call<Allowance>('getAllowance', {});
        expect((await call<ClaimResult>('claimLead', { leadId })).code).toBe('CLAIMED');
        expect((await call<Allowance>('getAllowance', {})).openClaims).toBe(before.openClaims + 1);

        expect((await call<ClaimResult>('updateLeadStatus', { leadId, status: closed })).code).toBe(
            'UPDATED'
        );
        expect((await call<Allowance>('getAllowance', {})).openClaims).toBe(before.openClaims);

        const open = org.ctx.db
            .prepare('SELECT value FROM lead_statuses WHERE is_converted = 0 AND is_default = 1')
            .get() as { value: string };
        expect((await call<ClaimResult>('updateLeadStatus', { leadId, status: open.value })).code).toBe(
            'NOT_ELIGIBLE'
        );
        expect((await call<ClaimResult>('releaseLead', { leadId, reason: 'Lost' })).code).toBe(
            'NOT_ELIGIBLE'
        );
        expect((await call<LeadDetail>('getLead', { leadId })).canEdit).toBe(false);
        const row = org.ctx.db.prepare('SELECT status, owner_id FROM leads WHERE id = ?').get(leadId) as {
            status: string;
            owner_id: string;
        };
        expect(row.status).toBe(closed);
    });
});
