import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
// N = 2^14 is OWASP's floor for scrypt and keeps a login under ~50 ms on this machine.
const COST: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function scrypt(password: string, salt: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) =>
        scryptCallback(password, salt, KEY_LENGTH, COST, (error, key) =>
            error ? reject(error) : resolve(key)
        )
    );
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt);
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join(
        '$'
    );
}

/** True when the password matches the stored hash; constant-time on the key comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
    const [scheme, , , , salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await scrypt(password, Buffer.from(salt, 'base64url'));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** The password policy of the portal: at least 10 characters with a letter and a digit. */
export function isStrongPassword(password: string): boolean {
    return (
        password.length >= 10 && password.length <= 128 && /[A-Za-z]/.test(password) && /\d/.test(password)
    );
}

/** A random temporary password that satisfies the policy. */
export function temporaryPassword(): string {
    return `Tmp-${randomBytes(6).toString('base64url')}7`;
}
