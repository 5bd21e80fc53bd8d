/**
 * Every word in the user's language: a Spanish rep's pages carry neither mojibake nor the base components' English
 * strings (the local org serves their labels in Spanish, as an org does), the outbox pages declare their charset,
 * and every base-component label the bundle uses has a Spanish translation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import SPANISH from '../local-org/client/shims/spanishBaseLabels';
import { CLIENT_DIST } from '../local-org/server/app.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { loginAs } from './support/login.js';

const BASE_COMPONENTS = path.join(
    __dirname,
    '..',
    'node_modules',
    'lightning-base-components',
    'scopedImports'
);
/** "recibirÃ¡", "contraseÃ±a": UTF-8 read as Latin-1. */
const MOJIBAKE = /Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]|\ufffd/;

function englishOf(name: string): string {
    const source = readFileSync(path.join(BASE_COMPONENTS, `@salesforce-label-${name}.js`), 'utf8');
    return JSON.parse(/export default ("(?:[^"\\]|\\.)*")/.exec(source)![1]!) as string;
}

const usedLabels = JSON.parse(readFileSync(path.join(CLIENT_DIST, 'base-labels.json'), 'utf8')) as string[];

/**
 * The English fragments that must not show on a Spanish page: each used label's text split at its {n}
 * placeholders, fragments of four letters or more that the Spanish text does not also contain ("Error", "Hex").
 */
const ENGLISH_FRAGMENTS = [
    ...new Set(
        usedLabels.flatMap((name) =>
            englishOf(name)
                .split(/\{\d+\}/)
                .map((fragment) => fragment.trim())
                .filter(
                    (fragment) => /[A-Za-z]{4}/.test(fragment) && !(SPANISH[name] ?? '').includes(fragment)
                )
        )
    )
];

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Everything a person or a screen reader gets from the page: visible and assistive text, and labelling attributes. */
async function pageText(page: Page): Promise<string> {
    const text = await page.locator('body').innerText();
    const attributes = await page
        .locator('[aria-label], [title], [placeholder], [alt]')
        .evaluateAll((elements) =>
            elements.flatMap((el) =>
                ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? '')
            )
        );
    const assistive = await page
        .locator('.slds-assistive-text')
        .evaluateAll((elements) => elements.map((el) => el.textContent ?? ''));
    return [text, ...attributes, ...assistive].join('\n');
}

function englishIn(text: string): string[] {
    return ENGLISH_FRAGMENTS.filter((fragment) =>
        new RegExp(`(^|[^A-Za-zÀ-ÿ])${escapeRegExp(fragment)}($|[^A-Za-zÀ-ÿ])`).test(text)
    );
}

describe('the user’s language', () => {
    it('has a Spanish translation, with the same placeholders, for every base-component label the bundle uses', () => {
        expect(usedLabels.length).toBeGreaterThan(50);
        const missing = usedLabels.filter((name) => !SPANISH[name]);
        expect(missing).toEqual([]);
        const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort().join();
        const mismatched = usedLabels.filter(
            (name) => placeholders(SPANISH[name]!) !== placeholders(englishOf(name))
        );
        expect(mismatched).toEqual([]);
        expect(ENGLISH_FRAGMENTS).toEqual(
            expect.arrayContaining([
                'Select a date for',
                'Format:',
                'Sort by:',
                'Sorted: None',
                'Navigation Mode'
            ])
        );
    });

    describe('in the browser', () => {
        let run: RunningOrg;
        let browser: Browser;

        beforeAll(async () => {
            run = await startOrg(60);
            browser = await launchBrowser();
        }, 60_000);

        afterAll(async () => {
            await browser?.close();
            await run?.stop();
        });

        const login = (username: string) => loginAs(browser, run.url, username);

        async function expectSpanish(page: Page, where: string): Promise<void> {
            const text = await pageText(page);
            expect({ where, mojibake: MOJIBAKE.exec(text)?.[0] ?? null }).toEqual({ where, mojibake: null });
            expect({ where, english: englishIn(text) }).toEqual({ where, english: [] });
        }

        it('shows a Spanish rep no English base-component string and no mojibake on any page', async () => {
            const page = await login('ana.garcia@iberia.example');
            await page.locator('c-my-leads').waitFor();
            await expectSpanish(page, 'home');

            await page.goto(`${run.url}/s/lead/Lead/Default`);
            await page.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first().waitFor();
            await expectSpanish(page, 'leads');

            await page.goto(`${run.url}/s/opportunity/Opportunity/Default`);
            await page.locator('c-opportunity-list tr[data-row-key-value^="006"]').first().waitFor();
            await expectSpanish(page, 'opportunities');

            await page.goto(`${run.url}/s/new-opportunity`);
            const form = page.locator('c-opportunity-form');
            await form.locator('[data-action="save"]').first().waitFor();
            await form.locator('[data-action="save"]').first().click();
            await form.locator('.slds-has-error').first().waitFor();
            await expectSpanish(page, 'new opportunity, with field errors');
        }, 90_000);

        it('shows the English base-component strings to an English rep (the check can see them)', async () => {
            const page = await login('alberto.ruiz@iberia.example');
            await page.goto(`${run.url}/s/opportunity/Opportunity/Default`);
            await page.locator('c-opportunity-list tr[data-row-key-value^="006"]').first().waitFor();
            expect(englishIn(await pageText(page)).length).toBeGreaterThan(0);
        }, 60_000);

        it('serves the outbox in UTF-8: the welcome e-mail reads "recibirá", not "recibirÃ¡"', async () => {
            // The outbox is the admin's (docs/LOCAL-ORG-SECURITY.md).
            const page = await login('admin@nimbus.example');
            const list = await page.goto(`${run.url}/outbox?lang=es`);
            expect(list!.headers()['content-type']).toBe('text/html; charset=utf-8');
            // Deal registration notifications share the outbox: open a welcome e-mail, not the newest message.
            await page.locator('main a', { hasText: 'Bienvenido' }).first().click();
            await page.waitForURL(/\/outbox\/\d+/);
            const text = await page.locator('body').innerText();
            expect(text).toContain('recibirá');
            expect(text).not.toMatch(MOJIBAKE);
        }, 60_000);
    });
});
