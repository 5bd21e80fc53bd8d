import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { registerActingUserFunction } from './actingUser.js';
import { MIGRATIONS } from './schema.js';
import { makeId, type SObjectName } from '../ids.js';

export type Db = Database.Database;

/**
 * How long one statement may wait for SQLite's write lock. better-sqlite3 waits synchronously, so the event
 * loop serves nothing meanwhile (LOCAL-ORG-NOTES gotcha 11): the wait is kept short and a request that still
 * finds the lock taken is retried asynchronously (app.ts, retryWhileBusy) until its budget runs out.
 */
export const BUSY_TIMEOUT_MS = 25;
/** The wait while the server starts (migrations, seeding): nothing is being served yet, so waiting blocks nobody. */
export const STARTUP_BUSY_TIMEOUT_MS = 5000;

/** True for SQLite's "database is locked" family (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, ...). */
export function isBusyError(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Opens (creating when missing) the SQLite file in the data folder, or an in-memory database, migrated. The busy
 * timeout is the start-up one: call servingBusyTimeout(db) once the server is about to serve.
 */
export function openDatabase(dataDir: string | ':memory:'): Db {
    let db: Db;
    if (dataDir === ':memory:') {
        db = new Database(':memory:');
    } else {
        mkdirSync(dataDir, { recursive: true });
        db = new Database(path.join(dataDir, 'canal.sqlite'));
        db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
        // WAL keeps readers off the writer's back.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${STARTUP_BUSY_TIMEOUT_MS}`);
    registerActingUserFunction(db);
    migrate(db);
    ensurePerformanceIndexes(db);
    cachePreparedStatements(db);
    return db;
}

/** Switches to the short busy timeout of a serving process (BUSY_TIMEOUT_MS). */
export function servingBusyTimeout(db: Db): void {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * Indexes that keep the claim path flat as the audit trail grows (npm run bench, growth table): the next
 * audit sequence number (MAX(seq)) and a lead's latest audit row. IF NOT EXISTS, so they need no migration
 * number and apply to data folders created before them.
 */
function ensurePerformanceIndexes(db: Db): void {
    db.exec(`
        CREATE INDEX IF NOT EXISTS lead_claims_seq ON lead_claims(seq);
        CREATE INDEX IF NOT EXISTS lead_claims_lead ON lead_claims(lead_id, seq);
    `);
}

/**
 * Memoizes db.prepare by SQL text: the services prepare their statements where they use them, and compiling
 * the same SQL on every call was most of a claim's SQLite time (profiled in npm run bench). A cached
 * statement is shared, so its modes (pluck, raw, expand, safeIntegers) must not be switched: those calls
 * throw on a cached statement; use db.prepareUncached(sql) for such a statement.
 */
function cachePreparedStatements(db: Db): void {
    const prepare = db.prepare.bind(db);
    const cache = new Map<string, Database.Statement>();
    const shared = () => {
        throw new Error(
            'A cached prepared statement is shared: use db.prepareUncached(sql) to change its mode'
        );
    };
    (db as Db & { prepareUncached: Db['prepare'] }).prepareUncached = prepare;
    db.prepare = ((sql: string) => {
        let statement = cache.get(sql);
        if (!statement) {
            statement = prepare(sql);
            // SQL is built from fixed fragments, so the set is small; the cap only guards against a future leak.
            if (cache.size >= 2000) cache.clear();
            for (const mode of ['pluck', 'raw', 'expand', 'safeIntegers'] as const) {
                Object.defineProperty(statement, mode, { value: shared });
            }
            cache.set(sql, statement);
        }
        return statement;
    }) as Db['prepare'];
}

function migrate(db: Db): void {
    for (;;) {
        // The version is read again under the write lock (IMMEDIATE): a process that opened the same file at the
        // same moment may have applied it already.
        const applied = db
            .transaction(() => {
                const version = db.pragma('user_version', { simple: true }) as number;
                if (version >= MIGRATIONS.length) return false;
                db.exec(MIGRATIONS[version]!);
                db.pragma(`user_version = ${version + 1}`);
                return true;
            })
            .immediate();
        if (!applied) return;
    }
}

/** Allocates the next Salesforce-shaped id of a type. */
export function newId(db: Db, type: SObjectName): string {
    const row = db
        .prepare(
            'INSERT INTO counters (sobject, next) VALUES (?, 2) ON CONFLICT(sobject) DO UPDATE SET next = next + 1 RETURNING next'
        )
        .get(type) as { next: number };
    return makeId(type, row.next - 1);
}
