import type { ClaimResult, LeadPage } from 'canal/apex/LeadClaimController';
import type { ConvertOptions, ConvertResult } from 'canal/apex/LeadConvertController';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');

/** LeadConvertController over HTTP: the strict request schema, per-user visibility, and racing conversions. */
describe('local org: lead conversion endpoint', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let bruno: BrowserSession;

    beforeAll(async () => {
        org = await startTestOrg();
        // The seed has Ana's partner hold leads close to its limit; these tests claim several of their own.
        org.ctx.db
            .prepare(
                'UPDATE accounts SET lead_claim_limit = 50, daily_claim_limit = 50 WHERE id = (SELECT account_id FROM users WHERE username = ?)'
            )
            .run(ANA.username);
        ana = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        bruno = new BrowserSession(org);
        await bruno.login(BRUNO.username, BRUNO.password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const count = (sql: string, ...params: unknown[]): number =>
        (org.ctx.db.prepare(sql).get(...params) as { n: number }).n;

    async function claimOne(): Promise<string> {
        const page = (
            await ana.apex('LeadClaimController', 'getQueuePage', { pageSize: 1 })
        ).json() as LeadPage;
        const leadId = page.leads[0]!.id;
        const claimed = (
            await ana.apex('LeadClaimController', 'claimLead', { leadId })
        ).json() as ClaimResult;
        expect(claimed.code).toBe('CLAIMED');
        return leadId;
    }

    function request(leadId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
        return {
            request: {
                leadId,
                accountId: null,
                contactId: null,
                doNotCreateOpportunity: false,
                opportunityName: 'Prueba - Ampliación',
                amount: 1250.5,
                closeDate: '2026-12-31',
                convertedStatus: null,
                ...extra
            }
        };
    }

    it('offers the options to the holder only, with the opportunity name prefilled', async () => {
        const leadId = await claimOne();
        const options = (
            await ana.apex('LeadConvertController', 'getConvertOptions', { leadId })
        ).json() as ConvertOptions;
        const company = (
            org.ctx.db.prepare('SELECT company FROM leads WHERE id = ?').get(leadId) as {
                company: string;
            }
        ).company;
        expect(options).toMatchObject({ code: 'OK', leadId, company, opportunityName: `${company} - ` });
        expect(options.statuses.length).toBeGreaterThan(0);
        expect(options.defaultStatus).toBe(options.statuses[0]!.value);
        const foreign = (
            await bruno.apex('LeadConvertController', 'getConvertOptions', { leadId })
        ).json() as ConvertOptions;
        expect(foreign).toMatchObject({ code: 'NOT_OWNER', accounts: [], company: null });
        expect(foreign.message).not.toBe('');
    });

    it('refuses a malformed request before anything changes', async () => {
        const leadId = await claimOne();
        const accounts = count('SELECT COUNT(*) AS n FROM accounts');
        const unknownField = await ana.apex(
            'LeadConvertController',
            'convertLead',
            request(leadId, { ownerId: 'x' })
        );
        expect(unknownField.statusCode).toBe(400);
        const badDate = await ana.apex(
            'LeadConvertController',
            'convertLead',
            request(leadId, { closeDate: '31/12/2026' })
        );
        expect(badDate.statusCode).toBe(400);
        const blankName = (
            await ana.apex('LeadConvertController', 'convertLead', request(leadId, { opportunityName: ' ' }))
        ).json() as ConvertResult;
        expect(blankName.code).toBe('INVALID_REQUEST');
        expect(count('SELECT COUNT(*) AS n FROM leads WHERE id = ? AND is_converted = 1', leadId)).toBe(0);
        expect(count('SELECT COUNT(*) AS n FROM accounts')).toBe(accounts);
    });

    it('converts once when two conversions of one lead race; the opportunity joins Recent Items', async () => {
        const leadId = await claimOne();
        const results = (
            await Promise.all([
                ana.apex('LeadConvertController', 'convertLead', request(leadId)),
                ana.apex('LeadConvertController', 'convertLead', request(leadId))
            ])
        ).map((r) => r.json() as ConvertResult);
        expect(results.map((r) => r.code).sort()).toEqual(['CONVERTED', 'NOT_ELIGIBLE']);
        const done = results.find((r) => r.code === 'CONVERTED')!;
        expect(count('SELECT COUNT(*) AS n FROM opportunities WHERE lead_id = ?', leadId)).toBe(1);
        expect(
            org.ctx.db
                .prepare('SELECT name, amount, close_date, account_id FROM opportunities WHERE id = ?')
                .get(done.opportunityId)
        ).toEqual({
            name: 'Prueba - Ampliación',
            amount: 1250.5,
            close_date: '2026-12-31',
            account_id: done.accountId
        });
        expect(
            count("SELECT COUNT(*) AS n FROM lead_claims WHERE lead_id = ? AND action = 'Converted'", leadId)
        ).toBe(1);
        const recent = (
            await ana.apex('LeadClaimController', 'getRecentItems', { maxItems: 5 })
        ).json() as Array<{
            id: string;
            type: string;
        }>;
        expect(recent[0]).toMatchObject({ id: done.opportunityId, type: 'Opportunity' });
    });
});
