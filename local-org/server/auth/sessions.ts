import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';

export type SessionKind = 'browser' | 'api';

export interface Session {
    id: string;
    user_id: string;
    csrf_token: string;
    kind: SessionKind;
    expires_at: string;
}

const LIFETIME_MS: Record<SessionKind, number> = { browser: 8 * 3_600_000, api: 2 * 3_600_000 };

/** Server-side sessions: the cookie or bearer token is a random id; nothing about the user lives in it. */
export class SessionStore {
    constructor(private readonly db: Db) {}

    create(userId: string, kind: SessionKind): Session {
        const session: Session = {
            id: randomBytes(32).toString('base64url'),
            user_id: userId,
            csrf_token: randomBytes(24).toString('base64url'),
            kind,
            expires_at: new Date(Date.now() + LIFETIME_MS[kind]).toISOString()
        };
        this.db
            .prepare(
                'INSERT INTO sessions (id, user_id, csrf_token, kind, expires_at) VALUES (?, ?, ?, ?, ?)'
            )
            .run(session.id, session.user_id, session.csrf_token, session.kind, session.expires_at);
        return session;
    }

    /** The live session of that id and kind, or undefined when missing, expired or of an inactive user. */
    find(id: string | undefined, kind: SessionKind): Session | undefined {
        if (!id) return undefined;
        const session = this.db
            .prepare(
                'SELECT s.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.kind = ? AND s.expires_at > ? AND u.is_active = 1'
            )
            .get(id, kind, new Date().toISOString()) as Session | undefined;
        return session;
    }

    destroy(id: string): void {
        this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    }

    /** Deletes every expired session (at start and on a timer): how many went. */
    purgeExpired(): number {
        return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(new Date().toISOString())
            .changes;
    }

    destroyAllOf(userId: string): void {
        this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    }
}
