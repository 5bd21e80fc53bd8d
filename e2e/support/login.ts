import type { Locator, Page } from 'playwright-core';
import type { Browser } from './browser.js';

/** The demo cast's password (local-org/seed/users.json). */
export const DEMO_PASSWORD = 'Canal-demo-2026';

/**
 * Logs in through the login form and waits for the site. One cookie jar per browser: the pages of a previous
 * user are closed first, since a page left open would keep polling as that user and, on a 401, go to /login and
 * replace the login form's CSRF cookie.
 */
export async function loginAs(
    browser: Browser,
    baseUrl: string,
    username: string,
    password = DEMO_PASSWORD
): Promise<Page> {
    await Promise.all(browser.context.pages().map((p) => p.close()));
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/s\/$/), page.click('button[type=submit]')]);
    return page;
}

/** Picks an option of a lightning-combobox the way a person does: open it, click the option. */
export async function chooseOption(combobox: Locator, option: string): Promise<void> {
    await combobox.locator('button[role="combobox"], input[role="combobox"]').first().click();
    await combobox.getByRole('option', { name: option, exact: true }).click();
}
