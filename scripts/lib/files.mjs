// File listing shared by the offline gates.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.sf', '.sfdx', 'coverage']);

/** Lists the files under the given roots (files or folders) that the predicate keeps, sorted. */
export async function listFiles(roots, keep) {
    const found = [];
    async function walk(p) {
        const info = await stat(p);
        if (info.isFile()) {
            if (keep(p)) found.push(p);
            return;
        }
        for (const entry of await readdir(p, { withFileTypes: true })) {
            if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
            await walk(path.join(p, entry.name));
        }
    }
    for (const root of roots) {
        await walk(root);
    }
    return found.sort();
}
