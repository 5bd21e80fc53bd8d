/**
 * The partner leads flow in Chromium against the local org: accept, exclusivity across partners, the limit,
 * a status edit that survives a reload, both languages. Screenshots of the main states go to e2e/.output/screenshots (npm run screenshots refreshes the committed e2e/screenshots).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';
import { loginAs } from './support/login.js';

describe('partner leads in the browser', () => {
    let run: RunningOrg;
    let first: Browser;
    let second: Browser;

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(300);
        first = await launchBrowser();
        second = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
        await first?.close();
        await second?.close();
        await run?.stop();
    });

    const shot = (page: Page, name: string) =>
        page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

    const login = (browser: Browser, username: string) => loginAs(browser, run.url, username);

    async function openLeads(page: Page): Promise<void> {
        await page.goto(`${run.url}/s/lead/Lead/Default`);
        await page.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first().waitFor();
    }

    /** Waits up to 5 s for a condition on the page (the list reloads after a sort click). */
    async function until(condition: () => Promise<boolean>): Promise<void> {
        for (const started = Date.now(); !(await condition());) {
            if (Date.now() - started > 5000) throw new Error('condition not met within 5 s');
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }

    const queueRow = (page: Page, leadId: string) =>
        page.locator(`c-lead-queue tr[data-row-key-value="${leadId}"]`);
    const ownerOf = (leadId: string) =>
        (
            run.org.ctx.db
                .prepare(
                    'SELECT COALESCE(u.username, l.owner_id) AS owner FROM leads l LEFT JOIN users u ON u.id = l.owner_id WHERE l.id = ?'
                )
                .get(leadId) as { owner: string }
        ).owner;

    it('rep A accepts a lead: it leaves the queue, shows in My leads and Recent items; rep B of another partner loses it on refresh', async () => {
        const ana = await login(first, 'ana.garcia@iberia.example');
        const bruno = await login(second, 'bruno.silva@andes.example');
        await openLeads(ana);
        await openLeads(bruno);
        // The portal looks like the vendor's brand, or the partner's own where its account sets one.
        await expect(ana.locator('c-portal-theme-layout [data-id="brand-name"]').innerText()).resolves.toBe(
            'Nimbus Software'
        );
        await expect(bruno.locator('c-portal-theme-layout [data-id="brand-name"]').innerText()).resolves.toBe(
            'Andes Digital · Portal de socios'
        );
        const row = ana.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first();
        const leadId = (await row.getAttribute('data-row-key-value'))!;
        const name = (await row.locator('td, th').first().innerText()).trim();
        await expect(queueRow(bruno, leadId).count()).resolves.toBe(1);
        await shot(ana, 'leads-es-queue');

        await row.getByRole('button', { name: 'Aceptar' }).click();
        await queueRow(ana, leadId).waitFor({ state: 'detached' });
        await ana.locator('lightning-toast', { hasText: 'El cliente potencial es suyo' }).waitFor();
        await ana.locator(`c-my-leads [data-lead-id="${leadId}"]`).first().waitFor();
        await ana.locator('c-recent-items [data-id="item"]', { hasText: name }).waitFor();
        await shot(ana, 'leads-es-after-accept');
        expect(ownerOf(leadId)).toBe('ana.garcia@iberia.example');

        // Bruno's page was open all along: its visibility-aware polling (every 15 s) drops the row.
        await queueRow(bruno, leadId).waitFor({ state: 'detached', timeout: 25_000 });
        await shot(bruno, 'leads-es-other-partner-after-refresh');
        await ana.close();
        await bruno.close();
    }, 60_000);

    it('claiming up to the limit, then one more, shows the limit message and changes nothing', async () => {
        const carla = await login(first, 'carla.mendez@sierra.example');
        await openLeads(carla);
        const db = run.org.ctx.db;
        const allowance = () =>
            run.org.ctx.claims.getAllowance(
                (
                    db
                        .prepare("SELECT id FROM users WHERE username = 'carla.mendez@sierra.example'")
                        .get() as { id: string }
                ).id
            );
        const start = allowance();
        expect(start.openClaims).toBeLessThan(start.openLimit);
        for (let i = start.openClaims; i < start.openLimit; i++) {
            const row = carla.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first();
            const id = (await row.getAttribute('data-row-key-value'))!;
            await row.getByRole('button', { name: 'Aceptar' }).click();
            await queueRow(carla, id).waitFor({ state: 'detached' });
        }
        expect(allowance().openClaims).toBe(start.openLimit);
        const auditBefore = (db.prepare('SELECT COUNT(*) AS n FROM lead_claims').get() as { n: number }).n;
        const next = carla.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first();
        const nextId = (await next.getAttribute('data-row-key-value'))!;
        await next.getByRole('button', { name: 'Aceptar' }).click();
        await carla
            .locator('c-lead-queue [data-id="limit"]', {
                hasText: `${start.openLimit} de ${start.openLimit} clientes potenciales en cartera`
            })
            .waitFor();
        await carla
            .locator('lightning-toast', {
                hasText: 'máximo de clientes potenciales abiertos'
            })
            .waitFor();
        await expect(queueRow(carla, nextId).count()).resolves.toBe(1);
        await expect(next.getByRole('button', { name: 'Aceptar' }).isDisabled()).resolves.toBe(true);
        await shot(carla, 'leads-es-limit-reached');
        expect(ownerOf(nextId)).not.toMatch(/@/);
        expect((db.prepare('SELECT COUNT(*) AS n FROM lead_claims').get() as { n: number }).n).toBe(
            auditBefore
        );
        await carla.close();
    }, 60_000);

    it('opens a claimed lead from Recent items, edits its status, saves, and the status survives a reload', async () => {
        const ana = await login(first, 'ana.garcia@iberia.example');
        await ana.goto(`${run.url}/s/`);
        const recent = ana.locator('c-recent-items [data-id="item"] a').first();
        await recent.waitFor();
        const leadId = (await recent.getAttribute('data-record-id'))!;
        await recent.click();
        await ana.waitForURL(new RegExp(`/s/lead/${leadId}$`));
        const detail = ana.locator('c-lead-detail');
        await detail.locator('[data-id="fields"]').waitFor();
        await detail.getByRole('button', { name: 'Editar' }).click();
        await detail
            .locator(
                '[data-id="edit-form"] lightning-combobox[data-field="Status"] button, [data-id="edit-form"] lightning-combobox[data-field="Status"] input'
            )
            .first()
            .click();
        await detail.getByRole('option', { name: 'En curso - Contactado' }).click();
        await detail.getByRole('button', { name: 'Guardar' }).click();
        await detail.locator('[data-id="fields"]', { hasText: 'En curso - Contactado' }).waitFor();
        await shot(ana, 'lead-detail-es-saved');
        await ana.reload();
        await detail.locator('[data-id="fields"]', { hasText: 'En curso - Contactado' }).waitFor();
        const stored = run.org.ctx.db
            .prepare('SELECT status, claim_expires_at FROM leads WHERE id = ?')
            .get(leadId) as { status: string; claim_expires_at: string | null };
        expect(stored).toEqual({ status: 'Working - Contacted', claim_expires_at: null });
        await ana.close();
    }, 60_000);

    it('sorts the queue from its header buttons and draws icons from the SLDS files, one small request each', async () => {
        const page = await login(first, 'ana.garcia@iberia.example');
        const requested: string[] = [];
        page.on('request', (request) => requested.push(new URL(request.url()).pathname));
        await openLeads(page);
        const companies = () =>
            page.locator('c-lead-queue tbody tr[data-row-key-value] td:nth-of-type(1)').allInnerTexts();
        // SQLite's NOCASE folds ASCII letters only: the order the server answers in.
        const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
        const ordered = (texts: string[], direction: 1 | -1) =>
            texts.every(
                (t, i) =>
                    i === 0 ||
                    direction *
                        (fold(texts[i - 1]!) < fold(t) ? -1 : fold(texts[i - 1]!) === fold(t) ? 0 : 1) <=
                        0
            );
        const header = page.locator('c-lead-queue th[data-column="company"]');
        await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
        await expect(
            page.locator('c-lead-queue th[data-column="age"]').getAttribute('aria-sort')
        ).resolves.toBe('descending');
        const before = await companies();
        expect(ordered(before, 1)).toBe(false);
        await header.getByRole('button').click();
        await page.locator('c-lead-queue th[data-column="company"][aria-sort="ascending"]').waitFor();
        await until(async () => ordered(await companies(), 1));
        await header.getByRole('button').click();
        await page.locator('c-lead-queue th[data-column="company"][aria-sort="descending"]').waitFor();
        await until(async () => ordered(await companies(), -1));
        await expect(
            page.locator('c-lead-queue th[data-column="age"]').getAttribute('aria-sort')
        ).resolves.toBe('none');
        // The sort arrow and the search box's magnifier are drawn from their SLDS files.
        await header.locator('lightning-primitive-icon svg path').waitFor({ state: 'attached' });
        await page
            .locator('c-lead-queue lightning-input lightning-primitive-icon svg path')
            .first()
            .waitFor({ state: 'attached' });
        expect(requested).toContain('/assets/slds/icons/utility/arrowdown.svg');
        expect(requested).toContain('/assets/slds/icons/utility/search.svg');
        expect(requested.filter((p) => /iconSvgTemplates/.test(p))).toEqual([]);
    }, 60_000);

    it('shows the same page in English to an English-speaking rep', async () => {
        const alberto = await login(second, 'alberto.ruiz@iberia.example');
        await openLeads(alberto);
        await expect(
            alberto
                .locator('c-lead-queue tr[data-row-key-value^="00Q"]')
                .first()
                .getByRole('button', { name: 'Accept' })
                .count()
        ).resolves.toBe(1);
        await expect(alberto.locator('html').getAttribute('lang')).resolves.toBe('en');
        await expect(alberto.locator('c-lead-queue').innerText()).resolves.not.toMatch(
            /Aceptar|Clientes potenciales en espera/
        );
        await shot(alberto, 'leads-en-queue');
        await alberto.close();
    }, 60_000);
});
