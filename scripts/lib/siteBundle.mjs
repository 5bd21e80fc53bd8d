// Cross-checks of an enhanced LWR site's DigitalExperienceBundle (source format: one folder per content item, each
// with _meta.json and content.json). The Metadata API takes the bundle whole and reports a broken reference only at
// deploy time, or not at all (a route to a missing view is a blank page), so check:metadata checks it here:
// every file parses; _meta.json names its folder and type; a route's activeViewId is a view whose viewType is the
// route's routeType; every view's themeLayoutType is a layout type of the site's theme; the theme's layouts, branding
// set and the app page's theme exist; component and region ids are unique in the bundle; a region is named as a
// slot of the component holding it (our LWCs: a <slot name> of the template declared with @slot in the source;
// standard layouts: their known regions; a section: its sectionConfig columns).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Regions of the standard layout components our site uses (Experience Builder's own). */
const STANDARD_REGIONS = {
    'community_layout:sldsFlexibleLayout': ['content', 'sfdcHiddenRegion'],
    'community_layout:simpleThemeLayout': ['header', 'footer']
};

function lineOf(text, needle, from = 0) {
    const at = text.indexOf(needle, from);
    return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** The named slots of one of our LWCs: those its template renders and those its source declares with @slot. */
function slotsOf(lwcDirs, name) {
    for (const dir of lwcDirs) {
        const base = path.join(dir, name, name);
        if (!existsSync(`${base}.html`)) continue;
        const html = readFileSync(`${base}.html`, 'utf8');
        const rendered = new Set([...html.matchAll(/<slot\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]));
        const source = ['.ts', '.js'].map((ext) => `${base}${ext}`).find((f) => existsSync(f));
        const declared = new Set(
            source
                ? [...readFileSync(source, 'utf8').matchAll(/@slot\s+([A-Za-z][\w-]*)/g)].map((m) => m[1])
                : []
        );
        return { rendered, declared };
    }
    return undefined;
}

/**
 * Checks the bundles among the given files (path -> text of every file under the checked roots); lwcDirs are the
 * lwc folders to read our components' slots from. Returns problems, each with file, line and message.
 */
export function checkSiteBundles(texts, lwcDirs) {
    const problems = [];
    const bundles = [...texts.keys()]
        .filter((f) => f.endsWith('.digitalExperience-meta.xml'))
        .map((f) => path.dirname(f));
    for (const bundle of bundles) {
        const items = new Map(); // "type/apiName" -> { dir, content, contentText, contentFile }
        for (const [file, text] of texts) {
            const relative = path.relative(bundle, file);
            const parts = relative.split(path.sep);
            if (parts.length !== 3 || parts[0].startsWith('..')) continue;
            const [type, apiName, name] = parts;
            if (name !== '_meta.json' && name !== 'content.json') continue;
            let json;
            try {
                json = JSON.parse(text);
            } catch (error) {
                problems.push({ file, line: 1, message: `not valid JSON: ${error.message}` });
                continue;
            }
            const key = `${type}/${apiName}`;
            const item = items.get(key) ?? { type, apiName };
            if (name === '_meta.json') {
                if (json.apiName !== apiName) {
                    problems.push({
                        file,
                        line: lineOf(text, '"apiName"'),
                        message: `apiName "${json.apiName}" is not its folder's name "${apiName}"`
                    });
                }
                if (json.type !== type) {
                    problems.push({
                        file,
                        line: lineOf(text, '"type"'),
                        message: `type "${json.type}" is not its folder's type "${type}"`
                    });
                }
                item.hasMeta = true;
            } else {
                if (json.type !== type) {
                    problems.push({
                        file,
                        line: lineOf(text, '"type"'),
                        message: `type "${json.type}" is not its folder's type "${type}"`
                    });
                }
                Object.assign(item, { content: json, contentText: text, contentFile: file });
            }
            items.set(key, item);
        }
        for (const item of items.values()) {
            const folder = path.join(bundle, item.type, item.apiName);
            if (!item.hasMeta) problems.push({ file: folder, line: 1, message: 'no _meta.json' });
            if (!item.content) problems.push({ file: folder, line: 1, message: 'no content.json' });
        }
        const ofType = (type) => [...items.values()].filter((i) => i.type === type && i.content);
        const get = (type, apiName) => items.get(`${type}/${apiName}`)?.content;
        const refProblem = (item, key, value, what) =>
            problems.push({
                file: item.contentFile,
                line: lineOf(item.contentText, `"${key}"`),
                message: `${key} "${value}" names no ${what} in the bundle`
            });

        // App page -> theme -> layouts and branding set.
        let layoutTypes;
        for (const appPage of ofType('sfdc_cms__appPage')) {
            const themeId = appPage.content.contentBody?.currentThemeId;
            const theme = get('sfdc_cms__theme', themeId);
            if (!theme) {
                refProblem(appPage, 'currentThemeId', themeId, 'sfdc_cms__theme');
                continue;
            }
            layoutTypes = new Set((theme.contentBody?.layouts ?? []).map((l) => l.layoutType));
        }
        for (const theme of ofType('sfdc_cms__theme')) {
            const body = theme.content.contentBody ?? {};
            if (body.activeBrandingSetId && !get('sfdc_cms__brandingSet', body.activeBrandingSetId)) {
                refProblem(theme, 'activeBrandingSetId', body.activeBrandingSetId, 'sfdc_cms__brandingSet');
            }
            for (const layout of body.layouts ?? []) {
                if (!get('sfdc_cms__themeLayout', layout.layoutId)) {
                    problems.push({
                        file: theme.contentFile,
                        line: lineOf(theme.contentText, `"layoutId": "${layout.layoutId}"`),
                        message: `layoutId "${layout.layoutId}" (layoutType ${layout.layoutType}) names no sfdc_cms__themeLayout`
                    });
                }
            }
        }

        // Routes -> views, and views -> the theme's layout types.
        for (const route of ofType('sfdc_cms__route')) {
            const { activeViewId, routeType } = route.content.contentBody ?? {};
            const view = get('sfdc_cms__view', activeViewId);
            if (!view) {
                refProblem(route, 'activeViewId', activeViewId, 'sfdc_cms__view');
                continue;
            }
            if (view.contentBody?.viewType !== routeType) {
                problems.push({
                    file: route.contentFile,
                    line: lineOf(route.contentText, '"routeType"'),
                    message: `routeType "${routeType}" does not match the viewType "${view.contentBody?.viewType}" of its view ${activeViewId}`
                });
            }
        }
        for (const view of ofType('sfdc_cms__view')) {
            const layoutType = view.content.contentBody?.themeLayoutType;
            if (layoutTypes && !layoutTypes.has(layoutType)) {
                problems.push({
                    file: view.contentFile,
                    line: lineOf(view.contentText, '"themeLayoutType"'),
                    message: `themeLayoutType "${layoutType}" is not a layout type of the site's theme (${[...layoutTypes].join(', ')})`
                });
            }
        }

        // Component trees: unique ids, regions named as their holder's slots.
        const seenIds = new Map();
        for (const item of [...ofType('sfdc_cms__view'), ...ofType('sfdc_cms__themeLayout')]) {
            const seenHere = new Map();
            const visit = (node, holder) => {
                if (!node || typeof node !== 'object') return;
                if (typeof node.id === 'string') {
                    // The nth use of an id in this file is at its nth occurrence in the text.
                    const needle = `"id": "${node.id}"`;
                    const nth = (seenHere.get(node.id) ?? 0) + 1;
                    seenHere.set(node.id, nth);
                    let at = -1;
                    for (let i = 0; i < nth; i++) at = item.contentText.indexOf(needle, at + 1);
                    const line = at < 0 ? 1 : item.contentText.slice(0, at).split('\n').length;
                    const first = seenIds.get(node.id);
                    if (first) {
                        problems.push({
                            file: item.contentFile,
                            line,
                            message: `id "${node.id}" is used again (first in ${path.relative(bundle, first.file)}:${first.line})`
                        });
                    } else {
                        seenIds.set(node.id, { file: item.contentFile, line });
                    }
                }
                if (node.type === 'region' && holder) checkRegion(item, node, holder);
                for (const child of node.children ?? [])
                    visit(child, node.type === 'component' ? node : holder);
            };
            visit(item.content.contentBody?.component, undefined);
        }

        function checkRegion(item, region, holder) {
            const where = {
                file: item.contentFile,
                line: lineOf(item.contentText, `"id": "${region.id}"`)
            };
            const definition = holder.definition ?? '';
            if (definition === 'community_layout:section') {
                let columns = [];
                try {
                    columns = JSON.parse(holder.attributes?.sectionConfig ?? '{}').columns ?? [];
                } catch {
                    problems.push({
                        ...where,
                        message: `sectionConfig of section ${holder.id} is not valid JSON`
                    });
                    return;
                }
                const column = columns.find((c) => c.columnKey === region.name);
                if (!column) {
                    problems.push({
                        ...where,
                        message: `region "${region.name}" is not a column of its section (${columns.map((c) => c.columnKey).join(', ')})`
                    });
                } else if (column.UUID !== region.id) {
                    problems.push({
                        ...where,
                        message: `region "${region.name}" has id ${region.id}, its column's UUID is ${column.UUID}`
                    });
                }
                return;
            }
            if (STANDARD_REGIONS[definition]) {
                if (!STANDARD_REGIONS[definition].includes(region.name)) {
                    problems.push({
                        ...where,
                        message: `region "${region.name}" is not a region of ${definition} (${STANDARD_REGIONS[definition].join(', ')})`
                    });
                }
                return;
            }
            const ours = /^c:(\w+)$/.exec(definition);
            if (!ours) return;
            const slots = slotsOf(lwcDirs, ours[1]);
            if (!slots) {
                problems.push({ ...where, message: `${definition} is not an LWC of this project` });
            } else if (!slots.rendered.has(region.name)) {
                problems.push({
                    ...where,
                    message: `region "${region.name}" is not a slot of ${definition} (its template has ${[...slots.rendered].map((s) => `<slot name="${s}">`).join(', ') || 'no named slot'})`
                });
            } else if (!slots.declared.has(region.name)) {
                problems.push({
                    ...where,
                    message: `slot "${region.name}" of ${definition} is not declared with @slot in its source, so Experience Builder does not offer it`
                });
            }
        }
    }
    return problems;
}
