/**
 * Issue 12 in Chromium against the local org: the full lead edit (save, reload, see; a bad e-mail is refused on
 * its field in Spanish and nothing changes), Home (queue count, pipeline by stage), and a lead a channel manager
 * assigns directly appearing in the rep's open page without a reload.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BrowserSession } from '../local-org/test/helpers.js';
import { readStatusTranslations } from '../local-org/server/metadata/statusTranslations.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';
import { DEMO_PASSWORD, loginAs } from './support/login.js';

const PASSWORD = DEMO_PASSWORD;
const ANA = 'ana.garcia@iberia.example';
/** My leads and Home poll every 15 s (c/poller); one interval plus the time a loaded machine needs. */
const ONE_INTERVAL_MS = 45_000;

describe('partner rep: full lead edit, Home, leads that arrive live', () => {
    let run: RunningOrg;
    let browser: Browser;

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(300);
        browser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    });

    const shot = (page: Page, name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    const db = () => run.org.ctx.db;
    const userId = (username: string) =>
        (db().prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;

    const login = (username: string) => loginAs(browser, run.url, username);

    it('a rep edits phone, e-mail and description of a claimed lead, saves, reloads and sees them; a bad e-mail is refused in Spanish', async () => {
        const leadId = (
            db()
                .prepare(
                    'SELECT id FROM leads WHERE owner_id = ? AND claimed_at IS NOT NULL ORDER BY id LIMIT 1'
                )
                .get(userId(ANA)) as { id: string }
        ).id;
        const ana = await login(ANA);
        await ana.goto(`${run.url}/s/lead/${leadId}`);
        const detail = ana.locator('c-lead-detail');
        await detail.locator('[data-id="fields"]').waitFor();
        await detail.getByRole('button', { name: 'Editar' }).click();
        const form = detail.locator('c-lead-edit-form[data-id="editor"]');
        await form.locator('lightning-input[data-field="Phone"] input').fill('+34 611 222 333');
        await form.locator('lightning-input[data-field="Email"] input').fill('lucia.nueva@ejemplo.com');
        await form
            .locator('lightning-textarea[data-field="Description"] textarea')
            .fill('Llamada el lunes: quiere demo');
        await shot(ana, 'lead-edit-es-form');
        await form.getByRole('button', { name: 'Guardar' }).click();
        const view = detail.locator('c-lead-edit-form[data-id="field-set-view"]');
        await view.locator('[data-value="Phone"]', { hasText: '+34 611 222 333' }).waitFor();

        await ana.reload();
        await detail.locator('[data-id="fields"]').waitFor();
        await view.locator('[data-value="Phone"]', { hasText: '+34 611 222 333' }).waitFor();
        await view
            .locator('[data-value="Description"]', { hasText: 'Llamada el lunes: quiere demo' })
            .waitFor();
        await expect(
            detail.locator('[data-field="email"] lightning-formatted-email').innerText()
        ).resolves.toContain('lucia.nueva@ejemplo.com');
        await shot(ana, 'lead-edit-es-saved');
        const saved = db()
            .prepare('SELECT phone, email, description, last_modified_date FROM leads WHERE id = ?')
            .get(leadId);
        expect(saved).toMatchObject({
            phone: '+34 611 222 333',
            email: 'lucia.nueva@ejemplo.com',
            description: 'Llamada el lunes: quiere demo'
        });

        // A bad e-mail: the message is on the field, in Spanish, and nothing is saved.
        await detail.getByRole('button', { name: 'Editar' }).click();
        await form.locator('lightning-input[data-field="Email"] input').fill('esto-no-es-un-correo');
        await form.locator('lightning-input[data-field="Phone"] input').fill('+34 699 000 111');
        await form.getByRole('button', { name: 'Guardar' }).click();
        await form
            .locator('lightning-input[data-field="Email"]', {
                hasText: 'Introduzca una dirección de correo como nombre@ejemplo.com.'
            })
            .waitFor();
        await shot(ana, 'lead-edit-es-bad-email');
        await expect(form.locator('[data-field]').count()).resolves.toBeGreaterThan(5);
        expect(
            db()
                .prepare('SELECT phone, email, description, last_modified_date FROM leads WHERE id = ?')
                .get(leadId)
        ).toEqual(saved);
        await ana.close();
    }, 120_000);

    it('Home shows the queue count and the pipeline by stage, in Spanish', async () => {
        const ana = await login(ANA);
        const home = ana.locator('c-partner-home');
        const waiting = (
            db()
                .prepare(
                    'SELECT COUNT(*) AS n FROM leads WHERE is_converted = 0 AND owner_id IN (SELECT queue_id FROM queue_members WHERE user_id = ?)'
                )
                .get(userId(ANA)) as { n: number }
        ).n;
        expect(waiting).toBeGreaterThan(0);
        await home
            .locator('[data-id="queue-count"]', {
                hasText: `${waiting} clientes potenciales esperan en sus colas`
            })
            .waitFor();
        await home.locator('[data-id="queue-link"]', { hasText: 'Ir a Clientes potenciales' }).waitFor();

        const stages = db()
            .prepare(
                "SELECT stage_name, COUNT(*) AS n FROM opportunities WHERE owner_id = ? AND stage_name NOT IN ('Closed Won', 'Closed Lost') GROUP BY stage_name"
            )
            .all(userId(ANA)) as Array<{ stage_name: string; n: number }>;
        expect(stages.length).toBeGreaterThan(0);
        await home.locator('[data-id="pipeline-chart"]').waitFor();
        const spanish = readStatusTranslations().OpportunityStage ?? {};
        for (const stage of stages) {
            const row = home.locator(`[data-stage="${stage.stage_name}"]`);
            await expect(row.locator('[data-id="stage-label"]').innerText()).resolves.toBe(
                spanish[stage.stage_name] ?? stage.stage_name
            );
            await expect(row.innerText()).resolves.toContain(`Oportunidades: ${stage.n}`);
        }
        await expect(home.locator('[data-stage]').count()).resolves.toBe(stages.length);
        await shot(ana, 'home-es');
        await home.locator('[data-id="queue-link"]').click();
        await ana.waitForURL(/\/s\/lead\/Lead\/Default/);
        await ana.close();
    }, 120_000);

    it('a lead a channel manager assigns to the rep appears in the rep’s open page without a reload', async () => {
        const ana = await login(ANA);
        const myLeads = ana.locator('c-my-leads');
        await myLeads.locator('a[data-lead-id]').first().waitFor();
        const navigations: string[] = [];
        ana.on('framenavigated', (frame) => {
            if (frame === ana.mainFrame()) navigations.push(frame.url());
        });
        const leadId = (
            db().prepare("SELECT id FROM leads WHERE owner_id LIKE '00G%' ORDER BY id LIMIT 1").get() as {
                id: string;
            }
        ).id;
        await expect(myLeads.locator(`a[data-lead-id="${leadId}"]`).count()).resolves.toBe(0);

        // The channel manager's own, authenticated session (session cookie + CSRF), as the rep's page is.
        const marta = new BrowserSession(run.org);
        await marta.login('marta.vidal@nimbus.example', PASSWORD);
        const assigned = await marta.apex('LeadAssignment', 'assignLead', { leadId, userId: userId(ANA) });
        expect(assigned.statusCode).toBe(200);

        await myLeads.locator(`a[data-lead-id="${leadId}"]`).waitFor({ timeout: ONE_INTERVAL_MS });
        expect(navigations).toEqual([]);
        await shot(ana, 'home-es-assigned-live');
        await ana.close();
    }, 120_000);
});
