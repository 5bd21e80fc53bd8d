import { loadScenarioFile, resolveStatus, runScenario, WRITE_SCENARIO_FILE } from './scenarioRunner.js';

/** The write-path scenarios (LeadWriteScenarios.json), run by the same runner as the claim scenarios. */
const file = loadScenarioFile(WRITE_SCENARIO_FILE);

describe('write-path scenarios (shared with the Apex tests)', () => {
    it('hold the edit, close, reopen, convert and release paths', () => {
        const kinds = new Set(file.scenarios.flatMap((s) => s.steps.map((step) => step.do)));
        for (const kind of ['saveLead', 'setStatus', 'setStatusDirectly', 'convert', 'release', 'recall'])
            expect(kinds.has(kind as never)).toBe(true);
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
        if (scenario.end?.audit) expect(outcome.audit).toEqual(scenario.end.audit);
    });
});
