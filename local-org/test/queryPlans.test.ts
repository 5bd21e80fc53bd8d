import { openDatabase, type Db } from '../server/db/database.js';
import { LeadPublicationSelector } from '../server/apex/LeadPublicationSelector.js';

/**
 * Plans, not timings (npm run bench measures the time): the first-look read that every queue page makes must seek
 * the published leads of the queues, not walk every open lead of them (it cost 30 ms a page at 100,000 leads).
 */
describe('query plans', () => {
    let db: Db;
    beforeAll(() => {
        db = openDatabase(':memory:');
    });
    afterAll(() => db.close());

    function plansOf(run: () => unknown): string[] {
        const prepare = db.prepare.bind(db);
        const seen: string[] = [];
        db.prepare = ((sql: string) => {
            seen.push(sql);
            return prepare(sql);
        }) as Db['prepare'];
        try {
            run();
        } finally {
            db.prepare = prepare;
        }
        return seen.map((sql) => {
            const params = (sql.match(/\?/g) ?? []).map(() => 'x');
            return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
                .map((row) => row.detail)
                .join(' | ');
        });
    }

    it('the next first-look opening seeks the published leads of the queues through their partial index', () => {
        const plans = plansOf(() =>
            new LeadPublicationSelector(db).firstPublishedAfter(['00G000000000001', '00G000000000002'], 'x')
        );
        expect(plans).toEqual([expect.stringContaining('USING COVERING INDEX leads_owner_published')]);
    });

    it('that index is partial, so the queue page keeps its own (owner, created date) order', () => {
        const { sql } = db
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'leads_owner_published'")
            .get() as { sql: string };
        expect(sql).toMatch(/WHERE published_at IS NOT NULL AND is_converted = 0/);
    });
});
