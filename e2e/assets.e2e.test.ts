/**
 * The production build as `npm start` serves it (needs `npm run build:local`, as the other e2e tests): minified
 * entry and page chunks, precompressed answers, long-lived cache headers on hashed chunk names only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { CLIENT_DIST } from '../local-org/server/app.js';
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

    it('serves main.js minified, brotli- or gzip-compressed, revalidated', async () => {
        const main = readFileSync(path.join(CLIENT_DIST, 'main.js'));
        // Minified: no indentation left, and far fewer lines than bytes / 200.
        expect(main.toString().split('\n').length).toBeLessThan(main.length / 2000);
        const br = await run.org.app.inject({
            url: '/assets/app/main.js',
            headers: { 'accept-encoding': 'br' }
        });
        expect(br.statusCode).toBe(200);
        expect(br.headers['content-encoding']).toBe('br');
        expect(br.headers['cache-control']).toBe('no-cache');
        expect(brotliDecompressSync(br.rawPayload).equals(main)).toBe(true);
        const gz = await run.org.app.inject({
            url: '/assets/app/main.js',
            headers: { 'accept-encoding': 'gzip' }
        });
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(gz.rawPayload).equals(main)).toBe(true);
        const plain = await run.org.app.inject({ url: '/assets/app/main.js' });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.rawPayload.equals(main)).toBe(true);
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
        expect(readFileSync(path.join(CLIENT_DIST, 'main.js'), 'utf8')).not.toContain('c-lead-queue');
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
