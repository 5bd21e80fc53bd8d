/**
 * The SVG shapes of the SLDS icons, fetched one icon at a time from the design system's own files
 * (/assets/slds/icons/<category>/<name>.svg). The base components ship every icon as a compiled template, one
 * module per category: the utility set alone is 175 KB of gzipped JavaScript that the browser must run before
 * the first icon shows. A page here uses a dozen icons, each a few hundred bytes of SVG.
 */
export interface IconShape {
    viewBox: string;
    nodes: Element[];
}

const CATEGORIES = new Set(['utility', 'standard', 'action', 'doctype', 'custom']);
const NAME = /^[A-Za-z0-9_]+$/;
const SVG_NS = 'http://www.w3.org/2000/svg';
// Shapes only: anything else in a file (scripts, links, foreign content) is dropped, not trusted.
const SHAPES = new Set([
    'g',
    'path',
    'circle',
    'ellipse',
    'rect',
    'line',
    'polyline',
    'polygon',
    'defs',
    'clippath',
    'mask',
    'lineargradient',
    'radialgradient',
    'stop',
    'use'
]);
const cache = new Map<string, Promise<IconShape | null>>();

/** `utility:add` → its category and name, or null when it is not an SLDS icon name. */
export function parseIconName(iconName: unknown): { category: string; name: string } | null {
    if (typeof iconName !== 'string') return null;
    const [category, name, extra] = iconName.split(':');
    if (extra !== undefined || !category || !name || !CATEGORIES.has(category) || !NAME.test(name))
        return null;
    return { category, name };
}

function copyShape(source: Element): Element | null {
    const tag = source.localName.toLowerCase();
    if (source.namespaceURI !== SVG_NS || !SHAPES.has(tag)) return null;
    const copy = document.createElementNS(SVG_NS, source.localName);
    for (const attribute of Array.from(source.attributes)) {
        const name = attribute.name.toLowerCase();
        // Event handlers and outside references never come across.
        if (
            name.startsWith('on') ||
            ((name === 'href' || name === 'xlink:href') && !attribute.value.startsWith('#'))
        )
            continue;
        copy.setAttribute(attribute.name, attribute.value);
    }
    for (const child of Array.from(source.children)) {
        const shape = copyShape(child);
        if (shape) copy.appendChild(shape);
    }
    return copy;
}

/** Reads one SLDS icon file into shapes; null when it is missing or not an SVG. */
export function parseIcon(text: string): IconShape | null {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    if (!root || root.localName !== 'svg' || root.namespaceURI !== SVG_NS) return null;
    const nodes = Array.from(root.children)
        .map(copyShape)
        .filter((n): n is Element => n !== null);
    return nodes.length ? { viewBox: root.getAttribute('viewBox') ?? '0 0 520 520', nodes } : null;
}

/** The shape of one icon, fetched once per page and shared by every icon that shows it. */
export function loadIcon(iconName: string): Promise<IconShape | null> {
    const parsed = parseIconName(iconName);
    if (!parsed) return Promise.resolve(null);
    const key = `${parsed.category}:${parsed.name}`;
    let shape = cache.get(key);
    if (!shape) {
        shape = fetch(`/assets/slds/icons/${parsed.category}/${parsed.name}.svg`)
            .then((response) => (response.ok ? response.text() : null))
            .then((text) => (text === null ? null : parseIcon(text)))
            .catch(() => null);
        cache.set(key, shape);
    }
    return shape;
}
