import DealRegistrationReview from 'c/dealRegistrationReview';
import getSubmittedRegistrations from '@salesforce/apex/DealRegistrationController.getSubmittedRegistrations';
import getRegistration from '@salesforce/apex/DealRegistrationController.getRegistration';
import approveRegistrations from '@salesforce/apex/DealRegistrationController.approveRegistrations';
import rejectRegistrations from '@salesforce/apex/DealRegistrationController.rejectRegistrations';
import extendProtection from '@salesforce/apex/DealRegistrationController.extendProtection';
import getRegistrationFigures from '@salesforce/apex/DealRegistrationController.getRegistrationFigures';
import type {
    DecisionCode,
    DecisionResult,
    RegistrationDetail,
    RegistrationFigures,
    ReviewRow
} from 'canal/apex/DealRegistrationController';
import { badgeClass, conflictLines, decisionText, formatDay, protectionText } from 'c/dealRegistrationView';
import { getGeneratedUrlPageReference } from '../../../../../test/jest-mocks/lightning/navigation';
import { clearPage, flush, mount, shownToasts } from '../../../../../test/jest-utils/lwcTest';

jest.mock(
    '@salesforce/apex/DealRegistrationController.getSubmittedRegistrations',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock('@salesforce/apex/DealRegistrationController.getRegistration', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/DealRegistrationController.approveRegistrations',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/apex/DealRegistrationController.rejectRegistrations', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/DealRegistrationController.extendProtection', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock(
    '@salesforce/apex/DealRegistrationController.getRegistrationFigures',
    () => ({ default: jest.fn() }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/c.Canal_Deal_Conflict_Held_By', () => ({ default: 'de {0} ({1})' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Deal_Conflict_Since', () => ({ default: 'desde {0}' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Canal_Deal_Result_APPROVED',
    () => ({ default: 'Aprobado: protegido hasta {0}.' }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/c.Canal_Deal_Review_Select', () => ({ default: 'Seleccionar {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Deal_Protected_Until', () => ({ default: 'Protegido hasta {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Canal_Deal_Figures_Hours', () => ({ default: '{0} h' }), { virtual: true });

const mockQueue = jest.mocked(getSubmittedRegistrations);
const mockGet = jest.mocked(getRegistration);
const mockApprove = jest.mocked(approveRegistrations);
const mockReject = jest.mocked(rejectRegistrations);
const mockExtend = jest.mocked(extendProtection);
const mockFigures = jest.mocked(getRegistrationFigures);

type Stub = HTMLElement & Record<string, any>;

const CLEAN = 'a0X000000000001AAA';
const FLAGGED = 'a0X000000000002AAA';

function reviewRow(id: string, overrides: Partial<ReviewRow> = {}): ReviewRow {
    return {
        id,
        name: id === CLEAN ? 'DR-00001' : 'DR-00002',
        company: id === CLEAN ? 'Cobre SL' : 'Acero Norte SA',
        contactName: 'Lucía Pardo',
        amount: 5000,
        closeDate: '2027-03-31',
        status: 'Submitted',
        statusLabel: 'Enviado (en revisión)',
        submittedAt: '2026-12-01T09:00:00.000Z',
        decidedAt: null,
        rejectionReason: null,
        protectedUntil: null,
        opportunityId: null,
        expiresSoon: false,
        ownerName: 'Ana García',
        partnerName: 'Iberia Soluciones',
        tier: 'Gold',
        conflict: false,
        conflicts: [],
        ...overrides
    };
}

const FLAGGED_ROW = reviewRow(FLAGGED, {
    partnerName: 'Levante Digital',
    tier: null,
    conflict: true,
    conflicts: [
        {
            kind: 'LEAD',
            recordId: '00Q000000000001AAA',
            name: 'Acero Norte',
            heldBy: 'Iberia Soluciones',
            ownerName: 'Ana García',
            since: '2026-11-20T10:00:00.000Z'
        },
        {
            kind: 'OPPORTUNITY',
            recordId: '006000000000009AAA',
            name: 'Acero Norte renewal',
            heldBy: 'DIRECT',
            ownerName: 'Pablo Ortega',
            since: null
        }
    ]
});

const FIGURES: RegistrationFigures = {
    byPartner: [
        {
            partnerName: 'Iberia Soluciones',
            tier: 'Gold',
            submitted: 4,
            approved: 2,
            rejected: 1,
            expired: 0,
            conflicts: 1
        },
        {
            partnerName: 'Levante Digital',
            tier: null,
            submitted: 1,
            approved: 0,
            rejected: 0,
            expired: 0,
            conflicts: 1
        }
    ],
    approvalRate: 0.6667,
    medianHoursToDecision: 26.5,
    conflicts: 2,
    pending: 2
};

function decision(id: string, code: DecisionCode, overrides: Partial<DecisionResult> = {}): DecisionResult {
    return { id, code, message: `server ${code}`, protectedUntil: null, opportunityId: null, ...overrides };
}

function detail(overrides: Partial<RegistrationDetail> = {}): RegistrationDetail {
    return {
        ...reviewRow(CLEAN),
        contactEmail: 'lucia@cobre.example',
        contactPhone: null,
        country: 'España',
        taxId: 'B12345678',
        productInterest: 'Canal Cloud',
        description: 'Twenty seats',
        partnerName: 'Iberia Soluciones',
        extended: false,
        conflicts: [],
        ...overrides
    };
}

function $(element: HTMLElement, selector: string): Stub {
    return element.shadowRoot!.querySelector<Stub>(selector)!;
}

function $$(element: HTMLElement, selector: string): Stub[] {
    return Array.from(element.shadowRoot!.querySelectorAll<Stub>(selector));
}

function rowOf(element: HTMLElement, id: string): Stub {
    return $(element, `tr[data-row-id="${id}"]`);
}

async function fire(target: HTMLElement, name: string, eventDetail?: unknown): Promise<void> {
    target.dispatchEvent(new CustomEvent(name, { detail: eventDetail }));
    await flush();
}

async function select(element: HTMLElement, id: string): Promise<void> {
    await fire(rowOf(element, id).querySelector<Stub>('[data-id="select"]')!, 'change', { checked: true });
}

/** The reason textarea's custom validity, as the base component keeps it. */
function trackReason(element: HTMLElement): { message: string } {
    const state = { message: '' };
    const reason = $(element, '[data-id="reason"]');
    reason.setCustomValidity = jest.fn((message: string) => {
        state.message = message;
    });
    reason.reportValidity = jest.fn(() => !state.message);
    reason.focus = jest.fn();
    return state;
}

function render(props: Record<string, unknown> = {}): Promise<HTMLElement> {
    return mount('c-deal-registration-review', DealRegistrationReview, props);
}

describe('c-deal-registration-review', () => {
    beforeEach(() => {
        mockQueue.mockResolvedValue([reviewRow(CLEAN), FLAGGED_ROW]);
        mockFigures.mockResolvedValue(FIGURES);
    });

    afterEach(() => {
        clearPage();
        jest.resetAllMocks();
    });

    describe('the queue', () => {
        it('lists submitted registrations in the server’s order (oldest first) with partner and tier', async () => {
            const element = await render();

            expect($(element, '[data-id="title"]').textContent).toBe('c.Canal_Deal_Review_Title');
            expect($$(element, 'tr[data-id="row"]').map((tr) => tr.dataset.rowId)).toEqual([CLEAN, FLAGGED]);
            expect(rowOf(element, CLEAN).textContent).toContain('Iberia Soluciones (Gold)');
            expect(rowOf(element, FLAGGED).textContent).toContain('Levante Digital');
            expect(rowOf(element, FLAGGED).textContent).not.toContain('(null)');
            expect(rowOf(element, CLEAN).querySelector<Stub>('[data-id="select"]')!.label).toBe(
                'Seleccionar DR-00001 Cobre SL'
            );
            expect($$(element, 'th[scope="col"]').length).toBeGreaterThanOrEqual(10);
            const open = rowOf(element, CLEAN).querySelector<HTMLAnchorElement>('a[data-id="open"]')!;
            expect(open.textContent).toBe('DR-00001');
            expect(open.getAttribute('href')).toBe('/generated-url');
            expect(getGeneratedUrlPageReference()).toEqual({
                type: 'standard__recordPage',
                attributes: { recordId: FLAGGED, objectApiName: 'Deal_Registration__c', actionName: 'view' }
            });
        });

        it('marks the conflict and says what it collides with, who holds it and since when', async () => {
            const element = await render();

            const flagged = rowOf(element, FLAGGED).querySelector<Stub>('[data-id="conflict"]')!;
            expect(flagged.querySelector('[data-id="conflict-badge"]')!.textContent).toBe(
                'c.Canal_Deal_Review_Conflict'
            );
            const lines = Array.from(flagged.querySelectorAll('[data-id="conflict-line"]')).map((li) =>
                li.textContent!.replace(/\s+/g, ' ').trim()
            );
            expect(lines).toHaveLength(2);
            expect(lines[0]).toMatch(
                /^c\.Canal_Deal_Conflict_LEAD: Acero Norte, de Iberia Soluciones \(Ana García\), desde .*2026$/
            );
            expect(lines[1]).toBe(
                'c.Canal_Deal_Conflict_OPPORTUNITY: Acero Norte renewal, de c.Canal_Deal_Conflict_Direct (Pablo Ortega)'
            );
            const clean = rowOf(element, CLEAN).querySelector<Stub>('[data-id="conflict"]')!;
            expect(clean.querySelector('[data-id="conflict-badge"]')).toBeNull();
            expect(clean.textContent.trim()).toBe('c.Canal_Deal_Review_No_Conflict');
        });

        it('says so when nothing is waiting', async () => {
            mockQueue.mockResolvedValue([]);
            const element = await render();
            expect($(element, '[data-id="empty"]').textContent).toBe('c.Canal_Deal_Review_Empty');
            expect($(element, '[data-action="approve"]')).toBeNull();
        });

        it('shows the error panel when the queue cannot be loaded, the figures still', async () => {
            mockQueue.mockRejectedValue({ status: 403, body: { message: 'INSUFFICIENT_ACCESS' } });
            const element = await render();
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Deal_Review_Load_Error');
            expect($(element, '[data-id="figure-pending"]').textContent.trim()).toBe('2');
        });

        it('is accessible', async () => {
            const element = await render();
            await expect(element).toBeAccessible();
        });
    });

    describe('decisions', () => {
        it('approves the selected registrations and shows each one’s result in the live region', async () => {
            mockApprove.mockResolvedValue([
                decision(CLEAN, 'APPROVED', {
                    protectedUntil: '2027-03-07',
                    opportunityId: '006000000000001AAA'
                }),
                decision(FLAGGED, 'CUSTOMER_PROTECTED')
            ]);
            const element = await render();
            mockQueue.mockResolvedValue([FLAGGED_ROW]);

            await fire($(element, '[data-id="select-all"]'), 'change', { checked: true });
            await fire($(element, '[data-action="approve"]'), 'click');

            expect(mockApprove).toHaveBeenCalledWith({ ids: [CLEAN, FLAGGED] });
            const results = $(element, '[data-id="results"]');
            expect(results.getAttribute('role')).toBe('status');
            expect(results.getAttribute('aria-live')).toBe('polite');
            const texts = $$(element, '[data-id="result"]').map((li) => [
                li.dataset.rowId,
                li.querySelector('[data-id="result-text"]')!.textContent
            ]);
            expect(texts).toEqual([
                [CLEAN, expect.stringMatching(/^Aprobado: protegido hasta .*2027\.$/)],
                [FLAGGED, 'c.Canal_Deal_Result_CUSTOMER_PROTECTED']
            ]);
            // The approved one left the queue; the refused one stays, with its result and unselected.
            expect($$(element, 'tr[data-id="row"]').map((tr) => tr.dataset.rowId)).toEqual([FLAGGED]);
            expect(rowOf(element, FLAGGED).querySelector('[data-id="row-result"]')!.textContent).toBe(
                'c.Canal_Deal_Result_CUSTOMER_PROTECTED'
            );
            expect(rowOf(element, FLAGGED).querySelector<Stub>('[data-id="select"]')!.checked).toBe(false);
            expect(mockFigures).toHaveBeenCalledTimes(2);
            expect(shownToasts()[0]).toMatchObject({ variant: 'warning' });
        });

        it('refuses a blank rejection reason on the field and sends nothing', async () => {
            const element = await render();
            const reason = trackReason(element);
            await select(element, FLAGGED);

            await fire($(element, '[data-id="reason"]'), 'change', { value: '   ' });
            await fire($(element, '[data-action="reject"]'), 'click');

            expect(mockReject).not.toHaveBeenCalled();
            expect(reason.message).toBe('c.Canal_Deal_Review_Reason_Required');
            expect($(element, '[data-id="reason"]').reportValidity).toHaveBeenCalled();
            expect($(element, '[data-id="reason"]').focus).toHaveBeenCalled();
        });

        it('rejects the selected registration with its reason, and the reason field clears', async () => {
            mockReject.mockResolvedValue([decision(FLAGGED, 'REJECTED')]);
            const element = await render();
            const reason = trackReason(element);
            await select(element, FLAGGED);
            await fire($(element, '[data-action="reject"]'), 'click');
            expect(reason.message).toBe('c.Canal_Deal_Review_Reason_Required');

            await fire($(element, '[data-id="reason"]'), 'change', {
                value: '  Iberia ya trabaja este cliente '
            });
            expect(reason.message).toBe('');
            mockQueue.mockResolvedValue([reviewRow(CLEAN)]);
            await fire($(element, '[data-action="reject"]'), 'click');

            expect(mockReject).toHaveBeenCalledWith({
                ids: [FLAGGED],
                reason: 'Iberia ya trabaja este cliente'
            });
            expect($(element, '[data-id="result-text"]').textContent).toBe('c.Canal_Deal_Result_REJECTED');
            expect($(element, '[data-id="reason"]').value).toBe('');
            expect(shownToasts()[0]).toMatchObject({ variant: 'success' });
        });

        it('decides 25 registrations per call, in the rows’ order', async () => {
            const many = Array.from({ length: 30 }, (_, i) =>
                reviewRow(`a0X0000000000${String(i).padStart(2, '0')}AAA`, { name: `DR-${i}` })
            );
            mockQueue.mockResolvedValue(many);
            mockApprove.mockImplementation(({ ids }) =>
                Promise.resolve(ids.map((id) => decision(id, 'APPROVED', { protectedUntil: '2027-03-07' })))
            );
            const element = await render();
            await fire($(element, '[data-id="select-all"]'), 'change', { checked: true });
            await fire($(element, '[data-action="approve"]'), 'click');
            expect(mockApprove.mock.calls.map(([{ ids }]) => ids.length)).toEqual([25, 5]);
            expect(mockApprove.mock.calls.flatMap(([{ ids }]) => ids)).toEqual(many.map((row) => row.id));
            expect($$(element, '[data-id="result"]')).toHaveLength(30);
        });

        it('keeps the results of the batches decided before one that fails', async () => {
            const many = Array.from({ length: 30 }, (_, i) =>
                reviewRow(`a0X0000000000${String(i).padStart(2, '0')}AAA`, { name: `DR-${i}` })
            );
            mockQueue.mockResolvedValue(many);
            mockApprove.mockImplementationOnce(({ ids }) =>
                Promise.resolve(ids.map((id) => decision(id, 'APPROVED', { protectedUntil: '2027-03-07' })))
            );
            mockApprove.mockRejectedValueOnce({ status: 500, body: { message: 'timeout' } });
            const element = await render();
            mockQueue.mockResolvedValue(many.slice(25));
            await fire($(element, '[data-id="select-all"]'), 'change', { checked: true });
            await fire($(element, '[data-action="approve"]'), 'click');
            expect($$(element, '[data-id="result"]')).toHaveLength(25);
            expect($$(element, 'tr[data-id="row"]')).toHaveLength(5);
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Deal_Review_Decision_Error');
            expect($(element, '[data-action="approve"]').disabled).toBe(false);
        });

        it('asks for a selection before deciding', async () => {
            const element = await render();
            await fire($(element, '[data-action="approve"]'), 'click');
            expect(mockApprove).not.toHaveBeenCalled();
            expect($(element, '[data-id="notice"]').textContent).toContain(
                'c.Canal_Deal_Review_None_Selected'
            );
            await select(element, CLEAN);
            expect($(element, '[data-id="notice"]')).toBeNull();
        });

        it('a second click while a decision is on its way sends nothing more', async () => {
            let resolve!: (value: DecisionResult[]) => void;
            mockApprove.mockReturnValue(new Promise((r) => (resolve = r)));
            const element = await render();
            await select(element, CLEAN);
            $(element, '[data-action="approve"]').dispatchEvent(new CustomEvent('click'));
            $(element, '[data-action="approve"]').dispatchEvent(new CustomEvent('click'));
            await flush();
            resolve([decision(CLEAN, 'APPROVED', { protectedUntil: '2027-03-07' })]);
            await flush();
            expect(mockApprove).toHaveBeenCalledTimes(1);
        });

        it('extends an approved registration’s protection from its result', async () => {
            mockApprove.mockResolvedValue([decision(CLEAN, 'APPROVED', { protectedUntil: '2027-03-07' })]);
            mockExtend.mockResolvedValue(decision(CLEAN, 'EXTENDED', { protectedUntil: '2027-04-06' }));
            const element = await render();
            await select(element, CLEAN);
            await fire($(element, '[data-action="approve"]'), 'click');

            await fire($(element, '[data-action="extend"]'), 'click');

            expect(mockExtend).toHaveBeenCalledWith({ recordId: CLEAN });
            const results = $$(element, '[data-id="result"]');
            expect(results).toHaveLength(1);
            expect(results[0].textContent).toContain('c.Canal_Deal_Result_EXTENDED');
            expect($(element, '[data-action="extend"]')).toBeNull();
        });

        it('shows an error when a decision fails, and keeps the queue', async () => {
            mockApprove.mockRejectedValue({ status: 500, body: { message: 'boom' } });
            const element = await render();
            await select(element, CLEAN);
            await fire($(element, '[data-action="approve"]'), 'click');
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Deal_Review_Decision_Error');
            expect($$(element, 'tr[data-id="row"]')).toHaveLength(2);
            expect(shownToasts()[0]).toMatchObject({ variant: 'error' });
        });
    });

    describe('figures', () => {
        it('shows pending, approval rate, median time to decision, conflicts and the partners’ outcomes', async () => {
            const element = await render();
            expect($(element, '[data-id="figure-pending"]').textContent.trim()).toBe('2');
            expect($(element, '[data-id="figure-rate"]').textContent.trim()).toMatch(/^67\s?%$/);
            expect($(element, '[data-id="figure-median"]').textContent.trim()).toBe('26.5 h');
            expect($(element, '[data-id="figure-conflicts"]').textContent.trim()).toBe('2');
            const partners = $$(element, '[data-id="partner-figure"]').map((tr) =>
                Array.from(tr.children).map((cell) => cell.textContent!.trim())
            );
            expect(partners).toEqual([
                ['Iberia Soluciones', 'Gold', '4', '2', '1', '0', '1'],
                ['Levante Digital', 'c.Canal_Deal_Figures_None', '1', '0', '0', '0', '1']
            ]);
        });

        it('shows a dash while nothing has been decided', async () => {
            mockFigures.mockResolvedValue({
                byPartner: [],
                approvalRate: null,
                medianHoursToDecision: null,
                conflicts: 0,
                pending: 0
            });
            const element = await render();
            expect($(element, '[data-id="figure-rate"]').textContent.trim()).toBe(
                'c.Canal_Deal_Figures_None'
            );
            expect($(element, '[data-id="figure-median"]').textContent.trim()).toBe(
                'c.Canal_Deal_Figures_None'
            );
            expect($(element, '[data-id="partner-figures"]')).toBeNull();
        });

        it('says so when the figures cannot be loaded', async () => {
            mockFigures.mockRejectedValue({ status: 500, body: { message: 'boom' } });
            const element = await render();
            expect($(element, '[data-id="figures"] c-error-panel').friendlyMessage).toBe(
                'c.Canal_Deal_Figures_Error'
            );
        });
    });

    describe('on a registration’s record page', () => {
        it('shows the registration with its conflicts and decides it', async () => {
            mockGet.mockResolvedValue(detail({ conflicts: FLAGGED_ROW.conflicts, conflict: true } as never));
            mockApprove.mockResolvedValue([decision(CLEAN, 'APPROVED', { protectedUntil: '2027-03-07' })]);
            const element = await render({ recordId: CLEAN });

            expect(mockGet).toHaveBeenCalledWith({ recordId: CLEAN });
            expect(mockQueue).not.toHaveBeenCalled();
            expect($(element, '[data-id="detail-name"]').textContent).toBe('DR-00001');
            expect($(element, '[data-field="email"]').textContent.trim()).toBe('lucia@cobre.example');
            expect($(element, '[data-field="phone"]').textContent.trim()).toBe('c.Canal_Deal_Figures_None');
            expect($$(element, '[data-id="conflict-line"]')).toHaveLength(2);
            expect($(element, '[data-id="figures"]')).toBeNull();

            mockGet.mockResolvedValue(
                detail({ status: 'Approved', statusLabel: 'Aprobado', protectedUntil: '2027-03-07' })
            );
            await fire($(element, '[data-action="approve"]'), 'click');

            expect(mockApprove).toHaveBeenCalledWith({ ids: [CLEAN] });
            expect($(element, '[data-id="protected"]').textContent).toContain('2027');
            expect($(element, '[data-action="approve"]')).toBeNull();
            expect($(element, '[data-action="extend-detail"]')).not.toBeNull();
        });

        it('extends an approved registration once; a rejected one shows its reason and no action', async () => {
            mockGet.mockResolvedValue(
                detail({ status: 'Approved', statusLabel: 'Aprobado', protectedUntil: '2027-03-07' })
            );
            mockExtend.mockResolvedValue(decision(CLEAN, 'EXTENDED', { protectedUntil: '2027-04-06' }));
            const element = await render({ recordId: CLEAN });
            mockGet.mockResolvedValue(
                detail({
                    status: 'Approved',
                    statusLabel: 'Aprobado',
                    protectedUntil: '2027-04-06',
                    extended: true
                })
            );
            await fire($(element, '[data-action="extend-detail"]'), 'click');
            expect(mockExtend).toHaveBeenCalledWith({ recordId: CLEAN });
            expect($(element, '[data-action="extend-detail"]')).toBeNull();

            mockGet.mockResolvedValue(
                detail({ status: 'Rejected', statusLabel: 'Rechazado', rejectionReason: 'Duplicado' })
            );
            (element as Stub).recordId = FLAGGED;
            await flush();
            expect($(element, '[data-id="reason-text"]').textContent).toBe('c.Canal_Deal_Rejection_Reason');
            expect($(element, '[data-action="approve"]')).toBeNull();
        });

        it('says the registration could not be loaded (another partner’s, or gone)', async () => {
            mockGet.mockRejectedValue({ status: 400, body: { message: 'NOT_FOUND' } });
            const element = await render({ recordId: CLEAN });
            expect($(element, 'c-error-panel').friendlyMessage).toBe('c.Canal_Deal_Review_Detail_Load_Error');
        });
    });
});

describe('c/dealRegistrationView', () => {
    it('reads unknown states, bad dates and unknown codes safely', () => {
        expect(badgeClass('Archived')).toBe('slds-badge');
        expect(formatDay(null, 'es-ES')).toBe('');
        expect(formatDay('not a date', 'es-ES')).toBe('not a date');
        expect(formatDay('2027-03-07', 'no_SUCH-locale-x')).toBe('2027-03-07');
        expect(formatDay('2027-03-07', 'es-ES')).toBe('7 mar 2027');
        expect(protectionText(null, 'es-ES')).toBe('');
        expect(
            decisionText(
                { code: 'NEWER_CODE' as DecisionCode, message: 'Mensaje del servidor', protectedUntil: null },
                'es'
            )
        ).toEqual({ text: 'Mensaje del servidor', ok: false });
        expect(conflictLines(null, 'es')).toEqual([]);
        expect(
            conflictLines(
                [
                    {
                        kind: 'REGISTRATION',
                        recordId: 'a0X1',
                        name: 'DR-9 (Acme)',
                        heldBy: 'Pampa Tech',
                        ownerName: null,
                        since: null
                    }
                ],
                'es'
            )
        ).toEqual([
            {
                key: 'a0X1-0',
                text: 'c.Canal_Deal_Conflict_REGISTRATION: DR-9 (Acme), de Pampa Tech (c.Canal_Deal_Figures_None)'
            }
        ]);
    });
});
