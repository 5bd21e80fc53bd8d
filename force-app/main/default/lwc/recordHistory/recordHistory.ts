import { LightningElement, api } from 'lwc';
import getHistory from '@salesforce/apex/RecordHistoryController.getHistory';
import type { HistoryEntry } from 'canal/apex/RecordHistoryController';
import locale from '@salesforce/i18n/locale';
import titleLabel from '@salesforce/label/c.Canal_Manager_History_Title';
import emptyLabel from '@salesforce/label/c.Canal_Manager_History_Empty';
import errorLabel from '@salesforce/label/c.Canal_Manager_History_Error';
import dateLabel from '@salesforce/label/c.Canal_Manager_History_Date';
import changeLabel from '@salesforce/label/c.Canal_Manager_History_Change';
import userLabel from '@salesforce/label/c.Canal_Manager_History_User';
import oldLabel from '@salesforce/label/c.Canal_Manager_History_Old';
import newLabel from '@salesforce/label/c.Canal_Manager_History_New';
import loadingLabel from '@salesforce/label/c.Canal_Loading';

/** One history row as the template shows it. */
interface HistoryView {
    id: string;
    when: string;
    occurredAt: string;
    change: string;
    oldValue: string;
    newValue: string;
    userName: string;
    className: string;
}

/**
 * A lead's or a deal's history, newest first: who claimed, released or was recalled (the claim audit) and
 * every tracked field change (status, owner, stage, amount, close date, next step), with who and when.
 */
export default class RecordHistory extends LightningElement {
    entries: HistoryEntry[] | undefined;
    error: unknown;
    private currentId: string | undefined;
    private requests = 0;

    labels = {
        title: titleLabel,
        empty: emptyLabel,
        error: errorLabel,
        date: dateLabel,
        change: changeLabel,
        user: userLabel,
        oldValue: oldLabel,
        newValue: newLabel,
        loading: loadingLabel
    };

    /** The Lead or Opportunity id. */
    @api
    get recordId(): string | undefined {
        return this.currentId;
    }
    set recordId(value: string | undefined) {
        const changed = value !== this.currentId;
        this.currentId = value;
        if (changed && value) this.load();
    }

    /** Reads the history again (after the record changed). */
    @api
    refresh(): Promise<void> {
        return this.load();
    }

    get isLoading(): boolean {
        return this.entries === undefined && !this.error;
    }

    get hasEntries(): boolean {
        return (this.entries?.length ?? 0) > 0;
    }

    get showEmpty(): boolean {
        return this.entries !== undefined && this.entries.length === 0;
    }

    get views(): HistoryView[] {
        const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
        return (this.entries ?? []).map((e) => ({
            id: e.id,
            occurredAt: e.occurredAt,
            when: format.format(new Date(e.occurredAt)),
            change: e.fieldLabel,
            oldValue: e.oldValue ?? '',
            newValue: e.newValue ?? '',
            userName: e.userName ?? '',
            className: e.kind === 'CLAIM_AUDIT' ? 'history-audit' : ''
        }));
    }

    private async load(): Promise<void> {
        const recordId = this.currentId;
        if (!recordId) return;
        const request = ++this.requests;
        try {
            const entries = await getHistory({ recordId });
            if (request !== this.requests) return;
            this.entries = entries;
            this.error = undefined;
        } catch (error) {
            if (request !== this.requests) return;
            this.entries = undefined;
            this.error = error;
        }
    }
}
