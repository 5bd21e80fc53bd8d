/**
 * The local org's c/leadChanges (rollup puts it in place of force-app's; same class, same shape): a partner page
 * hears of leads offered to its partner, and of its partner's claims, over GET /events/stream the moment they happen,
 * and runs its refresh then. Other partners' claims reach it through the change token, read once per interval while
 * the tab is visible and shared by every watcher of the page, as in the org: an idle tab costs one request per
 * interval (4 a minute at 15 s).
 */
import { subscribe, unsubscribe, type EmpMessage, type Subscription } from 'canal-local/empApi';
import { callApex } from 'canal-local/apex';

export type ChangeTask = (change: LeadChange) => Promise<boolean | void>;

export interface LeadChange {
    offeredLeadIds: string[];
}

export interface PollerOptions {
    intervalMs: () => number;
    maxBackoffFactor?: number;
    pollOnVisible?: boolean;
}

export const OFFER_CHANNEL = '/event/Lead_Offer_Event__e';
export const CLAIM_CHANNEL = '/event/Lead_Claim_Event__e';
/** Events that arrive together (one per tier window, a bulk claim) make one refresh. */
const COALESCE_MS = 50;

const watchers = new Set<LeadChangePoller>();
let subscriptions: Subscription[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let token: string | null = null;
let pending: string[] | null = null;
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

function intervalMs(): number {
    const intervals = [...watchers].map((watcher) => watcher.intervalMs());
    return intervals.length > 0 ? Math.min(...intervals) : 15_000;
}

async function readToken(): Promise<string | null> {
    try {
        token = (await callApex('LeadChangeTokenController', 'getChangeToken', {})) as string;
    } catch {
        token = null;
    }
    return token;
}

async function runAll(change: LeadChange): Promise<void> {
    await Promise.all([...watchers].map((watcher) => watcher.run(change)));
}

function schedule(): void {
    clearTimeout(timer);
    if (watchers.size === 0 || document.visibilityState === 'hidden') return;
    timer = setTimeout(() => {
        checkToken();
    }, intervalMs());
}

async function checkToken(): Promise<void> {
    if (watchers.size === 0) return;
    const before = token;
    const after = await readToken();
    if (after !== null && before !== null && after !== before) await runAll({ offeredLeadIds: [] });
    schedule();
}

function handleMessage(message: EmpMessage): void {
    const ids = String(message.data.payload.Lead_Ids__c ?? '')
        .split(',')
        .filter(Boolean);
    pending = [...(pending ?? []), ...ids];
    clearTimeout(pendingTimer);
    pendingTimer = setTimeout(() => {
        runPending();
    }, COALESCE_MS);
}

async function runPending(): Promise<void> {
    const offeredLeadIds = pending ?? [];
    pending = null;
    if (watchers.size === 0) return;
    await runAll({ offeredLeadIds });
    // What the event announced is now on the page: the next token read must not reload it again.
    await readToken();
    schedule();
}

function handleVisibility(): void {
    if (document.visibilityState === 'hidden') clearTimeout(timer);
    else schedule();
}

function open(): void {
    Promise.all([
        subscribe(OFFER_CHANNEL, -1, handleMessage),
        subscribe(CLAIM_CHANNEL, -1, handleMessage)
    ]).then((opened) => {
        if (watchers.size > 0) subscriptions = opened;
        else opened.forEach((s) => unsubscribe(s));
    });
    document.addEventListener('visibilitychange', handleVisibility);
    readToken();
    schedule();
}

function close(): void {
    subscriptions.forEach((s) => unsubscribe(s));
    subscriptions = [];
    document.removeEventListener('visibilitychange', handleVisibility);
    clearTimeout(timer);
    clearTimeout(pendingTimer);
    pending = null;
    token = null;
}

export class LeadChangePoller {
    /** The options of c/poller: the page reads the token at the shortest interval of its watchers. */
    constructor(
        private readonly task: ChangeTask,
        private readonly options?: PollerOptions
    ) {}

    start(): void {
        if (watchers.has(this)) return;
        watchers.add(this);
        if (watchers.size === 1) open();
    }

    stop(): void {
        if (!watchers.delete(this)) return;
        if (watchers.size === 0) close();
    }

    /** The data was refreshed another way: the next token read is a full interval away. */
    refreshed(): void {
        schedule();
    }

    intervalMs(): number {
        return this.options?.intervalMs() ?? 15_000;
    }

    run(change: LeadChange): Promise<boolean | void> {
        return this.task(change);
    }
}
