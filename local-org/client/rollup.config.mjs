// Bundles our real LWCs (force-app/main/default/lwc, compiled from TypeScript) with the base components from
// lightning-base-components (a development dependency, Salesforce's licence terms) for the local org.
import lwc from '@lwc/rollup-plugin';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { readdirSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmStaticResource } from '../../scripts/npm-static-resources.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const lwcRoot = path.join(root, 'force-app', 'main', 'default', 'lwc');
const shims = path.join(here, 'shims');
const production = process.env.NODE_ENV !== 'development';
const outDir = path.join(root, 'local-org', 'dist', 'app');

// c/<name> lives in the flat SFDX folder lwc/<name>/<name>.js.
const componentAliases = readdirSync(lwcRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(lwcRoot, d.name, `${d.name}.js`)))
    .map((d) => ({ name: `c/${d.name}`, path: path.join(lwcRoot, d.name, `${d.name}.js`) }));

const I18N = {
    lang: 'boot().lang',
    locale: "boot().lang === 'es' ? 'es-ES' : 'en-US'",
    currency: "'EUR'",
    timeZone: "'Europe/Madrid'"
};

const baseComponents = path.join(root, 'node_modules', 'lightning-base-components');
const permissionSets = path.join(root, 'force-app', 'main', 'default', 'permissionsets');
/** The permission set each local persona stands for (scripts/org-configure assigns the same in an org). */
const PERSONA_PERMISSION_SETS = {
    partner_rep: 'Canal_Partner_Rep',
    channel_manager: 'Canal_Channel_Manager',
    admin: 'Canal_Admin'
};

/** The personas whose permission set enables a custom permission, read from the permission sets' metadata. */
function personasWithCustomPermission(name) {
    const enabled = new RegExp(
        `<customPermissions>\\s*<enabled>true</enabled>\\s*<name>${name}</name>\\s*</customPermissions>`
    );
    return Object.entries(PERSONA_PERMISSION_SETS)
        .filter(([, set]) =>
            enabled.test(readFileSync(path.join(permissionSets, `${set}.permissionset-meta.xml`), 'utf8'))
        )
        .map(([persona]) => persona);
}
const usedBaseLabels = new Set();

/** The English text lightning-base-components ships for one of its `@salesforce/label/<Section.name>` imports. */
function englishBaseLabel(name) {
    const file = path.join(baseComponents, 'scopedImports', `@salesforce-label-${name}.js`);
    const match = /export default ("(?:[^"\\]|\\.)*")/.exec(readFileSync(file, 'utf8'));
    if (!match) throw new Error(`No English text for base-component label ${name} in ${file}`);
    return JSON.parse(match[1]);
}

/** Resolves the platform's scoped modules (@salesforce/*, some lightning/*) to the local org's shims. */
function salesforceModules() {
    const shim = (name) => path.join(shims, `${name}.js`);
    return {
        name: 'canal-salesforce-modules',
        resolveId(source, importer) {
            if (source.startsWith('@salesforce/apex/'))
                return `\0apex:${source.slice('@salesforce/apex/'.length)}`;
            if (source === '@salesforce/apex') return shim('apex');
            if (source.startsWith('@salesforce/label/c.'))
                return `\0label:${source.slice('@salesforce/label/c.'.length)}`;
            // The base components' own labels: English from the package, Spanish from our translation file.
            if (source.startsWith('@salesforce/label/')) return `\0baselabel:${source.slice(18)}`;
            if (source === '@salesforce/user/Id') return '\0user:Id';
            if (source === '@salesforce/user/isGuest') return '\0user:isGuest';
            if (source === '@salesforce/community/basePath') return '\0community:basePath';
            if (source.startsWith('@salesforce/customPermission/'))
                return `\0customPermission:${source.slice('@salesforce/customPermission/'.length)}`;
            if (source.startsWith('@salesforce/resourceUrl/'))
                return `\0resourceUrl:${source.slice('@salesforce/resourceUrl/'.length)}`;
            if (source.startsWith('@salesforce/i18n/') && source.slice(17) in I18N)
                return `\0i18n:${source.slice(17)}`;
            if (source === 'lightning/navigation') return shim('navigation');
            if (source === 'lightning/uiRecordApi') return shim('uiRecordApi');
            if (source === 'lightning/empApi') return shim('empApi');
            if (source === 'lightning/platformResourceLoader') return shim('platformResourceLoader');
            // Icons come one SVG file at a time instead of a template module per category (see iconShapes.ts).
            if (source === 'lightning/primitiveIcon')
                return this.resolve('local/primitiveIcon', importer, { skipSelf: true });
            if (source === 'experience/navigationMenuApi') return shim('navigationMenu');
            // Live partner pages hear of offered leads over the event stream instead of polling a token only.
            if (source === 'c/leadChanges')
                return this.resolve('local/leadChanges', importer, { skipSelf: true });
            if (source.startsWith('canal-local/')) return shim(source.slice('canal-local/'.length));
            return null;
        },
        load(id) {
            const boot = `import { boot } from ${JSON.stringify(shim('boot'))};`;
            if (id.startsWith('\0apex:')) {
                const [className, methodName] = id.slice(6).split('.');
                return `import { createApexMethod } from ${JSON.stringify(shim('apex'))};\nexport default createApexMethod(${JSON.stringify(className)}, ${JSON.stringify(methodName)});`;
            }
            if (id.startsWith('\0label:')) {
                return `import { label } from ${JSON.stringify(shim('labels'))};\nexport default label(${JSON.stringify(id.slice(7))});`;
            }
            if (id.startsWith('\0baselabel:')) {
                const name = id.slice(11);
                usedBaseLabels.add(name);
                return `import { baseLabel } from ${JSON.stringify(shim('labels'))};\nexport default baseLabel(${JSON.stringify(name)}, ${JSON.stringify(englishBaseLabel(name))});`;
            }
            if (id === '\0user:Id') return `${boot}\nexport default boot().userId;`;
            if (id === '\0user:isGuest') return 'export default false;';
            if (id === '\0community:basePath') return `${boot}\nexport default boot().basePath;`;
            // True for the personas whose permission set enables it, else undefined (as on the platform).
            if (id.startsWith('\0customPermission:')) {
                const personas = personasWithCustomPermission(id.slice('\0customPermission:'.length));
                return `${boot}\nexport default ${JSON.stringify(personas)}.includes(boot().persona) ? true : undefined;`;
            }
            // A static resource copied from npm (scripts/npm-static-resources.mjs) becomes a hashed asset of the bundle.
            if (id.startsWith('\0resourceUrl:')) {
                const name = id.slice('\0resourceUrl:'.length);
                const reference = this.emitFile({
                    type: 'asset',
                    name: `${name}.js`,
                    source: npmStaticResource(name)
                });
                return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
            }
            if (id.startsWith('\0i18n:')) return `${boot}\nexport default ${I18N[id.slice(6)]};`;
            return null;
        },
        // A static resource's URL is the path the server serves the bundle's assets under, as /resource/… in an org.
        resolveFileUrl({ fileName }) {
            return JSON.stringify(`/assets/app/${fileName}`);
        },
        // The base-component labels this bundle uses, so a test can check each has a Spanish translation.
        generateBundle() {
            this.emitFile({
                type: 'asset',
                fileName: 'base-labels.json',
                source: JSON.stringify([...usedBaseLabels].sort(), null, 1)
            });
        }
    };
}

/**
 * manifest.json, read by the server's shell page: `entry`, the entry file's hashed name, and `preload`, for each
 * chunk loaded with import() (a shell, a page), the files it needs before it can run (its own and every chunk it
 * imports statically, the entry aside). The server names them in <link rel="modulepreload"> for the page a URL
 * opens, so the browser fetches and compiles them in parallel with the entry instead of one import() after
 * another.
 */
function buildManifest() {
    return {
        name: 'canal-build-manifest',
        generateBundle(_options, bundle) {
            const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
            const entry = chunks.find((chunk) => chunk.isEntry).fileName;
            const needs = (fileName, seen = new Set()) => {
                if (seen.has(fileName) || fileName === entry) return seen;
                seen.add(fileName);
                for (const imported of bundle[fileName]?.imports ?? []) needs(imported, seen);
                return seen;
            };
            const preload = {};
            for (const chunk of chunks)
                if (chunk.isDynamicEntry) preload[chunk.name] = [...needs(chunk.fileName)];
            this.emitFile({
                type: 'asset',
                fileName: 'manifest.json',
                source: JSON.stringify({ entry, preload }, null, 1)
            });
        }
    };
}

/**
 * Production only: empties the output folder first (hashed chunks of older builds would pile up) and writes a
 * .gz and a .br beside every file, which the server sends as they are (@fastify/static preCompressed).
 */
function productionOutput() {
    return {
        name: 'canal-production-output',
        buildStart() {
            rmSync(outDir, { recursive: true, force: true });
        },
        writeBundle(_options, bundle) {
            for (const fileName of Object.keys(bundle)) {
                if (!fileName.endsWith('.js')) continue;
                const file = path.join(outDir, fileName);
                const content = readFileSync(file);
                writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
                writeFileSync(
                    `${file}.br`,
                    brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })
                );
            }
        }
    };
}

export default {
    input: path.join(here, 'main.js'),
    output: {
        // One chunk per shell and per page (local/app imports each page on demand). Every file name carries a
        // content hash, the entry's too (the server's shell page reads it from manifest.json), so browsers may
        // cache them all for a year and a visit asks the server for nothing but the page and its data.
        dir: outDir,
        format: 'esm',
        entryFileNames: 'main-[hash].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        sourcemap: !production
    },
    plugins: [
        salesforceModules(),
        buildManifest(),
        replace({
            preventAssignment: true,
            values: {
                'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
                'import.meta.env.SSR': 'false'
            }
        }),
        lwc({
            rootDir: root,
            modules: [
                { dir: path.join(here, 'modules') },
                ...componentAliases,
                { npm: 'lightning-base-components' }
            ],
            enableDynamicComponents: true,
            enableSyntheticElementInternals: true
        }),
        nodeResolve({ extensions: ['.js'] }),
        ...(production
            ? [terser({ ecma: 2020, module: true, compress: { passes: 2 } }), productionOutput()]
            : [])
    ],
    onwarn(warning, warn) {
        if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
        // The base components' own template warnings are theirs to fix, not ours.
        if ((warning.id ?? warning.loc?.file ?? '').includes('lightning-base-components')) return;
        warn(warning);
    }
};
