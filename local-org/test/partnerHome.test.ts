import type {
    ClosingDeal,
    ExpiringLead,
    PipelineStage,
    QueueSummary
} from 'canal/apex/PartnerHomeController';
import { OPPORTUNITY_STAGES } from '../server/db/picklists.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const ALBERTO = seedUser('alberto.ruiz@iberia.example');
const DIEGO = seedUser('diego.paz@pampa.example');

describe('PartnerHomeController in the local org', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let alberto: BrowserSession;
    let diego: BrowserSession;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 12 });
        ana = new BrowserSession(org);
        alberto = new BrowserSession(org);
        diego = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        await alberto.login(ALBERTO.username, ALBERTO.password);
        await diego.login(DIEGO.username, DIEGO.password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const call = async <T>(who: BrowserSession, method: string): Promise<T> => {
        const response = await who.apex('PartnerHomeController', method, {});
        expect(response.statusCode).toBe(200);
        return response.json() as T;
    };
    const userId = (username: string) =>
        (org.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
    const count = (sql: string, ...params: unknown[]) =>
        (org.ctx.db.prepare(sql).get(...params) as { n: number }).n;

    it('counts the unconverted leads in the rep’s own queues', async () => {
        const queueCount = (username: string) =>
            count(
                'SELECT COUNT(*) AS n FROM leads WHERE is_converted = 0 AND owner_id IN (SELECT queue_id FROM queue_members WHERE user_id = ?)',
                userId(username)
            );
        const anaSummary = await call<QueueSummary>(ana, 'getQueueSummary');
        const diegoSummary = await call<QueueSummary>(diego, 'getQueueSummary');
        expect(anaSummary.waiting).toBe(queueCount(ANA.username));
        expect(diegoSummary.waiting).toBe(queueCount(DIEGO.username));
        // Ana is also in the enterprise queue, Diego only in the pool.
        expect(anaSummary.waiting).toBeGreaterThan(diegoSummary.waiting);
    });

    it('lists the rep’s held leads whose hold ends within 24 hours, soonest first', async () => {
        const now = org.ctx.clock.now().getTime();
        const anaId = userId(ANA.username);
        const held = org.ctx.db
            .prepare('SELECT id FROM leads WHERE owner_id = ? ORDER BY id')
            .all(anaId) as Array<{ id: string }>;
        const set = org.ctx.db.prepare('UPDATE leads SET claim_expires_at = ? WHERE id = ?');
        set.run(new Date(now + 2 * 3_600_000).toISOString(), held[0]!.id);
        set.run(new Date(now + 30 * 3_600_000).toISOString(), held[1]!.id);
        const leads = await call<ExpiringLead[]>(ana, 'getExpiringLeads');
        expect(leads.map((l) => l.id)).toEqual([held[0]!.id]);
        expect(leads[0]!.claimExpiresAt).toBe(new Date(now + 2 * 3_600_000).toISOString());
        expect(await call<ExpiringLead[]>(alberto, 'getExpiringLeads')).not.toContainEqual(
            expect.objectContaining({ id: held[0]!.id })
        );
    });

    it('sums the rep’s open pipeline by stage in the stage order, labelled in the user’s language', async () => {
        const stages = await call<PipelineStage[]>(ana, 'getPipeline');
        const order = OPPORTUNITY_STAGES.map((s) => s.value as string);
        expect(stages.length).toBeGreaterThan(0);
        expect(stages.map((s) => order.indexOf(s.stageName))).toEqual(
            [...stages.map((s) => order.indexOf(s.stageName))].sort((a, b) => a - b)
        );
        expect(stages.every((s) => !['Closed Won', 'Closed Lost'].includes(s.stageName))).toBe(true);
        const anaId = userId(ANA.username);
        for (const stage of stages) {
            const expected = org.ctx.db
                .prepare(
                    'SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS total FROM opportunities WHERE owner_id = ? AND stage_name = ?'
                )
                .get(anaId, stage.stageName) as { n: number; total: number };
            expect([stage.count, stage.amount]).toEqual([expected.n, expected.total]);
        }
        // Spanish labels from the deployed OpportunityStage translation.
        expect(stages.every((s) => s.stageLabel !== s.stageName)).toBe(true);
        const english = await call<PipelineStage[]>(alberto, 'getPipeline');
        expect(english.every((s) => s.stageLabel === s.stageName)).toBe(true);
    });

    it('lists the rep’s open deals closing this month, and nothing of other reps', async () => {
        const month = org.ctx.clock.now().toISOString().slice(0, 7);
        const anaId = userId(ANA.username);
        const customer = (
            org.ctx.db
                .prepare('SELECT account_id FROM opportunities WHERE owner_id = ? LIMIT 1')
                .get(anaId) as {
                account_id: string;
            }
        ).account_id;
        const insert = org.ctx.db.prepare(
            "INSERT INTO opportunities (id, name, account_id, owner_id, stage_name, amount, close_date, created_date, last_modified_date) VALUES (?, ?, ?, ?, ?, 1000, ?, '2026-01-01', '2026-01-01')"
        );
        insert.run(
            '006000000000ZZ1AAA',
            'Cierra este mes',
            customer,
            anaId,
            'Negotiation/Review',
            `${month}-15`
        );
        insert.run('006000000000ZZ2AAA', 'Ganada este mes', customer, anaId, 'Closed Won', `${month}-15`);
        const deals = await call<ClosingDeal[]>(ana, 'getClosingDeals');
        expect(deals.map((d) => d.name)).toContain('Cierra este mes');
        expect(deals.map((d) => d.name)).not.toContain('Ganada este mes');
        expect(deals.every((d) => d.closeDate.startsWith(month))).toBe(true);
        const mine = new Set(
            (
                org.ctx.db.prepare('SELECT id FROM opportunities WHERE owner_id = ?').all(anaId) as Array<{
                    id: string;
                }>
            ).map((r) => r.id)
        );
        expect(deals.every((d) => mine.has(d.id))).toBe(true);
        expect(await call<ClosingDeal[]>(alberto, 'getClosingDeals')).not.toContainEqual(
            expect.objectContaining({ name: 'Cierra este mes' })
        );
    });
});
