import { Poller } from 'c/poller';
import { flush } from '../../../../../test/jest-utils/lwcTest';

function setVisibility(state: 'visible' | 'hidden'): void {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new CustomEvent('visibilitychange'));
}

describe('c/poller', () => {
    let poller: Poller | undefined;

    beforeEach(() => {
        jest.useFakeTimers();
        setVisibility('visible');
    });

    afterEach(() => {
        poller?.stop();
        poller = undefined;
        jest.useRealTimers();
    });

    it('polls every interval while the page is visible', async () => {
        const task = jest.fn().mockResolvedValue(true);
        poller = new Poller(task, { intervalMs: () => 1000 });
        poller.start();
        jest.advanceTimersByTime(999);
        expect(task).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
        jest.advanceTimersByTime(1000);
        await flush();
        expect(task).toHaveBeenCalledTimes(2);
    });

    it('makes no call while the page is hidden, and polls again when it shows', async () => {
        const task = jest.fn().mockResolvedValue(true);
        poller = new Poller(task, { intervalMs: () => 1000, pollOnVisible: true });
        poller.start();
        setVisibility('hidden');
        jest.advanceTimersByTime(10_000);
        await flush();
        expect(task).not.toHaveBeenCalled();
        setVisibility('visible');
        jest.advanceTimersByTime(0);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
    });

    it('waits out the rest of the interval on return when pollOnVisible is off', async () => {
        const task = jest.fn().mockResolvedValue(true);
        poller = new Poller(task, { intervalMs: () => 1000 });
        poller.start();
        jest.advanceTimersByTime(400);
        setVisibility('hidden');
        setVisibility('visible');
        jest.advanceTimersByTime(599);
        await flush();
        expect(task).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
    });

    it('backs off after failures, up to the cap, and resets after a success', async () => {
        const task = jest
            .fn()
            .mockRejectedValueOnce(new Error('down'))
            .mockResolvedValueOnce(false)
            .mockResolvedValue(true);
        poller = new Poller(task, { intervalMs: () => 1000, maxBackoffFactor: 4 });
        poller.start();
        expect(poller.delayMs).toBe(1000);
        jest.advanceTimersByTime(1000);
        await flush();
        expect(task).toHaveBeenCalledTimes(1);
        expect(poller.delayMs).toBe(2000);
        jest.advanceTimersByTime(2000);
        await flush();
        expect(task).toHaveBeenCalledTimes(2);
        expect(poller.delayMs).toBe(4000);
        poller.refreshed(false);
        expect(poller.delayMs).toBe(4000);
        jest.advanceTimersByTime(4000);
        await flush();
        expect(task).toHaveBeenCalledTimes(3);
        expect(poller.delayMs).toBe(1000);
    });

    it('stops for good on stop()', async () => {
        const task = jest.fn().mockResolvedValue(true);
        poller = new Poller(task, { intervalMs: () => 1000, pollOnVisible: true });
        poller.start();
        poller.stop();
        setVisibility('visible');
        jest.advanceTimersByTime(5000);
        await flush();
        expect(task).not.toHaveBeenCalled();
    });
});
