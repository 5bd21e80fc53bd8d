import { PUBLICATION_SCENARIO_FILE, loadScenarioFile, runScenario } from './scenarioRunner.js';

const file = loadScenarioFile(PUBLICATION_SCENARIO_FILE);

describe('first-look conformance scenarios (LeadPublicationScenarios, shared with the Apex tests)', () => {
    it('gives every tier of the claim scenarios a first-look delay and names scenarios uniquely', () => {
        expect(file.rules.map((r) => [r.tier, r.firstLookMinutes])).toEqual([
            ['Default', 30],
            ['Gold', 0],
            ['Silver', 10],
            ['Bronze', 20]
        ]);
        expect(file.scenarios.length).toBeGreaterThanOrEqual(6);
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
        if (scenario.end?.audit) expect(outcome.audit).toEqual(scenario.end.audit);
    });
});
