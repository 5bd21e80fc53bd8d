import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../apex/LeadClaimSelector.js';
import { label, type OrgContext } from '../context.js';
import type { Language } from '../metadata/labels.js';
import type { Session } from './sessions.js';

export const SESSION_COOKIE = 'canal_sid';
export const LOGIN_CSRF_COOKIE = 'canal_login_csrf';

declare module 'fastify' {
    interface FastifyRequest {
        session?: Session;
        user?: UserRecord;
    }
}

/** The language of a visitor who is not logged in: ?lang=, then Accept-Language, then Spanish. */
export function visitorLanguage(request: FastifyRequest): Language {
    const query = (request.query as Record<string, unknown> | undefined)?.lang;
    if (query === 'en' || query === 'es') return query;
    const accept = String(request.headers['accept-language'] ?? '').toLowerCase();
    return accept.startsWith('en') ? 'en' : 'es';
}

function loadUser(ctx: OrgContext, session: Session): UserRecord | undefined {
    return ctx.db.prepare('SELECT * FROM users WHERE id = ?').get(session.user_id) as UserRecord | undefined;
}

/** The platform's error shape for a failed Apex call: the LWC's reduceErrors reads body.message. */
export function apexError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
    return reply
        .code(status)
        .type('application/json')
        .send({ code, message, exceptionType: 'System.AuraHandledException' });
}

/**
 * Guards /apex/*: a live browser session, a password that is no longer temporary, and the CSRF token of
 * that session in X-CSRF-Token (SameSite=Strict alone does not cover every browser and proxy).
 */
export function browserApexGuard(ctx: OrgContext) {
    return browserGuard(ctx, true);
}

/**
 * Guards GET /events/stream as /apex/* is guarded, but for the CSRF header: EventSource cannot send one, and
 * the stream only reads (SameSite=Strict keeps other sites' pages from opening it with the cookie).
 */
export function browserStreamGuard(ctx: OrgContext) {
    return browserGuard(ctx, false);
}

function browserGuard(ctx: OrgContext, checkCsrf: boolean) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
        const session = ctx.sessions.find(request.cookies[SESSION_COOKIE], 'browser');
        const user = session && loadUser(ctx, session);
        if (!session || !user) {
            await apexError(
                reply,
                401,
                'NOT_AUTHENTICATED',
                label(ctx, visitorLanguage(request), 'Canal_Error_Session')
            );
            return;
        }
        if (checkCsrf && request.headers['x-csrf-token'] !== session.csrf_token) {
            await apexError(
                reply,
                403,
                'CSRF_TOKEN_INVALID',
                label(ctx, user.language, 'Canal_Error_Forbidden')
            );
            return;
        }
        if (user.must_change_password) {
            await apexError(
                reply,
                403,
                'PASSWORD_CHANGE_REQUIRED',
                label(ctx, user.language, 'Canal_Password_Change_Intro')
            );
            return;
        }
        request.session = session;
        request.user = user;
    };
}

/** Guards the REST API: `Authorization: Bearer <access token>` from the OAuth token endpoint. */
export function bearerGuard(ctx: OrgContext) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
        const header = request.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
        const session = ctx.sessions.find(token, 'api');
        const user = session && loadUser(ctx, session);
        if (!session || !user) {
            // The platform's shape, which jsforce turns into an INVALID_SESSION_ID error.
            await reply
                .code(401)
                .send([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
            return;
        }
        request.session = session;
        request.user = user;
    };
}

/** The browser session of a page request, or undefined (pages redirect to /login themselves). */
export function pageSession(
    ctx: OrgContext,
    request: FastifyRequest
): { session: Session; user: UserRecord } | undefined {
    const session = ctx.sessions.find(request.cookies[SESSION_COOKIE], 'browser');
    const user = session && loadUser(ctx, session);
    return session && user ? { session, user } : undefined;
}
