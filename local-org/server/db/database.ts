import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { registerActingUserFunction } from './actingUser.js';
import { MIGRATIONS } from './schema.js';
import { makeId, type SObjectName } from '../ids.js';

export type Db = Database.Database;

/** Opens (creating when missing) the SQLite file in the data folder, or an in-memory database, migrated. */
export function openDatabase(dataDir: string | ':memory:'): Db {
    let db: Db;
    if (dataDir === ':memory:') {
        db = new Database(':memory:');
    } else {
        mkdirSync(dataDir, { recursive: true });
        db = new Database(path.join(dataDir, 'canal.sqlite'));
        // WAL keeps readers off the writer's back; a busy timeout waits for a lock instead of failing at once.
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    registerActingUserFunction(db);
    migrate(db);
    return db;
}

function migrate(db: Db): void {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < MIGRATIONS.length; version++) {
        db.transaction(() => {
            db.exec(MIGRATIONS[version]!);
            db.pragma(`user_version = ${version + 1}`);
        })();
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
