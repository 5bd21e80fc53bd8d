/**
 * Colour arithmetic for branding, one copy for both worlds: the portal theme (c/portalThemeLayout) shades a
 * partner's own colour in the browser, and the site renderer (scripts/site/values.ts) shades the vendor's colour
 * into the branding set, so both give Experience Builder's shades. No platform imports: Node runs it too.
 */
/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function contrastColor(hex: string): string {
    const channel = (index: number): number => {
        const c = parseInt(hex.slice(index, index + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    // White text reaches 4.5:1 only on colours darker than about 0.18.
    return luminance > 0.179 ? '#181818' : '#ffffff';
}

/**
 * The colour with its HSL lightness lowered by `points` (0-100, floored at black): Experience Builder's rule for a
 * branding colour's darker shades (the site renderer, scripts/site/values.ts, imports this module for the branding set's shades).
 */
export function darkenColor(hex: string, points: number): string {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const delta = max - min;
    const lightness = (max + min) / 2;
    const saturation = delta === 0 ? 0 : delta / (1 - Math.abs(2 * lightness - 1));
    let hue = 0;
    if (delta !== 0) {
        if (max === r) hue = ((((g - b) / delta) % 6) + 6) % 6;
        else if (max === g) hue = (b - r) / delta + 2;
        else hue = (r - g) / delta + 4;
    }
    const l = Math.max(0, lightness - points / 100);
    const chroma = (1 - Math.abs(2 * l - 1)) * saturation;
    const x = chroma * (1 - Math.abs((hue % 2) - 1));
    const m = l - chroma / 2;
    const rgb = [
        [chroma, x, 0],
        [x, chroma, 0],
        [0, chroma, x],
        [0, x, chroma],
        [x, 0, chroma],
        [chroma, 0, x]
    ][Math.floor(hue) % 6];
    return `#${rgb
        .map((c) =>
            Math.round(Math.min(1, Math.max(0, c + m)) * 255)
                .toString(16)
                .padStart(2, '0')
        )
        .join('')}`;
}

/** SLDS brand blue: the colour when neither the site nor the partner gives a valid one. */
export const FALLBACK_COLOR = '#0176d3';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** A colour fit for a style attribute: #rrggbb, lower case; anything else is null. */
export function safeColor(value: string | null | undefined): string | null {
    const color = (value ?? '').trim();
    return HEX_COLOR.test(color) ? color.toLowerCase() : null;
}

/** A logo address fit for an img src: https, or a path on the site itself; anything else is null. */
export function safeLogoUrl(value: string | null | undefined): string | null {
    const url = (value ?? '').trim();
    if (!url || /["'<>\s\\]/.test(url)) return null;
    if (/^https:\/\/[^/]/i.test(url)) return url;
    return url.startsWith('/') && !url.startsWith('//') ? url : null;
}
