import { loadScenarioFile, resolveStatus, runScenario } from './scenarioRunner.js';

const file = loadScenarioFile();

describe('claim conformance scenarios (shared with the Apex tests)', () => {
    it('holds at least 25 scenarios with unique names', () => {
        expect(file.scenarios.length).toBeGreaterThanOrEqual(25);
        expect(new Set(file.scenarios.map((s) => s.name)).size).toBe(file.scenarios.length);
    });

    it('names statuses by role only (status:<key>), so the Apex runner can derive them from LeadStatus', () => {
        const roles = new Set(file.statuses.map((s) => `status:${s.key}`));
        const values = new Set(file.statuses.map((s) => s.value));
        for (const scenario of file.scenarios) {
            const refs = [
                ...scenario.steps.map((step) => step.status),
                ...Object.values(scenario.end?.leads ?? {}).map((l) => l.status)
            ].filter((ref): ref is string => ref !== undefined);
            for (const ref of refs) {
                expect({ scenario: scenario.name, literal: values.has(ref) }).toEqual({
                    scenario: scenario.name,
                    literal: false
                });
                if (ref.startsWith('status:')) expect(roles.has(ref)).toBe(true);
            }
        }
        expect(file.statuses.filter((s) => s.default)).toHaveLength(1);
        expect(file.statuses.filter((s) => s.closed && !s.converted).length).toBeGreaterThan(0);
    });

    it.each(file.scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
        const outcome = runScenario(file, scenario);
        for (const check of outcome.steps.filter((c) => c.expected !== undefined)) {
            expect({ step: check.step, action: check.action, outcome: check.actual }).toEqual({
                step: check.step,
                action: check.action,
                outcome: check.expected
            });
        }
        for (const [key, expected] of Object.entries(scenario.end?.leads ?? {})) {
            const wanted = expected.status
                ? { ...expected, status: resolveStatus(file, expected.status) }
                : expected;
            expect({ lead: key, ...outcome.leads[key] }).toMatchObject({ lead: key, ...wanted });
        }
        if (scenario.end?.accountsNamed) expect(outcome.accountsNamed).toEqual(scenario.end.accountsNamed);
        if (scenario.end?.audit) expect(outcome.audit).toEqual(scenario.end.audit);
    });
});
