/**
 * Accessibility of every persona's pages, measured by axe-core (pinned in package.json) in Chromium: the rep's
 * Home, Leads, a lead, Opportunities, My registrations, Register a deal and New opportunity; the channel manager's
 * Partners, Activity, partner leads, partner deals, Deal registrations and one registration; the admin's Claim rules;
 * the login and change-password pages. No serious or critical violation may remain (WCAG 2.2 A and AA rules plus
 * axe's best practices).
 */
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { loginAs } from './support/login.js';

const AXE = require.resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** Rules held at zero whatever axe's impact: the ones the review found (issue 21, item 9). */
const ALWAYS = new Set([
    'page-has-heading-one',
    'region',
    'skip-link',
    'landmark-one-main',
    'link-in-text-block'
]);

/**
 * The one finding let through, on purpose: the calendar button inside lightning-input type="date" (the platform's
 * lightning-datepicker) is smaller than 24 px. WCAG 2.5.8 exempts a target whose function another control on the
 * page offers at full size: the date's text box itself, where the date is typed. Only that rule, only there.
 */
function exempt(ruleId: string, target: unknown[]): boolean {
    const where = JSON.stringify(target);
    return ruleId === 'target-size' && where.includes('lightning-datepicker');
}

interface Violation {
    id: string;
    impact: string | null;
    help: string;
    nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** The page's serious and critical axe violations, each with the first few elements it found. */
async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async (tags) => {
        const axe = (
            window as unknown as {
                axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
            }
        ).axe;
        const result = await axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations']
        });
        return result.violations;
    }, TAGS);
    const hashLinks = await page.locator('a[href="#"]').count();
    return violations
        .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !exempt(v.id, n.target)) }))
        .filter((v) => v.nodes.length > 0)
        .filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.has(v.id))
        .map(
            (v) =>
                `${v.impact} ${v.id}: ${v.help} — ${v.nodes
                    .slice(0, 3)
                    .map((n) => JSON.stringify(n.target))
                    .join(', ')}`
        )
        .concat(
            hashLinks ? [`${hashLinks} link(s) with href="#": a link goes somewhere, or it is a button`] : []
        );
}

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

    it('channel manager: Partners, Activity, partner leads, partner deals, Deal registrations, a registration', async () => {
        const marta = await loginAs(browser, run.url, 'marta.vidal@nimbus.example');
        const findings = [
            ...(await audit(marta, '/s/partners', 'c-partner-overview [data-id="partner"]')),
            ...(await audit(marta, '/s/activity', 'c-partner-activity [data-id="item"]')),
            ...(await audit(marta, '/s/lead/Lead/Default', 'local-partner-records [data-id="record"]')),
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
