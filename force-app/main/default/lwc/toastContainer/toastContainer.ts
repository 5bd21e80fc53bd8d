import { LightningElement, api } from 'lwc';
import { TOAST_EVENT, type ToastMessage, type ToastVariant } from 'c/toastService';
import closeLabel from '@salesforce/label/c.Canal_Toast_Close';

const ICONS: Record<ToastVariant, string> = {
    success: 'utility:success',
    warning: 'utility:warning',
    error: 'utility:error',
    info: 'utility:info'
};

const VARIANTS: ReadonlySet<string> = new Set(['success', 'warning', 'error', 'info']);

interface Toast extends ToastMessage {
    key: number;
    themeClass: string;
    iconName: string;
    role: 'status' | 'alert';
}

/** Shows the toasts that c/toastService dispatches on the page; place one per page. */
export default class ToastContainer extends LightningElement {
    /** Seconds before a toast closes by itself; 0 keeps toasts until closed. */
    @api dismissAfterSeconds = 5;
    /** How many toasts show at once; the oldest go first. */
    @api maxToasts = 3;

    toasts: Toast[] = [];
    labels = { close: closeLabel };

    private nextKey = 0;
    private timers = new Map<number, ReturnType<typeof setTimeout>>();
    private paused = false;

    override connectedCallback(): void {
        window.addEventListener(TOAST_EVENT, this.handleToastEvent);
    }

    override disconnectedCallback(): void {
        window.removeEventListener(TOAST_EVENT, this.handleToastEvent);
        this.timers.forEach((timer) => clearTimeout(timer));
        this.timers.clear();
    }

    get hasToasts(): boolean {
        return this.toasts.length > 0;
    }

    private readonly handleToastEvent = (event: Event): void => {
        const detail = (event as CustomEvent<Partial<ToastMessage> | null>).detail ?? {};
        const variant: ToastVariant = VARIANTS.has(detail.variant ?? '') ? detail.variant! : 'info';
        const message = detail.message ?? '';
        if (!message && !detail.title) return;
        const key = ++this.nextKey;
        const toast: Toast = {
            key,
            title: detail.title ?? '',
            message,
            variant,
            themeClass: `slds-notify slds-notify_toast slds-theme_${variant}`,
            iconName: ICONS[variant],
            // Errors and warnings interrupt the screen reader; the rest waits its turn.
            role: variant === 'error' || variant === 'warning' ? 'alert' : 'status'
        };
        const limit = Math.max(1, Number(this.maxToasts) || 1);
        const kept = [...this.toasts, toast];
        kept.slice(0, Math.max(0, kept.length - limit)).forEach((old) => this.clearTimer(old.key));
        this.toasts = kept.slice(-limit);
        if (!this.paused) this.startTimer(key);
    };

    handleClose(event: Event): void {
        const key = Number((event.currentTarget as HTMLElement).dataset.key);
        this.dismiss(key);
    }

    // Reading or focusing a toast keeps it open (WCAG 2.2.1): timers restart when the pointer or focus leaves.
    handlePause(): void {
        this.paused = true;
        this.timers.forEach((timer) => clearTimeout(timer));
        this.timers.clear();
    }

    handleResume(): void {
        this.paused = false;
        this.toasts.forEach((toast) => this.startTimer(toast.key));
    }

    private dismiss(key: number): void {
        this.clearTimer(key);
        this.toasts = this.toasts.filter((toast) => toast.key !== key);
    }

    private startTimer(key: number): void {
        const seconds = Number(this.dismissAfterSeconds);
        if (!(seconds > 0) || this.timers.has(key)) return;
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- a toast closes itself after its time
        const timer = setTimeout(() => {
            this.timers.delete(key);
            this.dismiss(key);
        }, seconds * 1000);
        this.timers.set(key, timer);
    }

    private clearTimer(key: number): void {
        const timer = this.timers.get(key);
        if (timer !== undefined) clearTimeout(timer);
        this.timers.delete(key);
    }
}
