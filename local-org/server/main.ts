/**
 * `npm start`: the local org on 127.0.0.1. Creates and seeds the data folder on first start, prints the URL
 * and the demo users, and closes the database cleanly on Ctrl-C or SIGTERM.
 */
import path from 'node:path';
import { createLocalOrg } from './app.js';
import { DataFolderInUseError } from './db/instanceLock.js';
import { loadSeedFile } from './db/seed.js';
import { PROJECT_ROOT } from './metadata/paths.js';

async function main(): Promise<void> {
    const port = Number(process.env.PORT ?? 3000);
    const dataDir = path.resolve(process.env.CANAL_DATA_DIR ?? path.join(PROJECT_ROOT, '.data'));
    const org = await createLocalOrg({
        dataDir,
        queueLeads: process.env.CANAL_SEED_LEADS ? Number(process.env.CANAL_SEED_LEADS) : undefined,
        logger: process.env.CANAL_LOG === '1'
    });
    await org.app.listen({ host: '127.0.0.1', port });
    const url = `http://127.0.0.1:${port}`;
    const users = loadSeedFile().users;
    console.log(
        `\nCanal PRM local org: ${url}   (data: ${dataDir}${org.seeded ? ', freshly seeded' : ''})\n`
    );
    console.table(
        users.map((u) => ({
            username: u.username,
            password: u.password,
            role: u.role,
            partner: u.partner ?? '-',
            language: u.language,
            note: u.invited ? `invited: temporary password, welcome e-mail at ${url}/outbox` : ''
        }))
    );
    let stopping = false;
    const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: closing the local org…`);
        await org.close();
        process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
    // A folder already served by another local org is a plain sentence, not a stack trace.
    console.error(error instanceof DataFolderInUseError ? `\n${error.message}\n` : error);
    process.exit(1);
});
