import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PAGE_CHUNKS, pageKey, sitePageReference, type PageKey } from '../../client/shims/routes.js';
import { PROJECT_ROOT } from '../metadata/paths.js';

const MANIFEST = path.join(PROJECT_ROOT, 'local-org', 'dist', 'app', 'manifest.json');

/** What local-org/client/rollup.config.mjs writes in manifest.json. */
export interface BuildManifest {
    /** The entry's file name, hashed (main-<hash>.js). */
    entry: string;
    /** Per chunk loaded with import(): the files it needs, its own first. */
    preload: Record<string, string[]>;
}

let cached: { mtimeMs: number; manifest: BuildManifest } | undefined;

/** The build's manifest, reread when a build replaces it; without a build, an entry that answers 404. */
export function buildManifest(): BuildManifest {
    if (!existsSync(MANIFEST)) return { entry: 'main.js', preload: {} };
    const { mtimeMs } = statSync(MANIFEST);
    if (cached?.mtimeMs !== mtimeMs) {
        cached = { mtimeMs, manifest: JSON.parse(readFileSync(MANIFEST, 'utf8')) as BuildManifest };
    }
    return cached.manifest;
}

/** The URL of the client's entry module. */
export function entryScript(): string {
    return `/assets/app/${buildManifest().entry}`;
}

/**
 * The chunk URLs a shell page needs for the URL it opens: the shell (partner site or staff pages) and, on the
 * partner site, the page's own chunks. Named in <link rel="modulepreload">, they download and compile while
 * the entry runs instead of one import() after another (entry → shell → page → the page's components).
 */
export function modulePreloads(pathname: string, staff: boolean): string[] {
    const chunks = buildManifest().preload;
    const names = staff
        ? ['staffApp']
        : ['app', PAGE_CHUNKS[pageKey(sitePageReference(pathname, '', '/s')) as PageKey]];
    const files = new Set<string>();
    for (const name of names) for (const file of (name && chunks[name]) || []) files.add(file);
    return [...files].map((file) => `/assets/app/${file}`);
}
