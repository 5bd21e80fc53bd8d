import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../apex/LeadClaimSelector.js';
import { SESSION_COOKIE, apexError, browserStreamGuard } from '../auth/guard.js';
import { label, type OrgContext } from '../context.js';
import { isVendorStaff } from '../apex/LeadClaimSelector.js';
import type { BusEvent, EventBus } from '../events/eventBus.js';

/** How often an idle stream sends a comment (keeps proxies from closing it) and re-checks the session. */
const HEARTBEAT_MS = 15_000;
/** Open streams one session may hold: a few tabs, not an unbounded number of connections. */
export const MAX_STREAMS_PER_SESSION = 3;

/**
 * Who receives an event, as the platform's per-user event delivery would allow: vendor staff (channel managers,
 * admins) every partner's; a partner rep only its own partner's; nobody else anything.
 */
export function canReceive(user: UserRecord, event: BusEvent): boolean {
    if (isVendorStaff(user)) return true;
    return (
        user.persona === 'partner_rep' &&
        user.account_id !== null &&
        event.partnerAccountId === user.account_id
    );
}

function frame(event: BusEvent): string {
    return `id: ${event.message.data.event.replayId}\ndata: ${JSON.stringify(event.message)}\n\n`;
}

/**
 * GET /events/stream: the local stand-in for empApi's CometD connection, as server-sent events. A browser
 * session is required; each message is one platform event the user may receive. Last-Event-ID (sent by
 * EventSource when it reconnects) replays the retained events the stream missed.
 */
export function registerEventRoutes(app: FastifyInstance, ctx: OrgContext, bus: EventBus): void {
    const open = new Set<() => void>();
    const perSession = new Map<string, number>();

    app.get(
        '/events/stream',
        { preHandler: browserStreamGuard(ctx) },
        async (request: FastifyRequest, reply: FastifyReply) => {
            const user = request.user!;
            const session = request.session!;
            const streams = perSession.get(session.id) ?? 0;
            if (streams >= MAX_STREAMS_PER_SESSION) {
                return apexError(
                    reply,
                    429,
                    'TOO_MANY_STREAMS',
                    label(ctx, user.language, 'Canal_Error_Too_Many_Streams')
                );
            }
            perSession.set(session.id, streams + 1);
            reply.hijack();
            const raw = reply.raw;
            raw.writeHead(200, {
                'content-type': 'text/event-stream; charset=utf-8',
                'cache-control': 'no-store',
                connection: 'keep-alive',
                'x-accel-buffering': 'no'
            });
            raw.write('retry: 2000\n: connected\n\n');
            const send = (event: BusEvent) => {
                if (canReceive(user, event)) raw.write(frame(event));
            };
            const lastEventId = Number(request.headers['last-event-id']);
            if (Number.isInteger(lastEventId) && lastEventId > 0) bus.since(lastEventId).forEach(send);
            const unsubscribe = bus.subscribe(send);
            const heartbeat = setInterval(() => {
                // A logged-out or expired session ends the stream; EventSource's retry then gets a 401.
                if (ctx.sessions.find(request.cookies[SESSION_COOKIE], 'browser')?.id !== session.id) {
                    end();
                    return;
                }
                raw.write(': keep-alive\n\n');
            }, HEARTBEAT_MS);
            heartbeat.unref();
            let ended = false;
            const end = () => {
                if (ended) return;
                ended = true;
                const left = (perSession.get(session.id) ?? 1) - 1;
                if (left > 0) perSession.set(session.id, left);
                else perSession.delete(session.id);
                clearInterval(heartbeat);
                unsubscribe();
                open.delete(end);
                if (!raw.writableEnded) raw.end();
            };
            open.add(end);
            request.raw.on('close', end);
        }
    );

    // Open streams never go idle: end them before the server closes, or close() would wait for them.
    app.addHook('preClose', async () => {
        [...open].forEach((end) => end());
    });
}
