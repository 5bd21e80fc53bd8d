/**
 * The Content Security Policy in a real browser: every page of each audience renders with its LWCs and the
 * browser reports no violation of the policy (no blocked script, style, image, font or connection), and another
 * origin cannot frame the portal.
 */
import { launchBrowser, type Browser } from './support/browser.js';
import { loginAs } from './support/login.js';
import { startOrg, type RunningOrg } from './support/org.js';

jest.setTimeout(180_000);

const PAGES: Record<string, { username: string; urls: string[]; ready: string }> = {
    'a partner rep': {
        username: 'ana.garcia@iberia.example',
        urls: ['/s/', '/s/lead/Lead/Default', '/s/opportunity/Opportunity/Default', '/s/new-opportunity'],
        ready: 'c-portal-theme-layout'
    },
    'the channel manager': {
        username: 'marta.vidal@nimbus.example',
        urls: ['/s/'],
        ready: '#root *'
    },
    'the admin': {
        username: 'admin@nimbus.example',
        urls: ['/s/', '/outbox'],
        ready: 'body *'
    }
};

describe('Content Security Policy in Chromium', () => {
    let run: RunningOrg;
    let browser: Browser;
    const violations: string[] = [];

    beforeAll(async () => {
        run = await startOrg(60);
        browser = await launchBrowser();
        // Every page reports what the policy blocked, as the browser's securitypolicyviolation event says it.
        await browser.context.addInitScript(() => {
            document.addEventListener('securitypolicyviolation', (event) => {
                const w = window as unknown as { cspViolations?: string[] };
                (w.cspViolations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
            });
        });
        browser.context.on('console', (message) => {
            if (/Content Security Policy|Refused to/i.test(message.text()))
                violations.push(`${message.page()?.url()}: ${message.text()}`);
        });
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    });

    for (const [who, { username, urls, ready }] of Object.entries(PAGES)) {
        it(`renders every page of ${who} without a violation`, async () => {
            const page = await loginAs(browser, run.url, username);
            for (const url of urls) {
                await page.goto(`${run.url}${url}`);
                await page.locator(ready).first().waitFor();
                await page.waitForLoadState('networkidle');
                const reported = await page.evaluate(
                    () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []
                );
                expect({ url, reported }).toEqual({ url, reported: [] });
            }
            expect(violations).toEqual([]);
        });
    }

    it('cannot be framed by another origin', async () => {
        const page = await browser.context.newPage();
        // about:blank is another origin than the portal; frame-ancestors 'none' keeps the login page out.
        await page.setContent(`<iframe id="f" src="${run.url}/login"></iframe>`);
        await page.waitForTimeout(1000);
        const frame = page.frames().find((f) => f.url().startsWith(run.url));
        const framedText = frame
            ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '')
            : '';
        expect(framedText).not.toMatch(/contraseña|password/i);
        violations.length = 0;
        await page.close();
    });
});
