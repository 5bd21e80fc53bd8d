/**
 * Deal registration expiry on the local org's own clock (the org's daily DealRegistrationExpiry): the timer that
 * recalls expired claims also runs the expiry, so moving the local clock a week before the protection ends tells the
 * rep once (in their language), and past it expires the registration and clears the account's stamp.
 */
import type { RegistrationPage } from 'canal/apex/DealRegistrationController';
import { ManualClock } from '../server/clock.js';
import { BrowserSession, seedUser, startTestOrg, type TestOrg } from './helpers.js';

const ANA = 'ana.garcia@iberia.example';
const DAY_HOURS = 24;

async function until(condition: () => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 20));
    }
}

describe('deal registration expiry on the local clock', () => {
    let org: TestOrg;
    const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
    let ana: BrowserSession;

    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 20, clock, recallIntervalMs: 40 });
        ana = new BrowserSession(org);
        await ana.login(ANA, seedUser(ANA).password);
    }, 60_000);
    afterAll(async () => {
        await org.dispose();
    });

    const approved = () =>
        org.ctx.db
            .prepare(
                "SELECT r.*, a.deal_protected_until, a.deal_protected_for FROM deal_registrations r JOIN accounts a ON a.id = r.customer_account_id WHERE r.company = 'Grupo Hotelero Brisa, S.A.'"
            )
            .get() as {
            id: string;
            status: string;
            protected_until: string;
            expiry_notice_sent: number;
            deal_protected_until: string | null;
            deal_protected_for: string | null;
        };
    const notices = () =>
        org.ctx.db
            .prepare("SELECT subject FROM outbox WHERE notification_kind = 'EXPIRING' AND target_id = ?")
            .all(approved().id) as Array<{ subject: string }>;

    it('the seeded approval is protected for Iberia (Gold: 90 days) and stamps its account', () => {
        const r = approved();
        expect(r.status).toBe('Approved');
        expect(r.deal_protected_until).toBe(r.protected_until);
        expect(r.deal_protected_for).not.toBeNull();
    });

    it('a week before the end the rep is told once, in Spanish, and the list marks it', async () => {
        const { protected_until } = approved();
        const daysLeft = (Date.parse(`${protected_until}T09:00:00Z`) - clock.now().getTime()) / 86_400_000;
        clock.advanceHours((daysLeft - 7) * DAY_HOURS);
        await until(() => notices().length > 0);
        await new Promise((r) => setTimeout(r, 200));
        expect(notices()).toEqual([{ subject: expect.stringContaining('Grupo Hotelero Brisa') }]);
        expect(notices()[0]!.subject).toContain('termina el');
        const page = (
            await ana.apex('DealRegistrationController', 'getMyRegistrations', { cursor: null })
        ).json() as RegistrationPage;
        expect(page.rows.find((r) => r.id === approved().id)).toMatchObject({
            status: 'Approved',
            expiresSoon: true
        });
    });

    it('the day after the protection date it expires and the account stamp is cleared', async () => {
        clock.advanceHours(8 * DAY_HOURS);
        await until(() => approved().status === 'Expired');
        expect(approved()).toMatchObject({ deal_protected_until: null, deal_protected_for: null });
        expect(notices()).toHaveLength(1);
    });
});
