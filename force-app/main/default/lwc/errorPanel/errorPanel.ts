import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/reduceErrors';
import errorTitle from '@salesforce/label/c.Canal_Error_Title';
import showDetailsLabel from '@salesforce/label/c.Canal_Error_Show_Details';
import hideDetailsLabel from '@salesforce/label/c.Canal_Error_Hide_Details';

/** Shows one friendly line for any error, with the reduced messages behind a details toggle. */
export default class ErrorPanel extends LightningElement {
    /** Any error value: an Apex or LDS error, a list of them, an Error or a string. */
    @api errors: unknown;
    /** A caller-supplied first line; the generic translated title otherwise. */
    @api friendlyMessage: string | undefined;

    showDetails = false;

    get heading(): string {
        return this.friendlyMessage || errorTitle;
    }

    get messages(): string[] {
        return reduceErrors(this.errors);
    }

    get hasMessages(): boolean {
        return this.messages.length > 0;
    }

    get toggleLabel(): string {
        return this.showDetails ? hideDetailsLabel : showDetailsLabel;
    }

    handleToggleDetails(): void {
        this.showDetails = !this.showDetails;
    }
}
