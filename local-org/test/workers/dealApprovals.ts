/**
 * A second process on the same SQLite file, for dealRegistrationRace.test.ts: approves the i-th registration at
 * startAt + i × stepMs as the given channel manager, through DealRegistrationService on its own connection, while
 * the server approves another registration of the same customer over HTTP at the same instant. Prints one JSON
 * line: the codes, in order.
 * Usage: tsx dealApprovals.ts <dataDir> <username> <startAtEpochMs> <stepMs> <id>...
 */
import type { UserRecord } from '../../server/apex/LeadClaimSelector.js';
import { DealRegistrationService } from '../../server/apex/DealRegistrationService.js';
import { systemClock } from '../../server/clock.js';
import { openDatabase } from '../../server/db/database.js';
import { loadClosedStatuses } from '../../server/metadata/claimRules.js';
import { loadLabels } from '../../server/metadata/labels.js';

async function main(): Promise<void> {
    const [dataDir, username, startAt, stepMs, ...ids] = process.argv.slice(2);
    const db = openDatabase(dataDir!);
    const user = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRecord;
    const service = new DealRegistrationService({
        db,
        clock: systemClock,
        labels: loadLabels(),
        closedStatuses: loadClosedStatuses()
    });
    const codes: string[] = [];
    for (const [i, id] of ids.entries()) {
        const at = Number(startAt) + i * Number(stepMs);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
        try {
            codes.push(service.approveRegistrations(user, [id])[0]!.code);
        } catch (error) {
            codes.push((error as { code?: string }).code ?? 'ERROR');
        }
    }
    db.close();
    process.stdout.write(`${JSON.stringify(codes)}\n`);
}

void main();
