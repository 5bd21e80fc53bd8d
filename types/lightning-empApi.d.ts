// lightning/empApi as documented (Lightning Experience only; LWR sites lack it, the local org shims it with
// server-sent events). Only what our components use is declared.

declare module 'lightning/empApi' {
    /** What subscribe resolves to; pass it back to unsubscribe. */
    export interface Subscription {
        id?: string;
        channel: string;
        replayId?: number;
    }

    /** A received event: `data.payload` holds the platform event's fields. */
    export interface EmpMessage {
        channel: string;
        data: {
            schema?: string;
            payload: Record<string, unknown>;
            event?: { replayId?: number; EventUuid?: string };
        };
    }

    /** Subscribes to a channel; replayId -1 = new events only, -2 = every retained event. */
    export function subscribe(
        channel: string,
        replayId: number,
        onMessageCallback: (message: EmpMessage) => void
    ): Promise<Subscription>;
    export function unsubscribe(
        subscription: Subscription,
        callback?: (response: unknown) => void
    ): Promise<unknown>;
    /** Registers a listener for streaming errors (a dropped connection, a refused subscription). */
    export function onError(callback: (error: unknown) => void): void;
    export function setDebugFlag(flag: boolean): Promise<void>;
    /** True when the streaming API is available to the current user and container. */
    export function isEmpEnabled(): Promise<boolean>;
}
