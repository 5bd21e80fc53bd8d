/**
 * The Opportunities tab in Chromium against the local org: pick Mis oportunidades, edit a deal, create one,
 * convert a claimed lead into one, and a partner cannot open another partner's deal by URL.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';
import { chooseOption, loginAs } from './support/login.js';

describe('opportunities in the browser', () => {
    let run: RunningOrg;
    let browser: Browser;

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(100);
        browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    });

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

    const rows = (page: Page) => page.locator('c-opportunity-list tr[data-row-key-value^="006"]');
    const opportunity = (id: string) =>
        run.org.ctx.db
            .prepare('SELECT name, stage_name, amount, owner_id, account_id FROM opportunities WHERE id = ?')
            .get(id) as {
            name: string;
            stage_name: string;
            amount: number;
        };

    async function openMyOpportunities(page: Page): Promise<void> {
        await page.locator('c-portal-theme-layout nav').getByRole('link', { name: 'Oportunidades' }).click();
        await page.waitForURL(/\/s\/opportunity\/Opportunity\/Default$/);
        await chooseOption(page.locator('c-opportunity-list [data-id="list-view"]'), 'Mis oportunidades');
        await rows(page).first().waitFor();
    }

    it('edits a deal from Mis oportunidades: stage and amount, back on the list, kept after a reload', async () => {
        const ana = await login('ana.garcia@iberia.example');
        await openMyOpportunities(ana);
        const row = rows(ana).first();
        const id = (await row.getAttribute('data-row-key-value'))!;
        await row.getByRole('button', { name: 'Editar' }).click();
        const form = ana.locator('c-opportunity-form');
        await form.locator('[data-field="name"] input').waitFor();
        await chooseOption(form.locator('[data-field="stageName"]'), 'Negociación/Revisión');
        await typeInto(form.locator('[data-field="amount"] input'), '98765');
        await shot(ana, 'opportunity-es-edit');
        await form.getByRole('button', { name: 'Guardar' }).click();
        await form.waitFor({ state: 'detached' });
        const updated = ana.locator(`c-opportunity-list tr[data-row-key-value="${id}"]`);
        await updated.filter({ hasText: 'Negociación/Revisión' }).waitFor();
        await expect(updated.innerText()).resolves.toMatch(/(^|\s)98\.765,00\s€/);
        expect(opportunity(id)).toMatchObject({ stage_name: 'Negotiation/Review', amount: 98765 });
        await ana.reload();
        await ana
            .locator(`c-opportunity-list tr[data-row-key-value="${id}"]`, { hasText: 'Negociación/Revisión' })
            .waitFor();
        await shot(ana, 'opportunity-es-list-after-save');
    }, 60_000);

    it('creates a new deal that is then listed in Mis oportunidades', async () => {
        const ana = await login('ana.garcia@iberia.example');
        await openMyOpportunities(ana);
        await ana.locator('c-opportunity-list').getByRole('button', { name: 'Nueva oportunidad' }).click();
        const form = ana.locator('c-opportunity-form');
        await form.locator('[data-field="name"] input').fill('Ampliación Canal 2027');
        const accounts = form.locator('[data-field="accountId"]');
        await accounts.locator('button[role="combobox"], input[role="combobox"]').first().click();
        await accounts.getByRole('option').first().click();
        await chooseOption(form.locator('[data-field="stageName"]'), 'Calificación');
        await typeInto(form.locator('[data-field="amount"] input'), '15000');
        // The date is picked in the calendar, as a person would: the 15th of the month it opens on.
        const closeDate = form.locator('[data-field="closeDate"]');
        // The base datepicker's icon button never reports "stable" to Playwright's actionability check, so the
        // click is dispatched to it directly; typing a date is locale-fragile in the base component.
        await closeDate.locator('button[title^="Seleccione una fecha"]').dispatchEvent('click');
        await closeDate.getByRole('gridcell', { name: '15', exact: true }).first().click();
        await form.getByRole('button', { name: 'Guardar' }).click();
        await form.waitFor({ state: 'detached' });
        await ana.locator('c-opportunity-list tr', { hasText: 'Ampliación Canal 2027' }).waitFor();
        const stored = run.org.ctx.db
            .prepare(
                "SELECT stage_name, amount, close_date FROM opportunities WHERE name = 'Ampliación Canal 2027'"
            )
            .get();
        expect(stored).toEqual({
            stage_name: 'Qualification',
            amount: 15000,
            close_date: `${new Date().toISOString().slice(0, 7)}-15`
        });
        await shot(ana, 'opportunity-es-created');
    }, 60_000);

    it('opens a deal from its name, saves it on its page, and is back on the same list view', async () => {
        const ana = await login('ana.garcia@iberia.example');
        await openMyOpportunities(ana);
        await chooseOption(ana.locator('c-opportunity-list [data-id="list-view"]'), 'Cartera abierta');
        // A deal of Ana's own (the partner's other deals are read-only to her).
        const owner = run.org.ctx.db
            .prepare("SELECT first_name || ' ' || last_name AS name FROM users WHERE username = ?")
            .get('ana.garcia@iberia.example') as { name: string };
        const row = rows(ana).filter({ hasText: owner.name }).first();
        await row.waitFor();
        const id = (await row.getAttribute('data-row-key-value'))!;
        const name = opportunity(id).name;
        const link = row.getByRole('link', { name });
        await expect(link.getAttribute('href')).resolves.toContain(`/s/opportunity/${id}`);
        await link.click();
        await ana.waitForURL(new RegExp(`/s/opportunity/${id}\\?`));
        const detail = ana.locator('c-opportunity-detail');
        await detail.getByRole('button', { name: 'Editar' }).click();
        const form = ana.locator('c-opportunity-form');
        await form.locator('[data-field="amount"] input').waitFor();
        await typeInto(form.locator('[data-field="amount"] input'), '4321');
        await form.getByRole('button', { name: 'Guardar' }).click();
        await ana.waitForURL(/\/s\/opportunity\/Opportunity\/Default\?c__listView=Canal_Open_Pipeline$/);
        await rows(ana).first().waitFor();
        await expect(
            ana
                .locator('c-opportunity-list [data-id="list-view"]')
                .evaluate((el) => (el as HTMLInputElement).value)
        ).resolves.toBe('Canal_Open_Pipeline');
        expect(opportunity(id).amount).toBe(4321);
    }, 90_000);

    it('reaches Nueva oportunidad from the navigation; Guardar opens the new deal’s page', async () => {
        const ana = await login('ana.garcia@iberia.example');
        await ana
            .locator('c-portal-theme-layout nav')
            .getByRole('link', { name: 'Nueva oportunidad' })
            .click();
        await ana.waitForURL(/\/s\/new-opportunity$/);
        const form = ana.locator('c-opportunity-form');
        await form.locator('[data-field="name"] input').fill('Renovación Sierra 2027');
        const accounts = form.locator('[data-field="accountId"]');
        await accounts.locator('button[role="combobox"], input[role="combobox"]').first().click();
        await accounts.getByRole('option').first().click();
        await chooseOption(form.locator('[data-field="stageName"]'), 'Calificación');
        const closeDate = form.locator('[data-field="closeDate"]');
        await closeDate.locator('button[title^="Seleccione una fecha"]').dispatchEvent('click');
        await closeDate.getByRole('gridcell', { name: '20', exact: true }).first().click();
        await form.getByRole('button', { name: 'Guardar' }).click();
        await ana.waitForURL(/\/s\/opportunity\/006/);
        await ana.locator('c-opportunity-detail', { hasText: 'Renovación Sierra 2027' }).waitFor();
        const stored = run.org.ctx.db
            .prepare("SELECT id FROM opportunities WHERE name = 'Renovación Sierra 2027'")
            .get() as { id: string };
        expect(ana.url()).toContain(stored.id);
    }, 90_000);

    it('converts a claimed lead; the new deal is on the Opportunities tab', async () => {
        const ana = await login('ana.garcia@iberia.example');
        await ana.goto(`${run.url}/s/lead/Lead/Default`);
        const lead = ana.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first();
        await lead.waitFor();
        const leadId = (await lead.getAttribute('data-row-key-value'))!;
        const company = (
            run.org.ctx.db.prepare('SELECT company FROM leads WHERE id = ?').get(leadId) as {
                company: string;
            }
        ).company;
        await lead.getByRole('button', { name: 'Aceptar' }).click();
        const mine = ana.locator(`c-my-leads li[data-lead-id="${leadId}"]`);
        await mine.waitFor();
        await mine.getByRole('button', { name: 'Convertir' }).click();
        // The convert panel opens under the row, prefilled: confirm with its own Convertir.
        await mine.locator('c-lead-convert-panel').getByRole('button', { name: 'Convertir' }).click();
        await ana.waitForURL(/\/s\/opportunity\/006/);
        await ana.locator('c-opportunity-detail', { hasText: company }).waitFor();
        await shot(ana, 'lead-converted-opportunity');
        await openMyOpportunities(ana);
        await ana.locator('c-opportunity-list tr', { hasText: company }).first().waitFor();
        const converted = run.org.ctx.db
            .prepare('SELECT is_converted, converted_opportunity_id FROM leads WHERE id = ?')
            .get(leadId) as {
            is_converted: number;
            converted_opportunity_id: string;
        };
        expect(converted.is_converted).toBe(1);
        expect(ana.url()).not.toContain(converted.converted_opportunity_id);
    }, 60_000);

    it('does not show another partner’s deal to a rep who opens it by URL', async () => {
        const anaOpportunity = run.org.ctx.db
            .prepare(
                "SELECT o.id, o.name FROM opportunities o JOIN users u ON u.id = o.owner_id WHERE u.username = 'ana.garcia@iberia.example' LIMIT 1"
            )
            .get() as { id: string; name: string };
        const bruno = await login('bruno.silva@andes.example');
        await bruno.goto(`${run.url}/s/opportunity/${anaOpportunity.id}`);
        await bruno.locator('c-opportunity-detail c-error-panel').waitFor();
        await expect(bruno.locator('c-opportunity-detail').innerText()).resolves.not.toContain(
            anaOpportunity.name
        );
        await shot(bruno, 'opportunity-es-foreign-url');
    }, 60_000);
});
