/**
 * Live partner pages without empApi (LWR sites have none): a LeadChangePoller polls one cheap Apex method, the lead
 * change token (LeadChangeTokenController.getChangeToken, kept in Platform Cache and moved by the Lead trigger on
 * publication, claim and release, and when a first-look window opens), while the tab is visible, and runs the
 * page's refresh only when the token moved. An idle tab costs one call per interval instead of a reload of every
 * card. It has the shape of c/poller, so a component swaps one for the other. In the local org the build puts
 * local/leadChanges in its place, which hears of offered leads over the server-sent event stream at once.
 */
import getChangeToken from '@salesforce/apex/LeadChangeTokenController.getChangeToken';
import { Poller, type PollerOptions } from 'c/poller';

/** What a change does: reload the page's data (resolving to false counts as a failure, as in c/poller). */
export type ChangeTask = (change: LeadChange) => Promise<boolean | void>;

/** What is known of a change: the offered leads when the world says (the local event stream), else nothing. */
export interface LeadChange {
    offeredLeadIds: string[];
}

/** Polls the change token while the page is visible and runs the task when it moved. */
export class LeadChangePoller {
    private token: string | null = null;
    private readonly poller: Poller;

    constructor(
        private readonly task: ChangeTask,
        options: PollerOptions
    ) {
        this.poller = new Poller(() => this.check(), options);
    }

    /** Starts watching: the token is read now (the page's data was just loaded), then once per interval. */
    start(): void {
        this.poller.start();
        this.readBaseline();
    }

    stop(): void {
        this.poller.stop();
    }

    /** Says the data was just refreshed another way: the next check is one interval from now. */
    refreshed(ok = true): void {
        this.poller.refreshed(ok);
    }

    private async readBaseline(): Promise<void> {
        try {
            this.token = await getChangeToken({});
        } catch {
            this.token = null;
        }
    }

    private async check(): Promise<boolean | void> {
        const token = await getChangeToken({});
        const moved = this.token !== null && token !== this.token;
        const first = this.token === null;
        this.token = token;
        // Without a baseline (its read failed) the data may be stale: reload once.
        if (!moved && !first) return true;
        return this.task({ offeredLeadIds: [] });
    }
}
