/**
 * waitForNetworkLive over HTTP (jsforce → fake org): polls the Network's Status with a clock, never a fixed sleep.
 */
import { waitForNetworkLive } from '../../scripts/org/steps';
import { FakeOrg } from './fakeOrg';

describe('waitForNetworkLive', () => {
    let org: FakeOrg;
    afterEach(async () => {
        await org?.stop();
    });

    function clock() {
        let now = 0;
        const sleeps: number[] = [];
        return {
            sleeps,
            now: () => now,
            sleep: (ms: number) => {
                sleeps.push(ms);
                now += ms;
                return Promise.resolve();
            }
        };
    }

    it('polls until Live', async () => {
        const statuses = ['UnderConstruction', 'UnderConstruction', 'Live'];
        org = await new FakeOrg({ query: () => ({ records: [{ Status: statuses.shift() }] }) }).start();
        const c = clock();
        const lines: string[] = [];
        await waitForNetworkLive(org.connection(), "Canal's Partners", {
            intervalMs: 5000,
            timeoutMs: 60_000,
            ...c,
            log: (l) => lines.push(l)
        });
        expect(org.requests.map((r) => r.soql)).toEqual(
            Array(3).fill("SELECT Status FROM Network WHERE Name = 'Canal\\'s Partners'")
        );
        expect(c.sleeps).toEqual([5000, 5000]);
        expect(lines).toEqual(["    Canal's Partners: UnderConstruction", "    Canal's Partners is Live"]);
    });

    it('fails on an unknown site and after the timeout', async () => {
        org = await new FakeOrg({ query: () => ({ records: [] }) }).start();
        const options = { intervalMs: 5000, timeoutMs: 12_000, ...clock(), log: () => undefined };
        await expect(waitForNetworkLive(org.connection(), 'Nope', options)).rejects.toThrow(
            'No Network named "Nope"'
        );
        await org.stop();

        org = await new FakeOrg({ query: () => ({ records: [{ Status: 'DownForMaintenance' }] }) }).start();
        const c = clock();
        await expect(
            waitForNetworkLive(org.connection(), 'Canal', {
                intervalMs: 5000,
                timeoutMs: 12_000,
                ...c,
                log: () => undefined
            })
        ).rejects.toThrow('Canal is still DownForMaintenance after 12 s');
        expect(c.sleeps).toEqual([5000, 5000]);
    });
});
