import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isBusyError } from './database.js';

/** How long a request keeps trying to get the write lock before it answers TRY_AGAIN. */
export const DEFAULT_WRITE_BUDGET_MS = 3000;
const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 200;

/** Whether the running request will be tried again when its write finds the lock taken. */
const retryScope = new AsyncLocalStorage<{ retryLater: boolean }>();

/**
 * True while a busy write should be thrown up to retryWhileBusy, to be tried again after a non-blocking wait, rather
 * than answered at once: the services' lock-timeout handling (apex/shared/LockFailures.ts) asks this before turning
 * SQLITE_BUSY into its TRY_AGAIN result. False outside a request and on the last attempt.
 */
export function busyWillBeRetried(): boolean {
    return retryScope.getStore()?.retryLater ?? false;
}

/**
 * Runs work; when it fails because another process holds SQLite's write lock (SQLITE_BUSY after the short busy
 * timeout), waits without blocking the event loop (backoff with jitter) and runs it again, until budgetMs has
 * passed. Then it runs once more as the last attempt, where a busy write is answered as the services answer a lock
 * timeout (their TRY_AGAIN result), or thrown for the error handler to answer TRY_AGAIN. Only work that rolled back
 * on the error may be retried (every writer is one transaction), and only while canRetry() holds (nothing sent).
 */
export async function retryWhileBusy<T>(
    work: () => T | Promise<T>,
    budgetMs: number,
    canRetry: () => boolean = () => true
): Promise<T> {
    const deadline = Date.now() + budgetMs;
    const state = { retryLater: true };
    let delay = FIRST_DELAY_MS;
    for (;;) {
        try {
            return await retryScope.run(state, work);
        } catch (error) {
            if (!isBusyError(error) || !canRetry() || !state.retryLater) throw error;
            const wait = Math.min(delay, deadline - Date.now());
            if (wait <= 0) state.retryLater = false;
            else await sleep(wait / 2 + Math.random() * (wait / 2));
            delay = Math.min(delay * 2, MAX_DELAY_MS);
        }
    }
}
