#!/usr/bin/env node
// Parses every Apex class and trigger with the Apex grammar, so a syntax error fails here rather than at deploy.
// Usage: node scripts/check-apex.mjs [path ...]   (default: force-app)
import { readFile } from 'node:fs/promises';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import { listFiles } from './lib/files.mjs';

class CollectingListener extends ApexErrorListener {
    errors = [];
    apexSyntaxError(line, column, msg) {
        this.errors.push({ line, column, msg });
    }
}

/** Returns the syntax errors of one Apex source, each with its 1-based line and column. */
export function parseApex(source, isTrigger) {
    const listener = new CollectingListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    if (isTrigger) {
        parser.triggerUnit();
    } else {
        parser.compilationUnit();
    }
    return listener.errors.map((e) => ({ ...e, column: e.column + 1 }));
}

const roots = process.argv.slice(2);
const files = await listFiles(roots.length ? roots : ['force-app'], (f) => /\.(cls|trigger)$/.test(f));
let failures = 0;
for (const file of files) {
    const errors = parseApex(await readFile(file, 'utf8'), file.endsWith('.trigger'));
    for (const e of errors) {
        console.error(
            `${file}:${e.line}:${e.column}: ${e.msg.length > 160 ? e.msg.slice(0, 160) + ' …}' : e.msg}`
        );
    }
    failures += errors.length;
}
if (failures > 0) {
    console.error(`check:apex: ${failures} syntax error(s) in ${files.length} file(s)`);
    process.exit(1);
}
console.log(`check:apex: ${files.length} Apex file(s) parsed, no syntax errors`);
