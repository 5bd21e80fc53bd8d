// Static resources copied from npm packages (LWCs cannot import npm modules): each file is a build output, written
// by `npm run build` into force-app/main/default/staticresources/<name>.js beside its committed .resource-meta.xml
// and gitignored like the compiled LWC .js. The local org's bundle emits the same file (rollup.config.mjs).
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each resource: its name (@salesforce/resourceUrl/<name>) and the package file it is. */
export const NPM_STATIC_RESOURCES = [
    { name: 'Papaparse', file: path.join(root, 'node_modules', 'papaparse', 'papaparse.min.js') }
];

export const STATIC_RESOURCES_DIR = path.join(root, 'force-app', 'main', 'default', 'staticresources');

/** Copies every resource into staticresources/; returns their names. */
export function copyNpmStaticResources() {
    for (const resource of NPM_STATIC_RESOURCES) {
        copyFileSync(resource.file, path.join(STATIC_RESOURCES_DIR, `${resource.name}.js`));
    }
    return NPM_STATIC_RESOURCES.map((resource) => resource.name);
}

/** The content of a resource by name (the local org's bundle). */
export function npmStaticResource(name) {
    const resource = NPM_STATIC_RESOURCES.find((candidate) => candidate.name === name);
    if (!resource) throw new Error(`No static resource ${name} in scripts/npm-static-resources.mjs`);
    return readFileSync(resource.file);
}
