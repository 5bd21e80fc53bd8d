/**
 * The live part of issue 19's Bar, in Chromium against the local org: a channel manager's OAuth token publishes 3
 * leads through the REST route; a Gold rep's Leads page, open all along, shows them within 2 s with no reload (rows
 * marked New, the polite live region says how many arrived); a Bronze rep's open queue does not list them and a claim
 * through the page's own Apex route answers NOT_YET_OFFERED; the same Idempotency-Key again creates nothing.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_OAUTH_CLIENT } from '../local-org/server/app.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { DEMO_PASSWORD, loginAs } from './support/login.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { SCREENSHOTS } from './support/screenshots.js';

const GOLD_REP = 'ana.garcia@iberia.example'; // Iberia Soluciones, Gold: first look at once
const BRONZE_REP = 'carla.mendez@sierra.example'; // Sierra Partners, Bronze: 20 minutes later
const CHANNEL_MANAGER = 'marta.vidal@nimbus.example';
const LIVE_WITHIN_MS = 2000;

describe('live publication in the browser (issue 19, the Bar)', () => {
    let run: RunningOrg;
    let gold: Browser;
    let bronze: Browser;
    let publicationId = '';

    beforeAll(async () => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        run = await startOrg(60);
        gold = await launchBrowser();
        bronze = await launchBrowser();
    }, 60_000);

    afterAll(async () => {
        await gold?.close();
        await bronze?.close();
        await run?.stop();
    });

    async function token(username: string): Promise<string> {
        const response = await fetch(`${run.url}/services/oauth2/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                grant_type: 'password',
                client_id: DEFAULT_OAUTH_CLIENT.clientId,
                client_secret: DEFAULT_OAUTH_CLIENT.clientSecret,
                username,
                password: DEMO_PASSWORD
            }).toString()
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { access_token: string }).access_token;
    }

    const leadCount = () =>
        (run.org.ctx.db.prepare('SELECT COUNT(*) AS n FROM leads').get() as { n: number }).n;

    async function openLeads(page: Page): Promise<void> {
        await page.goto(`${run.url}/s/lead/Lead/Default`);
        await page.locator('c-lead-queue tr[data-row-key-value^="00Q"]').first().waitFor();
    }

    it('publishes 3 leads by REST: Gold sees them live, Bronze neither sees nor claims them, a replay creates nothing', async () => {
        const ana = await loginAs(gold, run.url, GOLD_REP);
        const carla = await loginAs(bronze, run.url, BRONZE_REP);
        await openLeads(ana);
        await openLeads(carla);
        // Count the page loads: "no reload" means the document is the one we opened.
        let navigations = 0;
        ana.on('framenavigated', (frame) => {
            if (frame === ana.mainFrame()) navigations++;
        });

        const stamp = Date.now().toString(36);
        const leads = ['Uno', 'Dos', 'Tres'].map((name) => ({
            firstName: 'Expo',
            lastName: `${name} ${stamp}`,
            company: `Feria ${name} ${stamp} SL`,
            email: `${name.toLowerCase()}.${stamp}@feria.example`,
            city: 'Madrid',
            country: 'España'
        }));
        const publish = (key: string, bearer: string) =>
            fetch(`${run.url}/services/apexrest/canal/v1/leads/publish`, {
                method: 'POST',
                headers: {
                    authorization: `Bearer ${bearer}`,
                    'content-type': 'application/json',
                    'idempotency-key': key
                },
                body: JSON.stringify({ queue: 'Canal_Partner_Pool', source: 'Expo 2026', leads })
            });
        const bearer = await token(CHANNEL_MANAGER);
        const key = `expo-2026-${stamp}`;
        const before = leadCount();

        const response = await publish(key, bearer);
        const answeredAt = Date.now();
        expect(response.status).toBe(200);
        const answer = (await response.json()) as {
            publicationId: string;
            created: number;
            errors: unknown[];
            duplicates: unknown[];
        };
        expect(answer).toMatchObject({ created: 3, errors: [], duplicates: [] });
        expect(leadCount()).toBe(before + 3);
        const ids = (
            run.org.ctx.db
                .prepare('SELECT id FROM leads WHERE publication_id = ? ORDER BY id')
                .all(answer.publicationId) as Array<{ id: string }>
        ).map((r) => r.id);
        expect(ids).toHaveLength(3);

        // Gold: every row on the open page within 2 s of the answer, marked New, and the polite region counts them.
        await Promise.all(
            ids.map((id) =>
                ana
                    .locator(`c-lead-queue tr[data-row-key-value="${id}"] [data-id="new"]`)
                    .waitFor({ timeout: LIVE_WITHIN_MS })
            )
        );
        const shownAfterMs = Date.now() - answeredAt;
        expect(shownAfterMs).toBeLessThanOrEqual(LIVE_WITHIN_MS);
        const region = ana.locator('c-lead-queue [data-id="arrivals"]');
        await expect(region.getAttribute('aria-live')).resolves.toBe('polite');
        await expect(region.innerText()).resolves.toBe(
            'Han llegado 3 clientes potenciales nuevos a su cola.'
        );
        expect(navigations).toBe(0);
        await ana.screenshot({ path: path.join(SCREENSHOTS, 'live-publication-gold.png'), fullPage: true });

        // Bronze: the open page (its change token and stream included) never lists them...
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (const id of ids) {
            await expect(carla.locator(`c-lead-queue tr[data-row-key-value="${id}"]`).count()).resolves.toBe(
                0
            );
        }
        // ...nor does a fresh read of its queue, and the next offer time is stated.
        await openLeads(carla);
        for (const id of ids) {
            await expect(carla.locator(`c-lead-queue tr[data-row-key-value="${id}"]`).count()).resolves.toBe(
                0
            );
        }
        // A claim through the page's own Apex route (session cookie and CSRF token) is refused during the window.
        const claim = await carla.evaluate(async (leadId) => {
            const boot = JSON.parse(document.getElementById('canal-boot')!.textContent!) as {
                csrfToken: string;
            };
            const r = await fetch('/apex/LeadClaimController/claimLead', {
                method: 'POST',
                credentials: 'same-origin',
                headers: { 'content-type': 'application/json', 'x-csrf-token': boot.csrfToken },
                body: JSON.stringify({ leadId })
            });
            return { status: r.status, body: (await r.json()) as { code?: string } };
        }, ids[0]!);
        expect(claim.body.code).toBe('NOT_YET_OFFERED');
        const owner = run.org.ctx.db.prepare('SELECT owner_id FROM leads WHERE id = ?').get(ids[0]!) as {
            owner_id: string;
        };
        expect(owner.owner_id).toMatch(/^00G/);

        // The same Idempotency-Key again: the first answer, and no new lead.
        const beforeReplay = leadCount();
        const replay = await publish(key, bearer);
        expect(replay.status).toBe(200);
        expect(await replay.json()).toEqual(answer);
        expect(leadCount()).toBe(beforeReplay);
        publicationId = answer.publicationId;
        await ana.close();
        await carla.close();
    }, 60_000);

    it("the channel manager sees the publication's figures and its line on the Activity page", async () => {
        const marta = await loginAs(gold, run.url, CHANNEL_MANAGER);
        await marta.locator('c-portal-theme-layout nav').getByRole('link', { name: 'Publicaciones' }).click();
        const row = marta.locator(`c-publication-figures tr[data-publication-id="${publicationId}"]`);
        await row.waitFor();
        await expect(row.locator('td').first().innerText()).resolves.toBe('Expo 2026');
        await expect(row.locator('[data-id="created"]').innerText()).resolves.toBe('3');
        await expect(row.locator('[data-id="still-open"]').innerText()).resolves.toBe('3');
        await marta.locator('c-publication-figures [data-id="total-offered"]', { hasText: '3' }).waitFor();
        await expect(marta.locator('c-publication-figures [data-id="no-claims"]').count()).resolves.toBe(1);
        await marta.screenshot({
            path: path.join(SCREENSHOTS, 'live-publication-figures.png'),
            fullPage: true
        });

        await marta.locator('c-portal-theme-layout nav').getByRole('link', { name: 'Actividad' }).click();
        const entry = marta.locator(`c-partner-activity [data-item-id="${publicationId}"]`);
        await entry.waitFor();
        await expect(entry.locator('[data-id="kind"]').innerText()).resolves.toMatch(
            /^3 clientes potenciales publicados en /
        );
        await expect(entry.locator('[data-id="change"]').innerText()).resolves.toBe('Origen: Expo 2026');
        await marta.close();
    }, 60_000);
});
