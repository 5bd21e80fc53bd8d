/**
 * sfCli: running a (fake) `sf` with --json and the offline flags, turning failures into the CLI's message,
 * and orgInfo's reading of display, access token and Organization row.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    formatCommand,
    orgInfo,
    parseSfJson,
    runSf,
    SfCliError,
    sfEnv,
    type ExecFn
} from '../../scripts/org/sfCli';

describe('runSf with a fake sf executable', () => {
    let dir: string;
    let bin: string;
    beforeAll(() => {
        dir = mkdtempSync(path.join(tmpdir(), 'canal-fake-sf-'));
        bin = path.join(dir, 'sf');
        // Echoes its arguments and environment as the result, or fails as FAKE_SF_MODE says.
        writeFileSync(
            bin,
            `#!/usr/bin/env node
const mode = process.env.FAKE_SF_MODE;
if (mode === 'fail') {
    console.log(JSON.stringify({ status: 1, name: 'NoOrgFound', message: 'No authorization information found for nope.', actions: ['Run sf org login web'] }));
    process.exit(1);
}
if (mode === 'text') { console.error('Error: something broke'); process.exit(3); }
console.log('Warning: a line before the JSON');
console.log(JSON.stringify({ status: 0, result: { args: process.argv.slice(2), home: process.env.HOME, autoupdate: process.env.SF_DISABLE_AUTOUPDATE, telemetry: process.env.SF_DISABLE_TELEMETRY } }, null, 2));
`
        );
        chmodSync(bin, 0o755);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('adds --json once, keeps the real HOME and sets the offline flags', async () => {
        const result = await runSf<{ args: string[]; home: string; autoupdate: string; telemetry: string }>(
            ['org', 'display', '--target-org', 'canal'],
            { bin, env: { ...process.env, FAKE_SF_MODE: 'ok' } }
        );
        expect(result.args).toEqual(['org', 'display', '--target-org', 'canal', '--json']);
        expect(result.home).toBe(process.env.HOME);
        expect(result.autoupdate).toBe('true');
        expect(result.telemetry).toBe('true');
    });

    it('turns a failure into an SfCliError with the CLI message and actions', async () => {
        const error = await runSf(['org', 'display', '--target-org', 'nope'], {
            bin,
            env: { ...process.env, FAKE_SF_MODE: 'fail' }
        }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SfCliError);
        expect((error as SfCliError).message).toBe(
            'No authorization information found for nope.\n  → Run sf org login web'
        );
        expect((error as SfCliError).exitCode).toBe(1);
        expect((error as SfCliError).command).toBe('sf org display --target-org nope --json');
    });

    it('reports output that is not JSON', async () => {
        await expect(
            runSf(['version'], { bin, env: { ...process.env, FAKE_SF_MODE: 'text' } })
        ).rejects.toThrow('sf version --json exited with 3 without JSON output:\nError: something broke');
    });

    it('reports a missing executable', async () => {
        await expect(runSf(['version'], { bin: path.join(dir, 'missing') })).rejects.toThrow(
            /Cannot run .*missing/
        );
    });
});

describe('helpers', () => {
    it('parses JSON with noise before it', () => {
        expect(parseSfJson('noise\n{ "status": 0, "result": 1 }')).toEqual({ status: 0, result: 1 });
        expect(parseSfJson('no json')).toBeUndefined();
        expect(parseSfJson('')).toBeUndefined();
    });

    it('quotes what a shell would split', () => {
        expect(formatCommand('sf', ['community', 'publish', '--name', "Canal's Partners"])).toBe(
            "sf community publish --name 'Canal'\\''s Partners'"
        );
    });

    it('keeps the caller environment and adds the flags', () => {
        const env = sfEnv({ HOME: '/home/me', PATH: '/bin' });
        expect(env).toEqual(
            expect.objectContaining({ HOME: '/home/me', PATH: '/bin', SF_USE_PROGRESS_BAR: 'false' })
        );
    });
});

describe('orgInfo', () => {
    const answers = (display: Record<string, unknown>) => {
        const calls: string[][] = [];
        const exec: ExecFn = (_file, args) => {
            calls.push([...args]);
            const result =
                args[1] === 'display'
                    ? display
                    : args[1] === 'auth'
                      ? { accessToken: '00Dx!real' }
                      : undefined;
            return Promise.resolve({ code: 0, stdout: JSON.stringify({ status: 0, result }), stderr: '' });
        };
        return { calls, exec };
    };
    const base = {
        id: '00D000000000001AAA',
        instanceUrl: 'https://x.my.salesforce.com',
        username: 'admin@x.com',
        apiVersion: '66.0'
    };

    it('a scratch org: display names its Dev Hub; a redacted token is fetched with show-access-token', async () => {
        const { calls, exec } = answers({
            ...base,
            devHubId: 'hub@x.com',
            accessToken: "[REDACTED] Use 'sf org auth show-access-token' to view"
        });
        const queryOrganization = jest.fn();
        const info = await orgInfo('canal', { exec, queryOrganization });
        expect(info).toEqual(
            expect.objectContaining({
                orgId: base.id,
                instanceUrl: base.instanceUrl,
                username: base.username,
                accessToken: '00Dx!real',
                apiVersion: '66.0',
                isScratch: true,
                isSandbox: false
            })
        );
        expect(calls).toEqual([
            ['org', 'display', '--target-org', 'canal', '--json'],
            ['org', 'auth', 'show-access-token', '--target-org', 'canal', '--json']
        ]);
        expect(queryOrganization).not.toHaveBeenCalled();
    });

    it('otherwise asks the Organization row: sandbox or production', async () => {
        const { exec } = answers({ ...base, accessToken: '00Dx!token' });
        const sandbox = await orgInfo('uat', {
            exec,
            queryOrganization: () => Promise.resolve({ IsSandbox: true, TrialExpirationDate: null })
        });
        expect(sandbox).toEqual(
            expect.objectContaining({ isScratch: false, isSandbox: true, accessToken: '00Dx!token' })
        );
        const prod = await orgInfo('prod', {
            exec,
            queryOrganization: () =>
                Promise.resolve({
                    IsSandbox: false,
                    TrialExpirationDate: null,
                    OrganizationType: 'Enterprise Edition'
                })
        });
        expect(prod).toEqual(
            expect.objectContaining({
                isScratch: false,
                isSandbox: false,
                organizationType: 'Enterprise Edition'
            })
        );
    });

    it('asks the CLI whatever the environment says: no variable stands in for the org (the guard reads the real one)', async () => {
        process.env.CANAL_TEST_ORG_INFO = JSON.stringify({
            username: 'hook@x',
            isScratch: true,
            isSandbox: false
        });
        try {
            const exec = jest.fn(() =>
                Promise.resolve({
                    code: 1,
                    stdout: JSON.stringify({
                        status: 1,
                        name: 'NoAuthInfoFoundError',
                        message: 'No authorization information found for prod.'
                    }),
                    stderr: ''
                })
            );
            await expect(orgInfo('prod', { exec })).rejects.toThrow('No authorization information found');
            expect(exec).toHaveBeenCalled();
        } finally {
            delete process.env.CANAL_TEST_ORG_INFO;
        }
    });
});
