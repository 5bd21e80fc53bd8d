// The router's pages (local/<name>Page), loaded with import() by local/app.
declare module 'local/*' {
    import type { LightningElement } from 'lwc';
    const Page: typeof LightningElement;
    export default Page;
}
