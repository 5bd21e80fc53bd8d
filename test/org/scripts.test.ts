/**
 * The org scripts without an org: --help, the production guard (pure decision and exit code 2), --dry-run of
 * org:setup printing the steps in order without executing anything, a full org:setup run against fakes, and a
 * failing step stopping the run.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'jsforce';
import { runOrgDeploy } from '../../scripts/org-deploy';
import { runOrgSeed } from '../../scripts/org-seed';
import { runOrgSetup } from '../../scripts/org-setup';
import {
    classifyOrganization,
    looksLikeProductionOrg,
    productionGuard,
    type OrgKind
} from '../../scripts/org/productionGuard';
import type { ExecFn, OrgInfo } from '../../scripts/org/sfCli';
import { renderedSite, type OrgDeps } from '../../scripts/org/steps';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
            TSX,
            [path.join(ROOT, 'scripts', script), ...args],
            { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
            (error, stdout, stderr) =>
                resolve({
                    code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                    stdout,
                    stderr
                })
        );
    });
}

const scratch: OrgInfo = {
    alias: 'canal',
    orgId: '00D000000000001AAA',
    instanceUrl: 'https://canal-dev-ed.scratch.my.salesforce.com',
    accessToken: 'token',
    username: 'test-abc@example.com',
    apiVersion: '62.0',
    isScratch: true,
    isSandbox: false
};
const production: OrgInfo = {
    ...scratch,
    instanceUrl: 'https://nimbus.my.salesforce.com',
    username: 'admin@nimbus.com',
    isScratch: false,
    isSandbox: false,
    organizationType: 'Enterprise Edition'
};

function collect() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, log: (l: string) => out.push(l), error: (l: string) => err.push(l) };
}

const noExec: ExecFn = () => Promise.reject(new Error('nothing may run in this test'));

describe('--help', () => {
    it.each([
        ['org-setup.ts', 'Usage: npm run org:setup -- --alias canal'],
        ['org-deploy.ts', 'Usage: npm run org:deploy -- --target-org <alias>'],
        ['org-publish.ts', 'Usage: npm run org:publish -- --target-org <alias>'],
        ['org-configure.ts', 'Usage: npm run org:configure -- --target-org <alias>'],
        ['org-translations.ts', 'Usage: npm run org:translations -- --target-org <alias>'],
        ['org-uninstall.ts', 'Usage: npm run org:uninstall -- --target-org <alias>'],
        ['org-seed.ts', 'Usage: npm run org:seed -- --target-org <alias>']
    ])(
        '%s --help exits 0 and prints usage',
        async (script, usage) => {
            const { code, stdout } = await runScript(script, ['--help']);
            expect(code).toBe(0);
            expect(stdout).toContain(usage);
            expect(stdout).toContain('--dry-run');
            expect(stdout).toContain('--yes');
        },
        60_000
    );

    it('an unknown flag or a missing alias is a usage error (exit 2)', async () => {
        const io = collect();
        expect(await runOrgSetup(['--bogus'], { ...io, exec: noExec })).toBe(2);
        expect(io.err.join('\n')).toMatch(/Unknown option '--bogus'/);
        expect(await runOrgSetup([], { ...io, exec: noExec })).toBe(2);
        expect(io.err.join('\n')).toContain('--alias is required');
        expect(await runOrgDeploy([], { ...io, exec: noExec })).toBe(2);
        expect(
            await runOrgSeed(['--target-org', 'x', '--queue-leads', 'many'], { ...io, exec: noExec })
        ).toBe(2);
        expect(io.err.join('\n')).toContain('--queue-leads must be a positive integer');
        expect(
            await runOrgSetup(['--alias', 'canal', '--site-config', 'nope/values.json'], {
                ...io,
                exec: noExec
            })
        ).toBe(2);
        expect(io.err.join('\n')).toContain('--site-config nope/values.json: no such file.');
    });
});

describe('production guard', () => {
    const kind = (isScratch: boolean, isSandbox: boolean): OrgKind => ({
        isScratch,
        isSandbox,
        username: 'u@x'
    });

    it('allows scratch orgs and sandboxes, refuses anything else without --yes', () => {
        expect(productionGuard(kind(true, false), false)).toEqual({
            allowed: true,
            message: 'u@x is a scratch org.'
        });
        expect(productionGuard(kind(false, true), false)).toEqual({
            allowed: true,
            message: 'u@x is a sandbox.'
        });
        const refused = productionGuard(
            { ...kind(false, false), organizationType: 'Enterprise Edition' },
            false
        );
        expect(refused.allowed).toBe(false);
        expect(refused.message).toContain('u@x (Enterprise Edition) is neither a scratch org nor a sandbox');
        expect(refused.message).toContain('--yes');
        expect(productionGuard(kind(false, false), true).allowed).toBe(true);
        expect(looksLikeProductionOrg(kind(false, false))).toBe(true);
        expect(looksLikeProductionOrg(kind(true, false))).toBe(false);
    });

    it('classifies the Organization row as @salesforce/core does', () => {
        expect(classifyOrganization({ IsSandbox: true, TrialExpirationDate: '2026-03-09' })).toEqual({
            isScratch: true,
            isSandbox: false
        });
        expect(classifyOrganization({ IsSandbox: true, TrialExpirationDate: null })).toEqual({
            isScratch: false,
            isSandbox: true
        });
        // A Developer Edition or a trial is not a sandbox: it counts as production.
        expect(
            classifyOrganization({
                IsSandbox: false,
                TrialExpirationDate: '2026-04-01',
                OrganizationType: 'Developer Edition'
            })
        ).toEqual({ isScratch: false, isSandbox: false });
    });

    it('org:seed refuses production without --yes (running nothing) and goes on with it', async () => {
        const io = collect();
        const exec = jest.fn<ReturnType<ExecFn>, Parameters<ExecFn>>(() =>
            Promise.resolve({ code: 0, stdout: '', stderr: '' })
        );
        const seed = jest.fn<ReturnType<OrgDeps['seed']>, Parameters<OrgDeps['seed']>>();
        const deps = { ...io, exec, seed, orgInfo: () => Promise.resolve(production) };
        expect(await runOrgSeed(['--target-org', 'prod'], deps)).toBe(2);
        expect(io.err.join('\n')).toContain(
            'admin@nimbus.com (Enterprise Edition) is neither a scratch org nor a sandbox'
        );
        expect(exec).not.toHaveBeenCalled();
        expect(seed).not.toHaveBeenCalled();

        seed.mockResolvedValue({
            orgId: production.orgId,
            poolQueueId: '00G',
            partnerAccounts: { created: 4, existing: 0, enabled: 4 },
            contacts: 8,
            users: [{ username: 'ana@x', id: '005', created: true, invited: false, password: 'pw' }],
            skippedUsers: [],
            permissionSetAssignments: 9,
            groupMembers: 8,
            leads: { pool: 300, reps: 14 },
            customerAccounts: 42,
            opportunities: 42
        });
        const connection = {} as Connection;
        expect(
            await runOrgSeed(['--target-org', 'prod', '--yes'], { ...deps, connect: () => connection })
        ).toBe(0);
        expect(seed).toHaveBeenCalledWith(
            connection,
            expect.objectContaining({ partners: expect.any(Array) }),
            expect.objectContaining({ runningUsername: 'admin@nimbus.com', queueLeads: 300 })
        );
        expect(io.out.join('\n')).toContain('going on because --yes was given');
        expect(io.out.join('\n')).toContain('ana@x  password pw');
    });

    it('org:setup exits 2 when the org it created does not look like a scratch org', async () => {
        const io = collect();
        const exec = jest.fn<ReturnType<ExecFn>, Parameters<ExecFn>>(() =>
            Promise.resolve({
                code: 0,
                stdout: JSON.stringify({ status: 0, result: { username: 'u' } }),
                stderr: ''
            })
        );
        const code = await runOrgSetup(['--alias', 'canal'], {
            ...io,
            exec,
            orgInfo: () => Promise.resolve(production)
        });
        expect(code).toBe(2);
        expect(exec).toHaveBeenCalledTimes(1);
        expect(io.err.join('\n')).toContain('Add --yes');
    });
});

const STEP_ORDER = [
    'Create the scratch org canal',
    'Compile the LWCs',
    'Deploy force-app',
    'Render the site',
    'Deploy the site: Network',
    'Publish the site',
    'Wait for the site to be Live',
    'Assign Canal_Admin',
    'Add the partner roles to the Canal_Partner_Reps group',
    'Seed the demo partners',
    'Schedule LeadClaimRecall'
];

describe('org:setup --dry-run', () => {
    it('prints every step and its command in order, executing nothing', async () => {
        const io = collect();
        const orgInfo = jest.fn();
        const seed = jest.fn();
        const root = mkdtempSync(path.join(tmpdir(), 'canal-dry-'));
        mkdirSync(path.join(root, 'site'));
        writeFileSync(path.join(root, 'site', 'values.json'), JSON.stringify({ name: 'Canal Partners' }));
        const code = await runOrgSetup(
            ['--alias', 'canal', '--duration-days', '3', '--site-config', 'site/values.json', '--dry-run'],
            { ...io, exec: noExec, orgInfo, seed, root }
        );
        rmSync(root, { recursive: true, force: true });
        expect(code).toBe(0);
        expect(orgInfo).not.toHaveBeenCalled();
        expect(seed).not.toHaveBeenCalled();
        const titles = io.out.filter((l) => /^\[\d+\/11\]/.test(l));
        expect(titles).toHaveLength(STEP_ORDER.length);
        titles.forEach((title, i) => expect(title).toContain(`[${i + 1}/11] ${STEP_ORDER[i]}`));

        const text = io.out.join('\n');
        const commands = [
            '$ sf org create scratch --definition-file config/project-scratch-def.json --alias canal --duration-days 3 --set-default --wait 30 --json',
            '$ npm run build',
            '$ sf project deploy start --source-dir force-app --target-org canal --wait 30 --json',
            '$ rm -rf build/site',
            "$ npm run site:render -- --config site/values.json --admin '<admin username of canal>' --guest-owner '<admin username of canal>' --status Live --welcome-email true --out build/site",
            '(in build/site/<site api name>) $ sf project deploy start --source-dir main/default/networks --source-dir main/default/sites --source-dir main/default/digitalExperienceConfigs --source-dir main/default/digitalExperiences --target-org canal --wait 30 --json',
            '(in build/site/<site api name>) $ sf project deploy start --source-dir main/default/navigationMenus --target-org canal --wait 30 --json',
            "$ sf community publish --name 'Canal Partners' --target-org canal --json",
            "jsforce: SELECT Status FROM Network WHERE Name = 'Canal Partners' every 5 s until Live (at most 600 s)",
            '$ sf org assign permset --name Canal_Admin --target-org canal --json',
            "jsforce: SELECT Id FROM UserRole WHERE PortalType = 'Partner'",
            'jsforce: create 4 partner accounts',
            '$ sf apex run --file',
            "System.schedule(jobName, '0 0 * * * ?', new LeadClaimRecall());"
        ];
        let at = -1;
        for (const command of commands) {
            const index = text.indexOf(command, at + 1);
            expect({ command, found: index > at }).toEqual({ command, found: true });
            at = index;
        }
    });

    it('prints the same from the command line', async () => {
        const { code, stdout } = await runScript('org-setup.ts', ['--alias', 'canal', '--dry-run']);
        expect(code).toBe(0);
        expect(stdout).toContain('Dry run: nothing is executed.');
        expect(stdout).toContain('[11/11] Schedule LeadClaimRecall');
    }, 60_000);

    it('org:deploy --dry-run prints its six steps without contacting the org, validate before quick deploy', async () => {
        const io = collect();
        const orgInfo = jest.fn();
        expect(
            await runOrgDeploy(
                ['--target-org', 'canal', '--site-config', 'config/site-values.example.json', '--dry-run'],
                {
                    ...io,
                    exec: noExec,
                    orgInfo
                }
            )
        ).toBe(0);
        expect(orgInfo).not.toHaveBeenCalled();
        expect(io.out.filter((l) => /^\[\d+\/6\]/.test(l)).map((l) => l.replace(/^\[\d+\/6\] /, ''))).toEqual(
            [
                expect.stringContaining('Check, reading the org only'),
                expect.stringContaining('Back up what will be overwritten'),
                expect.stringContaining('Validate'),
                expect.stringContaining('Show the target org and what will change'),
                'Quick deploy of the validated job',
                expect.stringContaining('Deploy the site when absent: UnderConstruction')
            ]
        );
        const text = io.out.join('\n');
        expect(text).toContain(
            'sf project deploy validate --source-dir force-app --target-org canal --test-level RunSpecifiedTests --tests'
        );
        expect(text.indexOf('deploy validate')).toBeLessThan(text.indexOf('deploy quick'));
    });

    it('org:seed --dry-run prints the plan without contacting the org', async () => {
        const io = collect();
        const orgInfo = jest.fn();
        expect(
            await runOrgSeed(['--target-org', 'canal', '--dry-run', '--username-suffix', 'demo1'], {
                ...io,
                orgInfo
            })
        ).toBe(0);
        expect(orgInfo).not.toHaveBeenCalled();
        expect(io.out.join('\n')).toContain('ana.garcia@iberia.example.demo1');
    });
});

describe('org:setup against fakes', () => {
    let root: string;
    beforeEach(() => {
        root = mkdtempSync(path.join(tmpdir(), 'canal-setup-'));
        // What an earlier render left: the render step must clear it.
        mkdirSync(path.join(root, 'build', 'site', 'Old_Site', 'main', 'default', 'networks'), {
            recursive: true
        });
    });
    /** What npm run site:render writes: an SFDX project of its own per site. */
    function render() {
        const site = path.join(root, 'build', 'site', 'Canal_Partners');
        for (const dir of [
            'networks',
            'sites',
            'digitalExperienceConfigs',
            'digitalExperiences',
            'navigationMenus'
        ]) {
            mkdirSync(path.join(site, 'main', 'default', dir), { recursive: true });
        }
        writeFileSync(path.join(site, 'sfdx-project.json'), '{"packageDirectories":[{"path":"main"}]}');
        writeFileSync(path.join(site, 'main/default/networks/Canal Partners.network-meta.xml'), '<Network/>');
    }
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function fakes(options: { failDeploy?: boolean; statuses?: string[] } = {}) {
        const io = collect();
        const calls: string[] = [];
        const exec: ExecFn = (file, args, execOptions) => {
            const cwd = path.relative(root, execOptions?.cwd ?? root);
            const line = `${cwd ? `(in ${cwd}) ` : ''}${path.basename(file)} ${args.join(' ')}`;
            calls.push(line);
            if (line.startsWith('npm run site:render')) render();
            if (options.failDeploy && line.includes('--source-dir force-app')) {
                const failure = {
                    status: 1,
                    name: 'FailedDeployError',
                    message: 'Deploy failed.',
                    result: {
                        details: {
                            componentFailures: {
                                componentType: 'ApexClass',
                                fullName: 'LeadClaimService',
                                fileName: 'classes/LeadClaimService.cls',
                                lineNumber: 12,
                                problem: 'Variable does not exist: PartnerAccountId'
                            }
                        }
                    }
                };
                return Promise.resolve({ code: 1, stdout: JSON.stringify(failure), stderr: '' });
            }
            return Promise.resolve({
                code: 0,
                stdout:
                    file === 'npm'
                        ? ''
                        : JSON.stringify({ status: 0, result: { success: true, compiled: true } }),
                stderr: ''
            });
        };
        const statuses = [...(options.statuses ?? ['UnderConstruction', 'Live'])];
        const queries: string[] = [];
        const conn = {
            query: (soql: string) => {
                queries.push(soql);
                return Promise.resolve({ records: [{ Status: statuses.shift() ?? 'Live' }] });
            }
        } as unknown as Connection;
        const sleeps: number[] = [];
        let clock = 0;
        const deps: Partial<OrgDeps> = {
            ...io,
            root,
            exec,
            orgInfo: () => Promise.resolve(scratch),
            connect: () => conn,
            sleep: (ms) => {
                sleeps.push(ms);
                clock += ms;
                return Promise.resolve();
            },
            now: () => clock,
            addPartnerRolesToGroup: jest.fn(() => {
                calls.push('jsforce group roles');
                return Promise.resolve(0);
            }),
            seed: jest.fn((_conn, _cast, seedOptions) => {
                calls.push(`jsforce seed as ${seedOptions.runningUsername}`);
                return Promise.resolve({
                    orgId: scratch.orgId,
                    poolQueueId: '00G',
                    partnerAccounts: { created: 4, existing: 0, enabled: 4 },
                    contacts: 8,
                    users: [],
                    skippedUsers: [],
                    permissionSetAssignments: 9,
                    groupMembers: 8,
                    leads: { pool: 300, reps: 14 },
                    customerAccounts: 42,
                    opportunities: 42
                });
            })
        };
        return { io, calls, queries, sleeps, deps };
    }

    it('runs the steps in order, deploying the Network with its bundle before the navigation menus, polling until Live', async () => {
        const { io, calls, queries, sleeps, deps } = fakes({
            statuses: ['UnderConstruction', 'UnderConstruction', 'Live']
        });
        const code = await runOrgSetup(['--alias', 'canal', '--email', 'me@example.org'], deps);
        expect(io.err).toEqual([]);
        expect(code).toBe(0);
        const site = '(in build/site/Canal_Partners) sf project deploy start --source-dir main/default';
        expect(calls).toEqual([
            'sf org create scratch --definition-file config/project-scratch-def.json --alias canal --duration-days 7 --set-default --wait 30 --json',
            'npm run build',
            'sf project deploy start --source-dir force-app --target-org canal --wait 30 --json',
            'npm run site:render -- --admin test-abc@example.com --guest-owner test-abc@example.com --status Live --welcome-email true --out build/site',
            `${site}/networks --source-dir main/default/sites --source-dir main/default/digitalExperienceConfigs --source-dir main/default/digitalExperiences --target-org canal --wait 30 --json`,
            `${site}/navigationMenus --target-org canal --wait 30 --json`,
            'sf community publish --name Canal Partners --target-org canal --json',
            'sf org assign permset --name Canal_Admin --target-org canal --json',
            'jsforce group roles',
            'jsforce seed as test-abc@example.com',
            expect.stringMatching(/^sf apex run --file .*recall\.apex --target-org canal --json$/)
        ]);
        expect(queries).toEqual(Array(3).fill("SELECT Status FROM Network WHERE Name = 'Canal Partners'"));
        expect(sleeps).toEqual([5000, 5000]);
        expect(deps.seed).toHaveBeenCalledWith(
            expect.anything(),
            expect.anything(),
            expect.objectContaining({ email: 'me@example.org' })
        );
        expect(io.out).toContain('The org is set up.');
        expect(existsSync(path.join(root, 'build', 'site', 'Old_Site'))).toBe(false);
    });

    it('stops at a failing step with its name and the CLI message', async () => {
        const { io, calls, deps } = fakes({ failDeploy: true });
        expect(await runOrgSetup(['--alias', 'canal'], deps)).toBe(1);
        expect(calls).toHaveLength(3);
        const message = io.err.join('\n');
        expect(message).toContain('Step 3/11 "Deploy force-app" failed:');
        expect(message).toContain('Deploy failed.');
        expect(message).toContain(
            'ApexClass LeadClaimService (classes/LeadClaimService.cls:12): Variable does not exist: PartnerAccountId'
        );
    });

    it('gives up waiting for Live after the timeout', async () => {
        const { io, deps } = fakes({ statuses: Array(100).fill('UnderConstruction') });
        expect(await runOrgSetup(['--alias', 'canal', '--publish-timeout', '20'], deps)).toBe(1);
        expect(io.err.join('\n')).toContain('Step 7/11 "Wait for the site to be Live" failed:');
        expect(io.err.join('\n')).toContain('Canal Partners is still UnderConstruction after 20 s');
    });
});

describe('renderedSite', () => {
    it('finds the site project the renderer wrote, or the folders under build/site without one', () => {
        const root = mkdtempSync(path.join(tmpdir(), 'canal-rendered-'));
        try {
            const deps = { root } as OrgDeps;
            const ctx = {
                deps,
                alias: 'canal',
                siteOut: 'build/site',
                siteUsersFromOrg: false,
                dryRun: false,
                publishTimeoutSeconds: 1,
                pollIntervalSeconds: 1
            };
            expect(renderedSite(ctx)).toBeUndefined();
            for (const dir of ['navigationMenus', 'digitalExperiences', 'networks']) {
                mkdirSync(path.join(root, 'build/site/x/main/default', dir), { recursive: true });
            }
            expect(renderedSite(ctx)).toEqual({
                project: '',
                first: ['build/site/x/main/default/networks', 'build/site/x/main/default/digitalExperiences'],
                second: ['build/site/x/main/default/navigationMenus']
            });
            writeFileSync(path.join(root, 'build/site/x/sfdx-project.json'), '{}');
            expect(renderedSite(ctx)).toEqual({
                project: 'build/site/x',
                first: ['main/default/networks', 'main/default/digitalExperiences'],
                second: ['main/default/navigationMenus']
            });
            mkdirSync(path.join(root, 'build/site/y/networks'), { recursive: true });
            expect(() => renderedSite(ctx)).toThrow('Several rendered sites in build/site');
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});
