/**
 * Deal registration in Chromium against the local org (issue 20, the Bar): a rep of one partner registers a deal for
 * a customer a rep of another partner already holds as a lead; the channel manager sees it flagged (what, held by
 * whom) and rejects it with a reason (a blank reason is refused first); the rep reads the reason in Mis registros; a
 * clean registration is approved and the rep sees its opportunity protected until a date; a rep of the other partner
 * cannot register the approved customer. In Spanish, as the personas use it.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';
import { chooseOption, loginAs } from './support/login.js';

const CLEAN_COMPANY = 'Ferretería Cordillera E2E, S.A.S.';
const REASON = 'El cliente ya lo trabaja otro equipo desde hace meses.';

describe('deal registration in the browser', () => {
    let run: RunningOrg;
    let browser: Browser;
    /** The customer Ana (Iberia) holds as an open lead, which Bruno (Andes) then registers. */
    let held: { id: string; company: string };

    const sql = <T>(query: string, ...params: unknown[]) => run.org.ctx.db.prepare(query).get(...params) as T;
    const registration = (company: string) =>
        sql<
            | { id: string; name: string; status: string; conflict: number; rejection_reason: string | null }
            | undefined
        >(
            'SELECT id, name, status, conflict, rejection_reason FROM deal_registrations WHERE company = ? ORDER BY created_date DESC LIMIT 1',
            company
        );
    const count = (company: string) =>
        sql<{ n: number }>('SELECT COUNT(*) AS n FROM deal_registrations WHERE company = ?', company).n;

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(60);
        browser = await launchBrowser();
        // An open lead Ana holds whose customer nobody has registered yet (the demo seed registers one of hers).
        held = sql<{ id: string; company: string }>(
            `SELECT l.id, l.company FROM leads l JOIN users u ON u.id = l.owner_id
             WHERE u.username = 'ana.garcia@iberia.example' AND l.is_converted = 0
             AND l.status IN ('Open - Not Contacted', 'Working - Contacted')
             AND l.company NOT IN (SELECT company FROM deal_registrations)
             ORDER BY l.id LIMIT 1`
        );
        expect(held).toBeDefined();
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    }, 60_000);

    const shot = (page: Page, name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

    const login = (username: string) => loginAs(browser, run.url, username);

    /** Types like a person: lightning-input reformats its value on focus, so a programmatic fill is not enough. */
    async function typeInto(input: Locator, text: string): Promise<void> {
        await input.click();
        await input.press('Control+A');
        await input.pressSequentially(text);
        await input.press('Tab');
    }

    async function openOpportunities(page: Page): Promise<void> {
        await page.locator('c-portal-theme-layout nav').getByRole('link', { name: 'Oportunidades' }).click();
        await page.waitForURL(/\/s\/opportunity\/Opportunity\/Default/);
        await page.locator('c-opportunity-list [data-action="register"]').waitFor();
    }

    /** Opens Registrar oportunidad, fills the form and submits it; returns the form. */
    async function register(
        page: Page,
        values: { company: string; email: string; amount: string; contact?: string }
    ): Promise<Locator> {
        await openOpportunities(page);
        await page
            .locator('c-opportunity-list')
            .getByRole('button', { name: 'Registrar oportunidad' })
            .click();
        const form = page.locator('c-deal-registration-form');
        await form.locator('[data-field="company"] input').fill(values.company);
        await form.locator('[data-field="contactName"] input').fill(values.contact ?? 'Laura Méndez');
        await form.locator('[data-field="contactEmail"] input').fill(values.email);
        await form.locator('[data-field="productInterest"] input').fill('Nimbus Cloud');
        await typeInto(form.locator('[data-field="amount"] input'), values.amount);
        await form.locator('[data-field="description"] textarea').fill('Implantación en tres sedes.');
        await form.getByRole('button', { name: 'Enviar a revisión' }).click();
        return form;
    }

    async function openMyRegistrations(page: Page): Promise<Locator> {
        await openOpportunities(page);
        await chooseOption(page.locator('c-opportunity-list [data-id="list-view"]'), 'Mis registros');
        const list = page.locator('c-deal-registration-list');
        await list.locator('tr[data-id="row"]').first().waitFor();
        return list;
    }

    async function openReview(page: Page): Promise<Locator> {
        await page
            .locator('c-portal-theme-layout nav')
            .getByRole('link', { name: 'Registros de oportunidades' })
            .click();
        await page.waitForURL(/\/s\/registrations$/);
        const review = page.locator('c-deal-registration-review');
        await review.locator('[data-id="queue"]').waitFor();
        return review;
    }

    it('a rep registers a customer another partner holds as a lead: under review, and only that', async () => {
        const bruno = await login('bruno.silva@andes.example');
        await register(bruno, {
            company: held.company,
            email: 'compras@cliente-en-disputa.example',
            amount: '56000'
        });

        await bruno
            .locator('c-opportunity-list [data-id="registered"]', { hasText: 'Enviado: en revisión' })
            .waitFor();
        const row = bruno.locator('c-deal-registration-list tr[data-id="row"]', { hasText: held.company });
        await row.waitFor();
        await expect(row.locator('[data-id="status"]').innerText()).resolves.toBe('Enviado (en revisión)');
        // The rep learns nothing of the other partner or its lead.
        const listText = await bruno.locator('c-opportunity-list').innerText();
        expect(listText).not.toContain('Iberia');
        expect(listText).not.toContain('Ana García');
        expect(registration(held.company)).toMatchObject({ status: 'Submitted', conflict: 1 });
        await shot(bruno, 'deal-registration-es-submitted');
    }, 90_000);

    it('the channel manager sees it flagged with the lead and who holds it, and rejects it with a reason', async () => {
        const marta = await login('marta.vidal@nimbus.example');
        const review = await openReview(marta);
        const flagged = registration(held.company)!;
        const row = review.locator(`tr[data-row-id="${flagged.id}"]`);
        await expect(row.locator('[data-id="conflict-badge"]').innerText()).resolves.toBe(
            'Posible conflicto'
        );
        const conflicts = await row.locator('[data-id="conflict-line"]').allInnerTexts();
        expect(
            conflicts.some(
                (line) =>
                    line.startsWith('Cliente potencial:') &&
                    line.includes('Iberia Soluciones') &&
                    line.includes('Ana García')
            )
        ).toBe(true);
        await shot(marta, 'deal-registration-es-review');
        // The number opens the registration's own page: every field the rep sent, and the same conflicts.
        await row.getByRole('link', { name: flagged.name }).click();
        await marta.waitForURL(new RegExp(`/s/registrations/${flagged.id}$`));
        const page = marta.locator('c-deal-registration-review');
        await expect(page.locator('[data-field="email"]').innerText()).resolves.toBe(
            'compras@cliente-en-disputa.example'
        );
        await expect(page.locator('[data-id="conflict-line"]').first().innerText()).resolves.toContain(
            'Iberia'
        );
        await shot(marta, 'deal-registration-es-record');
        const queue = await openReview(marta);
        const queued = queue.locator(`tr[data-row-id="${flagged.id}"]`);

        await queued.locator('[data-id="select"] label').click();
        await expect(queued.getByRole('checkbox').isChecked()).resolves.toBe(true);
        await queue.getByRole('button', { name: 'Rechazar' }).click();
        // A blank reason is refused on the field; nothing changes.
        await queue.locator('[data-id="reason"]', { hasText: 'Introduzca el motivo del rechazo.' }).waitFor();
        expect(registration(held.company)!.status).toBe('Submitted');

        await queue.locator('[data-id="reason"] textarea').fill(REASON);
        await queue.getByRole('button', { name: 'Rechazar' }).click();
        const result = queue.locator(`[data-id="results"] [data-id="result"][data-row-id="${flagged.id}"]`);
        await result.waitFor();
        await expect(result.innerText()).resolves.toContain('Rechazado');
        await queue.locator(`tr[data-row-id="${flagged.id}"]`).waitFor({ state: 'detached' });
        expect(registration(held.company)).toMatchObject({ status: 'Rejected', rejection_reason: REASON });
    }, 90_000);

    it('the rep reads the reason in Mis registros', async () => {
        const bruno = await login('bruno.silva@andes.example');
        const list = await openMyRegistrations(bruno);
        const row = list.locator('tr[data-id="row"]', { hasText: held.company });
        await expect(row.locator('[data-id="status"]').innerText()).resolves.toBe('Rechazado');
        await expect(row.locator('[data-id="reason"]').innerText()).resolves.toBe(`Motivo: ${REASON}`);
        await shot(bruno, 'deal-registration-es-rejected');
    }, 90_000);

    it('a clean registration is approved; the rep sees its opportunity protected until a date', async () => {
        const bruno = await login('bruno.silva@andes.example');
        await register(bruno, {
            company: CLEAN_COMPANY,
            email: 'compras@ferreteria-cordillera.example',
            amount: '24000'
        });
        await bruno.locator('c-opportunity-list [data-id="registered"]').waitFor();
        const clean = registration(CLEAN_COMPANY)!;
        expect(clean).toMatchObject({ status: 'Submitted', conflict: 0 });

        const marta = await login('marta.vidal@nimbus.example');
        const review = await openReview(marta);
        const row = review.locator(`tr[data-row-id="${clean.id}"]`);
        await expect(row.locator('[data-id="conflict"]').innerText()).resolves.toBe('Ninguno');
        await row.locator('[data-id="select"] label').click();
        await expect(row.getByRole('checkbox').isChecked()).resolves.toBe(true);
        await review.getByRole('button', { name: 'Aprobar' }).click();
        const result = review.locator(`[data-id="results"] [data-id="result"][data-row-id="${clean.id}"]`);
        await result.waitFor();
        await expect(result.innerText()).resolves.toMatch(/Aprobado: protegido hasta \d/);
        await shot(marta, 'deal-registration-es-approved');

        const stored = sql<{ status: string; protected_until: string; opportunity_id: string }>(
            'SELECT status, protected_until, opportunity_id FROM deal_registrations WHERE id = ?',
            clean.id
        );
        expect(stored.status).toBe('Approved');
        const bruno2 = await login('bruno.silva@andes.example');
        const list = await openMyRegistrations(bruno2);
        const mine = list.locator('tr[data-id="row"]', { hasText: CLEAN_COMPANY });
        await expect(mine.locator('[data-id="status"]').innerText()).resolves.toBe('Aprobado');
        await expect(mine.locator('[data-id="protected"]').innerText()).resolves.toMatch(
            /^Protegido hasta \d{1,2} \S+ \d{4}$/
        );
        const link = mine.getByRole('link', { name: 'Abrir la oportunidad' });
        await expect(link.getAttribute('href')).resolves.toContain(`/s/opportunity/${stored.opportunity_id}`);
        await shot(bruno2, 'deal-registration-es-protected');
        await link.click();
        await bruno2.waitForURL(new RegExp(`/s/opportunity/${stored.opportunity_id}`));
        await bruno2.locator('c-opportunity-detail', { hasText: 'Ferretería Cordillera' }).waitFor();
    }, 120_000);

    it('a rep of another partner cannot register the approved customer; the message names nobody', async () => {
        const before = count(CLEAN_COMPANY);
        const ana = await login('ana.garcia@iberia.example');
        const form = await register(ana, {
            company: 'FERRETERIA CORDILLERA E2E SAS',
            email: 'ventas@otro-dominio.example',
            amount: '1000'
        });
        const notice = form.locator('[data-id="notice"]');
        await notice.waitFor();
        const text = await notice.innerText();
        expect(text).toContain('ya está protegido');
        expect(text).not.toContain('Andes');
        expect(text).not.toContain('Bruno');
        expect(count(CLEAN_COMPANY)).toBe(before);
        expect(count('FERRETERIA CORDILLERA E2E SAS')).toBe(0);
        await shot(ana, 'deal-registration-es-protected-refused');
    }, 90_000);
});
