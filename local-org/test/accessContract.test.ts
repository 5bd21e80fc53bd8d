import type { LocalOrg } from '../server/app.js';
import { loadAccessContract, type ContractCase } from './contract/accessContract.js';
import { buildGolden, check, freshOrg, send, snapshot, type Golden } from './contract/localRunner.js';

/**
 * The local org runs every row of the access contract (docs/ACCESS-CONTRACT.md): each persona, each record state,
 * each method and route, on a fresh copy of one prepared data folder.
 */
const contract = loadAccessContract();
const byCall = new Map<string, ContractCase[]>();
for (const c of contract.cases.filter((x) => x.worlds.includes('local'))) {
    byCall.set(c.call.key, [...(byCall.get(c.call.key) ?? []), c]);
}
const only = process.env.CONTRACT_CALL;

/** Whether anything a user can change moved: records, audit, history, sessions. */
function fingerprint(org: LocalOrg): string {
    return JSON.stringify(
        org.ctx.db
            .prepare(
                `SELECT (SELECT COUNT(*) || '/' || MAX(last_modified_date) FROM leads) AS leads,
                        (SELECT COUNT(*) || '/' || MAX(last_modified_date) FROM opportunities) AS opportunities,
                        (SELECT COUNT(*) FROM lead_claims) AS claims,
                        (SELECT COUNT(*) || '/' || MAX(last_modified_date) FROM deal_registrations) AS registrations,
                        (SELECT COUNT(*) FROM field_history) AS history,
                        (SELECT COUNT(*) FROM sessions) AS sessions,
                        (SELECT COUNT(*) || '/' || MAX(password_hash) FROM users) AS users`
            )
            .get()
    );
}

function isRegistered(org: LocalOrg, verb: string, url: string): boolean {
    return org.routes.some(
        (r) => r.url === url && (Array.isArray(r.method) ? r.method : [r.method]).includes(verb as 'GET')
    );
}

describe('access contract, local org', () => {
    let golden: Golden;
    beforeAll(async () => {
        golden = await buildGolden();
    }, 120_000);
    afterAll(() => golden?.dispose());

    it.each([...byCall.keys()].filter((k) => !only || k.includes(only)))(
        '%s',
        async (key) => {
            const problems: string[] = [];
            // A case that may change nothing reuses the org of the case before when that one changed nothing
            // either; any write (allowed or not) gets the next case a fresh copy of the golden folder.
            let current: Awaited<ReturnType<typeof freshOrg>> | undefined;
            for (const c of byCall.get(key)!) {
                current ??= await freshOrg(golden);
                const { org } = current;
                if (c.call.kind === 'local' && !isRegistered(org, c.call.verb!, c.call.path!)) continue;
                // The event stream listens on a real socket: that org is not reused.
                let clean = c.mayChange.length === 0 && c.call.key !== 'LOCAL GET /events/stream';
                try {
                    const before = snapshot(org, golden);
                    const print = fingerprint(org);
                    const answer = await send(golden, org, c);
                    org.publishChanges();
                    const after = snapshot(org, golden);
                    clean &&= print === fingerprint(org);
                    for (const p of check(golden, c, answer, before, after))
                        problems.push(`${c.source} ${c.persona} / ${c.state}: ${p}`);
                } catch (error) {
                    clean = false;
                    problems.push(
                        `${c.source} ${c.persona} / ${c.state}: ${(error as Error).stack ?? String(error)}`
                    );
                }
                if (!clean) {
                    await current.dispose();
                    current = undefined;
                }
            }
            await current?.dispose();
            expect(problems).toEqual([]);
        },
        300_000
    );
});
