// Jest stand-in for lightning/toastContainer: instance() hands out one page-level container, as the platform's
// does, so a test can read how a component configured it.
import { LightningElement, api } from 'lwc';

interface ContainerSettings {
    maxToasts?: number;
    toastPosition?: string;
    containerPosition?: string;
}

let page: ContainerSettings | undefined;

export default class ToastContainer extends LightningElement {
    @api maxToasts = 3;
    @api toastPosition = 'top-center';
    @api containerPosition = 'fixed';

    /** The page's one container, created on the first call. */
    static instance(): ContainerSettings {
        page ??= {};
        return page;
    }
}

/** The page's container if a component asked for it in this test, else undefined. */
export function getPageToastContainer(): ContainerSettings | undefined {
    return page;
}

/** Forgets the page's container. */
export function resetToastContainerMock(): void {
    page = undefined;
}
