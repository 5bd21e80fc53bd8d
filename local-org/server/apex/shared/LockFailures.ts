import type { ClaimCode } from 'canal/apex/LeadClaimController';
import type { Db } from '../../db/database.js';

/**
 * The twin of LockFailures.cls: a write that cannot get its lock in time becomes TRY_AGAIN, never a raw error, and
 * the holder rules every holder action shares. In an org a lock timeout is a QueryException or DmlException about
 * UNABLE_TO_LOCK_ROW or a deadlock; here it is SQLite's busy answer (BEGIN IMMEDIATE waits for the write lock up to
 * the busy timeout, then fails with SQLITE_BUSY).
 */
export const LockFailures = {
    /** True when the failure is a lock timeout (or deadlock) the caller may retry. */
    isLockTimeout(failure: unknown): boolean {
        const code = (failure as { code?: unknown } | null)?.code;
        return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
    },

    /**
     * Runs one writer's work in a BEGIN IMMEDIATE transaction: the local counterpart of the Apex locks (the write
     * lock is taken first, so every writer is serialized). A lock timeout rolls everything back and is thrown on
     * purpose, so the work may run again: the routes retry it without blocking the event loop and then answer
     * TRY_AGAIN (app.ts, db/busyRetry.ts); the recall answers 0 and its next run retries.
     */
    inWriteTransaction<T>(db: Db, work: () => T): T {
        return db.transaction(work).immediate();
    },

    /**
     * Why the user may not act on the lead as its holder (release, status, convert), or null when they hold it.
     * @param lead the lead as the user sees it, else as a system-mode probe reads it, else undefined
     */
    holderRefusal(
        lead: { owner_id: string; is_converted: number } | undefined,
        userId: string
    ): Extract<ClaimCode, 'NOT_FOUND' | 'NOT_ELIGIBLE' | 'NOT_OWNER'> | null {
        if (!lead) return 'NOT_FOUND';
        if (lead.is_converted) return 'NOT_ELIGIBLE';
        if (lead.owner_id !== userId) return 'NOT_OWNER';
        return null;
    }
};
