/**
 * The site's routes, with no browser in them: the navigation shim uses them in the page, and the server to know
 * which page a URL opens (it names that page's chunks in <link rel="modulepreload">).
 */
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
    Account: 'account',
    Deal_Registration__c: 'registrations'
};
const NAMED_PAGES: Record<string, string> = {
    Home: '',
    Leads: 'lead/Lead/Default',
    Opportunities: 'opportunity/Opportunity/Default',
    New_Opportunity__c: 'new-opportunity'
};

/** The site URL of a page reference, under the site's base path (`/s`). */
export function siteUrlOf(ref: PageReference, base: string): string {
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

/** The page reference of a site URL (the inverse of siteUrlOf). */
export function sitePageReference(pathname: string, search: string, base: string): PageReference {
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

/**
 * The route key of a page reference: the named page's name, or the page type and its object. local/app loads
 * one page module per key; PAGE_CHUNKS names the chunk the build makes of it (rollup names a chunk after its
 * module), so the server can preload the page a URL opens.
 */
export function pageKey(ref: PageReference): string {
    const a = ref.attributes ?? {};
    return ref.type === 'comm__namedPage'
        ? `${ref.type}/${a.name ?? 'Home'}`
        : `${ref.type}/${a.objectApiName ?? ''}`;
}

export const PAGE_CHUNKS = {
    'comm__namedPage/Home': 'homePage',
    'comm__namedPage/New_Opportunity__c': 'newOpportunityPage',
    'standard__objectPage/Lead': 'leadsPage',
    'standard__recordPage/Lead': 'leadRecordPage',
    'standard__objectPage/Opportunity': 'opportunitiesPage',
    'standard__recordPage/Opportunity': 'opportunityRecordPage'
} as const;

export type PageKey = keyof typeof PAGE_CHUNKS;
