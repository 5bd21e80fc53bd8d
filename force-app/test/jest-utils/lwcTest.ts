// The one skeleton of every LWC Jest test (lwc-recipes style): mount a component, let its promises settle, read
// the toasts it showed, clean the page. Test-only (force-app/test/** is in .forceignore).
import { createElement, type LightningElement } from 'lwc';
import { getShownToasts } from '../jest-mocks/lightning/toast';

/** Microtask turns `flush` waits: enough for a connectedCallback's Apex call, its answer and the re-render. */
const TURNS = 20;

/** Waits until pending promises (Apex mocks, async handlers) and the re-renders they cause have settled. */
export function flush(turns: number = TURNS): Promise<void> {
    let chain = Promise.resolve();
    for (let turn = 0; turn < turns; turn++) chain = chain.then(() => undefined);
    return chain;
}

/**
 * Renders a component: creates it under its tag, sets the public properties, puts it in the page and waits for it to
 * settle; returns the host element.
 */
export async function mount(
    tag: string,
    component: typeof LightningElement,
    props: Record<string, unknown> = {}
): Promise<HTMLElement> {
    const element = createElement(tag, { is: component });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flush();
    return element;
}

/** The toasts shown with lightning/toast in this test, as their configs (label = title, message, variant, mode). */
export function shownToasts(): Array<{ label: string; message?: string; variant?: string; mode?: string }> {
    return getShownToasts().map((toast) => toast.config);
}

/** Removes every component the test put in the page. */
export function clearPage(): void {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
}
