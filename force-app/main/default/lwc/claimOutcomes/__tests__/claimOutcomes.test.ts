import type { ClaimCode, ClaimResult } from 'canal/apex/LeadClaimController';
import {
    LEAD_CHANGED_EVENT,
    LEAD_CLAIMED_EVENT,
    leadEvent,
    onLeadEvents,
    outcomeOf,
    outcomeToast,
    showOutcome,
    toClaimResult,
    toastOf,
    toastTitle
} from 'c/claimOutcomes';
import type { ConvertResult } from 'canal/apex/LeadConvertController';
import { getShownToasts } from '../../../../../test/jest-mocks/lightning/toast';

const EXPECTED: Array<[ClaimCode, string]> = [
    ['CLAIMED', 'success'],
    ['RELEASED', 'success'],
    ['CONVERTED', 'success'],
    ['UPDATED', 'success'],
    ['ALREADY_CLAIMED', 'warning'],
    ['CLAIM_LIMIT_REACHED', 'warning'],
    ['DAILY_LIMIT_REACHED', 'warning'],
    ['TRY_AGAIN', 'warning'],
    ['NOT_ELIGIBLE', 'error'],
    ['NOT_OWNER', 'error'],
    ['NOT_FOUND', 'error'],
    ['INVALID_ID', 'error'],
    ['INVALID_REQUEST', 'error'],
    ['INVALID_STATUS', 'error'],
    ['LEAD_CLOSED', 'error']
];

function result(code: ClaimCode): ClaimResult {
    return {
        code,
        message: 'server text',
        leadId: '00Q000000000001AAA',
        ownerId: null,
        claimedAt: null,
        opportunityId: null
    };
}

describe('claimOutcomes', () => {
    it.each(EXPECTED)('maps %s to its Custom Label and a %s toast', (code, variant) => {
        expect(outcomeOf(code)).toEqual({ label: `c.Canal_Outcome_${code}`, variant });
        expect(outcomeToast(result(code))).toEqual({
            label: toastTitle(outcomeOf(code).variant),
            message: `c.Canal_Outcome_${code}`,
            variant,
            mode: variant === 'error' ? 'sticky' : 'dismissible'
        });
    });

    it('covers every code of the contract exactly once', () => {
        expect(new Set(EXPECTED.map(([code]) => code)).size).toBe(15);
    });

    it('titles each variant with its own label', () => {
        expect(toastTitle('success')).toBe('c.Canal_Toast_Success');
        expect(toastTitle('warning')).toBe('c.Canal_Toast_Warning');
        expect(toastTitle('error')).toBe('c.Canal_Toast_Error');
        expect(toastTitle('info')).toBe('c.Canal_Toast_Info');
    });

    it('reads an unknown code from a newer server as an error', () => {
        expect(outcomeOf('SOMETHING_NEW' as ClaimCode).variant).toBe('error');
    });

    it('appends detail after the label and shows the toast from the target', () => {
        expect(outcomeToast(result('CLAIM_LIMIT_REACHED'), '3 of 3').message).toBe(
            'c.Canal_Outcome_CLAIM_LIMIT_REACHED 3 of 3'
        );
        showOutcome(document.body, result('ALREADY_CLAIMED'));
        expect(getShownToasts()).toEqual([
            {
                config: {
                    label: 'c.Canal_Toast_Warning',
                    message: 'c.Canal_Outcome_ALREADY_CLAIMED',
                    variant: 'warning',
                    mode: 'dismissible'
                },
                source: document.body
            }
        ]);
    });

    it('titles a plain message by its variant unless given a title, and keeps errors until closed', () => {
        expect(toastOf('error', 'Broken')).toEqual({
            label: 'c.Canal_Toast_Error',
            message: 'Broken',
            variant: 'error',
            mode: 'sticky'
        });
        expect(toastOf('success', 'Saved as draft', 'Saved')).toMatchObject({
            label: 'Saved',
            mode: 'dismissible'
        });
    });

    it('maps a conversion to the result lead events carry', () => {
        const converted: ConvertResult = {
            code: 'CONVERTED',
            message: 'server CONVERTED',
            leadId: '00Q000000000001AAA',
            accountId: null,
            contactId: null,
            opportunityId: '006000000000001AAA'
        };
        expect(toClaimResult(converted, 'user')).toEqual({
            code: 'CONVERTED',
            message: 'server CONVERTED',
            leadId: '00Q000000000001AAA',
            ownerId: 'user',
            claimedAt: null,
            opportunityId: '006000000000001AAA'
        });
        expect(toClaimResult(converted).ownerId).toBeNull();
    });

    it('builds lead events that reach window listeners until they stop', () => {
        const listener = jest.fn();
        const stop = onLeadEvents(listener);
        const claimed = leadEvent(LEAD_CLAIMED_EVENT, result('CLAIMED'));
        document.body.dispatchEvent(claimed);
        document.body.dispatchEvent(leadEvent(LEAD_CHANGED_EVENT, result('RELEASED')));
        stop();
        document.body.dispatchEvent(leadEvent(LEAD_CLAIMED_EVENT, result('CLAIMED')));

        expect(listener).toHaveBeenCalledTimes(2);
        expect(listener.mock.calls[0][0]).toBe(claimed);
        expect(claimed.type).toBe('leadclaimed');
        expect(claimed.detail.code).toBe('CLAIMED');
        expect(claimed.bubbles && claimed.composed).toBe(true);
        expect((listener.mock.calls[1][0] as Event).type).toBe('leadchanged');
    });
});
