/**
 * Accessibility of every persona's pages, measured by axe-core (pinned in package.json) in Chromium: the rep's
 * Home, Leads, a lead, Opportunities, My registrations, Register a deal and New opportunity; the channel manager's
 * Partners, Activity, Publish leads, partner leads, partner deals, Deal registrations and one registration; the
 * admin's Claim rules; the login and change-password pages. No serious or critical violation may remain (WCAG 2.2 A
 * and AA rules plus axe's best practices).
 */
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { loginAs } from './support/login.js';

describe('every persona’s pages pass axe (no serious or critical violation)', () => {
    let run: RunningOrg;
    let browser: Browser;
    const sql = <T>(query: string) => run.org.ctx.db.prepare(query).get() as T;

    beforeAll(async () => {
        run = await startOrg(60);
        browser = await launchBrowser({ bypassCSP: true });
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    }, 60_000);

    /** Opens the page, waits for its content and for every first load, and returns axe's findings. */
    async function audit(page: Page, url: string, ready: string): Promise<string[]> {
        await page.goto(`${run.url}${url}`);
        await page.locator(ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        return (await seriousViolations(page)).map((finding) => `${url} ${finding}`);
    }

    it('login page', async () => {
        const page = await browser.context.newPage();
        await page.goto(`${run.url}/login`);
        await page.locator('#username').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.close();
    }, 60_000);

    it('partner rep: Home, Leads, a lead, Opportunities, My registrations, Register a deal, New opportunity, change password', async () => {
        const ana = await loginAs(browser, run.url, 'ana.garcia@iberia.example');
        const lead = sql<{ id: string }>(
            "SELECT l.id FROM leads l JOIN users u ON u.id = l.owner_id WHERE u.username = 'ana.garcia@iberia.example' ORDER BY l.id LIMIT 1"
        );
        const findings = [
            ...(await audit(ana, '/s/', 'c-partner-home')),
            ...(await audit(ana, '/s/lead/Lead/Default', 'c-lead-queue tr[data-row-key-value]')),
            ...(await audit(ana, `/s/lead/${lead.id}`, 'c-lead-detail [data-id="fields"]')),
            ...(await audit(ana, '/s/opportunity/Opportunity/Default', 'c-opportunity-list')),
            ...(await audit(ana, '/s/new-opportunity', 'c-opportunity-form')),
            ...(await audit(
                ana,
                '/s/opportunity/Opportunity/Default?c__listView=Canal_My_Registrations',
                'c-deal-registration-list [data-id="row"]'
            ))
        ];
        // Registrar oportunidad opens the registration form in place of the list.
        await ana.locator('c-opportunity-list [data-action="register"] button').click();
        await ana.locator('c-deal-registration-form [data-field="company"] input').waitFor();
        findings.push(...(await seriousViolations(ana)).map((finding) => `register a deal ${finding}`));
        findings.push(...(await audit(ana, '/change-password', 'input[type="password"]')));
        expect(findings).toEqual([]);
    }, 180_000);

    it('channel manager: Partners, Activity, Publish leads, partner leads, partner deals, Deal registrations, a registration', async () => {
        const marta = await loginAs(browser, run.url, 'marta.vidal@nimbus.example');
        const findings = [
            ...(await audit(marta, '/s/partners', 'c-partner-overview [data-id="partner"]')),
            ...(await audit(marta, '/s/activity', 'c-partner-activity [data-id="item"]')),
            ...(await audit(marta, '/s/publish', 'c-lead-publisher [data-id="file"]')),
            ...(await audit(marta, '/s/lead/Lead/Default', 'local-partner-records [data-id="record"]')),
            ...(await audit(marta, '/s/publications', 'c-publication-figures [data-id="title"]')),
            ...(await audit(
                marta,
                '/s/opportunity/Opportunity/Default',
                'local-partner-records [data-id="record"]'
            )),
            ...(await audit(marta, '/s/registrations', 'c-deal-registration-review [data-id="row"]')),
            ...(await audit(
                marta,
                `/s/registrations/${sql<{ id: string }>('SELECT id FROM deal_registrations WHERE conflict = 1 LIMIT 1').id}`,
                'c-deal-registration-review [data-id="fields"]'
            ))
        ];
        expect(findings).toEqual([]);
    }, 180_000);

    it('admin: Claim rules', async () => {
        const admin = await loginAs(browser, run.url, 'admin@nimbus.example');
        expect(await audit(admin, '/s/rules', 'local-claim-rules [data-id="rule"]')).toEqual([]);
    }, 120_000);
});
