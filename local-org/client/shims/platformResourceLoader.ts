/**
 * `lightning/platformResourceLoader` in the local org (the base-components package does not ship it): loadScript adds
 * one <script> per URL to the document head and resolves once it has run, as the platform does; loadStyle adds one
 * stylesheet link. Static resources come from the bundle (rollup.config.mjs, `@salesforce/resourceUrl/<name>`), so
 * the page's Content-Security-Policy (script-src 'self') allows them.
 */
import type { LightningElement } from 'lwc';

const loaded = new Map<string, Promise<void>>();

function load(url: string, create: () => HTMLScriptElement | HTMLLinkElement): Promise<void> {
    let promise = loaded.get(url);
    if (!promise) {
        promise = new Promise<void>((resolve, reject) => {
            const element = create();
            element.addEventListener('load', () => resolve());
            element.addEventListener('error', () => {
                loaded.delete(url);
                element.remove();
                reject(new Error(`Could not load ${url}`));
            });
            document.head.appendChild(element);
        });
        loaded.set(url, promise);
    }
    return promise;
}

/** Loads a script once per page; the promise settles when it has run (or failed to load). */
export function loadScript(_component: LightningElement, url: string): Promise<void> {
    return load(url, () => {
        const script = document.createElement('script');
        script.src = url;
        script.async = false;
        return script;
    });
}

/** Loads a stylesheet once per page. */
export function loadStyle(_component: LightningElement, url: string): Promise<void> {
    return load(url, () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = url;
        return link;
    });
}
