import { setTimeout as sleep } from 'node:timers/promises';
import { isBusyError } from './database.js';

/** How long a request keeps trying to get the write lock before it answers TRY_AGAIN. */
export const DEFAULT_WRITE_BUDGET_MS = 3000;
const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 200;

/**
 * Runs work; when it fails because another process holds SQLite's write lock (SQLITE_BUSY after the short busy
 * timeout), waits without blocking the event loop (backoff with jitter) and runs it again, until budgetMs has
 * passed: then the busy error is thrown, for the error handler to answer TRY_AGAIN. Only work that rolled back on
 * the error may be retried (every writer is one transaction, apex/shared/LockFailures.ts), and only while
 * canRetry() holds (nothing sent yet).
 */
export async function retryWhileBusy<T>(
    work: () => T | Promise<T>,
    budgetMs: number,
    canRetry: () => boolean = () => true
): Promise<T> {
    const deadline = Date.now() + budgetMs;
    let delay = FIRST_DELAY_MS;
    for (;;) {
        try {
            return await work();
        } catch (error) {
            if (!isBusyError(error) || !canRetry()) throw error;
            const wait = Math.min(delay, deadline - Date.now());
            if (wait <= 0) throw error;
            await sleep(wait / 2 + Math.random() * (wait / 2));
            delay = Math.min(delay * 2, MAX_DELAY_MS);
        }
    }
}
