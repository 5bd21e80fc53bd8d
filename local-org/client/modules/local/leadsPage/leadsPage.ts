import { LightningElement, api } from 'lwc';

/** A page of the local org's router (local/app loads it on demand, so it is a chunk of its own). */
export default class LeadsPage extends LightningElement {
    /** The route's record id: every page takes it, record pages use it. */
    @api recordId?: string;
}
