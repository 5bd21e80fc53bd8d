import type { UserRecord } from '../apex/LeadClaimSelector.js';
import type { Db } from './database.js';

/** A user with the hash of their password (login and token requests only). */
export type LoginUser = UserRecord & { password_hash: string };

/**
 * The reads and writes of the platform's login, password change and invitations (routes/pages.ts,
 * routes/oauth.ts, app.ts): in an org Salesforce does these itself, so they have no Apex twin.
 */
export class UserSelector {
    constructor(private readonly db: Db) {}

    /** The active user with this username, with their password hash. */
    activeUserByUsername(username: string): LoginUser | undefined {
        return this.db.prepare('SELECT * FROM users WHERE username = ? AND is_active = 1').get(username) as
            LoginUser | undefined;
    }

    /** The user's password hash. */
    passwordHash(userId: string): string {
        return (
            this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as {
                password_hash: string;
            }
        ).password_hash;
    }

    /** Sets a new password hash; the temporary password is gone. */
    setPassword(userId: string, passwordHash: string): void {
        this.db
            .prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?')
            .run(passwordHash, userId);
    }

    /** What the welcome e-mail of an invited user needs. */
    invitee(username: string): { id: string; email: string; language: 'es' | 'en'; first_name: string } {
        return this.db
            .prepare('SELECT id, email, language, first_name FROM users WHERE username = ?')
            .get(username) as { id: string; email: string; language: 'es' | 'en'; first_name: string };
    }

    /** The organization, or undefined before the first seed. */
    organization(): { id: string; name: string; brand_color: string } | undefined {
        return this.db.prepare('SELECT id, name, brand_color FROM organization').get() as
            { id: string; name: string; brand_color: string } | undefined;
    }
}
