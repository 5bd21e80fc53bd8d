import { loadScenarioFile, runScenario } from './scenarioRunner.js';

const file = loadScenarioFile();

describe('claim conformance scenarios (shared with the Apex tests)', () => {
    it('holds at least 25 scenarios with unique names', () => {
        expect(file.scenarios.length).toBeGreaterThanOrEqual(25);
        expect(new Set(file.scenarios.map((s) => s.name)).size).toBe(file.scenarios.length);
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
            expect({ lead: key, ...outcome.leads[key] }).toMatchObject({ lead: key, ...expected });
        }
        if (scenario.end?.accountsNamed) expect(outcome.accountsNamed).toEqual(scenario.end.accountsNamed);
        if (scenario.end?.audit) expect(outcome.audit).toEqual(scenario.end.audit);
    });
});
