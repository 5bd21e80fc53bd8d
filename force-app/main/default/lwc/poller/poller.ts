/**
 * Visibility-aware polling with back-off on errors, shared by the partner components that refresh themselves
 * (leadQueue, myLeads, partnerHome). LWR sites have no empApi, so these components reload on a timer, but only
 * while someone can see the page: a hidden tab makes no calls.
 */

/** What a poll does; resolving to false (or rejecting) counts as a failure and backs off. */
export type PollTask = () => Promise<boolean | void>;

export interface PollerOptions {
    /** The interval between polls while they succeed, in milliseconds (read at each scheduling). */
    intervalMs: () => number;
    /** The longest interval back-off reaches (default 8 times the interval). */
    maxBackoffFactor?: number;
    /**
     * When the page becomes visible again: true polls at once, false waits out what is left of the interval since
     * the last poll.
     */
    pollOnVisible?: boolean;
}

/** Polls a task every interval while the page is visible; doubles the interval after each failure. */
export class Poller {
    private timer: ReturnType<typeof setTimeout> | undefined;
    private running = false;
    private inFlight = false;
    private failures = 0;
    private lastRun = 0;

    constructor(
        private readonly task: PollTask,
        private readonly options: PollerOptions
    ) {}

    /** Starts polling: the first poll comes one interval from now. */
    start(): void {
        if (this.running) return;
        this.running = true;
        this.lastRun = Date.now();
        document.addEventListener('visibilitychange', this.handleVisibilityChange);
        this.schedule();
    }

    /** Stops polling and forgets the timer; start() again to resume. */
    stop(): void {
        this.running = false;
        document.removeEventListener('visibilitychange', this.handleVisibilityChange);
        this.clear();
    }

    /** Says the data was just refreshed another way: the next poll is one interval from now. */
    refreshed(ok = true): void {
        this.lastRun = Date.now();
        this.failures = ok ? 0 : this.failures + 1;
        this.schedule();
    }

    /** The delay before the next poll: the interval, doubled for each failure in a row, up to the cap. */
    get delayMs(): number {
        const interval = Math.max(1, this.options.intervalMs());
        const cap = interval * (this.options.maxBackoffFactor ?? 8);
        return Math.min(cap, interval * 2 ** this.failures);
    }

    private clear(): void {
        clearTimeout(this.timer);
        this.timer = undefined;
    }

    private schedule(delay: number = this.delayMs): void {
        this.clear();
        if (!this.running || document.visibilityState === 'hidden') return;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- visibility-aware polling replaces empApi
        this.timer = setTimeout(
            () => {
                this.poll();
            },
            Math.max(0, delay)
        );
    }

    private async poll(): Promise<void> {
        this.timer = undefined;
        if (!this.running || this.inFlight || document.visibilityState === 'hidden') return;
        this.inFlight = true;
        let ok: boolean;
        try {
            ok = (await this.task()) !== false;
        } catch {
            ok = false;
        } finally {
            this.inFlight = false;
        }
        if (!this.running) return;
        this.refreshed(ok);
    }

    private readonly handleVisibilityChange = (): void => {
        if (document.visibilityState === 'hidden') {
            this.clear();
            return;
        }
        if (this.options.pollOnVisible) {
            this.clear();
            this.poll();
            return;
        }
        this.schedule(this.lastRun + this.delayMs - Date.now());
    };
}
