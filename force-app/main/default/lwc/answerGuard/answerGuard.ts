/**
 * The stale-answer guard of the lists (c/leadQueue, c/myLeads, c/opportunityList): a sort, a search or a new list
 * view starts the list over, and an answer to a request made for an older list must then be dropped, not shown.
 */
export class AnswerGuard {
    private current = 0;

    /** Starts the list over: every earlier ticket turns stale. Returns the ticket of the new list. */
    restart(): number {
        return ++this.current;
    }

    /** The ticket of the current list, for a request that does not start it over (a refresh, the next page). */
    ticket(): number {
        return this.current;
    }

    /** True while no restart happened since the ticket was taken: its answer may be applied. */
    isCurrent(ticket: number): boolean {
        return ticket === this.current;
    }
}
