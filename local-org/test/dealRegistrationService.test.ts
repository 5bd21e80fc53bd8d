/**
 * Deal registration through the local org's /apex route, beyond the shared scenarios: the keyset pages of My
 * registrations, bad input answered field by field with nothing created, and the bounds of the decisions.
 */
import type { DecisionResult, RegistrationPage, SubmitResult } from 'canal/apex/DealRegistrationController';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ALBERTO = 'alberto.ruiz@iberia.example';
const ANA = 'ana.garcia@iberia.example';
const MARTA = 'marta.vidal@nimbus.example';

describe('deal registration service (local org)', () => {
    let org: TestOrg;
    let ana: BrowserSession;
    let alberto: BrowserSession;
    let marta: BrowserSession;

    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 20 });
        ana = new BrowserSession(org);
        alberto = new BrowserSession(org);
        marta = new BrowserSession(org);
        await ana.login(ANA, seedUser(ANA).password);
        await alberto.login(ALBERTO, seedUser(ALBERTO).password);
        await marta.login(MARTA, seedUser(MARTA).password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const count = () =>
        (org.ctx.db.prepare('SELECT COUNT(*) AS n FROM deal_registrations').get() as { n: number }).n;
    const input = (values: Record<string, unknown>) => ({
        company: 'Paginada',
        contactName: null,
        contactEmail: 'x@paginada.example',
        contactPhone: null,
        country: null,
        taxId: null,
        productInterest: null,
        amount: null,
        closeDate: null,
        description: null,
        ...values
    });
    const submit = async (session: BrowserSession, values: Record<string, unknown>) =>
        (
            await session.apex('DealRegistrationController', 'submitRegistration', {
                input: input(values),
                submitKey: null
            })
        ).json() as SubmitResult;

    it('pages My registrations 50 at a time, newest first, colleagues included, with an opaque cursor', async () => {
        for (let i = 0; i < 28; i++) {
            expect((await submit(ana, { company: `Paginada ${i}` })).code).toBe('SUBMITTED');
            expect((await submit(alberto, { company: `Paginada del colega ${i}` })).code).toBe('SUBMITTED');
        }
        const first = (
            await alberto.apex('DealRegistrationController', 'getMyRegistrations', { cursor: null })
        ).json() as RegistrationPage;
        expect(first.rows).toHaveLength(50);
        expect(first.nextCursor).toEqual(expect.any(String));
        expect(first.nextCursor).not.toContain(first.rows[49]!.id);
        const second = (
            await alberto.apex('DealRegistrationController', 'getMyRegistrations', {
                cursor: first.nextCursor
            })
        ).json() as RegistrationPage;
        const all = [...first.rows, ...second.rows];
        // The demo's own Iberia registration is there too: 56 + 1.
        expect(all).toHaveLength(57);
        expect(second.nextCursor).toBeNull();
        expect(new Set(all.map((r) => r.id)).size).toBe(57);
        const times = all.map((r) => `${r.submittedAt}|${r.id}`);
        expect([...times].sort().reverse()).toEqual(times);
        expect(all.every((r) => !('conflicts' in r) && !('conflict' in r))).toBe(true);
        const forged = await ana.apex('DealRegistrationController', 'getMyRegistrations', {
            cursor: 'bm90LWEtY3Vyc29y'
        });
        expect(forged.statusCode).toBe(400);
        expect(forged.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    });

    it("refuses bad input field by field in the rep's language and creates nothing", async () => {
        const before = count();
        const result = await submit(alberto, {
            company: 'x'.repeat(256),
            contactEmail: 'sin-arroba',
            amount: -1,
            closeDate: '2026-02-30',
            taxId: 'y'.repeat(41)
        });
        expect(result.code).toBe('INVALID');
        expect(result.recordId).toBeNull();
        expect(result.fieldErrors).toEqual({
            company: 'This text is too long.',
            contactEmail: 'Enter a valid e-mail address.',
            amount: 'The amount cannot be below zero.',
            closeDate: 'Enter a date as YYYY-MM-DD.',
            taxId: 'This text is too long.'
        });
        expect(count()).toBe(before);
        const spanish = await submit(ana, { company: ' ', contactEmail: null });
        expect(spanish.fieldErrors.company).toBe(org.ctx.labels.es.Canal_Deal_Error_REQUIRED);
        expect(count()).toBe(before);
        const malformed = await ana.apex('DealRegistrationController', 'submitRegistration', {
            input: input({ amount: 'mucho' }),
            submitKey: null
        });
        expect(malformed.statusCode).toBe(400);
        expect(count()).toBe(before);
    });

    it('bounds decisions: 1 to 25 ids, a reason up to 1,000 characters, nothing changed otherwise', async () => {
        const { recordId } = await submit(ana, {
            company: 'Decisiones Acotadas',
            contactEmail: 'd@acotadas.example'
        });
        const tooMany = await marta.apex('DealRegistrationController', 'approveRegistrations', {
            ids: Array(26).fill(recordId)
        });
        expect(tooMany.statusCode).toBe(400);
        expect(tooMany.json()).toMatchObject({ code: 'INVALID_REQUEST' });
        const none = await marta.apex('DealRegistrationController', 'rejectRegistrations', {
            ids: [],
            reason: 'x'
        });
        expect(none.json()).toMatchObject({ code: 'INVALID_REQUEST' });
        const long = (
            await marta.apex('DealRegistrationController', 'rejectRegistrations', {
                ids: [recordId],
                reason: 'r'.repeat(1001)
            })
        ).json() as DecisionResult[];
        expect(long.map((r) => r.code)).toEqual(['REASON_REQUIRED']);
        const row = org.ctx.db
            .prepare('SELECT status, rejection_reason FROM deal_registrations WHERE id = ?')
            .get(recordId);
        expect(row).toEqual({ status: 'Submitted', rejection_reason: null });
        const mixed = (
            await marta.apex('DealRegistrationController', 'approveRegistrations', {
                ids: ['not-an-id', recordId, '00Q000000000001AAA']
            })
        ).json() as DecisionResult[];
        expect(mixed.map((r) => r.code)).toEqual(['NOT_FOUND', 'APPROVED', 'NOT_FOUND']);
    });
});
