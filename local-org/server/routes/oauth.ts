import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerGuard, visitorLanguage } from '../auth/guard.js';
import { checkPassword } from '../auth/login.js';
import { label, type OrgContext } from '../context.js';

export interface OAuthClient {
    clientId: string;
    clientSecret: string;
}

/**
 * The OAuth 2.0 username-password grant at /services/oauth2/token, shaped like the platform's answer so that
 * jsforce's `conn.login()` works unchanged, and the identity URL it points at.
 */
export function registerOAuthRoutes(
    app: FastifyInstance,
    ctx: OrgContext,
    client: OAuthClient,
    rateLimit: number
): void {
    app.post(
        '/services/oauth2/token',
        {
            config: { rateLimit: { max: rateLimit, timeWindow: '1 minute' } },
            schema: {
                body: {
                    type: 'object',
                    properties: {
                        grant_type: { type: 'string', maxLength: 50 },
                        client_id: { type: 'string', maxLength: 200 },
                        client_secret: { type: 'string', maxLength: 200 },
                        username: { type: 'string', maxLength: 200 },
                        password: { type: 'string', maxLength: 400 }
                    },
                    required: ['grant_type']
                }
            }
        },
        async (request: FastifyRequest<{ Body: Record<string, string | undefined> }>, reply) => {
            const body = request.body;
            if (body.grant_type !== 'password') {
                return reply
                    .code(400)
                    .send({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
            }
            if (body.client_id !== client.clientId || body.client_secret !== client.clientSecret) {
                return reply
                    .code(400)
                    .send({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
            }
            // The same lockout budget and the same work for unknown users as the login form (auth/login.ts).
            const check = await checkPassword(ctx, body.username ?? '', body.password ?? '');
            if (!check.ok && check.reason === 'LOCKED') {
                return reply.code(400).send({
                    error: 'invalid_grant',
                    error_description: label(ctx, visitorLanguage(request), 'Canal_Login_Locked')
                });
            }
            // A temporary password opens only the password-change page, never the API.
            if (!check.ok || check.user.must_change_password) {
                return reply
                    .code(400)
                    .send({ error: 'invalid_grant', error_description: 'authentication failure' });
            }
            const user = check.user;
            const session = ctx.sessions.create(user.id, 'api');
            // The Host header was checked against the server's own names (app.ts), so it may be echoed.
            const instanceUrl = `${request.protocol}://${request.headers.host}`;
            return {
                access_token: session.id,
                instance_url: instanceUrl,
                id: `${instanceUrl}/id/${ctx.orgId}/${user.id}`,
                token_type: 'Bearer',
                issued_at: String(Date.now()),
                signature: ''
            };
        }
    );

    app.get(
        '/id/:orgId/:userId',
        { preValidation: bearerGuard(ctx) },
        async (request: FastifyRequest<{ Params: { orgId: string; userId: string } }>, reply) => {
            const user = request.user!;
            if (request.params.userId !== user.id || request.params.orgId !== ctx.orgId)
                return reply.code(403).send({ error: 'forbidden' });
            return {
                id: `${request.protocol}://${request.headers.host}/id/${ctx.orgId}/${user.id}`,
                user_id: user.id,
                organization_id: ctx.orgId,
                username: user.username,
                display_name: `${user.first_name} ${user.last_name}`,
                language: user.language,
                active: true
            };
        }
    );
}
