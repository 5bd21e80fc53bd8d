import type {
    ListViewOption,
    OpportunityDetail,
    OpportunityPage,
    SaveResult,
    StageOption
} from 'canal/apex/OpportunityController';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = seedUser('ana.garcia@iberia.example');
const ALBERTO = seedUser('alberto.ruiz@iberia.example');
const BRUNO = seedUser('bruno.silva@andes.example');
const MARTA = seedUser('marta.vidal@nimbus.example');

describe('OpportunityController in the local org', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let alberto: BrowserSession;
    let bruno: BrowserSession;
    let marta: BrowserSession;
    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 10 });
        ana = new BrowserSession(org);
        alberto = new BrowserSession(org);
        bruno = new BrowserSession(org);
        marta = new BrowserSession(org);
        await ana.login(ANA.username, ANA.password);
        await alberto.login(ALBERTO.username, ALBERTO.password);
        await bruno.login(BRUNO.username, BRUNO.password);
        await marta.login(MARTA.username, MARTA.password);
    });
    afterAll(async () => {
        await org.dispose();
    });

    const call = async <T>(who: BrowserSession, method: string, params: unknown): Promise<T> => {
        const response = await who.apex('OpportunityController', method, params);
        return response.json() as T;
    };
    const page = (who: BrowserSession, listView: string, extra: Record<string, unknown> = {}) =>
        call<OpportunityPage>(who, 'getOpportunities', { listView, pageSize: 200, ...extra });
    const userId = (username: string) =>
        (org.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

    it('offers the deployed list views with translated labels, My opportunities first', async () => {
        const views = await call<ListViewOption[]>(ana, 'getListViews', {});
        expect(views.map((v) => v.name)).toEqual([
            'Canal_My_Opportunities',
            'Canal_Partner_Opportunities',
            'Canal_Closing_This_Month',
            'Canal_Open_Pipeline',
            'Canal_Won_This_Quarter'
        ]);
        expect(views[0]!.label).toBe('Mis oportunidades');
        expect((await call<ListViewOption[]>(alberto, 'getListViews', {}))[0]!.label).toBe(
            'My opportunities'
        );
    });

    it('filters each list view as its metadata says, within what the user may see', async () => {
        const db = org.ctx.db;
        const mine = await page(ana, 'Canal_My_Opportunities');
        expect(mine.rows.length).toBe(
            (
                db
                    .prepare('SELECT COUNT(*) AS n FROM opportunities WHERE owner_id = ?')
                    .get(userId(ANA.username)) as { n: number }
            ).n
        );
        const partner = await page(ana, 'Canal_Partner_Opportunities');
        const iberia = (
            db.prepare('SELECT account_id FROM users WHERE username = ?').get(ANA.username) as {
                account_id: string;
            }
        ).account_id;
        expect(partner.rows.length).toBe(
            (
                db
                    .prepare('SELECT COUNT(*) AS n FROM opportunities WHERE partner_account_id = ?')
                    .get(iberia) as { n: number }
            ).n
        );
        expect(partner.rows.length).toBeGreaterThan(mine.rows.length);
        const open = await page(ana, 'Canal_Open_Pipeline');
        expect(open.rows.every((r) => !['Closed Won', 'Closed Lost'].includes(r.stageName))).toBe(true);
        const won = await page(marta, 'Canal_Won_This_Quarter');
        expect(won.rows.every((r) => r.stageName === 'Closed Won')).toBe(true);
        const closing = await page(marta, 'Canal_Closing_This_Month');
        const month = new Date().toISOString().slice(0, 7);
        expect(
            closing.rows.every((r) => r.closeDate.startsWith(month) && !r.stageName.startsWith('Closed'))
        ).toBe(true);
        const everything = await page(marta, 'Canal_Open_Pipeline');
        expect(everything.rows.length).toBeGreaterThan(open.rows.length);
        expect(mine.rows[0]!.stageLabel).not.toBe('');
        expect(
            (
                await ana.apex('OpportunityController', 'getOpportunities', {
                    listView: 'AllOpportunities',
                    pageSize: 10
                })
            ).statusCode
        ).toBe(400);
    });

    it('pages by keyset in every sort order without repeating a deal', async () => {
        for (const sortBy of ['name', 'closeDate', 'amount', 'stageName']) {
            const seen: string[] = [];
            let afterId: string | null = null;
            do {
                const p: OpportunityPage = await page(marta, 'Canal_Open_Pipeline', {
                    pageSize: 7,
                    afterId,
                    sortBy,
                    sortDirection: 'desc'
                });
                seen.push(...p.rows.map((r) => r.id));
                afterId = p.next;
            } while (afterId);
            expect({ sortBy, unique: new Set(seen).size }).toEqual({ sortBy, unique: seen.length });
            expect(seen.length).toBe((await page(marta, 'Canal_Open_Pipeline')).rows.length);
        }
    });

    it('edits a deal: stage drives probability, the change is saved and listed', async () => {
        const deal = (await page(ana, 'Canal_My_Opportunities')).rows.find(
            (r) => r.stageName !== 'Closed Won'
        )!;
        const detail = await call<OpportunityDetail>(ana, 'getOpportunity', { recordId: deal.id });
        expect(detail.canEdit).toBe(true);
        const saved = await call<SaveResult>(ana, 'saveOpportunity', {
            input: {
                id: deal.id,
                name: detail.name,
                accountId: detail.accountId,
                stageName: 'Negotiation/Review',
                amount: 123456,
                closeDate: detail.closeDate,
                nextStep: 'Firmar',
                description: null
            }
        });
        expect(saved).toMatchObject({
            code: 'SAVED',
            recordId: deal.id,
            message: 'Se ha guardado la oportunidad.'
        });
        const after = await call<OpportunityDetail>(ana, 'getOpportunity', { recordId: deal.id });
        expect(after).toMatchObject({
            stageName: 'Negotiation/Review',
            stageLabel: 'Negociación/Revisión',
            amount: 123456,
            probability: 90,
            nextStep: 'Firmar'
        });
    });

    it('refuses bad input field by field with translated messages and saves nothing', async () => {
        const before = (org.ctx.db.prepare('SELECT COUNT(*) AS n FROM opportunities').get() as { n: number })
            .n;
        const invalid = await call<SaveResult>(ana, 'saveOpportunity', {
            input: {
                id: null,
                name: '  ',
                accountId: '',
                stageName: 'Ganada',
                amount: -5,
                closeDate: '2026-02-30',
                nextStep: 'x'.repeat(256),
                description: null
            }
        });
        expect(invalid.code).toBe('INVALID');
        expect(invalid.fieldErrors).toEqual({
            name: 'Introduzca el nombre de la oportunidad.',
            accountId: 'Elija la cuenta del cliente.',
            stageName: 'Elija una de las etapas activas.',
            amount: expect.stringContaining('importe'),
            closeDate: 'Introduzca una fecha de cierre válida.',
            nextStep: expect.stringContaining('255')
        });
        expect((org.ctx.db.prepare('SELECT COUNT(*) AS n FROM opportunities').get() as { n: number }).n).toBe(
            before
        );
    });

    it('creates a deal on one of the partner’s customers; it shows in My opportunities', async () => {
        const [customer] = await call<Array<{ id: string; name: string }>>(ana, 'getAccountOptions', {
            searchTerm: null
        });
        const stages = await call<StageOption[]>(ana, 'getStages', {});
        expect(stages[0]).toMatchObject({ value: 'Prospecting', label: 'Prospección', probability: 10 });
        const created = await call<SaveResult>(ana, 'saveOpportunity', {
            input: {
                id: null,
                name: 'Renovación 2027',
                accountId: customer!.id,
                stageName: 'Qualification',
                amount: 9000,
                closeDate: '2027-01-15',
                nextStep: null,
                description: 'Nueva'
            }
        });
        expect(created.code).toBe('SAVED');
        const mine = await page(ana, 'Canal_My_Opportunities');
        expect(mine.rows.find((r) => r.id === created.recordId)).toMatchObject({
            name: 'Renovación 2027',
            accountName: customer!.name,
            amount: 9000
        });
        const foreignAccount = (
            org.ctx.db
                .prepare(
                    'SELECT a.id FROM accounts a JOIN users u ON u.account_id = a.partner_account_id WHERE u.username = ? AND a.is_partner = 0'
                )
                .get(BRUNO.username) as { id: string }
        ).id;
        const refused = await call<SaveResult>(ana, 'saveOpportunity', {
            input: {
                id: null,
                name: 'Robada',
                accountId: foreignAccount,
                stageName: 'Qualification',
                amount: 1,
                closeDate: '2027-01-15',
                nextStep: null,
                description: null
            }
        });
        expect(refused.fieldErrors.accountId).toBe('Esta cuenta no está disponible para usted. Elija otra.');
    });

    it('refuses a new deal on a customer another partner’s approved registration protects, creating nothing', async () => {
        const [customer] = await call<Array<{ id: string; name: string }>>(ana, 'getAccountOptions', {
            searchTerm: null
        });
        const andes = (
            org.ctx.db.prepare('SELECT account_id FROM users WHERE username = ?').get(BRUNO.username) as {
                account_id: string;
            }
        ).account_id;
        const iberia = (
            org.ctx.db.prepare('SELECT account_id FROM users WHERE username = ?').get(ANA.username) as {
                account_id: string;
            }
        ).account_id;
        const today = org.ctx.clock.now().toISOString().slice(0, 10);
        const stamp = org.ctx.db.prepare(
            'UPDATE accounts SET deal_protected_for = ?, deal_protected_until = ? WHERE id = ?'
        );
        const input = {
            id: null,
            name: 'Protegida',
            accountId: customer!.id,
            stageName: 'Qualification',
            amount: 5,
            closeDate: '2027-01-15',
            nextStep: null,
            description: null
        };
        const count = () =>
            (org.ctx.db.prepare('SELECT COUNT(*) AS n FROM opportunities').get() as { n: number }).n;
        try {
            stamp.run(andes, today, customer!.id);
            const before = count();
            const refused = await call<SaveResult>(ana, 'saveOpportunity', { input });
            expect(refused).toMatchObject({ code: 'CUSTOMER_PROTECTED', recordId: null });
            expect(refused.message).toBe(
                'Este cliente está protegido por un registro de oportunidad aprobado de otro socio: no puede abrir una oportunidad para él ahora.'
            );
            expect(count()).toBe(before);
            // The protecting partner's own reps, and anyone once the protection has ended, open deals as usual.
            stamp.run(iberia, today, customer!.id);
            expect((await call<SaveResult>(ana, 'saveOpportunity', { input })).code).toBe('SAVED');
            stamp.run(andes, '2000-01-01', customer!.id);
            expect((await call<SaveResult>(ana, 'saveOpportunity', { input })).code).toBe('SAVED');
        } finally {
            stamp.run(null, null, customer!.id);
        }
    });

    it('a partner can neither see nor save another partner’s deal; a colleague sees but cannot edit', async () => {
        const anas = (await page(ana, 'Canal_My_Opportunities')).rows[0]!;
        const read = await bruno.apex('OpportunityController', 'getOpportunity', { recordId: anas.id });
        expect(read.statusCode).toBe(404);
        expect(read.json()).toMatchObject({ code: 'NOT_FOUND' });
        expect((await page(bruno, 'Canal_Open_Pipeline')).rows.map((r) => r.id)).not.toContain(anas.id);
        const save = await call<SaveResult>(bruno, 'saveOpportunity', {
            input: {
                id: anas.id,
                name: 'Mía',
                accountId: anas.accountId,
                stageName: 'Closed Won',
                amount: 1,
                closeDate: '2027-01-01',
                nextStep: null,
                description: null
            }
        });
        expect(save.code).toBe('NOT_FOUND');
        const colleague = await call<OpportunityDetail>(alberto, 'getOpportunity', { recordId: anas.id });
        expect(colleague.canEdit).toBe(false);
        const notEditable = await call<SaveResult>(alberto, 'saveOpportunity', {
            input: {
                id: anas.id,
                name: 'Mía',
                accountId: anas.accountId,
                stageName: 'Closed Won',
                amount: 1,
                closeDate: '2027-01-01',
                nextStep: null,
                description: null
            }
        });
        expect(notEditable.code).toBe('NOT_EDITABLE');
        const stored = org.ctx.db
            .prepare('SELECT name, stage_name FROM opportunities WHERE id = ?')
            .get(anas.id) as { name: string };
        expect(stored.name).toBe(anas.name);
    });
});
