import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createLocalOrg, type LocalOrg } from '../../local-org/server/app.js';

export interface RunningOrg {
    org: LocalOrg;
    url: string;
    stop(): Promise<void>;
}

/** A local org on a fresh data folder, listening on a free port of 127.0.0.1. */
export async function startOrg(queueLeads = 300): Promise<RunningOrg> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'canal-e2e-'));
    const org = await createLocalOrg({ dataDir, queueLeads, recallIntervalMs: 0, loginRateLimit: 1000 });
    await org.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(org.app.server.address() as AddressInfo).port}`;
    return {
        org,
        url,
        async stop() {
            await org.close();
            rmSync(dataDir, { recursive: true, force: true });
        }
    };
}
