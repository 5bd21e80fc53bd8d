/**
 * Fills Custom Labels that carry {0}, {1}... placeholders, and says how old something is in the same way.
 * Labels keep the word order of each language, so placeholders are never concatenated in code.
 */
import ageNowLabel from '@salesforce/label/c.Canal_Age_Now';
import ageMinutesLabel from '@salesforce/label/c.Canal_Age_Minutes';
import ageHoursLabel from '@salesforce/label/c.Canal_Age_Hours';
import ageDaysLabel from '@salesforce/label/c.Canal_Age_Days';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Returns the label with each {n} replaced by the n-th argument; placeholders without an argument stay. */
export function formatLabel(label: string, ...args: Array<string | number>): string {
    return label.replace(/\{(\d+)\}/g, (placeholder: string, index: string) => {
        const value = args[Number(index)];
        return value === undefined ? placeholder : String(value);
    });
}

/**
 * A count in words: the label for exactly one, else the label for any other number. Two labels rather than one
 * with the noun in the plural, so "1 deal" and "1 oportunidad" read right in both languages.
 */
export function formatCount(count: number, one: string, other: string): string {
    return formatLabel(count === 1 ? one : other, count);
}

/** Fills a "{0} h {1} min" label with the hours and minutes left until isoDate; 0 and 0 once it has passed. */
export function formatTimeLeft(label: string, isoDate: string, now: number = Date.now()): string {
    const minutes = Math.floor(Math.max(0, Date.parse(isoDate) - now) / MINUTE);
    return formatLabel(label, Math.floor(minutes / 60), minutes % 60);
}

/** Returns a short relative age such as "3 d", "5 h", "12 min" or "now"; an empty string for a bad date. */
export function formatAge(isoDate: string | null | undefined, now: number = Date.now()): string {
    const time = isoDate ? Date.parse(isoDate) : NaN;
    if (Number.isNaN(time)) return '';
    const elapsed = Math.max(0, now - time);
    if (elapsed >= DAY) return formatLabel(ageDaysLabel, Math.floor(elapsed / DAY));
    if (elapsed >= HOUR) return formatLabel(ageHoursLabel, Math.floor(elapsed / HOUR));
    if (elapsed >= MINUTE) return formatLabel(ageMinutesLabel, Math.floor(elapsed / MINUTE));
    return ageNowLabel;
}
