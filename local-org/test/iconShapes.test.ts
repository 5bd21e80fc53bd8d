/**
 * @jest-environment jsdom
 */
// The local org's icons: one SLDS SVG file per icon, copied as shapes only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadIcon, parseIcon, parseIconName } from '../client/modules/local/primitiveIcon/iconShapes';

const SLDS_ICONS = path.join(
    __dirname,
    '..',
    '..',
    'node_modules',
    '@salesforce-ux',
    'design-system',
    'assets',
    'icons'
);

describe('icon shapes', () => {
    afterEach(() => {
        jest.restoreAllMocks();
    });

    it('reads an icon name into its category and name, and refuses anything else', () => {
        expect(parseIconName('utility:search')).toEqual({ category: 'utility', name: 'search' });
        expect(parseIconName('standard:lead')).toEqual({ category: 'standard', name: 'lead' });
        expect(parseIconName('utility:filterList')).toEqual({ category: 'utility', name: 'filterList' });
        for (const bad of [
            'utility',
            'utility:',
            'sprite:add',
            'utility:../../x',
            'utility:a:b',
            'utility:a-b',
            'utility:a b',
            42,
            null
        ])
            expect(parseIconName(bad)).toBeNull();
    });

    it('copies the shapes and viewBox of a real SLDS file', () => {
        const text = readFileSync(path.join(SLDS_ICONS, 'utility', 'search.svg'), 'utf8');
        const shape = parseIcon(text)!;
        expect(shape.viewBox).toBe('0 0 520 520');
        const expected = new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('path')!;
        expect(shape.nodes[0]!.localName).toBe('path');
        expect(shape.nodes[0]!.getAttribute('d')).toBe(expected.getAttribute('d'));
        // The file's white fill stays behind: the icon takes its colour from the SLDS classes.
        expect(shape.nodes[0]!.getAttribute('fill')).toBeNull();
    });

    it('drops scripts, foreign elements, event handlers and outside references', () => {
        const shape = parseIcon(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">' +
                '<script>alert(1)</script><foreignObject><p>x</p></foreignObject>' +
                '<g onclick="alert(2)"><path d="M0 0h1" onload="alert(3)"/><use href="https://evil.example/x.svg#a"/><use xlink:href="#inside"/></g>' +
                '</svg>'
        )!;
        expect(shape.viewBox).toBe('0 0 10 10');
        expect(shape.nodes.map((n) => n.localName)).toEqual(['g']);
        const g = shape.nodes[0]!;
        expect(g.getAttribute('onclick')).toBeNull();
        expect(g.querySelector('path')!.getAttribute('onload')).toBeNull();
        expect(g.querySelector('path')!.getAttribute('d')).toBe('M0 0h1');
        const uses = Array.from(g.querySelectorAll('use'));
        expect(uses.map((u) => u.getAttribute('href'))).toEqual([null, null]);
        expect(uses[1]!.getAttribute('xlink:href')).toBe('#inside');
    });

    it('answers null for a file that is not an SVG or has no shapes', () => {
        expect(parseIcon('<html><body>404</body></html>')).toBeNull();
        expect(parseIcon('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>')).toBeNull();
        expect(parseIcon('not xml at all <')).toBeNull();
    });

    it('fetches each icon once from the SLDS assets and never for a bad name', async () => {
        const text = readFileSync(path.join(SLDS_ICONS, 'utility', 'add.svg'), 'utf8');
        const fetchMock = jest.fn(async () => ({ ok: true, text: async () => text }));
        (globalThis as { fetch?: unknown }).fetch = fetchMock;
        const [a, b] = await Promise.all([loadIcon('utility:add'), loadIcon('utility:add')]);
        expect(a).not.toBeNull();
        expect(b).toBe(a);
        expect(fetchMock).toHaveBeenCalledTimes(1);
        expect(fetchMock).toHaveBeenCalledWith('/assets/slds/icons/utility/add.svg');
        await expect(loadIcon('utility:../secret')).resolves.toBeNull();
        expect(fetchMock).toHaveBeenCalledTimes(1);
    });

    it('answers null when the file is missing or the network fails', async () => {
        (globalThis as { fetch?: unknown }).fetch = jest.fn(async () => ({
            ok: false,
            text: async () => ''
        }));
        await expect(loadIcon('utility:no_such_icon')).resolves.toBeNull();
        (globalThis as { fetch?: unknown }).fetch = jest.fn(async () => {
            throw new Error('offline');
        });
        await expect(loadIcon('utility:other_missing')).resolves.toBeNull();
    });
});
