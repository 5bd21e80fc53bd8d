import { LightningElement, api } from 'lwc';

/**
 * The record-page lifecycle our detail components share: a public recordId (the platform sets it on a record
 * page), a reload when it changes while connected, and focus that follows the user's action across re-renders.
 */
export default class RecordPageElement extends LightningElement {
    /** A selector to focus once the next render has put it on the page. */
    protected pendingFocus: string | undefined;
    private currentRecordId: string | undefined;
    private connected = false;

    /** The record's id; on a record page the platform sets it. */
    @api
    get recordId(): string | undefined {
        return this.currentRecordId;
    }
    set recordId(value: string | undefined) {
        const changed = value !== this.currentRecordId;
        this.currentRecordId = value;
        if (changed && this.connected) this.recordChanged();
    }

    override connectedCallback(): void {
        this.connected = true;
        this.recordChanged();
    }

    override disconnectedCallback(): void {
        this.connected = false;
    }

    override renderedCallback(): void {
        if (!this.pendingFocus) return;
        const target = this.template?.querySelector<HTMLElement>(this.pendingFocus);
        if (target) {
            this.pendingFocus = undefined;
            target.focus();
        }
    }

    /** Runs when the component connects and whenever recordId changes while it is connected. */
    protected recordChanged(): void {}
}
