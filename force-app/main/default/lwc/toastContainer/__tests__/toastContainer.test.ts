import { createElement } from 'lwc';
import ToastContainer from 'c/toastContainer';
import { showToast, type ToastMessage } from 'c/toastService';

// Lets chained promises and the re-render they cause settle (fake timers leave microtasks alone).
function flush(): Promise<void> {
    return Array.from({ length: 5 }).reduce<Promise<void>>(
        (chain) => chain.then(() => undefined),
        Promise.resolve()
    );
}

function render(props: Record<string, unknown> = {}): HTMLElement {
    const element = createElement('c-toast-container', { is: ToastContainer });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

function toasts(element: HTMLElement): HTMLElement[] {
    return [...element.shadowRoot!.querySelectorAll<HTMLElement>('[data-id="toast"]')];
}

function text(toast: HTMLElement, id: string): string {
    return toast.querySelector(`[data-id="${id}"]`)!.textContent!.trim();
}

// Toasts come from anywhere on the page: a sibling element stands in for a component.
function emit(toast: Partial<ToastMessage>): void {
    const source = document.createElement('div');
    document.body.appendChild(source);
    showToast(source, toast as ToastMessage);
    source.remove();
}

describe('c-toast-container', () => {
    beforeEach(() => {
        jest.useFakeTimers();
    });

    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.useRealTimers();
        jest.clearAllMocks();
    });

    it('shows a toast dispatched anywhere on the page, with its title, message and theme', async () => {
        const element = render();
        emit({ title: 'Success', message: 'The lead is yours.', variant: 'success' });
        await flush();

        const [toast] = toasts(element);
        expect(text(toast, 'title')).toBe('Success');
        expect(text(toast, 'message')).toBe('The lead is yours.');
        expect(toast.className).toContain('slds-notify_toast');
        expect(toast.className).toContain('slds-theme_success');
        expect(toast.getAttribute('role')).toBe('status');
    });

    it('announces errors and warnings as alerts and reads an unknown variant as info', async () => {
        const element = render();
        emit({ title: 'Error', message: 'Failed', variant: 'error' });
        emit({ title: 'Warning', message: 'Someone was faster', variant: 'warning' });
        emit({ title: 'Odd', message: 'Unknown', variant: 'purple' as ToastMessage['variant'] });
        await flush();

        const roles = toasts(element).map((toast) => toast.getAttribute('role'));
        expect(roles).toEqual(['alert', 'alert', 'status']);
        expect(toasts(element)[2].className).toContain('slds-theme_info');
    });

    it('ignores an event with neither title nor message', async () => {
        const element = render();
        window.dispatchEvent(new CustomEvent('canaltoast', { detail: null }));
        emit({ variant: 'info' });
        await flush();
        expect(toasts(element)).toHaveLength(0);
    });

    it('dismisses a toast after the configured seconds', async () => {
        const element = render({ dismissAfterSeconds: 2 });
        emit({ title: 'Info', message: 'Saved', variant: 'info' });
        await flush();
        expect(toasts(element)).toHaveLength(1);

        jest.advanceTimersByTime(1999);
        await flush();
        expect(toasts(element)).toHaveLength(1);
        jest.advanceTimersByTime(1);
        await flush();
        expect(toasts(element)).toHaveLength(0);
    });

    it('keeps toasts when the delay is 0 until the close button is used', async () => {
        const element = render({ dismissAfterSeconds: 0 });
        emit({ title: 'Error', message: 'Failed', variant: 'error' });
        await flush();
        jest.advanceTimersByTime(60000);
        await flush();
        expect(toasts(element)).toHaveLength(1);

        const close = element.shadowRoot!.querySelector<HTMLButtonElement>('[data-id="close"]')!;
        expect(close.title).toBe('c.Canal_Toast_Close');
        expect(close.querySelector('.slds-assistive-text')!.textContent).toBe('c.Canal_Toast_Close');
        close.click();
        await flush();
        expect(toasts(element)).toHaveLength(0);
    });

    it('shows at most maxToasts, dropping the oldest', async () => {
        const element = render({ maxToasts: 2 });
        emit({ title: 'One', message: '1', variant: 'info' });
        emit({ title: 'Two', message: '2', variant: 'info' });
        emit({ title: 'Three', message: '3', variant: 'info' });
        await flush();
        expect(toasts(element).map((toast) => text(toast, 'title'))).toEqual(['Two', 'Three']);
    });

    it('waits while the pointer or focus is on the toasts and resumes after', async () => {
        const element = render({ dismissAfterSeconds: 1 });
        emit({ title: 'Info', message: 'Saved', variant: 'info' });
        await flush();
        const container = element.shadowRoot!.querySelector('.slds-notify_container')!;
        container.dispatchEvent(new CustomEvent('mouseenter'));
        emit({ title: 'More', message: 'Also saved', variant: 'info' });
        await flush();
        jest.advanceTimersByTime(5000);
        await flush();
        expect(toasts(element)).toHaveLength(2);

        container.dispatchEvent(new CustomEvent('mouseleave'));
        jest.advanceTimersByTime(1000);
        await flush();
        expect(toasts(element)).toHaveLength(0);
    });

    it('stops listening and clears its timers when removed', async () => {
        const element = render();
        emit({ title: 'Info', message: 'Saved', variant: 'info' });
        await flush();
        element.remove();
        expect(jest.getTimerCount()).toBe(0);
        document.body.appendChild(element);
        emit({ title: 'Again', message: 'Shown', variant: 'info' });
        await flush();
        expect(toasts(element).map((toast) => text(toast, 'title'))).toContain('Again');
    });

    it('is accessible with toasts shown', async () => {
        const element = render();
        emit({ title: 'Success', message: 'The lead is yours.', variant: 'success' });
        emit({ title: 'Error', message: 'Failed', variant: 'error' });
        await flush();
        jest.useRealTimers();
        await expect(element).toBeAccessible();
    });
});
