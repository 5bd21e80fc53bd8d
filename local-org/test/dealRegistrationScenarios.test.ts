/**
 * The deal registration scenarios (DealRegistrationScenarios.json) against the local org's twin: the same file the
 * Apex DealRegistrationScenariosTest runs. Each scenario's every step and end expectation must match.
 */
import { DealRegistrationKeys } from '../server/apex/DealRegistrationKeys.js';
import { loadDealScenarioFile, runDealScenario } from './dealScenarioRunner.js';

const file = loadDealScenarioFile();

/** JSON with object keys sorted: equal values give equal text whatever order their keys were built in. */
function canonical(value: unknown): string {
    return JSON.stringify(value, (_key, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(
                  Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))
              )
            : v
    );
}

describe('deal registration scenarios (local org)', () => {
    it('has uniquely named scenarios', () => {
        const names = file.scenarios.map((s) => s.name);
        expect(new Set(names).size).toBe(names.length);
    });

    it.each(file.scenarios.map((s) => [s.name, s] as const))('%s', (_name, scenario) => {
        const checks = runDealScenario(file, scenario);
        const failures = checks.filter((c) => canonical(c.actual) !== canonical(c.expected));
        expect(failures).toEqual([]);
    });
});

describe('DealRegistrationKeys', () => {
    it.each([
        ['Acme, S.L.', 'acme'],
        ['ACME SL', 'acme'],
        ['Ácme', 'acme'],
        ['Acme S. A. U.', 'acme'],
        ['  Beta   Industrial, SA ', 'beta industrial'],
        ['Smith & Sons Ltd.', 'smith and sons'],
        ['Gamma Corp', 'gamma'],
        ['Carrera 0 S.L.', 'carrera 0'],
        ['Fase 2 B.V.', 'fase 2'],
        ['Müller GmbH', 'muller'],
        ['Sociedad Anónima Limitada', null],
        ['S.L.', null],
        ['', null],
        [null, null]
    ])('company key of %p is %p', (company, key) => {
        expect(DealRegistrationKeys.companyKey(company)).toBe(key);
    });

    it.each([
        ['compras@Acme.ES', 'acme.es'],
        [' ceo@norte.es ', 'norte.es'],
        ['someone@gmail.com', null],
        ['x@hotmail.es', null],
        ['x@proton.me', null],
        ['not-an-address', null],
        ['@acme.es', null],
        ['a@localhost', null],
        [null, null]
    ])('e-mail domain of %p is %p', (email, domain) => {
        expect(DealRegistrationKeys.emailDomain(email)).toBe(domain);
    });

    it.each([
        ['b-12.345.678', 'B12345678'],
        ['ES B12345678', 'ESB12345678'],
        [' - ', null],
        [null, null]
    ])('tax id key of %p is %p', (taxId, key) => {
        expect(DealRegistrationKeys.taxIdKey(taxId)).toBe(key);
    });
});
