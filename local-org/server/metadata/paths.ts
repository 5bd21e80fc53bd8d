import path from 'node:path';

/** The project root, so the local org reads the same metadata files that are deployed. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const METADATA_ROOT = path.join(PROJECT_ROOT, 'force-app', 'main', 'default');
