#!/usr/bin/env node
// Metadata gate. `sf project convert source` accepts unknown elements silently, so first every *-meta.xml is
// checked against the Metadata API schema that ships inside jsforce (well-formed XML, the Metadata namespace,
// a known root type, and every element known for the type it sits in); then the tree must convert.
// Usage: node scripts/check-metadata.mjs [--no-convert] [path ...]   (default: force-app)
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { listFiles } from './lib/files.mjs';
import { convertSource } from './lib/sf.mjs';
import { checkSiteBundles } from './lib/siteBundle.mjs';

const { ApiSchemas } = createRequire(import.meta.url)('jsforce/lib/api/metadata/schema');
const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

// Complex elements the Metadata API has but jsforce's schema (an older WSDL) lacks, with their shape. Metadata API
// Developer Guide, "FlexiPage" (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/
// meta_flexipage.htm): since API 47 a region holds itemInstances (a componentInstance or a fieldInstance) where it
// held componentInstances; the shapes are those of the ItemInstance, ComponentInstance and FieldInstance types in
// @salesforce/types (lib/metadata.d.ts), which ships with the pinned sf CLI. Every other element stays checked.
const SCHEMA_EXTENSIONS = {
    FlexiPageRegion: { itemInstances: ['ItemInstance'] },
    ItemInstance: { componentInstance: '?ComponentInstance', fieldInstance: '?FieldInstance' },
    ComponentInstance: { identifier: '?string' },
    FieldInstance: {
        fieldInstanceProperties: ['FieldInstanceProperty'],
        fieldItem: 'string',
        identifier: '?string',
        visibilityRule: '?UiFormulaRule'
    },
    FieldInstanceProperty: { name: '?string', value: '?string' }
};
for (const [type, props] of Object.entries(SCHEMA_EXTENSIONS)) {
    ApiSchemas[type] = { type, ...ApiSchemas[type], props: { ...ApiSchemas[type]?.props, ...props } };
}

// Types that the Metadata API has but jsforce's generated schema lacks: well-formedness and namespace only.
const UNSCHEMATIZED_TYPES = new Set([
    'DigitalExperienceBundle',
    'DigitalExperienceConfig',
    'ExperiencePropertyTypeBundle'
]);

// Leaf elements the Metadata API has but jsforce's schema (an older WSDL) lacks, each with the doc it comes from.
// Only these names, only in these types, only holding text: anything else unknown still fails.
export const NEWER_THAN_SCHEMA = {
    // Metadata API Developer Guide, "CustomSite": siteGuestRecordDefaultOwner, the user who owns records that guest
    // users create (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_sites.htm).
    'CustomSite.siteGuestRecordDefaultOwner': 'meta_sites.htm',
    // Metadata API Developer Guide, "Network" (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/
    // api_meta/meta_network.htm): the login, home and password pages come from the site's DigitalExperienceBundle
    // (its routes), as Experience Builder writes it for an enhanced LWR site.
    'Network.enableExperienceBundleBasedSnaOverrideEnabled': 'meta_network.htm',
    // Same page: the LWR site's own connected app for its sessions, on for an enhanced LWR site.
    'Network.enableLWRExperienceConnectedApp': 'meta_network.htm'
};

// Props the WSDL types as a string that hold an XML island in source format, with the island's own shape.
const XML_ISLANDS = {
    'LightningComponentBundle.targetConfigs': {
        targetConfig: {
            property: { datasource: {} },
            supportedFormFactors: { supportedFormFactor: {} },
            objects: { object: {} }
        }
    }
};

function propsOf(typeName) {
    const props = {};
    for (let t = ApiSchemas[typeName]; t; t = t.extends ? ApiSchemas[t.extends] : undefined) {
        Object.assign(props, t.props ?? {});
    }
    return props;
}

function elementType(propType) {
    return (Array.isArray(propType) ? propType[0] : propType).replace(/^\?/, '');
}

function lineOf(text, name, fromIndex = 0) {
    const at = text.indexOf(`<${name}`, fromIndex);
    return at < 0 ? 0 : text.slice(0, at).split('\n').length;
}

/** Returns the schema problems of one metadata file's text, each with a line and a message. */
export function validateMetadata(text) {
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
        return [{ line: valid.err.line, message: `not well-formed XML: ${valid.err.msg}` }];
    }
    const doc = new XMLParser({
        preserveOrder: true,
        ignoreAttributes: false,
        ignoreDeclaration: true,
        ignorePiTags: true
    }).parse(text);
    const roots = doc.filter((n) => !('#comment' in n));
    if (roots.length !== 1) return [{ line: 1, message: 'expected exactly one root element' }];
    const rootName = Object.keys(roots[0]).find((k) => k !== ':@');
    const problems = [];
    if (roots[0][':@']?.['@_xmlns'] !== METADATA_NS) {
        problems.push({
            line: lineOf(text, rootName),
            message: `root <${rootName}> must declare xmlns="${METADATA_NS}"`
        });
    }
    if (UNSCHEMATIZED_TYPES.has(rootName)) return problems;
    if (!ApiSchemas[rootName]) {
        return [
            ...problems,
            { line: lineOf(text, rootName), message: `unknown metadata type <${rootName}>` }
        ];
    }
    let cursor = 0;
    function walkIsland(children, shape, where) {
        for (const child of children) {
            const name = Object.keys(child).find((k) => k !== ':@');
            if (name === '#text' || name === '#comment') continue;
            cursor = Math.max(cursor, text.indexOf(`<${name}`, cursor));
            if (!(name in shape)) {
                problems.push({
                    line: lineOf(text, name, cursor),
                    message: `unknown element <${name}> in ${where}`
                });
                continue;
            }
            walkIsland(child[name], shape[name], `${where}/${name}`);
        }
    }
    function walk(children, typeName, where) {
        const props = propsOf(typeName);
        for (const child of children) {
            const name = Object.keys(child).find((k) => k !== ':@');
            if (name === '#text' || name === '#comment') continue;
            cursor = Math.max(cursor, text.indexOf(`<${name}`, cursor));
            if (!(name in props)) {
                const newer = `${typeName}.${name}` in NEWER_THAN_SCHEMA;
                const leaf = child[name].every((c) => '#text' in c || '#comment' in c);
                if (newer && leaf) continue;
                problems.push({
                    line: lineOf(text, name, cursor),
                    message: newer
                        ? `<${name}> in ${where} holds text only`
                        : `unknown element <${name}> in ${where} (type ${typeName})`
                });
                continue;
            }
            const island = XML_ISLANDS[`${typeName}.${name}`];
            const childType = elementType(props[name]);
            const grandChildren = child[name].filter((c) => !('#text' in c) && !('#comment' in c));
            if (island) {
                walkIsland(grandChildren, island, `${where}/${name}`);
            } else if (ApiSchemas[childType]) {
                walk(child[name], childType, `${where}/${name}`);
            } else if (grandChildren.length > 0 && childType !== 'any') {
                problems.push({
                    line: lineOf(text, name, cursor),
                    message: `<${name}> in ${where} is a ${childType} and cannot hold elements`
                });
            }
        }
    }
    walk(roots[0][rootName], rootName, rootName);
    return problems;
}

function topLevelText(text, rootName, element) {
    const doc = new XMLParser({ ignoreAttributes: true, parseTagValue: false }).parse(text);
    const value = doc?.[rootName]?.[element];
    return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * Field history needs the object's history on: a field with trackHistory true on an object without enableHistory
 * true fails the deploy ("does not have history tracking enabled"). Standard objects included: without its
 * objects/<Object>/<Object>.object-meta.xml saying enableHistory, the target org's setting decides, so we fail.
 * Takes the metadata files' paths and texts; returns problems with file and line.
 */
export function checkHistoryTracking(texts) {
    const objectFiles = new Map();
    for (const [file, text] of texts) {
        const match = /(?:^|[\\/])objects[\\/]([^\\/]+)[\\/]\1\.object-meta\.xml$/.exec(file);
        if (match) objectFiles.set(match[1], { file, text });
    }
    const problems = [];
    const historyOn = (objectName) => {
        const object = objectFiles.get(objectName);
        return object && topLevelText(object.text, 'CustomObject', 'enableHistory') === 'true';
    };
    const describe = (objectName) => {
        const object = objectFiles.get(objectName);
        return object
            ? `${object.file} does not set <enableHistory>true</enableHistory>`
            : `no objects/${objectName}/${objectName}.object-meta.xml sets <enableHistory>true</enableHistory>`;
    };
    for (const [file, text] of texts) {
        const field = /(?:^|[\\/])objects[\\/]([^\\/]+)[\\/]fields[\\/][^\\/]+\.field-meta\.xml$/.exec(file);
        if (field && topLevelText(text, 'CustomField', 'trackHistory') === 'true' && !historyOn(field[1])) {
            problems.push({
                file,
                line: lineOf(text, 'trackHistory'),
                message: `<trackHistory> is true but ${field[1]} has no history tracking: ${describe(field[1])} (the deploy fails with "does not have history tracking enabled")`
            });
        }
    }
    return problems;
}

const args = process.argv.slice(2);
const convert = !args.includes('--no-convert');
const roots = args.filter((a) => !a.startsWith('--'));
const sourceDirs = roots.length ? roots : ['force-app'];
const files = await listFiles(sourceDirs, (f) => f.endsWith('-meta.xml'));
let failures = 0;
const texts = new Map();
for (const file of files) {
    const text = await readFile(file, 'utf8');
    texts.set(file, text);
    for (const p of validateMetadata(text)) {
        console.error(`${file}:${p.line}: ${p.message}`);
        failures++;
    }
}
// The site bundles' JSON, and the LWCs whose slots their regions name (ours live in force-app).
const bundleJson = await listFiles(sourceDirs, (f) => f.endsWith('.json') && /digitalExperiences/.test(f));
for (const file of bundleJson) texts.set(file, await readFile(file, 'utf8'));
const projectLwc = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '..',
    'force-app',
    'main',
    'default',
    'lwc'
);
const lwcDirs = [
    ...(await listFiles(sourceDirs, (f) => /[\\/]lwc[\\/][^\\/]+[\\/][^\\/]+\.js-meta\.xml$/.test(f))).map(
        (f) => path.dirname(path.dirname(f))
    ),
    ...(existsSync(projectLwc) ? [projectLwc] : [])
];
for (const p of [...checkHistoryTracking(texts), ...checkSiteBundles(texts, [...new Set(lwcDirs)])]) {
    console.error(`${p.file}:${p.line}: ${p.message}`);
    failures++;
}
if (failures > 0) {
    console.error(`check:metadata: ${failures} problem(s) in ${files.length} file(s)`);
    process.exit(1);
}
console.log(
    `check:metadata: ${files.length} metadata file(s) match the Metadata API schema${bundleJson.length ? `; ${bundleJson.length} site bundle JSON file(s) are consistent` : ''}`
);
if (convert) {
    for (const dir of sourceDirs) {
        const result = await convertSource(dir);
        if (!result.ok) {
            console.error(`check:metadata: sf project convert source failed for ${dir}\n${result.output}`);
            process.exit(1);
        }
        console.log(
            `check:metadata: ${dir} converts to Metadata API format (${result.components} component(s))`
        );
    }
}
