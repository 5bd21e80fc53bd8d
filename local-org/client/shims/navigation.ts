import { boot } from './boot';

export interface PageReference {
    type: string;
    attributes?: Record<string, string | undefined>;
    state?: Record<string, string | undefined>;
}

/**
 * Site routes, as the LWR site template defines them: record pages /<prefix>/<recordId>, object list pages
 * /<prefix>/<ObjectApiName>/<filterName>, new-record pages /<prefix>/new.
 */
const OBJECT_ROUTES: Record<string, string> = {
    Lead: 'lead',
    Opportunity: 'opportunity',
    Account: 'account'
};
const NAMED_PAGES: Record<string, string> = {
    Home: '',
    Leads: 'lead/Lead/Default',
    Opportunities: 'opportunity/Opportunity/Default',
    New_Opportunity__c: 'new-opportunity'
};

/** The site URL of a page reference. */
export function urlOf(ref: PageReference): string {
    const base = boot().basePath;
    const a = ref.attributes ?? {};
    const query =
        ref.state && Object.keys(ref.state).length
            ? `?${new URLSearchParams(ref.state as Record<string, string>).toString()}`
            : '';
    switch (ref.type) {
        case 'standard__recordPage':
            return `${base}/${OBJECT_ROUTES[a.objectApiName ?? ''] ?? 'record'}/${a.recordId}${a.actionName === 'edit' ? '/edit' : ''}${query}`;
        case 'standard__objectPage': {
            const prefix = OBJECT_ROUTES[a.objectApiName ?? ''] ?? '';
            return a.actionName === 'new'
                ? `${base}/${prefix}/new${query}`
                : `${base}/${prefix}/${a.objectApiName}/${a.filterName ?? 'Default'}${query}`;
        }
        case 'comm__namedPage':
            return `${base}/${NAMED_PAGES[a.name ?? 'Home'] ?? ''}${query}`;
        case 'standard__webPage':
            return a.url ?? base;
        default:
            return `${base}/`;
    }
}

/** The page reference of a site URL (the inverse of urlOf). */
export function pageReferenceOf(pathname: string, search = ''): PageReference {
    const base = boot().basePath;
    const parts = pathname
        .replace(new RegExp(`^${base}/?`), '')
        .split('/')
        .filter(Boolean);
    const state = Object.fromEntries(new URLSearchParams(search));
    const [first, second, third] = parts;
    const namedPage = Object.keys(NAMED_PAGES).find(
        (name) => NAMED_PAGES[name] && NAMED_PAGES[name] === first
    );
    if (namedPage && parts.length === 1)
        return { type: 'comm__namedPage', attributes: { name: namedPage }, state };
    const objectApiName = first
        ? Object.keys(OBJECT_ROUTES).find((k) => OBJECT_ROUTES[k] === first)
        : undefined;
    if (objectApiName && (second === undefined || second === objectApiName)) {
        return {
            type: 'standard__objectPage',
            attributes: { objectApiName, actionName: 'list', filterName: third ?? 'Default' },
            state
        };
    }
    if (objectApiName && second === 'new') {
        return { type: 'standard__objectPage', attributes: { objectApiName, actionName: 'new' }, state };
    }
    if (objectApiName && second) {
        return {
            type: 'standard__recordPage',
            attributes: { recordId: second, objectApiName, actionName: third === 'edit' ? 'edit' : 'view' },
            state
        };
    }
    return { type: 'comm__namedPage', attributes: { name: 'Home' }, state };
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
