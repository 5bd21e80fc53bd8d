/**
 * The Publish leads page in Chromium (issue 19's Bar: "a CSV with a bad row publishes the good rows and reports the
 * bad one in Spanish"): the channel manager (Spanish) uploads a trade-show CSV (Windows-1252, semicolons, Spanish
 * headers) with three good rows and one without a last name; the preview shows that row's error in Spanish; Publish,
 * clicked twice, creates exactly the three good leads in the chosen queue, once, with a formula-like cell stored as
 * text; axe finds no serious or critical violation on the page with its preview and result. In a browser that enforces
 * the CSP, Papa Parse loads from the bundle and a file over 2,000 rows is refused before any server call.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { seriousViolations } from './support/axe.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { startOrg, type RunningOrg } from './support/org.js';
import { chooseOption, loginAs } from './support/login.js';
import { SCREENSHOTS } from './support/screenshots.js';

const EXPO = [
    'Nombre;Apellidos;Empresa;Correo electrónico;Teléfono;Cargo;Notas',
    'José;Muñoz;Señales del Norte SL;jose.munoz@senales-e2e.example;+34 600 000 001;Director;VIP',
    'Ana;Gil;=1+1;ana.gil@gil-e2e.example;;CTO;',
    'Luis;;Sin Apellido e2e SA;luis@sin-apellido-e2e.example;;;',
    'Eva;Ruiz;Ruiz e2e SL;eva.ruiz@ruiz-e2e.example;-1;;'
].join('\r\n');

describe('Publish leads in the browser', () => {
    let run: RunningOrg;
    let browser: Browser;
    const sql = <T>(query: string, ...params: unknown[]) =>
        run.org.ctx.db.prepare(query).all(...params) as T[];

    beforeAll(async () => {
        run = await startOrg(60);
        // axe is injected as a script tag: the browser bypasses the CSP (tested by e2e/security.e2e.test.ts).
        browser = await launchBrowser({ bypassCSP: true });
    }, 60_000);

    afterAll(async () => {
        await browser?.close();
        await run?.stop();
    }, 60_000);

    it('previews a Spanish Windows-1252 CSV with a bad row, publishes the three good rows once, and passes axe', async () => {
        const marta = await loginAs(browser, run.url, 'marta.vidal@nimbus.example');
        await marta.goto(`${run.url}/s/publish`);
        const publisher = marta.locator('c-lead-publisher');
        await publisher.locator('[data-id="title"]').getByText('Publicar clientes potenciales').waitFor();
        // The staff tab leads here.
        await marta.getByRole('link', { name: 'Publicar clientes potenciales' }).first().waitFor();

        await publisher.locator('input[type="file"]').setInputFiles({
            name: 'feria-2026.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from(EXPO, 'latin1')
        });
        await publisher.locator('[data-id="summary"]').waitFor();
        expect(await publisher.locator('[data-id="read-summary"]').innerText()).toContain(
            'feria-2026.csv: 4 filas leídas como Windows-1252, separadas por ";"'
        );
        expect(await publisher.locator('[data-id="unknown-columns"]').innerText()).toContain('Notas');
        expect(await publisher.locator('[data-id="summary"]').innerText()).toContain(
            'Listas para publicar: 3. Posibles duplicados: 0. Filas con errores: 1.'
        );
        // The bad row (the file's fourth row) first, with its error in Spanish; José's name decoded.
        const badRow = publisher.locator('tr[data-row="4"]');
        expect(await badRow.innerText()).toContain('Apellidos: Este valor es obligatorio.');
        expect(await publisher.locator('tr[data-row="2"]').innerText()).toContain('José Muñoz');
        expect(await seriousViolations(marta)).toEqual([]);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await marta.screenshot({
            path: path.join(SCREENSHOTS, 'manager-publish-preview.png'),
            fullPage: true
        });

        const before = sql<{ n: number }>('SELECT COUNT(*) AS n FROM leads')[0]!.n;
        await chooseOption(publisher.locator('[data-id="queue"]'), 'Partner pool');
        await publisher.locator('[data-id="source"] input').fill('Feria e2e 2026');
        await publisher.locator('[data-id="publish"] button').click({ clickCount: 2 });
        const result = publisher.locator('[data-id="result"]');
        await result.waitFor();
        expect(await result.innerText()).toContain(
            'Se han publicado 3 clientes potenciales en Partner pool. Posibles duplicados omitidos: 0. Filas con errores: 1.'
        );

        const created = sql<{ last_name: string; company: string; phone: string | null; queue: string }>(
            `SELECT l.last_name, l.company, l.phone, q.developer_name AS queue FROM leads l JOIN queues q ON q.id = l.owner_id
             WHERE l.email LIKE '%-e2e.example' ORDER BY l.last_name`
        );
        expect(created).toEqual([
            { last_name: 'Gil', company: "'=1+1", phone: null, queue: 'Canal_Partner_Pool' },
            {
                last_name: 'Muñoz',
                company: 'Señales del Norte SL',
                phone: '+34 600 000 001',
                queue: 'Canal_Partner_Pool'
            },
            { last_name: 'Ruiz', company: 'Ruiz e2e SL', phone: "'-1", queue: 'Canal_Partner_Pool' }
        ]);
        expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM leads')[0]!.n).toBe(before + 3);
        expect(
            sql<{ source: string; lead_count: number }>('SELECT source, lead_count FROM lead_publications')
        ).toEqual([{ source: 'Feria e2e 2026', lead_count: 3 }]);
        expect(await seriousViolations(marta)).toEqual([]);
        await marta.screenshot({
            path: path.join(SCREENSHOTS, 'manager-publish-result.png'),
            fullPage: true
        });
    }, 180_000);

    it('loads Papa Parse under the Content Security Policy and refuses a file over the row limit before any call', async () => {
        // A browser that enforces the CSP (script-src 'self'): the static resource must load from the bundle.
        const strict = await launchBrowser();
        const violations: string[] = [];
        strict.context.on('console', (message) => {
            if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
        });
        const marta = await loginAs(strict, run.url, 'marta.vidal@nimbus.example');
        await marta.goto(`${run.url}/s/publish`);
        const publisher = marta.locator('c-lead-publisher');
        const rows = Array.from({ length: 2001 }, (_, i) => `Apellido ${i};Empresa ${i}`);
        const calls: string[] = [];
        marta.on('request', (request) => {
            if (request.url().includes('/apex/LeadPublicationController/preview')) calls.push(request.url());
        });
        await publisher.locator('input[type="file"]').setInputFiles({
            name: 'grande.csv',
            mimeType: 'text/csv',
            buffer: Buffer.from(['Apellidos;Empresa', ...rows].join('\n'), 'utf8')
        });
        const problem = publisher.locator('[data-id="file-problem"]');
        await problem.waitFor();
        expect(await problem.innerText()).toContain('El archivo tiene 2001 filas');
        expect(calls).toEqual([]);
        expect(violations).toEqual([]);
        await strict.close();
    }, 120_000);
});
