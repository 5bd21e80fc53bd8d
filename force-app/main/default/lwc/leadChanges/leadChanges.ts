/**
 * Live partner pages without empApi (LWR sites have none): a LeadChangePoller polls one cheap Apex method, the lead
 * change token (LeadChangeTokenController.getChangeToken, kept in Platform Cache and moved by the Lead trigger on
 * publication, claim and release, and when a first-look window opens), while the tab is visible, and runs the
 * page's refresh only when the token moved. Every watcher of a page shares one read: an idle tab costs one call per
 * interval instead of a reload of every card. It has the shape of c/poller, so a component swaps one for the other.
 * In the local org the build puts local/leadChanges in its place, which hears of offered leads over the server-sent
 * event stream at once.
 */
import getChangeToken from '@salesforce/apex/LeadChangeTokenController.getChangeToken';
import { Poller, type PollerOptions } from 'c/poller';

/** What a change does: reload the page's data (resolving to false counts as a failure, as in c/poller). */
export type ChangeTask = (change: LeadChange) => Promise<boolean | void>;

/** What is known of a change: the offered leads when the world says (the local event stream), else nothing. */
export interface LeadChange {
    offeredLeadIds: string[];
}

/** Every watcher on the page shares one token read per interval: an idle page costs one call, whatever it shows. */
const watchers = new Set<LeadChangePoller>();
let shared: Poller | null = null;
let token: string | null = null;

function sharedIntervalMs(): number {
    const intervals = [...watchers].map((watcher) => watcher.intervalMs());
    return intervals.length > 0 ? Math.min(...intervals) : 15_000;
}

async function readBaseline(): Promise<void> {
    try {
        token = await getChangeToken({});
    } catch {
        token = null;
    }
}

async function checkToken(): Promise<boolean> {
    const next = await getChangeToken({});
    const moved = token !== null && next !== token;
    const first = token === null;
    token = next;
    // Without a baseline (its read failed) the data may be stale: reload once.
    if (!moved && !first) return true;
    const results = await Promise.all([...watchers].map((watcher) => watcher.run()));
    return results.every((ok) => ok !== false);
}

/** Watches the change token while the page is visible and runs the task when it moved. */
export class LeadChangePoller {
    constructor(
        private readonly task: ChangeTask,
        private readonly options: PollerOptions
    ) {}

    /** Starts watching: the page's token is read now (its data was just loaded), then once per interval. */
    start(): void {
        if (watchers.has(this)) return;
        watchers.add(this);
        if (!shared) {
            shared = new Poller(checkToken, { ...this.options, intervalMs: sharedIntervalMs });
            shared.start();
            readBaseline();
        }
    }

    stop(): void {
        watchers.delete(this);
        if (watchers.size === 0 && shared) {
            shared.stop();
            shared = null;
            token = null;
        }
    }

    /** Says the data was just refreshed another way: the next check is one interval from now. */
    refreshed(ok = true): void {
        shared?.refreshed(ok);
    }

    /** This watcher's interval (the page checks at the shortest of its watchers'). */
    intervalMs(): number {
        return this.options.intervalMs();
    }

    /** Runs the task after the token moved. */
    run(): Promise<boolean | void> {
        return this.task({ offeredLeadIds: [] });
    }
}
