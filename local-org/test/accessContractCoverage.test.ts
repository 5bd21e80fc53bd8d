import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAccessContract, missingCases, type AccessContract } from './contract/accessContract.js';
import {
    auraEnabledMethods,
    contractKeyOfRoute,
    localRoutes,
    matchesUrlMapping,
    restEndpoints,
    stripComments,
    type LocalRoute
} from './contract/inventory.js';
import { PROJECT_ROOT } from '../server/metadata/paths.js';
import { startTestOrg, type TestOrg } from './helpers.js';

/**
 * A method or route cannot ship without its access-contract rows (docs/ACCESS-CONTRACT.md), and no row may name a
 * method or route that is gone.
 */

/** Registered only once `npm run build:local` has built the client. */
const OPTIONAL_ROUTES = new Set(['LOCAL GET /assets/app/*']);
const DISPATCHER = path.join(PROJECT_ROOT, 'force-app', 'tests', 'shared', 'CanalAccessContractRunner.cls');
const APEX_TEST = path.join(PROJECT_ROOT, 'force-app', 'tests', 'shared', 'CanalAccessContractTest.cls');

/** What the contract lacks or names in vain, for a given product inventory. */
export function coverageProblems(
    contract: AccessContract,
    aura: string[],
    rest: Array<{ urlMapping: string; verb: string }>,
    routes: LocalRoute[]
): string[] {
    const problems: string[] = [];
    const declared = new Set(contract.calls.keys());
    for (const method of aura) if (!declared.has(method)) problems.push(`@AuraEnabled ${method} has no rows`);
    for (const endpoint of rest) {
        const covered = [...declared].some(
            (k) =>
                k.startsWith(`REST ${endpoint.verb} `) &&
                matchesUrlMapping(endpoint.urlMapping, k.split(' ')[2]!)
        );
        if (!covered) problems.push(`@RestResource ${endpoint.urlMapping} ${endpoint.verb} has no rows`);
    }
    const routeKeys = new Set<string>();
    for (const route of routes) {
        const keys = contractKeyOfRoute(route);
        keys.forEach((k) => routeKeys.add(k));
        if (!keys.some((k) => declared.has(k)))
            problems.push(`local route ${route.verb} ${route.url} has no rows`);
    }
    for (const key of declared) {
        if (key.startsWith('REST ')) {
            const [, verb, restPath] = key.split(' ');
            if (!rest.some((e) => e.verb === verb && matchesUrlMapping(e.urlMapping, restPath!)))
                problems.push(`${key}: no @RestResource answers it`);
            if (!routeKeys.has(key)) problems.push(`${key}: the local org has no such route`);
        } else if (key.startsWith('LOCAL ')) {
            if (!routeKeys.has(key) && !OPTIONAL_ROUTES.has(key))
                problems.push(`${key}: no such local route`);
        } else {
            if (!aura.includes(key)) problems.push(`${key}: no such @AuraEnabled method`);
            if (!routeKeys.has(key)) problems.push(`${key}: the local org has no /apex route for it`);
        }
    }
    for (const missing of missingCases(contract)) problems.push(`no row for ${missing}`);
    return problems;
}

/** The `Class.method` cases of the Apex runner's dispatcher. */
function dispatcherMethods(): Set<string> {
    const source = stripComments(readFileSync(DISPATCHER, 'utf8'));
    return new Set([...source.matchAll(/when\s+'(\w+\.\w+)'/g)].map((m) => m[1]!));
}

describe('access contract coverage', () => {
    let org: TestOrg;
    let routes: LocalRoute[];
    const contract = loadAccessContract();
    const aura = auraEnabledMethods();
    const rest = restEndpoints();

    beforeAll(async () => {
        org = await startTestOrg({ queueLeads: 5 });
        routes = localRoutes(org.routes);
    });
    afterAll(() => org.dispose());

    it('finds the product it checks (so an empty inventory cannot pass)', () => {
        expect(aura.length).toBeGreaterThanOrEqual(29);
        expect(rest.map((e) => e.verb).sort()).toEqual(['GET', 'POST', 'POST']);
        expect(routes.length).toBeGreaterThan(40);
    });

    it('has rows for every @AuraEnabled method, Apex REST verb and local route, in every persona and state', () => {
        expect(coverageProblems(contract, aura, rest, routes)).toEqual([]);
    });

    it('bites: a method without rows, a row without a method, a missing persona', () => {
        const calls = new Map(contract.calls);
        calls.delete('OpportunityController.saveOpportunity');
        const trimmed: AccessContract = {
            ...contract,
            calls,
            cases: contract.cases.filter(
                (c) =>
                    c.call.key !== 'OpportunityController.saveOpportunity' &&
                    !(c.call.key === 'LeadEditController.saveLead' && c.persona === 'admin')
            )
        };
        const problems = coverageProblems(trimmed, [...aura, 'LeadEditController.deleteLead'], rest, routes);
        expect(problems).toEqual(
            expect.arrayContaining([
                '@AuraEnabled OpportunityController.saveOpportunity has no rows',
                '@AuraEnabled LeadEditController.deleteLead has no rows',
                'no row for LeadEditController.saveLead / admin / own'
            ])
        );
        const gone = coverageProblems(
            contract,
            aura.filter((m) => m !== 'LeadClaimController.getAllowance'),
            rest,
            routes.filter((r) => r.url !== '/outbox')
        );
        expect(gone).toEqual(
            expect.arrayContaining([
                'LeadClaimController.getAllowance: no such @AuraEnabled method',
                'LOCAL GET /outbox: no such local route'
            ])
        );
    });

    it('the Apex test runs every (call, persona) pair that has Apex rows', () => {
        const source = stripComments(readFileSync(APEX_TEST, 'utf8'));
        const tested = new Set(
            [...source.matchAll(/CanalAccessContractRunner\.run\(\s*'([^']+)',\s*'(\w+)'\s*\)/g)].map(
                (m) => `${m[1]} / ${m[2]}`
            )
        );
        const pairs = new Set(
            contract.cases.filter((c) => c.worlds.includes('apex')).map((c) => `${c.call.key} / ${c.persona}`)
        );
        expect([...pairs].filter((p) => !tested.has(p))).toEqual([]);
        expect([...tested].filter((p) => !pairs.has(p))).toEqual([]);
    });

    it('the Apex runner dispatches every @AuraEnabled method', () => {
        const dispatched = dispatcherMethods();
        expect(aura.filter((m) => !dispatched.has(m))).toEqual([]);
        expect([...dispatched].filter((m) => !aura.includes(m))).toEqual([]);
    });
});
