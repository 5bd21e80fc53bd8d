// lightning/toastContainer as documented ("Toast Container", Lightning Component Reference): the page's one toast
// container. @salesforce/lightning-types declares it under the name "lightning/toast-container", which no
// component can import, so the specifier components use is declared here. Only what our components use.

declare module 'lightning/toastContainer' {
    import { LightningElement } from 'lwc';

    export default class ToastContainer extends LightningElement {
        /** The page's container, created on first call; lightning/toast's Toast.show uses the same one. */
        static instance(): ToastContainer;
        containerPosition: 'absolute' | 'fixed';
        maxToasts: number;
        toastPosition:
            'top-left' | 'top-center' | 'top-right' | 'bottom-left' | 'bottom-center' | 'bottom-right';
    }
}
