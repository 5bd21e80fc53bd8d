/**
 * Converting a lead in Chromium against the local org: the rep opens the convert panel on a lead whose company is
 * already one of the partner's customers, Cancel changes nothing, then the rep chooses that account, names the
 * opportunity, sets an amount and confirms; the opportunity page shows the name, the amount and the existing
 * account, no duplicate account exists, and the opportunity is in the rep's Recent Items.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { newId } from '../local-org/server/db/database.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';
import { loginAs } from './support/login.js';

const REP = 'ana.garcia@iberia.example';

describe('lead conversion in the browser', () => {
    let run: RunningOrg;
    let browser: Browser;

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(20);
        browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    });

    const db = () => run.org.ctx.db;
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

    function accountsNamed(name: string): number {
        return (db().prepare('SELECT COUNT(*) AS n FROM accounts WHERE name = ?').get(name) as { n: number })
            .n;
    }

    function leadState(leadId: string): { is_converted: number; converted_account_id: string | null } {
        return db()
            .prepare('SELECT is_converted, converted_account_id FROM leads WHERE id = ?')
            .get(leadId) as { is_converted: number; converted_account_id: string | null };
    }

    it('converts into the existing customer with a named opportunity and an amount; Cancel changes nothing', async () => {
        const ana = await login(REP);
        const rep = db().prepare('SELECT id, account_id FROM users WHERE username = ?').get(REP) as {
            id: string;
            account_id: string;
        };

        // Claim a queue lead, then make its company one of Iberia's customers, with a contact at its domain.
        await ana.goto(`${run.url}/s/lead/Lead/Default`);
        const queued = ana.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first();
        await queued.waitFor();
        const leadId = (await queued.getAttribute('data-row-key-value'))!;
        await queued.getByRole('button', { name: 'Aceptar' }).click();
        await ana.locator(`c-my-leads li[data-lead-id="${leadId}"]`).waitFor();
        const lead = db().prepare('SELECT company FROM leads WHERE id = ?').get(leadId) as {
            company: string;
        };
        const customerId = newId(db(), 'Account');
        db()
            .prepare(
                'INSERT INTO accounts (id, name, owner_id, partner_account_id, created_date) VALUES (?, ?, ?, ?, ?)'
            )
            .run(customerId, lead.company, rep.id, rep.account_id, new Date().toISOString());
        const accountsBefore = (db().prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n;
        // The demo data may hold other partners' customers of that name: they are neither offered nor touched.
        const namedBefore = accountsNamed(lead.company);
        const opportunitiesBefore = (
            db().prepare('SELECT COUNT(*) AS n FROM opportunities').get() as { n: number }
        ).n;

        await ana.goto(`${run.url}/s/lead/${leadId}`);
        const detail = ana.locator('c-lead-detail');
        await detail.getByRole('button', { name: 'Convertir' }).click();
        const panel = detail.locator('c-lead-convert-panel');
        const existing = panel.getByRole('radio', {
            name: `Usar el cliente existente ${lead.company} (mismo nombre)`
        });
        await existing.waitFor();
        // Focus moved into the panel, to its heading.
        await expect(
            panel.locator('[data-id="convert-title"]').evaluate((h) => h.matches(':focus'))
        ).resolves.toBe(true);
        await expect(
            panel.getByRole('radio', { name: `Crear una cuenta nueva: ${lead.company}` }).isChecked()
        ).resolves.toBe(true);
        await shot(ana, 'lead-convert-panel');

        // Cancel closes the panel and changes nothing.
        await panel.getByRole('button', { name: 'Cancelar' }).click();
        await panel.waitFor({ state: 'detached' });
        expect(leadState(leadId).is_converted).toBe(0);
        expect((db().prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n).toBe(
            accountsBefore
        );
        expect((db().prepare('SELECT COUNT(*) AS n FROM opportunities').get() as { n: number }).n).toBe(
            opportunitiesBefore
        );

        // Convert for real: the existing account, a named opportunity, an amount.
        await detail.getByRole('button', { name: 'Convertir' }).click();
        await existing.waitFor();
        // SLDS draws the radio over the input: a person clicks the label.
        await panel.getByText(`Usar el cliente existente ${lead.company} (mismo nombre)`).click();
        await expect(existing.isChecked()).resolves.toBe(true);
        const name = `${lead.company} - Laminado en frío`;
        await typeInto(panel.getByRole('textbox', { name: /Nombre de la oportunidad/ }), name);
        await typeInto(panel.getByLabel('Importe'), '48000');
        const summary = panel.locator('[data-id="summary-list"]');
        await summary
            .getByText(`Añadir el cliente potencial a la cuenta existente ${lead.company}`)
            .waitFor();
        await summary.getByText(`Crear la oportunidad ${name}`).waitFor();
        await shot(ana, 'lead-convert-panel-filled');
        await panel.getByRole('button', { name: 'Convertir' }).click();

        await ana.waitForURL(/\/s\/opportunity\/006/);
        const opportunityId = ana.url().split('/').pop()!;
        const page = ana.locator('c-opportunity-detail');
        await page.locator('[data-id="title"]', { hasText: name }).waitFor();
        await expect(page.locator('[data-field="account"]').innerText()).resolves.toBe(lead.company);
        await expect(page.locator('[data-field="amount"]').innerText()).resolves.toMatch(/48\.000/);
        await shot(ana, 'lead-converted-into-existing-account');

        const saved = db()
            .prepare('SELECT name, amount, account_id, partner_account_id FROM opportunities WHERE id = ?')
            .get(opportunityId) as {
            name: string;
            amount: number;
            account_id: string;
            partner_account_id: string;
        };
        expect(saved).toEqual({
            name,
            amount: 48000,
            account_id: customerId,
            partner_account_id: rep.account_id
        });
        expect(leadState(leadId)).toEqual({ is_converted: 1, converted_account_id: customerId });
        expect(accountsNamed(lead.company)).toBe(namedBefore);
        expect((db().prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n).toBe(
            accountsBefore
        );
        // FOR VIEW: the opportunity is among the rep's Recent Items.
        await ana.locator('c-recent-items', { hasText: name }).waitFor();
    }, 90_000);
});
