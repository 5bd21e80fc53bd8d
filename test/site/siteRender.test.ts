/**
 * The partner site template renderer: two vendors' values render into complete SFDX projects that hold those values,
 * no placeholder, pass the metadata gate and convert on their own; bad values fail naming the option.
 */
import { spawnSync } from 'node:child_process';
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../scripts/site-render';
import { loadLabels } from '../../scripts/site/labels';
import { findLeftovers, renderSite, RenderError } from '../../scripts/site/render';
import {
    apiNameOf,
    derivedColorTokens,
    resolveValues,
    SiteValueError,
    type SiteInput
} from '../../scripts/site/values';
import {
    contrastColor as contrastOf,
    darkenColor as darken
} from '../../force-app/main/default/lwc/brandColors/brandColors';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const PLACEHOLDER = /\{\{[^{}\n]*\}\}/;

jest.setTimeout(180_000);

function run(command: string, args: string[], cwd = ROOT): { code: number; output: string } {
    const result = spawnSync(command, args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' }
    });
    return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

function filesUnder(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

// Prettier wraps long XML elements as <name\n    >value</name>; the tests read them unwrapped.
function read(dir: string, relative: string): string {
    return readFileSync(path.join(dir, relative), 'utf8').replace(/\s*\n\s*>/g, '>');
}

const ACME_ARGS = [
    '--name',
    'Acme Partners',
    '--prefix',
    'partners',
    '--admin',
    'admin@acme.example',
    '--guest-owner',
    'guest.owner@acme.example',
    '--brand-color',
    '#0B5CAB',
    '--logo-url',
    'https://cdn.acme.example/logo.png',
    '--language',
    'es'
];

const NIMBUS_CONFIG: SiteInput = {
    name: 'Nimbus Canal 2',
    prefix: 'nimbus-socios',
    admin: 'site.admin@nimbus.example.org',
    guestOwner: 'records@nimbus.example.org',
    senderEmail: 'partners@nimbus.example.org',
    brandName: 'Nimbus & Co',
    brandColor: '#ffcc00',
    logoUrl: '/sfsites/c/resource/nimbusLogo',
    language: 'en',
    partnerProfile: 'Gold Partner User',
    status: 'Live',
    welcomeEmail: 'true'
};

describe('site:render', () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'canal-site-'));
    afterAll(() => rmSync(temp, { recursive: true, force: true }));

    describe.each([
        {
            title: 'Acme (flags, Spanish)',
            args: (out: string) => [...ACME_ARGS, '--out', out],
            apiName: 'Acme_Partners',
            expected: {
                'main/default/networks/Acme Partners.network-meta.xml': [
                    '<site>Acme_Partners</site>',
                    '<picassoSite>Acme_Partners1</picassoSite>',
                    '<urlPathPrefix>partnersvforcesite</urlPathPrefix>',
                    '<emailSenderAddress>admin@acme.example</emailSenderAddress>',
                    '<welcomeTemplate>Canal_Partner_Emails/Canal_Welcome_es</welcomeTemplate>',
                    '<changePasswordTemplate>Canal_Partner_Emails/Canal_Change_Password_es</changePasswordTemplate>',
                    '<forgotPasswordTemplate>Canal_Partner_Emails/Canal_Forgot_Password_es</forgotPasswordTemplate>',
                    // Members: the partner profile and our permission set only (no admin profile, no staff).
                    '<networkMemberGroups>\n        <permissionSet>Canal_Partner_Rep</permissionSet>\n        <profile>Partner Community User</profile>\n    </networkMemberGroups>',
                    '<selfRegistration>false</selfRegistration>',
                    // Deployed not Live and silent by default: org:publish goes Live and turns welcome e-mails on.
                    '<sendWelcomeEmail>false</sendWelcomeEmail>',
                    '<status>UnderConstruction</status>',
                    '<enableExperienceBundleBasedSnaOverrideEnabled>true</enableExperienceBundleBasedSnaOverrideEnabled>',
                    '<enableLWRExperienceConnectedApp>true</enableLWRExperienceConnectedApp>'
                ],
                'main/default/sites/Acme_Partners.site-meta.xml': [
                    '<siteAdmin>admin@acme.example</siteAdmin>',
                    '<siteGuestRecordDefaultOwner>guest.owner@acme.example</siteGuestRecordDefaultOwner>',
                    '<masterLabel>Acme Partners</masterLabel>'
                ],
                'main/default/digitalExperienceConfigs/Acme_Partners1.digitalExperienceConfig-meta.xml': [
                    '<urlPathPrefix>partners</urlPathPrefix>',
                    '<space>site/Acme_Partners1</space>'
                ],
                'main/default/navigationMenus/Acme_Partners_Tabs.navigationMenu-meta.xml': [
                    '<container>Acme Partners</container>',
                    '<label>Inicio</label>',
                    '<label>Clientes potenciales</label>',
                    '<label>Oportunidades</label>'
                ],
                'main/default/digitalExperiences/site/Acme_Partners1/sfdc_cms__themeLayout/canalPortalLayout/content.json':
                    [
                        '"vendorColor": "#0b5cab"',
                        '"vendorLogoUrl": "https://cdn.acme.example/logo.png"',
                        '"navigationMenuName": "Acme_Partners_Tabs"'
                    ],
                'main/default/digitalExperiences/site/Acme_Partners1/sfdc_cms__languageSettings/languages/content.json':
                    ['"defaultLocale": "es"', '"label": "Español"'],
                'main/default/digitalExperiences/site/Acme_Partners1/sfdc_cms__brandingSet/Canal_Partner_Branding/content.json':
                    [
                        '"PrimaryAccentColor": "#0b5cab"',
                        '"_PrimaryAccentColor1": "#094785"',
                        '"_PrimaryAccentColor2": "#041e38"',
                        '"_PrimaryAccentForegroundColor1": "#ffffff"',
                        '"_NeutralForegroundColor3": "#ffffff"'
                    ],
                'main/default/digitalExperiences/site/Acme_Partners1/sfdc_cms__view/login/content.json': [
                    '"usernameLabel": "Nombre de usuario"'
                ],
                'README.md': ['guest.owner@acme.example', '/partners']
            },
            absent: ['Nimbus', 'nimbus']
        },
        {
            title: 'Nimbus (--config, English)',
            args: (out: string) => {
                const config = path.join(temp, 'nimbus.json');
                writeFileSync(config, JSON.stringify(NIMBUS_CONFIG));
                return ['--config', config, '--out', out];
            },
            apiName: 'Nimbus_Canal_2',
            expected: {
                'main/default/networks/Nimbus Canal 2.network-meta.xml': [
                    '<urlPathPrefix>nimbus-sociosvforcesite</urlPathPrefix>',
                    '<emailSenderAddress>partners@nimbus.example.org</emailSenderAddress>',
                    '<welcomeTemplate>Canal_Partner_Emails/Canal_Welcome_en</welcomeTemplate>',
                    '<profile>Gold Partner User</profile>',
                    '<sendWelcomeEmail>true</sendWelcomeEmail>',
                    '<status>Live</status>'
                ],
                'main/default/sites/Nimbus_Canal_2.site-meta.xml': [
                    '<siteAdmin>site.admin@nimbus.example.org</siteAdmin>',
                    '<siteGuestRecordDefaultOwner>records@nimbus.example.org</siteGuestRecordDefaultOwner>'
                ],
                'main/default/digitalExperienceConfigs/Nimbus_Canal_21.digitalExperienceConfig-meta.xml': [
                    '<urlPathPrefix>nimbus-socios</urlPathPrefix>'
                ],
                'main/default/navigationMenus/Nimbus_Canal_2_Tabs.navigationMenu-meta.xml': [
                    '<label>Home</label>',
                    '<label>Leads</label>',
                    '<label>Opportunities</label>'
                ],
                'main/default/digitalExperiences/site/Nimbus_Canal_21/sfdc_cms__themeLayout/canalPortalLayout/content.json':
                    [
                        '"vendorName": "Nimbus & Co"',
                        '"vendorColor": "#ffcc00"',
                        '"vendorLogoUrl": "/sfsites/c/resource/nimbusLogo"'
                    ],
                'main/default/digitalExperiences/site/Nimbus_Canal_21/sfdc_cms__brandingSet/Canal_Partner_Branding/content.json':
                    [
                        '"PrimaryAccentColor": "#ffcc00"',
                        '"PrimaryAccentForegroundColor": "#181818"',
                        '"_PrimaryAccentColor1": "#d6ab00"',
                        '"_PrimaryAccentForegroundColor1": "#181818"',
                        '"_NeutralColor1": "#d9d7d5"',
                        '"_DestructiveColor": "#c23934"',
                        '"_DestructiveForegroundColor2": "#ffffff"'
                    ],
                'main/default/digitalExperiences/site/Nimbus_Canal_21/sfdc_cms__languageSettings/languages/content.json':
                    ['"defaultLocale": "en_US"'],
                'README.md': ['records@nimbus.example.org']
            },
            absent: ['Acme', 'acme']
        }
    ])('$title', ({ args, apiName, expected, absent }) => {
        let out: string;
        let project: string;
        let render: { code: number; output: string };

        beforeAll(() => {
            out = mkdtempSync(path.join(temp, 'out-'));
            render = run(TSX, ['scripts/site-render.ts', ...args(out)]);
            project = path.join(out, apiName);
        });

        it('renders an SFDX project holding the values and no placeholder', () => {
            expect(render.output).toContain(project);
            expect(render.code).toBe(0);
            const files = filesUnder(project);
            expect(files.length).toBeGreaterThan(60);
            for (const [file, snippets] of Object.entries(expected)) {
                const text = read(project, file);
                for (const snippet of snippets) expect(text).toContain(snippet);
            }
            for (const file of files) {
                const text = readFileSync(file, 'utf8');
                expect(`${path.relative(project, file)}\n${text}`).not.toMatch(PLACEHOLDER);
                for (const other of absent) expect(text).not.toContain(other);
                if (file.endsWith('.json')) expect(() => JSON.parse(text)).not.toThrow();
            }
            expect(findLeftovers(project)).toEqual([]);
            const sfdxProject = JSON.parse(read(project, 'sfdx-project.json'));
            expect(sfdxProject.packageDirectories).toEqual([{ path: 'main', default: true }]);
        });

        it('puts our components on the pages and the toast container only in the theme layout', () => {
            const site = path.join(project, 'main/default/digitalExperiences/site', `${apiName}1`);
            const view = (name: string): string => read(site, `sfdc_cms__view/${name}/content.json`);
            const definitions = (text: string): string[] =>
                [...text.matchAll(/"definition": "(c:[A-Za-z]+)"/g)].map((m) => m[1]);
            expect(definitions(view('home'))).toEqual([
                'c:partnerHome',
                'c:claimAllowance',
                'c:myLeads',
                'c:recentItems'
            ]);
            expect(definitions(view('leadList'))).toEqual(['c:claimAllowance', 'c:leadQueue', 'c:myLeads']);
            expect(definitions(view('leadDetail'))).toEqual(['c:leadDetail']);
            expect(view('leadDetail')).toContain('"recordId": "{!recordId}"');
            expect(definitions(view('opportunityList'))).toEqual(['c:opportunityList']);
            expect(definitions(view('opportunityDetail'))).toEqual(['c:opportunityDetail']);
            expect(view('opportunityDetail')).toContain('"recordId": "{!recordId}"');
            expect(definitions(view('newOpportunity'))).toEqual(['c:opportunityForm']);
            const layout = read(site, 'sfdc_cms__themeLayout/canalPortalLayout/content.json');
            expect(definitions(layout)).toEqual(['c:recentItems', 'c:portalThemeLayout']);
            // The theme layout LWC asks for the page's one lightning/toastContainer itself; no page places one.
            const allText = filesUnder(site)
                .map((f) => readFileSync(f, 'utf8'))
                .join('\n');
            expect(allText).not.toMatch(/toastContainer/i);
            const lwc = readFileSync(
                path.join(ROOT, 'force-app/main/default/lwc/portalThemeLayout/portalThemeLayout.ts'),
                'utf8'
            );
            expect(lwc.match(/ToastContainer\.instance\(\)/g)).toHaveLength(1);
            const routes = readdirSync(path.join(site, 'sfdc_cms__route')).sort();
            expect(routes).toEqual(
                [
                    'Check_Password',
                    'Error',
                    'Forgot_Password',
                    'Home',
                    'Lead_Detail__c',
                    'Lead_List__c',
                    'Lead_Related_List__c',
                    'Login',
                    'New_Opportunity__c',
                    'Opportunity_Detail__c',
                    'Opportunity_List__c',
                    'Opportunity_Related_List__c',
                    'Service_Not_Available',
                    'Too_Many_Requests'
                ].sort()
            );
            for (const route of routes) {
                const { activeViewId } = JSON.parse(
                    read(site, `sfdc_cms__route/${route}/content.json`)
                ).contentBody;
                expect(existsSync(path.join(site, 'sfdc_cms__view', activeViewId, 'content.json'))).toBe(
                    true
                );
            }
            // Each object has its three record pages (list, detail, related list), as Experience Builder makes them.
            const routeTypes = routes.map(
                (route) =>
                    JSON.parse(read(site, `sfdc_cms__route/${route}/content.json`)).contentBody.routeType
            );
            for (const prefix of ['00Q', '006']) {
                for (const kind of ['list', 'detail', 'relatedlist']) {
                    expect(routeTypes).toContain(`${kind}-${prefix}`);
                }
            }
            expect(view('leadRelatedList')).toContain('"viewType": "relatedlist-00Q"');
            expect(view('opportunityRelatedList')).toContain('"viewType": "relatedlist-006"');
        });

        it('passes the metadata gate (schema and sf project convert source)', () => {
            const gate = run('node', ['scripts/check-metadata.mjs', path.join(project, 'main')]);
            expect(gate.output).toContain('converts to Metadata API format');
            expect(gate.code).toBe(0);
        });

        it('converts on its own, from its own sfdx-project.json', () => {
            const convert = run(
                'node',
                [
                    '--input-type=module',
                    '-e',
                    `const { convertSource } = await import(${JSON.stringify(path.join(ROOT, 'scripts/lib/sf.mjs'))});
                     const r = await convertSource('main', { cwd: ${JSON.stringify(project)} });
                     console.log(JSON.stringify({ ok: r.ok, components: r.components }));
                     if (!r.ok) { console.error(r.output); process.exit(1); }`
                ],
                project
            );
            expect(convert.code).toBe(0);
            expect(JSON.parse(convert.output.trim().split('\n').pop()!).components).toBeGreaterThan(20);
        });
    });

    it.each([
        ['a prefix with spaces', ['--prefix', 'my partners'], ['--prefix', '"my partners"']],
        ['the colour "blue"', ['--brand-color', 'blue'], ['--brand-color', '"blue"']],
        [
            'a username that is not an e-mail',
            ['--guest-owner', 'guest owner'],
            ['--guest-owner', '"guest owner"']
        ],
        ['a language we do not ship', ['--language', 'fr'], ['--language', '"fr"']]
    ])('refuses %s, naming the value, and writes nothing', (_title, override, mentions) => {
        const out = path.join(temp, `bad-${override[0].slice(2)}`);
        const args = [...ACME_ARGS];
        args[args.indexOf(override[0]) + 1] = override[1];
        const result = run(TSX, ['scripts/site-render.ts', ...args, '--out', out]);
        expect(result.code).not.toBe(0);
        for (const mention of mentions) expect(result.output).toContain(mention);
        expect(existsSync(out)).toBe(false);
    });

    it('refuses a missing --admin, naming it', () => {
        const args = [...ACME_ARGS];
        args.splice(args.indexOf('--admin'), 2);
        const result = run(TSX, ['scripts/site-render.ts', ...args, '--out', path.join(temp, 'no-admin')]);
        expect(result.code).not.toBe(0);
        expect(result.output).toContain('--admin: missing');
    });

    it('prints its usage with --help, and refuses unknown flags and config keys', () => {
        const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
        const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        try {
            expect(main(['--help'])).toBe(0);
            expect(log.mock.calls[0][0]).toContain('--guest-owner');
            expect(main(['--colour', 'red'])).toBe(1);
            expect(error.mock.calls[0][0]).toContain("Unknown option '--colour'");
            const config = path.join(temp, 'odd.json');
            writeFileSync(config, JSON.stringify({ ...NIMBUS_CONFIG, colour: 'red' }));
            expect(main(['--config', config])).toBe(1);
            expect(error.mock.calls[1][0]).toContain('unknown value(s) colour');
            writeFileSync(config, '[1]');
            expect(main(['--config', config])).toBe(1);
            expect(error.mock.calls[2][0]).toContain('must hold a JSON object');
            expect(main(['--config', path.join(temp, 'absent.json')])).toBe(1);
            expect(error.mock.calls[3][0]).toContain('--config: cannot read');
        } finally {
            log.mockRestore();
            error.mockRestore();
        }
    });
});

describe('site values', () => {
    const valid: SiteInput = {
        name: 'Socios Ñandú',
        prefix: 'socios',
        admin: 'a@b.example',
        guestOwner: 'g@b.example',
        brandColor: '#000000',
        language: 'es_MX'
    };

    it('derives the API name, the locale and the text colour', () => {
        const values = resolveValues(valid);
        expect(values.apiName).toBe('Socios_Nandu');
        expect(values.language).toBe('es_MX');
        expect(values.languageLabel).toBe('Español (MX)');
        expect(values.textLanguage).toBe('es');
        expect(values.brandContrast).toBe('#ffffff');
        expect(values.senderEmail).toBe('a@b.example');
        expect(values.brandName).toBe('Socios Ñandú');
        expect(apiNameOf('2026 Partners')).toBe('Site_2026_Partners');
        expect(contrastOf('#ffffff')).toBe('#181818');
        expect(resolveValues({ ...valid, language: 'en' }).language).toBe('en_US');
        expect(resolveValues({ ...valid, language: 'en_GB' }).languageLabel).toBe('English (GB)');
    });

    it('derives the branding set shades as Experience Builder does (8, 24, 48 lightness points darker)', () => {
        // Experience Builder's own branding set for the accent #005fb2 and its SLDS neutral and destructive defaults.
        expect(['#004989', '#001e38', '#000000']).toEqual([8, 24, 48].map((p) => darken('#005fb2', p)));
        expect(['#d9d7d5', '#b2aeaa', '#76716b']).toEqual([8, 24, 48].map((p) => darken('#ecebea', p)));
        expect(['#a2302b', '#611d1a', '#010000']).toEqual([8, 24, 48].map((p) => darken('#c23934', p)));
        expect(darken('#808080', 8)).toBe('#6c6c6c');
        const tokens = derivedColorTokens('#ffcc00');
        expect(tokens.CANAL_BRAND_COLOR_1).toBe('#d6ab00');
        expect(tokens.CANAL_BRAND_CONTRAST_1).toBe('#181818');
        expect(tokens.CANAL_BRAND_CONTRAST_3).toBe('#ffffff');
        expect(tokens.CANAL_NEUTRAL_COLOR).toBe('#ecebea');
        expect(tokens.CANAL_DESTRUCTIVE_CONTRAST).toBe('#ffffff');
        expect(Object.keys(tokens)).toHaveLength(6 + 8 + 8);
    });

    it('lists every problem at once, each naming its option', () => {
        let error: unknown;
        try {
            resolveValues({
                name: 'Bad/Name',
                prefix: 'UPPER',
                admin: 'nobody',
                brandColor: '#12345',
                language: 'es',
                logoUrl: 'http://insecure.example/logo.png',
                status: 'Maybe',
                welcomeEmail: 'yes',
                brandName: 'Evil <script>',
                apiName: 'bad__name',
                partnerProfile: '<x>'
            });
        } catch (caught) {
            error = caught;
        }
        expect(error).toBeInstanceOf(SiteValueError);
        const problems = (error as SiteValueError).problems.join('\n');
        for (const flag of [
            '--guest-owner: missing',
            '--name: "Bad/Name"',
            '--api-name: "bad__name"',
            '--prefix: "UPPER"',
            '--admin: "nobody"',
            '--brand-color: "#12345"',
            '--logo-url: "http://insecure.example/logo.png"',
            '--status: "Maybe"',
            '--welcome-email: "yes"',
            '--brand-name: "Evil <script>"',
            '--partner-profile: "<x>"'
        ]) {
            expect(problems).toContain(flag);
        }
        expect(() => resolveValues({ ...valid, name: 42 as unknown as string })).toThrow(
            '--name: must be text'
        );
    });
});

describe('template rendering', () => {
    const values = resolveValues({
        name: 'Acme Partners',
        prefix: 'partners',
        admin: 'a@acme.example',
        guestOwner: 'g@acme.example',
        brandColor: '#0b5cab',
        language: 'en',
        brandName: 'Acme Quotes & Co'
    });
    const labels = loadLabels(ROOT);

    function renderTemplate(files: Record<string, string>): { out: string; error?: unknown } {
        const dir = mkdtempSync(path.join(tmpdir(), 'canal-template-'));
        for (const [name, text] of Object.entries(files)) {
            mkdirSync(path.dirname(path.join(dir, 'template', name)), { recursive: true });
            writeFileSync(path.join(dir, 'template', name), text);
        }
        try {
            renderSite(path.join(dir, 'template'), path.join(dir, 'out'), values, labels);
            return { out: path.join(dir, 'out', values.apiName) };
        } catch (error) {
            return { out: path.join(dir, 'out'), error };
        }
    }

    it('escapes each value for the file it lands in', () => {
        const { out } = renderTemplate({
            '{{CANAL_SITE_API_NAME}}.xml': '<a>{{CANAL_BRAND_NAME}}</a>',
            'b.json': '{ "name": "{{CANAL_BRAND_NAME}}", "tab": "{{CANAL_LABEL:Canal_Tab_Leads}}" }',
            'c.md': '{{CANAL_BRAND_NAME}}'
        });
        expect(readFileSync(path.join(out, 'Acme_Partners.xml'), 'utf8')).toBe('<a>Acme Quotes &amp; Co</a>');
        expect(JSON.parse(readFileSync(path.join(out, 'b.json'), 'utf8'))).toEqual({
            name: 'Acme Quotes & Co',
            tab: 'Leads'
        });
        expect(readFileSync(path.join(out, 'c.md'), 'utf8')).toBe('Acme Quotes & Co');
    });

    it.each([
        [
            'an unknown placeholder',
            { 'a.xml': '{{CANAL_NOPE}}' },
            'a.xml: unknown placeholder {{CANAL_NOPE}}'
        ],
        ['a missing label', { 'a.json': '"{{CANAL_LABEL:Canal_No_Such}}"' }, 'no Custom Label Canal_No_Such'],
        ['a leftover', { 'a.xml': '{{ lower }}' }, 'a.xml: content still holds {{ lower }}'],
        ['a leftover in a name', { '{{x}}.xml': '' }, 'file name still holds {{x}}']
    ])('fails on %s and writes nothing', (_title, files, message) => {
        const { out, error } = renderTemplate(files);
        expect(error).toBeInstanceOf(RenderError);
        expect((error as Error).message).toContain(message);
        expect(existsSync(out)).toBe(false);
    });
});
