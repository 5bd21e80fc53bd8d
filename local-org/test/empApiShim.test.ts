/**
 * @jest-environment jsdom
 */
// lightning/empApi in the local org: subscriptions over one EventSource to /events/stream.
import { isEmpEnabled, onError, setDebugFlag, subscribe, unsubscribe } from '../client/shims/empApi';

class FakeEventSource {
    static CLOSED = 2;
    static instances: FakeEventSource[] = [];
    readyState = 1;
    closed = false;
    onmessage: ((event: { data: string }) => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(
        readonly url: string,
        readonly init: { withCredentials?: boolean }
    ) {
        FakeEventSource.instances.push(this);
    }
    close(): void {
        this.closed = true;
        this.readyState = 2;
    }
    emit(message: unknown): void {
        this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
    }
}

describe('lightning/empApi shim', () => {
    beforeEach(() => {
        FakeEventSource.instances = [];
        (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
    });

    it('is enabled where EventSource exists, and not elsewhere', async () => {
        await expect(isEmpEnabled()).resolves.toBe(true);
        delete (globalThis as { EventSource?: unknown }).EventSource;
        await expect(isEmpEnabled()).resolves.toBe(false);
    });

    it('opens one stream for every subscription, routes messages by channel, and closes with the last one', async () => {
        const claims = jest.fn();
        const deals = jest.fn();
        const a = await subscribe('/event/Lead_Claim_Event__e', -1, claims);
        const b = await subscribe('/event/Deal_Change_Event__e', -1, deals);
        expect(a).toMatchObject({ channel: '/event/Lead_Claim_Event__e', replayId: -1 });
        expect(FakeEventSource.instances).toHaveLength(1);
        const stream = FakeEventSource.instances[0]!;
        expect(stream.url).toBe('/events/stream');

        const message = {
            channel: '/event/Lead_Claim_Event__e',
            data: { payload: { Action__c: 'Claimed' } }
        };
        stream.emit(message);
        stream.emit('not json');
        expect(claims).toHaveBeenCalledWith(message);
        expect(deals).not.toHaveBeenCalled();

        const done = jest.fn();
        await expect(unsubscribe(a, done)).resolves.toMatchObject({ successful: true });
        expect(done).toHaveBeenCalled();
        expect(stream.closed).toBe(false);
        stream.emit(message);
        expect(claims).toHaveBeenCalledTimes(1);
        await unsubscribe(b);
        expect(stream.closed).toBe(true);
        await expect(unsubscribe(b)).resolves.toMatchObject({ successful: false });
    });

    it('refuses a malformed channel', async () => {
        await expect(subscribe('Lead_Claim_Event__e', -1, jest.fn())).rejects.toThrow('Invalid channel');
        expect(FakeEventSource.instances).toHaveLength(0);
    });

    it('reports a stream that gave up to onError listeners, not one that is reconnecting', async () => {
        const listener = jest.fn();
        onError(listener);
        const subscription = await subscribe('/event/Deal_Change_Event__e', -1, jest.fn());
        const stream = FakeEventSource.instances[0]!;
        stream.readyState = 0;
        stream.onerror?.();
        expect(listener).not.toHaveBeenCalled();
        stream.readyState = FakeEventSource.CLOSED;
        stream.onerror?.();
        expect(listener).toHaveBeenCalledWith(expect.objectContaining({ error: 'stream closed' }));
        await unsubscribe(subscription);
    });

    it('logs messages when the debug flag is on', async () => {
        const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
        await setDebugFlag(true);
        const subscription = await subscribe('/event/Deal_Change_Event__e', -1, jest.fn());
        FakeEventSource.instances[0]!.emit({ channel: '/event/Deal_Change_Event__e', data: { payload: {} } });
        expect(info).toHaveBeenCalled();
        await setDebugFlag(false);
        await unsubscribe(subscription);
        info.mockRestore();
    });
});
