/**
 * A toast that works where lightning/platformShowToastEvent does not (Experience Cloud LWR sites, the local
 * org): components dispatch a `canaltoast` event and the page's one c-toast-container shows it.
 */

export type ToastVariant = 'success' | 'warning' | 'error' | 'info';

export interface ToastMessage {
    title: string;
    message: string;
    variant: ToastVariant;
}

/** The name of the event c-toast-container listens for on window. */
export const TOAST_EVENT = 'canaltoast';

/** Dispatches a bubbling, composed `canaltoast` event from the target, so it reaches the page's container. */
export function showToast(target: EventTarget, toast: ToastMessage): void {
    target.dispatchEvent(
        new CustomEvent<ToastMessage>(TOAST_EVENT, {
            detail: { title: toast.title, message: toast.message, variant: toast.variant },
            bubbles: true,
            composed: true
        })
    );
}
