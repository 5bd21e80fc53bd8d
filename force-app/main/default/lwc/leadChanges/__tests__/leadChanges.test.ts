import { LeadChangePoller } from 'c/leadChanges';
import getChangeToken from '@salesforce/apex/LeadChangeTokenController.getChangeToken';

jest.mock('@salesforce/apex/LeadChangeTokenController.getChangeToken', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockToken = getChangeToken as unknown as jest.Mock;

function flush(): Promise<void> {
    return Array.from({ length: 6 }).reduce<Promise<void>>(
        (chain) => chain.then(() => undefined),
        Promise.resolve()
    );
}

/** Lets `count` intervals of 1 s pass, each settled before the next. */
function ticks(count: number): Promise<void> {
    return Array.from({ length: count }).reduce<Promise<void>>(
        (chain) =>
            chain.then(() => {
                jest.advanceTimersByTime(1000);
                return flush();
            }),
        Promise.resolve()
    );
}

describe('c/leadChanges', () => {
    let watcher: LeadChangePoller | undefined;
    let second: LeadChangePoller | undefined;

    beforeEach(() => {
        jest.useFakeTimers();
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    });

    afterEach(() => {
        watcher?.stop();
        second?.stop();
        watcher = undefined;
        second = undefined;
        mockToken.mockReset();
        jest.useRealTimers();
    });

    it('makes one token call per interval and reloads only when the token moved', async () => {
        mockToken.mockResolvedValue('c1.0');
        const task = jest.fn().mockResolvedValue(true);
        watcher = new LeadChangePoller(task, { intervalMs: () => 1000 });
        watcher.start();
        await flush();
        expect(mockToken).toHaveBeenCalledTimes(1);
        await ticks(4);
        expect(mockToken).toHaveBeenCalledTimes(5);
        expect(task).not.toHaveBeenCalled();

        mockToken.mockResolvedValue('c2.0');
        jest.advanceTimersByTime(1000);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
        expect(task).toHaveBeenCalledWith({ offeredLeadIds: [] });
        jest.advanceTimersByTime(1000);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
    });

    it('reloads once when the baseline could not be read, and backs off while the token call fails', async () => {
        mockToken.mockRejectedValueOnce(new Error('offline')).mockResolvedValue('c1.0');
        const task = jest.fn().mockResolvedValue(true);
        watcher = new LeadChangePoller(task, { intervalMs: () => 1000 });
        watcher.start();
        await flush();
        jest.advanceTimersByTime(1000);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
        mockToken.mockRejectedValue(new Error('offline'));
        jest.advanceTimersByTime(1000);
        await flush();
        const calls = mockToken.mock.calls.length;
        jest.advanceTimersByTime(1000);
        await flush();
        expect(mockToken.mock.calls.length).toBe(calls);
    });

    it('shares one token read per interval between the watchers of a page, and runs each task on a change', async () => {
        mockToken.mockResolvedValue('c1.0');
        const queueTask = jest.fn().mockResolvedValue(true);
        const homeTask = jest.fn().mockResolvedValue(true);
        watcher = new LeadChangePoller(queueTask, { intervalMs: () => 1000 });
        second = new LeadChangePoller(homeTask, { intervalMs: () => 1000 });
        watcher.start();
        second.start();
        await flush();
        await ticks(3);
        expect(mockToken).toHaveBeenCalledTimes(4);
        mockToken.mockResolvedValue('c2.0');
        jest.advanceTimersByTime(1000);
        await flush();
        expect(queueTask).toHaveBeenCalledTimes(1);
        expect(homeTask).toHaveBeenCalledTimes(1);
        expect(mockToken).toHaveBeenCalledTimes(5);
    });
});
