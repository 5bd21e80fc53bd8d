import { reduceErrors } from 'c/reduceErrors';

describe('reduceErrors', () => {
    it('reads the message of an Apex error', () => {
        const apexError = {
            status: 500,
            body: { message: 'Lead not found', exceptionType: 'AuraHandledException' }
        };
        expect(reduceErrors(apexError)).toEqual(['Lead not found']);
    });

    it('reads every message of a UI API read error array', () => {
        const readError = {
            status: 400,
            body: [{ message: 'first' }, { message: 'second' }, { errorCode: 'X' }]
        };
        expect(reduceErrors(readError)).toEqual(['first', 'second']);
    });

    it('reads page errors before field errors of a UI API DML error', () => {
        const dmlError = {
            status: 400,
            body: {
                message: 'An error occurred while trying to update the record.',
                output: {
                    errors: [{ message: 'Record locked' }],
                    fieldErrors: { Status: [{ message: 'Bad status' }], Amount: [{ message: 'Too big' }] }
                }
            }
        };
        expect(reduceErrors(dmlError)).toEqual(['Record locked', 'Bad status', 'Too big']);
    });

    it('reads JavaScript and fetch errors', () => {
        expect(reduceErrors(new TypeError('Failed to fetch'))).toEqual(['Failed to fetch']);
        expect(reduceErrors({ status: 503, statusText: 'Service Unavailable' })).toEqual([
            'Service Unavailable'
        ]);
    });

    it('flattens lists, drops blanks and duplicates, keeps strings', () => {
        expect(
            reduceErrors(['plain text', new Error('plain text'), '  ', null, undefined, { body: {} }])
        ).toEqual(['plain text']);
        expect(reduceErrors(42)).toEqual(['42']);
    });

    it('returns an empty list when there is nothing to say', () => {
        expect(reduceErrors(undefined)).toEqual([]);
        expect(reduceErrors({ body: { output: { errors: [], fieldErrors: {} } } })).toEqual([]);
    });
});
