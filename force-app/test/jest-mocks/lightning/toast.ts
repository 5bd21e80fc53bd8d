// Jest stand-in for lightning/toast: Toast.show records each toast's config and its source instead of drawing
// it (sfdx-lwc-jest's stub drops them). jest-setup clears the record after every test.
import { LightningElement, api } from 'lwc';

export interface ShownToast {
    config: { label: string; message?: string; variant?: string; mode?: string };
    source: unknown;
}

let shown: ShownToast[] = [];

export default class Toast extends LightningElement {
    @api label = '';
    @api message = '';
    @api variant = '';
    @api mode = '';
    @api labelLinks: unknown;
    @api messageLinks: unknown;

    static show(config: ShownToast['config'], source: unknown): void {
        shown.push({ config: { ...config }, source });
    }
}

/** The toasts shown in this test, oldest first. */
export function getShownToasts(): ShownToast[] {
    return shown;
}

/** Forgets the toasts shown so far. */
export function resetToastMock(): void {
    shown = [];
}
