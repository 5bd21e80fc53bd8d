import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
    type FastifyError,
    type FastifyInstance,
    type RouteHandlerMethod,
    type RouteOptions
} from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DealRegistrationExpiry } from './apex/DealRegistrationExpiry.js';
import { LeadClaimRecall } from './apex/LeadClaimRecall.js';
import { LeadClaimService } from './apex/LeadClaimService.js';
import { LeadClaimResourceRoutes } from './apex/LeadClaimResource.js';
import { LeadPublicationResourceRoutes } from './apex/LeadPublicationResource.js';
import { AccountLockout } from './auth/lockout.js';
import { preparePasswordChecks } from './auth/login.js';
import { SessionStore } from './auth/sessions.js';
import { systemClock, type Clock } from './clock.js';
import { label, type OrgContext } from './context.js';
import { isBusyError, openDatabase, servingBusyTimeout } from './db/database.js';
import { DEFAULT_WRITE_BUDGET_MS, retryWhileBusy } from './db/busyRetry.js';
import { acquireInstanceLock } from './db/instanceLock.js';
import { UserSelector } from './db/UserSelector.js';
import { loadSeedFile, seedDatabase } from './db/seed.js';
import { Outbox } from './mail/outbox.js';
import { seedDealRegistrations } from './db/dealSeed.js';
import { loadClaimRules, loadClosedStatuses } from './metadata/claimRules.js';
import { loadLabels } from './metadata/labels.js';
import { PROJECT_ROOT } from './metadata/paths.js';
import { visitorLanguage } from './auth/guard.js';
import { registerApexRoutes } from './routes/apex.js';
import { registerOAuthRoutes, type OAuthClient } from './routes/oauth.js';
import { registerPageRoutes } from './routes/pages.js';
import { runAsUser } from './db/actingUser.js';
import { ChangePublisher } from './events/changePublisher.js';
import { EventBus } from './events/eventBus.js';
import { LeadOfferPublisher } from './events/offerPublisher.js';
import { registerEventRoutes } from './routes/events.js';
import { registerStaffRoutes } from './routes/staff.js';

export interface LocalOrgOptions {
    /** Folder of the SQLite file and the outbox; ':memory:' for tests. */
    dataDir: string;
    clock?: Clock;
    /** Leads seeded into the partner pool on first start. */
    queueLeads?: number;
    /** Login and token attempts per minute and client address. */
    loginRateLimit?: number;
    oauthClient?: OAuthClient;
    logger?: boolean;
    /** How often expired claims are recalled (the org's scheduled LeadClaimRecall); 0 turns it off. */
    recallIntervalMs?: number;
    /** How long a write waits (asynchronously) for a lock another process holds before answering TRY_AGAIN. */
    writeBudgetMs?: number;
    /** How often expired sessions are deleted (they are deleted at start too); 10 minutes by default. */
    sessionPurgeIntervalMs?: number;
}

export interface LocalOrg {
    app: FastifyInstance;
    ctx: OrgContext;
    /** True when this start created and seeded the database. */
    seeded: boolean;
    /** Every route the server registered (method, URL, schema), as Fastify's onRoute hook saw it: the fuzz test's list. */
    routes: RouteOptions[];
    /** The platform events bus (Lead_Claim_Event__e, Deal_Change_Event__e) behind GET /events/stream. */
    events: EventBus;
    /** Publishes the events of changes committed since the last call and the first-look windows now open (each request end does it too). */
    publishChanges(): number;
    close(): Promise<void>;
}

export const DEFAULT_OAUTH_CLIENT: OAuthClient = {
    clientId: 'canal-local-org',
    clientSecret: 'canal-local-secret'
};
const BODY_LIMIT = 64 * 1024;
/** The names this server answers to: anything else in Host is a DNS-rebinding attempt or a misdirected request. */
const OWN_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The Content Security Policy of every page: scripts and connections from this origin only (the LWC runtime
 * and our bundle are files under /assets/app/; the boot data is a JSON script block, which is not executed), styles
 * inline too (synthetic shadow injects <style> elements, the pages use style attributes), images and fonts from
 * here or data: URLs (SLDS), no plugins, no framing by anyone.
 */
export const CONTENT_SECURITY_POLICY = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"]
};
const SLDS_ASSETS = path.join(PROJECT_ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
export const CLIENT_DIST = path.join(PROJECT_ROOT, 'local-org', 'dist', 'app');

/** Opens (creating and seeding when new) the local org's database and builds its HTTP server. */
export async function createLocalOrg(options: LocalOrgOptions): Promise<LocalOrg> {
    // One server per data folder: a second process on it is refused before it opens the database.
    const releaseLock = options.dataDir === ':memory:' ? () => {} : acquireInstanceLock(options.dataDir);
    try {
        return await buildLocalOrg(options, releaseLock);
    } catch (error) {
        releaseLock();
        throw error;
    }
}

async function buildLocalOrg(options: LocalOrgOptions, releaseLock: () => void): Promise<LocalOrg> {
    const db = openDatabase(options.dataDir);
    const clock = options.clock ?? systemClock;
    const labels = loadLabels();
    const rules = loadClaimRules();
    const outbox = new Outbox(
        db,
        options.dataDir === ':memory:' ? null : path.join(options.dataDir, 'outbox')
    );
    let seeded = false;
    if (!new UserSelector(db).organization()) {
        const seed = loadSeedFile();
        seeded =
            (await seedDatabase(db, seed, { rules, queueLeads: options.queueLeads, now: clock.now() })) !==
            null;
    }
    servingBusyTimeout(db);
    await preparePasswordChecks();
    const org = new UserSelector(db).organization()!;
    const ctx: OrgContext = {
        db,
        clock,
        labels,
        rules,
        claims: new LeadClaimService({ db, clock, rules, labels, closedStatuses: loadClosedStatuses() }),
        sessions: new SessionStore(db),
        lockout: new AccountLockout(),
        outbox,
        orgId: org.id,
        orgName: org.name,
        brandColor: org.brand_color
    };

    // Strict validation: no type coercion and no silent removal of unknown properties, as Apex would refuse them.
    const app = Fastify({
        logger: options.logger ?? false,
        bodyLimit: BODY_LIMIT,
        trustProxy: false,
        ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } }
    });
    // Every HTML answer names its charset: without it a browser guesses Latin-1 and shows "recibirÃ¡".
    app.addHook('onSend', async (_request, reply, payload) => {
        const type = reply.getHeader('content-type');
        if (typeof type === 'string' && /^text\/html\b/i.test(type) && !/charset=/i.test(type))
            reply.header('content-type', `${type}; charset=utf-8`);
        return payload;
    });
    // Security headers (helmet): the CSP above, X-Frame-Options DENY, nosniff, a same-origin Referrer-Policy.
    // No HSTS and no upgrade-insecure-requests: the local org is plain HTTP on the loopback address.
    await app.register(helmet, {
        contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
        frameguard: { action: 'deny' },
        referrerPolicy: { policy: 'same-origin' },
        strictTransportSecurity: false
    });
    // Host must be one of the server's own names (and its port once it listens): a page of another site whose
    // name was rebound to 127.0.0.1 is refused before any route runs, so no answer echoes a foreign Host.
    app.addHook('onRequest', async (request, reply) => {
        if (isOwnHost(request.headers.host, request.raw.socket?.localPort)) return;
        await reply.code(421).send({
            code: 'MISDIRECTED_REQUEST',
            message: label(ctx, visitorLanguage(request), 'Canal_Error_Bad_Request')
        });
    });
    const routes: RouteOptions[] = [];
    const writeBudgetMs = options.writeBudgetMs ?? DEFAULT_WRITE_BUDGET_MS;
    app.addHook('onRoute', (route) => {
        // A write that finds the SQLite lock taken by another process is tried again without blocking the event
        // loop, then answered TRY_AGAIN (error handler). Every writer is one transaction, rolled back on the error.
        const methods = ([] as string[]).concat(route.method);
        const handler = route.handler;
        if (methods.some((m) => m !== 'GET' && m !== 'HEAD')) {
            route.handler = function (this: FastifyInstance, request, reply) {
                return retryWhileBusy(
                    () => handler.call(this, request, reply),
                    writeBudgetMs,
                    () => !reply.sent
                );
            } as RouteHandlerMethod;
        }
        routes.push(route);
    });
    await app.register(cookie);
    await app.register(formbody, { bodyLimit: BODY_LIMIT });
    await app.register(rateLimit, { global: false });
    // Compresses what is not compressed at build time (SLDS CSS, pages, large JSON); small answers such as a
    // claim's (under 1 KB) are sent as they are.
    await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
    await app.register(fastifyStatic, {
        root: SLDS_ASSETS,
        prefix: '/assets/slds/',
        decorateReply: false,
        cacheControl: false,
        setHeaders: (res) => res.setHeader('cache-control', 'public, max-age=86400')
    });
    if (existsSync(CLIENT_DIST)) {
        await app.register(fastifyStatic, {
            root: CLIENT_DIST,
            prefix: '/assets/app/',
            decorateReply: false,
            // The production build writes .br and .gz beside each file: no compression work per request.
            preCompressed: true,
            cacheControl: false,
            setHeaders: (res, filePath) => res.setHeader('cache-control', assetCacheControl(filePath))
        });
    }

    app.setErrorHandler((error: FastifyError, request, reply) => {
        const lang = request.user?.language ?? visitorLanguage(request);
        const send = (status: number, code: string, labelName: string, detail?: string) =>
            reply
                .code(status)
                .send({ code, message: label(ctx, lang, labelName), ...(detail ? { detail } : {}) });
        if (isBusyError(error)) {
            // The platform's answer to a lock it could not get in time: TRY_AGAIN, Apex-shaped for /apex/*.
            reply.header('retry-after', '1');
            return reply.code(503).send({
                code: 'TRY_AGAIN',
                message: label(ctx, lang, 'Canal_Outcome_TRY_AGAIN'),
                ...(request.url.startsWith('/apex/') ? { exceptionType: 'System.AuraHandledException' } : {})
            });
        }
        if (error.validation) return send(400, 'INVALID_REQUEST', 'Canal_Error_Bad_Request', error.message);
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
            return send(413, 'PAYLOAD_TOO_LARGE', 'Canal_Error_Too_Large');
        if (error.statusCode === 429) return send(429, 'RATE_LIMITED', 'Canal_Login_Too_Many');
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
            return send(error.statusCode, 'INVALID_REQUEST', 'Canal_Error_Bad_Request', error.message);
        }
        request.log.error(error);
        return send(500, 'UNEXPECTED', 'Canal_Error_Unexpected');
    });
    app.setNotFoundHandler((request, reply) =>
        reply.code(404).send({
            code: 'NOT_FOUND',
            message: label(ctx, request.user?.language ?? visitorLanguage(request), 'Canal_Error_Not_Found')
        })
    );

    // Field history names the request's user (db/actingUser.ts); committed changes become platform events.
    const events = new EventBus();
    const publisher = new ChangePublisher(db, events);
    app.addHook('onRequest', (request, _reply, done) => runAsUser(() => request.user?.id, done));
    const offers = new LeadOfferPublisher(db, events, rules, clock);
    app.addHook('onResponse', async () => {
        publisher.flush();
        offers.flush();
    });
    registerEventRoutes(app, ctx, events);
    registerStaffRoutes(app, ctx);

    const loginRateLimit = options.loginRateLimit ?? 20;
    registerPageRoutes(app, ctx, loginRateLimit);
    registerApexRoutes(app, ctx);
    LeadClaimResourceRoutes(app, ctx);
    LeadPublicationResourceRoutes(app, ctx);
    registerOAuthRoutes(app, ctx, options.oauthClient ?? DEFAULT_OAUTH_CLIENT, loginRateLimit);

    if (seeded) {
        sendWelcomeEmails(ctx);
        seedDealRegistrations(db, { labels, closedStatuses: ctx.claims.closedStatuses(), now: clock.now() });
    }

    const recall = new LeadClaimRecall(ctx);
    const recallMs = options.recallIntervalMs ?? 5 * 60_000;
    const recallTimer =
        recallMs > 0
            ? setInterval(() => {
                  try {
                      recall.recallExpired();
                  } catch (error) {
                      // Another process holds the write lock: the next run recalls what this one could not.
                      if (!isBusyError(error)) throw error;
                  }
                  publisher.flush();
              }, recallMs)
            : undefined;
    recallTimer?.unref();
    // The org's daily DealRegistrationExpiry: date-based and idempotent, so it runs at start and on the recall's tick.
    const dealExpiry = new DealRegistrationExpiry({ db, clock, labels });
    const runDealExpiry = () => {
        try {
            dealExpiry.run(clock.now());
        } catch (error) {
            if (!isBusyError(error)) throw error;
        }
    };
    if (recallMs > 0) runDealExpiry();
    const dealExpiryTimer = recallMs > 0 ? setInterval(runDealExpiry, recallMs) : undefined;
    dealExpiryTimer?.unref();
    const purgeSessions = () => {
        try {
            ctx.sessions.purgeExpired();
        } catch (error) {
            if (!isBusyError(error)) throw error;
        }
    };
    purgeSessions();
    const purgeTimer = setInterval(purgeSessions, options.sessionPurgeIntervalMs ?? 10 * 60_000);
    purgeTimer.unref();
    // Writes by another process on the same file (bench, a second server) reach this one's streams too.
    const publishTimer = setInterval(() => {
        publisher.flush();
        offers.flush();
    }, 1000);
    publishTimer.unref();

    return {
        app,
        ctx,
        seeded,
        routes,
        events,
        publishChanges: () => publisher.flush() + offers.flush(),
        async close() {
            if (recallTimer) clearInterval(recallTimer);
            if (dealExpiryTimer) clearInterval(dealExpiryTimer);
            clearInterval(publishTimer);
            offers.close();
            clearInterval(purgeTimer);
            await app.close();
            db.close();
            releaseLock();
        }
    };
}

/**
 * True when Host names this server: one of its own hostnames, with the port the connection arrived on (requests
 * injected in tests have no socket port and are checked by name only).
 */
export function isOwnHost(host: string | undefined, localPort: number | undefined): boolean {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host ?? '');
    if (!match || !OWN_HOSTNAMES.has(match[1]!.toLowerCase())) return false;
    return typeof localPort !== 'number' || Number(match[2] ?? 80) === localPort;
}

/**
 * The entry (main-<hash>.js) and the chunks (chunks/<name>-<hash>.js) change name with their content: cached for
 * a year. Anything else (manifest.json, base-labels.json) is revalidated.
 */
export function assetCacheControl(filePath: string): string {
    const file = path.relative(CLIENT_DIST, filePath);
    return file.startsWith(`chunks${path.sep}`) || /^main-[\w-]{8}\.js(\.br|\.gz)?$/.test(file)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache';
}

/** The invitation of every user who still holds a temporary password, as the site's Network would send it. */
function sendWelcomeEmails(ctx: OrgContext): void {
    const seed = loadSeedFile();
    for (const invited of seed.users.filter((u) => u.invited)) {
        const user = new UserSelector(ctx.db).invitee(invited.username);
        ctx.outbox.sendWelcome(
            user,
            {
                'Receiving_User.FirstName': user.first_name,
                'Receiving_User.Username': invited.username,
                Community_Name: `${ctx.orgName} Partners`,
                Community_Url: `/login?lang=${user.language}`,
                'Organization.Name': ctx.orgName
            },
            `${label(ctx, user.language, 'Canal_Outbox_Temporary_Password')}: ${invited.password}`
        );
    }
}
