import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { createLocalOrg, type LocalOrg, type LocalOrgOptions } from '../server/app.js';
import { loadSeedFile, type SeedUser } from '../server/db/seed.js';

export interface TestOrg extends LocalOrg {
    dataDir: string;
    dispose(): Promise<void>;
}

/** A local org on a fresh temporary data folder (a real SQLite file), seeded small for speed. */
export async function startTestOrg(options: Partial<LocalOrgOptions> = {}): Promise<TestOrg> {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'canal-org-'));
    const org = await createLocalOrg({
        queueLeads: 300,
        recallIntervalMs: 0,
        loginRateLimit: 1000,
        ...options,
        dataDir
    });
    return {
        ...org,
        dataDir,
        async dispose() {
            await org.close();
            rmSync(dataDir, { recursive: true, force: true });
        }
    };
}

export function seedUser(username: string): SeedUser {
    return loadSeedFile().users.find((u) => u.username === username)!;
}

/** The Set-Cookie values of a response, by cookie name, with their attributes. */
export function cookies(response: LightMyRequestResponse): Record<string, string> {
    const raw = response.headers['set-cookie'];
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    return Object.fromEntries(list.map((c) => [c.split('=')[0]!, c]));
}

function cookieValue(setCookie: string): string {
    return setCookie.split(';')[0]!.split('=').slice(1).join('=');
}

/** A browser session: logs in through the form (with its CSRF cookie) and keeps the session cookie. */
export class BrowserSession {
    sid = '';
    csrf = '';

    constructor(private readonly org: LocalOrg) {}

    async login(username: string, password: string): Promise<LightMyRequestResponse> {
        const form = await this.org.app.inject({ method: 'GET', url: '/login' });
        const loginCsrf = cookieValue(cookies(form)['canal_login_csrf']!);
        const response = await this.org.app.inject({
            method: 'POST',
            url: '/login',
            cookies: { canal_login_csrf: loginCsrf },
            payload: { username, password, csrf: loginCsrf }
        });
        const sid = cookies(response)['canal_sid'];
        if (sid) {
            this.sid = cookieValue(sid);
            this.csrf = this.csrfFromSession();
        }
        return response;
    }

    csrfFromSession(): string {
        const row = this.org.ctx.db.prepare('SELECT csrf_token FROM sessions WHERE id = ?').get(this.sid) as
            { csrf_token: string } | undefined;
        return row?.csrf_token ?? '';
    }

    apex(
        className: string,
        method: string,
        params: unknown,
        options: { csrf?: string | null; raw?: string } = {}
    ): Promise<LightMyRequestResponse> {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        const csrf = options.csrf === undefined ? this.csrf : options.csrf;
        if (csrf !== null) headers['x-csrf-token'] = csrf;
        return this.org.app.inject({
            method: 'POST',
            url: `/apex/${className}/${method}`,
            cookies: this.sid ? { canal_sid: this.sid } : {},
            headers,
            payload: options.raw ?? JSON.stringify(params)
        });
    }

    get(url: string): Promise<LightMyRequestResponse> {
        return this.org.app.inject({ method: 'GET', url, cookies: this.sid ? { canal_sid: this.sid } : {} });
    }

    post(url: string, payload: Record<string, string>): Promise<LightMyRequestResponse> {
        return this.org.app.inject({
            method: 'POST',
            url,
            cookies: this.sid ? { canal_sid: this.sid } : {},
            payload
        });
    }
}
