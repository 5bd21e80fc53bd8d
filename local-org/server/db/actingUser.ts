import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './database.js';

interface ActingUserStore {
    userId(): string | null | undefined;
}

const storage = new AsyncLocalStorage<ActingUserStore>();

/**
 * Runs `work` as a user: field history written meanwhile (the history triggers call canal_acting_user())
 * names that user, as LeadHistory.CreatedById does in an org. `userId` is read when a row is written, so a
 * request can start the scope before its guard has identified the caller.
 */
export function runAsUser<T>(userId: () => string | null | undefined, work: () => T): T {
    return storage.run({ userId }, work);
}

/** The user the current request or job acts as; null outside runAsUser (seeding, the recall job). */
export function actingUserId(): string | null {
    return storage.getStore()?.userId() ?? null;
}

/** Registers the SQL functions the schema's history triggers call; every connection that writes needs them. */
export function registerActingUserFunction(db: Db): void {
    db.function('canal_acting_user', { deterministic: false }, () => actingUserId());
}
