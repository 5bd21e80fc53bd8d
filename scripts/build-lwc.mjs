#!/usr/bin/env node
// Compiles every LWC TypeScript source to the .js beside it (the org only ever receives the .js).
// tsc checks types on the way, so a component with a type error is never built. Static resources that are npm
// files (Papaparse) are copied into staticresources/ (scripts/npm-static-resources.mjs).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyNpmStaticResources } from './npm-static-resources.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const project = path.join(root, 'force-app', 'main', 'default', 'lwc', 'tsconfig.json');
const result = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit', cwd: root });
if (result.status !== 0) {
    console.error('build: TypeScript errors, no component was written');
    process.exit(result.status ?? 1);
}
console.log('build: LWC TypeScript compiled beside each source');
console.log(`build: static resources copied from npm: ${copyNpmStaticResources().join(', ')}`);
