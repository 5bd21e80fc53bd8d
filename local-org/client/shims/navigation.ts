import { boot } from './boot';
import { sitePageReference, siteUrlOf, type PageReference } from './routes';

export type { PageReference } from './routes';

/** The site URL of a page reference. */
export function urlOf(ref: PageReference): string {
    return siteUrlOf(ref, boot().basePath);
}

/** The page reference of a site URL (the inverse of urlOf). */
export function pageReferenceOf(pathname: string, search = ''): PageReference {
    return sitePageReference(pathname, search, boot().basePath);
}

const listeners = new Set<(ref: PageReference) => void>();

/** Calls back on every navigation (pushState by a component, or back/forward). */
export function onNavigate(listener: (ref: PageReference) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

function notify(): void {
    const ref = pageReferenceOf(window.location.pathname, window.location.search);
    listeners.forEach((l) => l(ref));
}
window.addEventListener('popstate', notify);

/** Goes to a page reference inside the single-page site. */
export function navigate(ref: PageReference, replace = false): void {
    const url = urlOf(ref);
    if (ref.type === 'standard__webPage' && /^https?:/.test(url)) {
        window.location.assign(url);
        return;
    }
    if (replace) window.history.replaceState({}, '', url);
    else window.history.pushState({}, '', url);
    notify();
}

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the TypeScript mixin pattern requires any[]
type Constructor = new (...args: any[]) => object;

/** `lightning/navigation`'s NavigationMixin over the History API. */
export const NavigationMixin = Object.assign(
    <T extends Constructor>(Base: T) =>
        class extends Base {
            [Navigate](ref: PageReference, replace?: boolean): void {
                navigate(ref, replace);
            }
            [GenerateUrl](ref: PageReference): Promise<string> {
                return Promise.resolve(urlOf(ref));
            }
        },
    { Navigate, GenerateUrl }
);

/** `@wire(CurrentPageReference)`: the page reference now and after each navigation. */
export class CurrentPageReference {
    private stop?: () => void;
    constructor(private readonly emit: (ref: PageReference) => void) {}
    update(): void {}
    connect(): void {
        this.emit(pageReferenceOf(window.location.pathname, window.location.search));
        this.stop = onNavigate((ref) => this.emit(ref));
    }
    disconnect(): void {
        this.stop?.();
    }
}
