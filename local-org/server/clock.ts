/** The time source of the rules; tests and scenarios move it by hand. */
export interface Clock {
    now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until advanced. */
export class ManualClock implements Clock {
    private current: Date;
    constructor(start: Date) {
        this.current = new Date(start.getTime());
    }
    now(): Date {
        return new Date(this.current.getTime());
    }
    advanceHours(hours: number): void {
        this.current = new Date(this.current.getTime() + hours * 3_600_000);
    }
}
