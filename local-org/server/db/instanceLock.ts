import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Thrown when another process already serves the data folder. */
export class DataFolderInUseError extends Error {
    readonly code = 'DATA_FOLDER_IN_USE';

    constructor(
        readonly dataDir: string,
        readonly pid: number | null
    ) {
        super(
            `The data folder ${dataDir} is in use by another local org${pid ? ` (pid ${pid})` : ''}. ` +
                'Stop that server first, or give this one another folder (CANAL_DATA_DIR=...).'
        );
        this.name = 'DataFolderInUseError';
    }
}

interface Held {
    lock: Database.Database;
    pidFile: string;
    holders: number;
}

// One lock per folder and process: a second org opened by the same process (a test re-opening the folder it
// seeded) shares it; only another process is refused.
const held = new Map<string, Held>();

/**
 * Takes the data folder's single-instance lock: an exclusive SQLite lock on `canal.lock`, which the operating
 * system drops when the process dies (a SIGKILL leaves no stale lock behind), plus `canal.pid` saying who holds
 * it. Returns the release function; throws DataFolderInUseError when another process holds the folder.
 */
export function acquireInstanceLock(dataDir: string): () => void {
    mkdirSync(dataDir, { recursive: true });
    const key = realpathSync(dataDir);
    let entry = held.get(key);
    if (!entry) {
        const pidFile = path.join(key, 'canal.pid');
        const lock = new Database(path.join(key, 'canal.lock'));
        try {
            // No wait at all: a folder in use is an answer, not something to queue for.
            lock.pragma('busy_timeout = 0');
            lock.pragma('locking_mode = EXCLUSIVE');
            // An open EXCLUSIVE transaction holds the file lock until the connection closes or the process ends.
            lock.exec('BEGIN EXCLUSIVE');
        } catch (error) {
            lock.close();
            if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY'))
                throw new DataFolderInUseError(key, readPid(pidFile));
            throw error;
        }
        writeFileSync(pidFile, `${process.pid}\n`);
        entry = { lock, pidFile, holders: 0 };
        held.set(key, entry);
    }
    entry.holders++;
    const current = entry;
    let released = false;
    return () => {
        if (released) return;
        released = true;
        if (--current.holders > 0) return;
        held.delete(key);
        rmSync(current.pidFile, { force: true });
        current.lock.close();
    };
}

function readPid(pidFile: string): number | null {
    try {
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
        return null;
    }
}
