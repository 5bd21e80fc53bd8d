/**
 * `lightning/empApi` over the local org's server-sent events (GET /events/stream): one EventSource per page,
 * shared by every subscription and closed when the last one goes, so `partnerActivity` runs unchanged.
 */

export interface Subscription {
    id: string;
    channel: string;
    replayId: number;
}

export interface EmpMessage {
    channel: string;
    data: { schema?: string; payload: Record<string, unknown>; event?: { replayId?: number } };
}

type MessageCallback = (message: EmpMessage) => void;

export const STREAM_URL = '/events/stream';

let source: EventSource | null = null;
let nextId = 1;
let debug = false;
const subscriptions = new Map<string, { channel: string; callback: MessageCallback }>();
const errorListeners = new Set<(error: unknown) => void>();

function dispatch(event: MessageEvent<string>): void {
    let message: EmpMessage;
    try {
        message = JSON.parse(event.data) as EmpMessage;
    } catch {
        return;
    }
    if (debug) console.info('[empApi]', message);
    for (const { channel, callback } of [...subscriptions.values()]) {
        if (channel === message.channel) callback(message);
    }
}

function open(): void {
    if (source) return;
    const stream = new EventSource(STREAM_URL, { withCredentials: true });
    stream.onmessage = dispatch;
    stream.onerror = () => {
        // EventSource reconnects by itself (and replays with Last-Event-ID); a CLOSED stream has given up.
        if (stream.readyState === EventSource.CLOSED) {
            source = null;
            errorListeners.forEach((listener) => listener({ error: 'stream closed', channel: STREAM_URL }));
        }
    };
    source = stream;
}

function closeWhenUnused(): void {
    if (subscriptions.size === 0 && source) {
        source.close();
        source = null;
    }
}

/** Subscribes to a channel; replayId is accepted for the platform's signature (-1: new events only). */
export function subscribe(
    channel: string,
    replayId: number,
    callback: MessageCallback
): Promise<Subscription> {
    if (typeof channel !== 'string' || !channel.startsWith('/')) {
        return Promise.reject(new Error(`Invalid channel: ${String(channel)}`));
    }
    const id = String(nextId++);
    subscriptions.set(id, { channel, callback });
    open();
    return Promise.resolve({ id, channel, replayId });
}

export function unsubscribe(
    subscription: Subscription,
    callback?: (response: unknown) => void
): Promise<unknown> {
    const removed = subscriptions.delete(subscription?.id);
    closeWhenUnused();
    const response = { successful: removed, subscription: subscription?.channel };
    callback?.(response);
    return Promise.resolve(response);
}

export function onError(callback: (error: unknown) => void): void {
    errorListeners.add(callback);
}

export function setDebugFlag(flag: boolean): Promise<void> {
    debug = flag;
    return Promise.resolve();
}

/** True where the browser has EventSource (every browser the local org supports). */
export function isEmpEnabled(): Promise<boolean> {
    return Promise.resolve(typeof EventSource !== 'undefined');
}
