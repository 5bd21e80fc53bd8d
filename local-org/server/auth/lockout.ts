/** Failed password checks an account may have before it is locked. */
export const MAX_FAILURES = 5;
/** How long failures are remembered, and how long a lock lasts. */
export const LOCKOUT_WINDOW_MS = 15 * 60_000;
// Bounds the memory an attacker can make the server hold by trying many usernames.
const MAX_TRACKED = 10_000;

interface Failures {
    count: number;
    /** When the first remembered failure happened. */
    since: number;
    /** Set once the account is locked: until when. */
    lockedUntil: number;
}

/**
 * Per-account lockout, one budget for every place a password is checked (the login form, the OAuth token
 * endpoint, the password change): MAX_FAILURES wrong passwords within LOCKOUT_WINDOW_MS lock the account for
 * LOCKOUT_WINDOW_MS, whatever the client address. Unknown usernames are counted the same way, so a lock says
 * nothing about whether an account exists. The per-address rate limits of the routes stay in force besides.
 */
export class AccountLockout {
    private readonly failures = new Map<string, Failures>();

    constructor(private readonly now: () => number = Date.now) {}

    /** True while the account is locked: its password must not even be checked. */
    isLocked(username: string): boolean {
        const entry = this.current(username);
        return entry !== undefined && entry.lockedUntil > this.now();
    }

    /** Counts a wrong password; true when this failure locked the account. */
    recordFailure(username: string): boolean {
        const key = keyOf(username);
        const now = this.now();
        const entry = this.current(username) ?? { count: 0, since: now, lockedUntil: 0 };
        entry.count++;
        if (entry.count >= MAX_FAILURES) entry.lockedUntil = now + LOCKOUT_WINDOW_MS;
        this.failures.delete(key);
        this.failures.set(key, entry);
        if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
        return entry.lockedUntil > now;
    }

    /** A right password clears the account's failures. */
    recordSuccess(username: string): void {
        this.failures.delete(keyOf(username));
    }

    private current(username: string): Failures | undefined {
        const key = keyOf(username);
        const entry = this.failures.get(key);
        if (!entry) return undefined;
        const now = this.now();
        const stale =
            entry.lockedUntil > 0 ? entry.lockedUntil <= now : entry.since + LOCKOUT_WINDOW_MS <= now;
        if (stale) {
            this.failures.delete(key);
            return undefined;
        }
        return entry;
    }
}

function keyOf(username: string): string {
    return username.trim().toLowerCase();
}
