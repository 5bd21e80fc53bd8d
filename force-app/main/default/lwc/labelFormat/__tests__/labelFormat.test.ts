import { formatAge, formatCount, formatLabel, formatTimeLeft } from 'c/labelFormat';

jest.mock('@salesforce/label/c.Canal_Age_Now', () => ({ default: 'now' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Age_Minutes', () => ({ default: '{0} min' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Age_Hours', () => ({ default: '{0} h' }), { virtual: true });
jest.mock('@salesforce/label/c.Canal_Age_Days', () => ({ default: '{0} d' }), { virtual: true });

const NOW = Date.parse('2026-03-05T12:00:00.000Z');

describe('formatLabel', () => {
    it('replaces each placeholder by its argument, in the order the label gives', () => {
        expect(formatLabel('{0} of {1} leads in hand', 3, 5)).toBe('3 of 5 leads in hand');
        expect(formatLabel('{1} / {0} / {1}', 'a', 'b')).toBe('b / a / b');
    });

    it('leaves placeholders without an argument and text without placeholders alone', () => {
        expect(formatLabel('{0} of {1}', 3)).toBe('3 of {1}');
        expect(formatLabel('Accept')).toBe('Accept');
        expect(formatLabel('{0}', 0)).toBe('0');
    });
});

describe('formatTimeLeft', () => {
    it('says the hours and minutes left, and 0 h 0 min once the time has passed', () => {
        expect(formatTimeLeft('{0} h {1} min left', '2026-03-05T15:20:59.000Z', NOW)).toBe('3 h 20 min left');
        expect(formatTimeLeft('{0} h {1} min left', '2026-03-05T11:00:00.000Z', NOW)).toBe('0 h 0 min left');
    });
});

describe('formatCount', () => {
    it('takes the label for one only for exactly one, and fills the count in either', () => {
        expect(formatCount(1, '{0} oportunidad', '{0} oportunidades')).toBe('1 oportunidad');
        expect(formatCount(0, '{0} deal', '{0} deals')).toBe('0 deals');
        expect(formatCount(2, '{0} deal', '{0} deals')).toBe('2 deals');
        expect(formatCount(11, '{0} deal', '{0} deals')).toBe('11 deals');
    });
});

describe('formatAge', () => {
    it.each([
        ['2026-03-02T11:00:00.000Z', '3 d'],
        ['2026-03-04T12:00:00.000Z', '1 d'],
        ['2026-03-05T07:00:00.000Z', '5 h'],
        ['2026-03-05T11:48:00.000Z', '12 min'],
        ['2026-03-05T11:59:30.000Z', 'now'],
        ['2026-03-05T12:05:00.000Z', 'now']
    ])('says %s is %s old', (created, expected) => {
        expect(formatAge(created, NOW)).toBe(expected);
    });

    it('returns an empty string for a missing or bad date', () => {
        expect(formatAge(null, NOW)).toBe('');
        expect(formatAge(undefined, NOW)).toBe('');
        expect(formatAge('not a date', NOW)).toBe('');
    });

    it('uses the current time by default', () => {
        const hourAgo = new Date(Date.now() - 60 * 60 * 1000 - 1000).toISOString();
        expect(formatAge(hourAgo)).toBe('1 h');
    });
});
