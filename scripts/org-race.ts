/**
 * npm run org:race -- [--target local] [--login-url URL --client-id ID --client-secret SECRET --reps reps.json]
 *                     [--leads 30] [--concurrency 6] [--yes]
 * Races partner reps claiming the same queue leads through the REST contract and reports double claims and
 * limit breaches (both must be zero). Exit code 1 when either is found.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_OAUTH_CLIENT } from '../local-org/server/app.js';
import { loadSeedFile } from '../local-org/server/db/seed.js';
import { runClaimRace, type RaceRep } from './race/claimRace.js';

const HELP = `Usage: npm run org:race -- [options]

Races partner reps claiming the same queue leads through /services/apexrest/canal/v1 (jsforce) and checks
that no lead is claimed twice and no partner ends above its limits.

  --target local          race against the local org (default; start it first with npm start)
  --login-url URL         an org or Experience Cloud login URL instead of the local org
  --client-id ID          connected app consumer key (org targets)
  --client-secret SECRET  connected app consumer secret (org targets)
  --reps FILE             JSON list of { "username", "password" } partner reps (org targets)
  --leads N               queue leads every rep tries to claim (default 30, at most 200)
  --concurrency N         requests each rep keeps in flight (default 6)
  --yes                   allow a production login URL (login.salesforce.com or a my.salesforce.com domain)
  --help                  this text
`;

/** True for a login URL that may reach a production org. */
export function looksLikeProduction(loginUrl: string): boolean {
    const host = new URL(loginUrl).hostname;
    if (host === '127.0.0.1' || host === 'localhost') return false;
    if (host === 'test.salesforce.com' || /sandbox|scratch|--/.test(host)) return false;
    return true;
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            target: { type: 'string', default: 'local' },
            'login-url': { type: 'string' },
            'client-id': { type: 'string' },
            'client-secret': { type: 'string' },
            reps: { type: 'string' },
            leads: { type: 'string', default: '30' },
            concurrency: { type: 'string', default: '6' },
            yes: { type: 'boolean', default: false },
            help: { type: 'boolean', default: false }
        }
    });
    if (values.help) {
        console.log(HELP);
        return 0;
    }
    const local = !values['login-url'];
    if (local && values.target !== 'local') {
        console.error(
            `Unknown target "${values.target}": use --target local, or --login-url with --client-id, --client-secret and --reps.`
        );
        return 2;
    }
    const loginUrl = values['login-url'] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
    if (!local && looksLikeProduction(loginUrl) && !values.yes) {
        console.error(
            `${loginUrl} may be a production org: the race claims real leads. Add --yes to run it anyway.`
        );
        return 2;
    }
    let reps: RaceRep[];
    if (local) {
        reps = loadSeedFile()
            .users.filter((u) => u.role === 'partner_rep' && !u.invited)
            .slice(0, 4);
    } else {
        if (!values.reps || !values['client-id'] || !values['client-secret']) {
            console.error('An org target needs --client-id, --client-secret and --reps.');
            return 2;
        }
        reps = JSON.parse(readFileSync(values.reps, 'utf8')) as RaceRep[];
    }
    const report = await runClaimRace({
        loginUrl,
        clientId: values['client-id'] ?? DEFAULT_OAUTH_CLIENT.clientId,
        clientSecret: values['client-secret'] ?? DEFAULT_OAUTH_CLIENT.clientSecret,
        reps,
        leads: Math.min(200, Number(values.leads)),
        concurrency: Number(values.concurrency)
    });
    const latencies = report.attempts.map((a) => a.ms).sort((a, b) => a - b);
    const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1);
    console.log(
        `Claim race against ${loginUrl}: ${reps.length} reps × ${report.leadIds.length} leads, ${report.attempts.length} claims in ${report.elapsedMs.toFixed(0)} ms`
    );
    console.log(`Outcomes: ${JSON.stringify(report.codes)}`);
    console.log(`Latency ms: p50 ${pct(50)}, p95 ${pct(95)}, max ${pct(100)}`);
    for (const [user, a] of Object.entries(report.allowances)) {
        console.log(
            `  ${user}: ${a.openClaims}/${a.openLimit} open, ${a.claimsToday}/${a.dailyLimit} in 24 h`
        );
    }
    console.log(
        `Double claims: ${report.doubleClaims.length}   Limit breaches: ${report.limitBreaches.length}`
    );
    return report.doubleClaims.length === 0 && report.limitBreaches.length === 0 ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
    }
);
