import { busyWillBeRetried } from '../../db/busyRetry.js';
import type { Db } from '../../db/database.js';

/**
 * The twin of LockFailures.cls: a write that cannot get its lock in time becomes TRY_AGAIN, never a raw error.
 * In an org that is a QueryException or DmlException about UNABLE_TO_LOCK_ROW or a deadlock; here it is SQLite's
 * busy answer (BEGIN IMMEDIATE waits for the write lock up to the busy timeout, then fails with SQLITE_BUSY).
 */
export const LockFailures = {
    /** True when the failure is a lock timeout (or deadlock) the caller may retry. */
    isLockTimeout(failure: unknown): boolean {
        const code = (failure as { code?: unknown } | null)?.code;
        return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
    },

    /**
     * Runs one writer's work in a BEGIN IMMEDIATE transaction (the local counterpart of the Apex locks: the write
     * lock is taken first, so every writer is serialized); a lock timeout rolls back and answers `onLockTimeout()`.
     */
    inWriteTransaction<T>(db: Db, work: () => T, onLockTimeout: () => T): T {
        try {
            return db.transaction(work).immediate();
        } catch (failure) {
            // Within a request, the lock is waited for asynchronously first (db/busyRetry.ts), then answered here.
            if (LockFailures.isLockTimeout(failure) && !busyWillBeRetried()) return onLockTimeout();
            throw failure;
        }
    }
};
