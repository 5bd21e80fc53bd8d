import { randomUUID } from 'node:crypto';

export const LEAD_CLAIM_CHANNEL = '/event/Lead_Claim_Event__e';
export const DEAL_CHANGE_CHANNEL = '/event/Deal_Change_Event__e';
/** Local only (the org's partners poll a change token): published leads offered to a partner (offerPublisher.ts). */
export const LEAD_OFFER_CHANNEL = '/event/Lead_Offer_Event__e';
export type EventChannel = typeof LEAD_CLAIM_CHANNEL | typeof DEAL_CHANGE_CHANNEL | typeof LEAD_OFFER_CHANNEL;

/** A published platform event as empApi delivers it: `{ channel, data: { schema, payload, event } }`. */
export interface PlatformEventMessage {
    channel: EventChannel;
    data: {
        schema: string;
        payload: Record<string, string | null>;
        event: { replayId: number; EventUuid: string };
    };
}

/** A message and the partner it concerns (who may receive it). */
export interface BusEvent {
    message: PlatformEventMessage;
    partnerAccountId: string | null;
}

type Listener = (event: BusEvent) => void;

/** How many recent events a reconnecting stream can replay (Last-Event-ID). */
const RETAINED = 200;

/**
 * The local org's event bus: the stand-in for the platform's event bus (CometD/empApi) inside one server
 * process. Replay ids grow by one per event; the last events are kept for streams that reconnect.
 */
export class EventBus {
    private readonly listeners = new Set<Listener>();
    private readonly retained: BusEvent[] = [];
    private nextReplayId = 1;

    /** Publishes an event to every current listener; returns the message as delivered. */
    publish(
        channel: EventChannel,
        payload: Record<string, string | null>,
        partnerAccountId: string | null
    ): PlatformEventMessage {
        const message: PlatformEventMessage = {
            channel,
            data: {
                schema: channel.slice('/event/'.length),
                payload,
                event: { replayId: this.nextReplayId++, EventUuid: randomUUID() }
            }
        };
        const event = { message, partnerAccountId };
        this.retained.push(event);
        if (this.retained.length > RETAINED) this.retained.shift();
        // One failing listener (a closed socket) never keeps the event from the others.
        for (const listener of [...this.listeners]) {
            try {
                listener(event);
            } catch {
                this.listeners.delete(listener);
            }
        }
        return message;
    }

    /** Calls back on every event from now on; returns the unsubscribe function. */
    subscribe(listener: Listener): () => void {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }

    /** Retained events published after the given replay id, oldest first. */
    since(replayId: number): BusEvent[] {
        return this.retained.filter((e) => e.message.data.event.replayId > replayId);
    }

    get listenerCount(): number {
        return this.listeners.size;
    }
}
