import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../apex/LeadClaimSelector.js';
import { LOGIN_CSRF_COOKIE, SESSION_COOKIE, pageSession, visitorLanguage } from '../auth/guard.js';
import { checkPassword } from '../auth/login.js';
import { hashPassword, isStrongPassword } from '../auth/passwords.js';
import { label, type OrgContext } from '../context.js';
import type { Language } from '../metadata/labels.js';
import { escapeHtml, page } from '../pages/html.js';
import { loadNavigationMenu } from '../metadata/navigationMenu.js';
import { staffNavigationMenu } from '../pages/staffMenu.js';
import { entryScript, modulePreloads } from '../pages/preload.js';
import { isVendorStaff } from '../apex/LeadClaimSelector.js';
import { UserSelector } from '../db/UserSelector.js';

const COOKIE_OPTIONS = { httpOnly: true, sameSite: 'strict' as const, path: '/' };

function loginForm(
    ctx: OrgContext,
    lang: Language,
    csrf: string,
    options: { error?: string; username?: string } = {}
): string {
    const t = (name: string) => escapeHtml(label(ctx, lang, name));
    return page({
        title: label(ctx, lang, 'Canal_Login_Title'),
        lang,
        brandColor: ctx.brandColor,
        body: `<div class="slds-box slds-theme_default" style="max-width:26rem;margin:2rem auto">
<h1 class="slds-text-heading_large slds-m-bottom_medium">${t('Canal_Login_Title')}</h1>
${options.error ? `<div class="slds-notify slds-notify_alert slds-alert_error slds-m-bottom_small" role="alert">${escapeHtml(options.error)}</div>` : ''}
<form method="post" action="/login?lang=${lang}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<div class="slds-form-element slds-m-bottom_small"><label class="slds-form-element__label" for="username">${t('Canal_Login_Username')}</label>
<div class="slds-form-element__control"><input class="slds-input" id="username" name="username" type="email" autocomplete="username" required value="${escapeHtml(options.username ?? '')}"></div></div>
<div class="slds-form-element slds-m-bottom_medium"><label class="slds-form-element__label" for="password">${t('Canal_Login_Password')}</label>
<div class="slds-form-element__control"><input class="slds-input" id="password" name="password" type="password" autocomplete="current-password" required></div></div>
<button class="slds-button slds-button_brand slds-button_stretch" type="submit">${t('Canal_Login_Submit')}</button>
</form>
<p class="slds-m-top_medium">${t('Canal_Login_Outbox_Hint')}</p>
<p class="slds-m-top_x-small"><a href="/login?lang=${lang === 'es' ? 'en' : 'es'}">${lang === 'es' ? 'English' : 'Español'}</a></p>
</div>`
    });
}

function passwordForm(ctx: OrgContext, user: UserRecord, csrf: string, error?: string): string {
    const t = (name: string) => escapeHtml(label(ctx, user.language, name));
    const field = (id: string, name: string, autocomplete: string) =>
        `<div class="slds-form-element slds-m-bottom_small"><label class="slds-form-element__label" for="${id}">${t(name)}</label><div class="slds-form-element__control"><input class="slds-input" id="${id}" name="${id}" type="password" autocomplete="${autocomplete}" required></div></div>`;
    return page({
        title: label(ctx, user.language, 'Canal_Password_Change_Title'),
        lang: user.language,
        brandColor: ctx.brandColor,
        body: `<div class="slds-box slds-theme_default" style="max-width:26rem;margin:2rem auto">
<h1 class="slds-text-heading_large slds-m-bottom_small">${t('Canal_Password_Change_Title')}</h1>
<p class="slds-m-bottom_medium">${t('Canal_Password_Change_Intro')}</p>
${error ? `<div class="slds-notify slds-notify_alert slds-alert_error slds-m-bottom_small" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="/change-password">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
${field('current', 'Canal_Password_Current', 'current-password')}
${field('newPassword', 'Canal_Password_New', 'new-password')}
${field('confirm', 'Canal_Password_Confirm', 'new-password')}
<p class="slds-text-color_weak slds-m-bottom_medium">${t('Canal_Password_Rules')}</p>
<button class="slds-button slds-button_brand slds-button_stretch" type="submit">${t('Canal_Password_Save')}</button>
</form></div>`
    });
}

/** The payload the portal shell hands to the LWC shims (user id, language, CSRF token). */
function shellHtml(ctx: OrgContext, user: UserRecord, csrf: string, pathname: string): string {
    const preloads = modulePreloads(pathname, isVendorStaff(user))
        .map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`)
        .join('\n');
    const boot = JSON.stringify({
        userId: user.id,
        userName: `${user.first_name} ${user.last_name}`,
        lang: user.language,
        basePath: '/s',
        csrfToken: csrf,
        orgName: ctx.orgName,
        brandColor: ctx.brandColor,
        persona: user.persona,
        // Vendor staff get their own tabs; partner users the site's navigation menu.
        navigationMenu:
            staffNavigationMenu(ctx.labels, user) ?? loadNavigationMenu(ctx.labels, user.language),
        labels: ctx.labels[user.language]
    }).replace(/</g, '\\u003c');
    return `<!doctype html>
<html lang="${user.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(ctx.orgName)} · Canal PRM</title>
<link rel="stylesheet" href="/assets/slds/styles/salesforce-lightning-design-system.min.css">
${preloads}
</head>
<body class="slds-scope">
<div id="root"></div>
<script id="canal-boot" type="application/json">${boot}</script>
<script type="module" src="${escapeHtml(entryScript())}"></script>
</body>
</html>`;
}

/** Login, first-login password change, logout, the local outbox, and the portal shell under /s. */
export function registerPageRoutes(app: FastifyInstance, ctx: OrgContext, loginRateLimit: number): void {
    const newLoginCsrf = (reply: FastifyReply): string => {
        const token = randomBytes(24).toString('base64url');
        reply.setCookie(LOGIN_CSRF_COOKIE, token, COOKIE_OPTIONS);
        return token;
    };

    app.get('/', async (request, reply) => reply.redirect(pageSession(ctx, request) ? '/s/' : '/login'));

    app.get('/login', async (request, reply) => {
        const lang = visitorLanguage(request);
        return reply.type('text/html').send(loginForm(ctx, lang, newLoginCsrf(reply)));
    });

    app.post(
        '/login',
        {
            config: { rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
            schema: {
                body: {
                    type: 'object',
                    properties: {
                        username: { type: 'string', maxLength: 200 },
                        password: { type: 'string', maxLength: 200 },
                        csrf: { type: 'string', maxLength: 100 }
                    },
                    required: ['username', 'password', 'csrf']
                }
            }
        },
        async (
            request: FastifyRequest<{ Body: { username: string; password: string; csrf: string } }>,
            reply
        ) => {
            const lang = visitorLanguage(request);
            const { username, password, csrf } = request.body;
            const fail = (labelName = 'Canal_Login_Failed') =>
                reply
                    .code(401)
                    .type('text/html')
                    .send(
                        loginForm(ctx, lang, newLoginCsrf(reply), {
                            error: label(ctx, lang, labelName),
                            username
                        })
                    );
            if (!csrf || csrf !== request.cookies[LOGIN_CSRF_COOKIE]) return fail();
            const check = await checkPassword(ctx, username, password);
            if (!check.ok)
                return fail(check.reason === 'LOCKED' ? 'Canal_Login_Locked' : 'Canal_Login_Failed');
            const user = check.user;
            const session = ctx.sessions.create(user.id, 'browser');
            reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
            reply.setCookie(SESSION_COOKIE, session.id, COOKIE_OPTIONS);
            return reply.redirect(user.must_change_password ? '/change-password' : '/s/', 303);
        }
    );

    app.get('/change-password', async (request, reply) => {
        const current = pageSession(ctx, request);
        if (!current) return reply.redirect('/login');
        return reply.type('text/html').send(passwordForm(ctx, current.user, current.session.csrf_token));
    });

    app.post(
        '/change-password',
        {
            config: { rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
            schema: {
                body: {
                    type: 'object',
                    properties: {
                        current: { type: 'string', maxLength: 200 },
                        newPassword: { type: 'string', maxLength: 200 },
                        confirm: { type: 'string', maxLength: 200 },
                        csrf: { type: 'string', maxLength: 100 }
                    },
                    required: ['current', 'newPassword', 'confirm', 'csrf']
                }
            }
        },
        async (
            request: FastifyRequest<{
                Body: { current: string; newPassword: string; confirm: string; csrf: string };
            }>,
            reply
        ) => {
            const active = pageSession(ctx, request);
            if (!active) return reply.redirect('/login', 303);
            const { user, session } = active;
            const { current, newPassword, confirm, csrf } = request.body;
            const fail = (labelName: string) =>
                reply
                    .code(400)
                    .type('text/html')
                    .send(passwordForm(ctx, user, session.csrf_token, label(ctx, user.language, labelName)));
            if (csrf !== session.csrf_token) return fail('Canal_Error_Forbidden');
            // The same lockout budget as the login form and the token endpoint.
            const check = await checkPassword(ctx, user.username, current);
            if (!check.ok)
                return fail(
                    check.reason === 'LOCKED' ? 'Canal_Login_Locked' : 'Canal_Password_Wrong_Current'
                );
            if (newPassword !== confirm) return fail('Canal_Password_Mismatch');
            if (!isStrongPassword(newPassword)) return fail('Canal_Password_Weak');
            if (newPassword === current) return fail('Canal_Password_Same');
            new UserSelector(ctx.db).setPassword(user.id, await hashPassword(newPassword));
            // Every other session of the user ends with the old password; this browser gets a fresh one.
            ctx.sessions.destroyAllOf(user.id);
            const fresh = ctx.sessions.create(user.id, 'browser');
            reply.setCookie(SESSION_COOKIE, fresh.id, COOKIE_OPTIONS);
            return reply.redirect('/s/', 303);
        }
    );

    // Logout ends the session on the server; it needs the session's CSRF token, so that another site cannot log
    // the user out, and a request without it changes nothing (not even the cookie).
    app.post('/logout', async (request, reply) => {
        const active = pageSession(ctx, request);
        const csrf =
            (request.body as Record<string, unknown> | undefined)?.csrf ?? request.headers['x-csrf-token'];
        if (active && csrf !== active.session.csrf_token) {
            return reply
                .code(403)
                .type('text/html')
                .send(
                    page({
                        title: '403',
                        lang: active.user.language,
                        body: `<p>${escapeHtml(label(ctx, active.user.language, 'Canal_Error_Forbidden'))}</p>`
                    })
                );
        }
        if (active) ctx.sessions.destroy(active.session.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect('/login', 303);
    });

    // The outbox holds temporary passwords: the admin's alone. Others get a 404 that says nothing about it.
    const outboxReader = (request: FastifyRequest, reply: FastifyReply): UserRecord | undefined => {
        const active = pageSession(ctx, request);
        if (!active || active.user.must_change_password) {
            void reply.redirect('/login');
            return undefined;
        }
        if (active.user.persona !== 'admin') {
            void reply
                .code(404)
                .type('text/html')
                .send(page({ title: '404', lang: active.user.language, body: '<p>404</p>' }));
            return undefined;
        }
        return active.user;
    };

    // The local stand-in for a mail server: what the org would have e-mailed, readable in the browser.
    app.get('/outbox', async (request, reply) => {
        const admin = outboxReader(request, reply);
        if (!admin) return reply;
        const lang = admin.language;
        const rows = ctx.outbox.list();
        const items = rows
            .map(
                (r) =>
                    `<li class="slds-item"><a href="/outbox/${r.id}?lang=${lang}">${escapeHtml(r.subject)}</a> · ${escapeHtml(r.to_address)} · ${escapeHtml(r.created_at)}</li>`
            )
            .join('');
        return reply.type('text/html').send(
            page({
                title: label(ctx, lang, 'Canal_Outbox_Title'),
                lang,
                brandColor: ctx.brandColor,
                body: `<h1 class="slds-text-heading_large slds-m-bottom_medium">${escapeHtml(label(ctx, lang, 'Canal_Outbox_Title'))}</h1>${
                    rows.length
                        ? `<ul class="slds-has-dividers_bottom-space">${items}</ul>`
                        : `<p>${escapeHtml(label(ctx, lang, 'Canal_Outbox_Empty'))}</p>`
                }`
            })
        );
    });

    app.get(
        '/outbox/:id',
        {
            schema: {
                params: {
                    type: 'object',
                    properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } },
                    required: ['id']
                }
            }
        },
        async (request, reply) => {
            const admin = outboxReader(request, reply);
            if (!admin) return reply;
            const mail = ctx.outbox.get(Number((request.params as { id: string }).id));
            if (!mail)
                return reply
                    .code(404)
                    .type('text/html')
                    .send(page({ title: '404', lang: admin.language, body: '<p>404</p>' }));
            return reply.type('text/html').send(mail.html_body);
        }
    );

    const shell = async (request: FastifyRequest, reply: FastifyReply) => {
        const active = pageSession(ctx, request);
        if (!active) return reply.redirect('/login');
        if (active.user.must_change_password) return reply.redirect('/change-password');
        return reply
            .type('text/html')
            .header('cache-control', 'no-store')
            .send(shellHtml(ctx, active.user, active.session.csrf_token, request.url.split('?')[0]!));
    };
    app.get('/s', shell);
    app.get('/s/*', shell);
}
