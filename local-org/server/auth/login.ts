import { randomBytes } from 'node:crypto';
import type { OrgContext } from '../context.js';
import { UserSelector, type LoginUser } from '../db/UserSelector.js';
import { hashPassword, verifyPassword } from './passwords.js';

export type PasswordUser = LoginUser;

/** The outcome of a password check: the user, or why not (a wrong pair, or a locked account). */
export type PasswordCheck = { ok: true; user: PasswordUser } | { ok: false; reason: 'INVALID' | 'LOCKED' };

// A hash of a random password nobody knows, checked against for unknown usernames: a login answers in the same
// time whether the account exists or not (scrypt is the whole cost of either).
let dummyHash: Promise<string> | undefined;
function unknownUserHash(): Promise<string> {
    dummyHash ??= hashPassword(randomBytes(24).toString('base64url'));
    return dummyHash;
}

/**
 * Checks a username and password for the login form, the OAuth token endpoint and the password change alike:
 * one lockout budget (ctx.lockout) for all three, and the same work for unknown and known usernames.
 */
export async function checkPassword(
    ctx: OrgContext,
    username: string,
    password: string
): Promise<PasswordCheck> {
    const name = username.trim();
    if (ctx.lockout.isLocked(name)) return { ok: false, reason: 'LOCKED' };
    const user = new UserSelector(ctx.db).activeUserByUsername(name);
    const matches = await verifyPassword(password, user?.password_hash ?? (await unknownUserHash()));
    if (user && matches) {
        ctx.lockout.recordSuccess(name);
        return { ok: true, user };
    }
    return { ok: false, reason: ctx.lockout.recordFailure(name) ? 'LOCKED' : 'INVALID' };
}

/** Computes the unknown-user hash ahead of the first login, so that login does not pay for it. */
export async function preparePasswordChecks(): Promise<void> {
    await unknownUserHash();
}
