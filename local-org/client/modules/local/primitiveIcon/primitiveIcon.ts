import { LightningElement, api } from 'lwc';
import { loadIcon, parseIconName } from './iconShapes';

const SIZES = ['xx-small', 'x-small', 'small', 'medium', 'large'];
const VARIANTS = ['bare', 'error', 'inverse', 'warning', 'success'];

function pick(value: unknown, valid: string[], fallback: string): string {
    const normalized = typeof value === 'string' ? value.trim().toLowerCase() : '';
    return valid.includes(normalized) ? normalized : fallback;
}

/**
 * The local org's `lightning-primitive-icon` (rollup resolves `lightning/primitiveIcon` here): the same API
 * and SLDS classes as the base component, but the shape comes from the icon's own SVG file, fetched when it is
 * first shown, instead of a module holding every icon of its category as a template.
 */
export default class PrimitiveIcon extends LightningElement {
    /** An SVG sprite URL; when set it wins over iconName, as in the base component. */
    @api src?: string;
    @api svgClass?: string;
    private sizeValue = 'medium';
    private variantValue = '';
    private iconNameValue?: string;
    private drawn?: string;

    @api
    get size(): string {
        return this.sizeValue;
    }
    set size(value: string) {
        this.sizeValue = value;
        this.setAttribute('size', pick(value, SIZES, 'medium'));
    }

    @api
    get variant(): string {
        return this.variantValue;
    }
    set variant(value: string) {
        this.variantValue = value;
        this.setAttribute('variant', pick(value, VARIANTS, ''));
    }

    @api
    get iconName(): string | undefined {
        return this.iconNameValue;
    }
    set iconName(value: string | undefined) {
        this.iconNameValue = value;
    }

    get name(): string | undefined {
        return parseIconName(this.iconNameValue)?.name;
    }

    get computedClass(): string {
        const classes = new Set((this.svgClass ?? '').split(/\s+/).filter(Boolean));
        const variant = pick(this.variantValue, VARIANTS, '');
        const size = pick(this.sizeValue, SIZES, 'medium');
        if (variant !== 'bare') classes.add('slds-icon');
        if (variant === 'error') classes.add('slds-icon-text-error');
        else if (variant === 'warning') classes.add('slds-icon-text-warning');
        else if (variant === 'success') classes.add('slds-icon-text-success');
        else if (variant === '' && !this.src) classes.add('slds-icon-text-default');
        if (size !== 'medium') classes.add(`slds-icon_${size}`);
        return [...classes].join(' ');
    }

    override renderedCallback(): void {
        const wanted = this.src ? `src ${this.src}` : `icon ${this.iconNameValue ?? ''}`;
        if (wanted === this.drawn) return;
        this.drawn = wanted;
        const svg = this.template?.querySelector<SVGElement>('svg');
        if (!svg) return;
        svg.replaceChildren();
        if (this.src) {
            const use = document.createElementNS('http://www.w3.org/2000/svg', 'use');
            // Only same-origin or relative sprite URLs, as the base component's sanitizeURL allows.
            if (!/^\s*(javascript|data|vbscript):/i.test(this.src)) use.setAttribute('href', this.src);
            svg.appendChild(use);
            return;
        }
        const iconName = this.iconNameValue ?? '';
        void loadIcon(iconName).then((shape) => {
            // A newer name may have been set while this one was on its way.
            if (!shape || this.drawn !== `icon ${iconName}`) return;
            svg.setAttribute('viewBox', shape.viewBox);
            svg.replaceChildren(...shape.nodes.map((node) => node.cloneNode(true)));
        });
    }
}
