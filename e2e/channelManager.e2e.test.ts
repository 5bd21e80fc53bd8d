/**
 * The channel manager's and the admin's local org in Chromium: a partner's claim and a deal's stage change show
 * on the manager's open Activity page within 2 s, without a reload; every page staff can reach is made for
 * them (no partner card, no error). Screenshots of the manager's and the admin's pages go to e2e/.output/screenshots (npm run screenshots refreshes the committed e2e/screenshots).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';
import { chooseOption, loginAs } from './support/login.js';

/** The bar of issue 11: a change by a partner is on the manager's page within 2 s. */
const LIVE_BAR_MS = 2000;
/** Components made for partner reps only: none may appear on a staff page. */
const PARTNER_ONLY = 'c-claim-allowance, c-lead-queue, c-my-leads, c-recent-items, c-opportunity-list';

describe('channel manager and admin in the browser', () => {
    let run: RunningOrg;
    let managerBrowser: Browser;
    let partnerBrowser: Browser;
    const timings: Record<string, number> = {};

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(60);
        managerBrowser = await launchBrowser();
        partnerBrowser = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
        // The figure the README quotes for the 2 s bar.
        console.info(`channel manager live updates (ms): ${JSON.stringify(timings)}`);
        await managerBrowser?.close();
        await partnerBrowser?.close();
        await run?.stop();
    }, 60_000);

    const shot = (page: Page, name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

    const login = (browser: Browser, username: string) => loginAs(browser, run.url, username);

    /** A staff page shows no partner-only component and no error, once its main content has rendered. */
    async function expectStaffPage(page: Page, url: string, ready: string): Promise<void> {
        await page.goto(`${run.url}${url}`);
        await page.locator(ready).first().waitFor();
        // Let every component of the page finish its first load.
        await page.waitForLoadState('networkidle');
        await expect(page.locator(PARTNER_ONLY).count()).resolves.toBe(0);
        await expect(page.locator('c-error-panel').count()).resolves.toBe(0);
        await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
    }

    const sql = <T>(query: string, ...params: unknown[]) => run.org.ctx.db.prepare(query).get(...params) as T;

    it('the manager lands on Partners, with the staff tabs and no partner card', async () => {
        const marta = await login(managerBrowser, 'marta.vidal@nimbus.example');
        const rows = marta.locator('c-partner-overview [data-id="partner"]');
        await rows.first().waitFor();
        await expect(rows.count()).resolves.toBe(4);
        await expect(marta.locator('c-portal-theme-layout [data-id="tab"]').allInnerTexts()).resolves.toEqual(
            [
                'Socios',
                'Actividad',
                'Publicar clientes potenciales',
                'Publicaciones',
                'Clientes potenciales de socios',
                'Oportunidades de socios',
                'Registros de oportunidades'
            ]
        );
        await expect(
            rows.filter({ hasText: 'Sierra Partners' }).locator('[data-id="open"]').innerText()
        ).resolves.toMatch(/ de 4$/);
        await expect(marta.locator(PARTNER_ONLY).count()).resolves.toBe(0);
        await expect(marta.locator('c-error-panel').count()).resolves.toBe(0);
        await shot(marta, 'manager-partners');
    }, 60_000);

    it("a partner's claim and a deal's stage change appear on the manager's open Activity page within 2 s", async () => {
        const marta = await login(managerBrowser, 'marta.vidal@nimbus.example');
        await marta.locator('c-portal-theme-layout nav').getByRole('link', { name: 'Actividad' }).click();
        await marta.locator('c-partner-activity [data-id="item"]').first().waitFor();
        await marta.locator('c-partner-activity [data-id="live"]').waitFor();
        const managerUrl = marta.url();

        const ana = await login(partnerBrowser, 'ana.garcia@iberia.example');
        await ana.goto(`${run.url}/s/lead/Lead/Default`);
        const row = ana.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first();
        await row.waitFor();
        const leadId = (await row.getAttribute('data-row-key-value'))!;
        const leadName = sql<{ name: string }>(
            "SELECT TRIM(COALESCE(first_name, '') || ' ' || last_name) AS name FROM leads WHERE id = ?",
            leadId
        ).name;
        const claimed = ana.waitForResponse((r) => r.url().endsWith('/apex/LeadClaimController/claimLead'));
        await row.getByRole('button', { name: 'Aceptar' }).click();
        await claimed;
        const claimAt = Date.now();
        const claimItem = marta.locator('c-partner-activity [data-id="item"][data-kind="CLAIMED"]', {
            hasText: leadName
        });
        await claimItem.waitFor({ timeout: LIVE_BAR_MS });
        timings.claim = Date.now() - claimAt;
        expect(timings.claim).toBeLessThan(LIVE_BAR_MS);
        await expect(claimItem.locator('[data-id="new"]').count()).resolves.toBe(1);
        expect(marta.url()).toBe(managerUrl);

        // The deal: Ana edits one of her opportunities in the portal.
        const anaId = sql<{ id: string }>(
            "SELECT id FROM users WHERE username = 'ana.garcia@iberia.example'"
        ).id;
        const deal = sql<{ id: string; name: string; stage_name: string }>(
            "SELECT id, name, stage_name FROM opportunities WHERE owner_id = ? AND stage_name NOT IN ('Closed Won', 'Closed Lost') ORDER BY id LIMIT 1",
            anaId
        );
        const [stageValue, stageLabel] =
            deal.stage_name === 'Negotiation/Review'
                ? ['Qualification', 'Calificación']
                : ['Negotiation/Review', 'Negociación/Revisión'];
        await ana.goto(`${run.url}/s/opportunity/${deal.id}`);
        await ana.locator('c-opportunity-detail').getByRole('button', { name: 'Editar' }).click();
        const form = ana.locator('c-opportunity-form');
        await form.locator('[data-field="name"] input').waitFor();
        await chooseOption(form.locator('[data-field="stageName"]'), stageLabel);
        const saved = ana.waitForResponse((r) =>
            r.url().endsWith('/apex/OpportunityController/saveOpportunity')
        );
        await form.getByRole('button', { name: 'Guardar' }).click();
        await saved;
        const saveAt = Date.now();
        const stageItem = marta.locator('c-partner-activity [data-id="item"][data-kind="STAGE_CHANGED"]', {
            hasText: deal.name
        });
        await stageItem.filter({ hasText: stageValue }).waitFor({ timeout: LIVE_BAR_MS });
        timings.stageChange = Date.now() - saveAt;
        expect(timings.stageChange).toBeLessThan(LIVE_BAR_MS);
        expect(marta.url()).toBe(managerUrl);
        await shot(marta, 'manager-activity');

        // From the feed to the lead, read-only, with who claimed it and when.
        await claimItem.locator('[data-id="record"]').click();
        await marta.waitForURL(new RegExp(`/s/lead/${leadId}$`));
        const history = marta.locator('c-record-history [data-id="entry"]');
        await history.first().waitFor();
        await expect(history.first().innerText()).resolves.toContain('Aceptado');
        await expect(history.first().innerText()).resolves.toContain('Ana García');
        await expect(marta.locator('c-lead-detail').getByRole('button').count()).resolves.toBe(0);
        await shot(marta, 'manager-lead-history');
    }, 90_000);

    it('every page the manager can reach is made for the manager: no partner card, no error', async () => {
        const page = await login(managerBrowser, 'marta.vidal@nimbus.example');
        const lead = sql<{ id: string }>('SELECT lead_id AS id FROM lead_claims ORDER BY seq DESC LIMIT 1');
        const deal = sql<{ id: string }>(
            'SELECT id FROM opportunities WHERE partner_account_id IS NOT NULL ORDER BY id LIMIT 1'
        );
        const partner = sql<{ id: string }>("SELECT id FROM accounts WHERE name = 'Andes Digital'");
        await expectStaffPage(page, '/s/', 'c-partner-overview [data-id="partner"]');
        await expectStaffPage(page, '/s/partners', 'c-partner-overview [data-id="partner"]');
        await expectStaffPage(page, '/s/activity', 'c-partner-activity [data-id="item"]');
        await expectStaffPage(page, '/s/publish', 'c-lead-publisher [data-id="file"]');
        await expectStaffPage(page, '/s/registrations', 'c-deal-registration-review [data-id="row"]');
        await expectStaffPage(page, '/s/lead/Lead/Default', 'local-partner-records [data-id="record"]');
        await expectStaffPage(
            page,
            '/s/opportunity/Opportunity/Default',
            'local-partner-records [data-id="record"]'
        );
        await expectStaffPage(page, `/s/lead/${lead.id}`, 'c-record-history [data-id="entry"]');
        await expectStaffPage(page, `/s/opportunity/${deal.id}`, 'c-record-history [data-id="entry"]');
        await expectStaffPage(page, `/s/account/${partner.id}`, 'c-partner-activity [data-id="item"]');
        await expect(page.locator('c-partner-overview [data-id="partner"]').count()).resolves.toBe(1);
        // A partner's page lists only that partner's deals.
        await page.locator('local-partner-records').nth(1).locator('[data-id="record"]').first().waitFor();
        await expect(
            page.locator('local-partner-records').nth(1).locator('[data-id="record"]').allInnerTexts()
        ).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Andes Digital')]));
        await shot(page, 'manager-partner-account');
        // A manager has no claim rules page: /s/rules is the admin's.
    }, 120_000);

    it('the admin lands on the claim rules, with the overrides and the outbox, and no partner card anywhere', async () => {
        const admin = await login(managerBrowser, 'admin@nimbus.example');
        await admin.locator('local-claim-rules [data-id="rule"]').first().waitFor();
        await expect(admin.locator('local-claim-rules [data-id="rule"]').count()).resolves.toBe(4);
        const sierra = admin.locator('local-claim-rules [data-id="override"]', {
            hasText: 'Sierra Partners'
        });
        await expect(sierra.innerText()).resolves.toMatch(/4\s+5/);
        await expect(
            admin.locator('local-claim-rules [data-id="outbox"]').getAttribute('href')
        ).resolves.toBe('/outbox');
        await expect(admin.locator(PARTNER_ONLY).count()).resolves.toBe(0);
        await expect(admin.locator('c-error-panel').count()).resolves.toBe(0);
        await shot(admin, 'admin-rules');
        await expectStaffPage(admin, '/s/rules', 'local-claim-rules [data-id="rule"]');
        await expectStaffPage(admin, '/s/partners', 'c-partner-overview [data-id="partner"]');
        await expectStaffPage(admin, '/s/activity', 'c-partner-activity [data-id="item"]');
        await expectStaffPage(admin, '/s/publish', 'c-lead-publisher [data-id="file"]');
        await expectStaffPage(admin, '/s/lead/Lead/Default', 'local-partner-records [data-id="record"]');
        await expectStaffPage(
            admin,
            '/s/opportunity/Opportunity/Default',
            'local-partner-records [data-id="record"]'
        );
        await admin.goto(`${run.url}/s/rules`);
        await admin.locator('local-claim-rules [data-id="outbox"]').click();
        await admin.waitForURL(/\/outbox$/);
        await expect(admin.locator('li').count()).resolves.toBeGreaterThan(0);
    }, 120_000);
});
