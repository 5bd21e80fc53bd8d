import { TOAST_EVENT, showToast, type ToastMessage } from 'c/toastService';

describe('showToast', () => {
    it('dispatches a bubbling, composed canaltoast event with the toast in detail', () => {
        const host = document.createElement('div');
        document.body.appendChild(host);
        const received: Array<CustomEvent<ToastMessage>> = [];
        const listener = (event: Event) => received.push(event as CustomEvent<ToastMessage>);
        window.addEventListener(TOAST_EVENT, listener);

        showToast(host, { title: 'Done', message: 'The lead is yours.', variant: 'success' });

        window.removeEventListener(TOAST_EVENT, listener);
        host.remove();
        expect(TOAST_EVENT).toBe('canaltoast');
        expect(received).toHaveLength(1);
        expect(received[0].bubbles).toBe(true);
        expect(received[0].composed).toBe(true);
        expect(received[0].detail).toEqual({
            title: 'Done',
            message: 'The lead is yours.',
            variant: 'success'
        });
    });
});
