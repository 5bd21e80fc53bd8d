/**
 * The production build as `npm start` serves it (needs `npm run build:local`, as the other e2e tests): minified
 * entry and page chunks, precompressed answers, long-lived cache headers on hashed file names only, and a shell
 * page that names its entry and preloads the chunks of the page it opens.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { CLIENT_DIST } from '../local-org/server/app.js';
import { buildManifest } from '../local-org/server/pages/preload.js';
import { BrowserSession, seedUser } from '../local-org/test/helpers.js';
import { startOrg, type RunningOrg } from './support/org.js';

jest.setTimeout(60_000);

describe('production assets', () => {
    let run: RunningOrg;

    beforeAll(async () => {
        run = await startOrg(50);
    });

    afterAll(async () => {
        await run.stop();
    });

    it('serves the hashed entry minified, brotli- or gzip-compressed, cached for a year', async () => {
        const { entry } = buildManifest();
        expect(entry).toMatch(/^main-[\w-]{8}\.js$/);
        const main = readFileSync(path.join(CLIENT_DIST, entry));
        // Minified: no indentation left, and far fewer lines than bytes / 200.
        expect(main.toString().split('\n').length).toBeLessThan(main.length / 2000);
        const br = await run.org.app.inject({
            url: `/assets/app/${entry}`,
            headers: { 'accept-encoding': 'br' }
        });
        expect(br.statusCode).toBe(200);
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(brotliDecompressSync(br.rawPayload).equals(main)).toBe(true);
        const gz = await run.org.app.inject({
            url: `/assets/app/${entry}`,
            headers: { 'accept-encoding': 'gzip' }
        });
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(gz.rawPayload).equals(main)).toBe(true);
        const plain = await run.org.app.inject({ url: `/assets/app/${entry}` });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.rawPayload.equals(main)).toBe(true);
        // What is not hashed is revalidated.
        const manifest = await run.org.app.inject({ url: '/assets/app/manifest.json' });
        expect(manifest.headers['cache-control']).toBe('no-cache');
    });

    it('names the entry and preloads the shell and the chunks of the page a URL opens', async () => {
        const { entry, preload } = buildManifest();
        const links = (html: string) =>
            [...html.matchAll(/<link rel="modulepreload" href="\/assets\/app\/([^"]+)">/g)].map((m) => m[1]);
        const shellOf = async (username: string, url: string) => {
            const browser = new BrowserSession(run.org);
            const login = await browser.login(username, seedUser(username).password!);
            expect(login.statusCode).toBe(303);
            const answer = await browser.get(url);
            expect(answer.statusCode).toBe(200);
            expect(answer.body).toContain(`<script type="module" src="/assets/app/${entry}"></script>`);
            return links(answer.body);
        };
        const leads = await shellOf('ana.garcia@iberia.example', '/s/lead/Lead/Default');
        expect(leads).toEqual([...new Set([...preload.app!, ...preload.leadsPage!])]);
        expect(leads.some((f) => /^chunks\/leadsPage-/.test(f!))).toBe(true);
        expect(leads.some((f) => /^chunks\/homePage-|^chunks\/staffApp-/.test(f!))).toBe(false);
        const home = await shellOf('ana.garcia@iberia.example', '/s/');
        expect(home.some((f) => /^chunks\/homePage-/.test(f!))).toBe(true);
        expect(home.some((f) => /^chunks\/leadsPage-/.test(f!))).toBe(false);
        const record = await shellOf('ana.garcia@iberia.example', '/s/opportunity/006000000000001AAA');
        expect(record.some((f) => /^chunks\/opportunityRecordPage-/.test(f!))).toBe(true);
        // Vendor staff get their own shell, never the partner site's pages.
        const staff = await shellOf('marta.vidal@nimbus.example', '/s/');
        expect(staff).toEqual(preload.staffApp);
        expect(staff.some((f) => /^chunks\/(app|leadsPage|homePage)-/.test(f!))).toBe(false);
    });

    it('splits one chunk per page and caches hashed chunks for a year', async () => {
        const chunks = readdirSync(path.join(CLIENT_DIST, 'chunks')).filter((f) => f.endsWith('.js'));
        for (const page of [
            'homePage',
            'leadsPage',
            'leadRecordPage',
            'opportunitiesPage',
            'opportunityRecordPage'
        ]) {
            expect(chunks.some((f) => new RegExp(`^${page}-[\\w-]{8}\\.js$`).test(f))).toBe(true);
        }
        const leads = chunks.find((f) => f.startsWith('leadsPage-'))!;
        const answer = await run.org.app.inject({
            url: `/assets/app/chunks/${leads}`,
            headers: { 'accept-encoding': 'gzip, br' }
        });
        expect(answer.statusCode).toBe(200);
        expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(['br', 'gzip']).toContain(answer.headers['content-encoding']);
        // The entry does not carry the page components: they come with their page's chunk.
        expect(readFileSync(path.join(CLIENT_DIST, buildManifest().entry), 'utf8')).not.toContain(
            'c-lead-queue'
        );
        // Nor any icon module: icons are the SLDS SVG files, fetched one by one (local/primitiveIcon).
        expect(chunks.filter((f) => /iconSvgTemplates/.test(f))).toEqual([]);
    });

    it('serves the SLDS stylesheet compressed and cacheable', async () => {
        const css = await run.org.app.inject({
            url: '/assets/slds/styles/salesforce-lightning-design-system.min.css',
            headers: { 'accept-encoding': 'gzip' }
        });
        expect(css.statusCode).toBe(200);
        expect(css.headers['content-encoding']).toBe('gzip');
        expect(css.headers['cache-control']).toBe('public, max-age=86400');
        expect(gunzipSync(css.rawPayload).toString()).toContain('.slds-button');
    });
});
