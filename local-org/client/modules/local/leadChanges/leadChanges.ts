/**
 * The local org's c/leadChanges (rollup puts it in place of force-app's; same class, same shape): a partner page
 * hears of leads offered to its partner, and of its partner's claims, over GET /events/stream the moment they happen,
 * and runs its refresh then. Other partners' claims reach it through the change token, read once a minute while the
 * tab is visible: an idle tab costs one request a minute.
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
/** The change token is read this often (events bring the rest). */
export const TOKEN_INTERVAL_MS = 60_000;
/** Events that arrive together (one per tier window, a bulk claim) make one refresh. */
const COALESCE_MS = 50;

export class LeadChangePoller {
    private subscriptions: Subscription[] = [];
    private running = false;
    private token: string | null = null;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private pending: string[] | null = null;
    private pendingTimer: ReturnType<typeof setTimeout> | undefined;

    /** The options of c/poller are accepted for the same shape; here the token interval is fixed (events do the rest). */
    constructor(
        private readonly task: ChangeTask,
        readonly options?: PollerOptions
    ) {}

    start(): void {
        if (this.running) return;
        this.running = true;
        const onMessage = (message: EmpMessage) => this.handleMessage(message);
        Promise.all([subscribe(OFFER_CHANNEL, -1, onMessage), subscribe(CLAIM_CHANNEL, -1, onMessage)]).then(
            (subscriptions) => {
                if (this.running) this.subscriptions = subscriptions;
                else subscriptions.forEach((s) => unsubscribe(s));
            }
        );
        document.addEventListener('visibilitychange', this.handleVisibility);
        this.readToken();
        this.schedule();
    }

    stop(): void {
        this.running = false;
        this.subscriptions.forEach((s) => unsubscribe(s));
        this.subscriptions = [];
        document.removeEventListener('visibilitychange', this.handleVisibility);
        clearTimeout(this.timer);
        clearTimeout(this.pendingTimer);
        this.pending = null;
    }

    /** The data was refreshed another way: the next token read is a full interval away. */
    refreshed(): void {
        this.schedule();
    }

    private handleMessage(message: EmpMessage): void {
        if (!this.running) return;
        const ids = String(message.data.payload.Lead_Ids__c ?? '')
            .split(',')
            .filter(Boolean);
        this.pending = [...(this.pending ?? []), ...ids];
        clearTimeout(this.pendingTimer);
        this.pendingTimer = setTimeout(() => this.runPending(), COALESCE_MS);
    }

    private async runPending(): Promise<void> {
        const offeredLeadIds = this.pending ?? [];
        this.pending = null;
        if (!this.running) return;
        await this.task({ offeredLeadIds });
        // What the event announced is now on the page: a token read must not reload it again.
        await this.readToken();
        this.schedule();
    }

    private readonly handleVisibility = (): void => {
        if (document.visibilityState === 'hidden') clearTimeout(this.timer);
        else this.schedule();
    };

    private schedule(): void {
        clearTimeout(this.timer);
        if (!this.running || document.visibilityState === 'hidden') return;
        this.timer = setTimeout(() => this.checkToken(), TOKEN_INTERVAL_MS);
    }

    private async readToken(): Promise<string | null> {
        try {
            this.token = (await callApex('LeadChangeTokenController', 'getChangeToken', {})) as string;
        } catch {
            this.token = null;
        }
        return this.token;
    }

    private async checkToken(): Promise<void> {
        if (!this.running) return;
        const before = this.token;
        const after = await this.readToken();
        if (after !== null && before !== null && after !== before) await this.task({ offeredLeadIds: [] });
        this.schedule();
    }
}
