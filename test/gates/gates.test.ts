/**
 * Proof that the offline gates bite: each gate runs on planted bad input and must fail naming the file.
 * The same gates pass on the real tree as part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function run(command: string, args: string[], cwd = ROOT): { code: number; output: string } {
    const result = spawnSync(command, args, {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0' }
    });
    return { code: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

function plant(files: Record<string, string>, parent = tmpdir()): string {
    const dir = mkdtempSync(path.join(parent, 'canal-planted-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

const LOOPY_CLASS = `public class LoopyAccounts {
    public static void touch(List<Id> ids) {
        for (Id accountId : ids) {
            Account a = [SELECT Id FROM Account WHERE Id = :accountId];
            update a;
        }
    }
}
`;

describe('offline gates fail on planted bad input', () => {
    const planted: string[] = [];
    afterAll(() => planted.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

    it('check:apex reports a syntax error with file:line:col', () => {
        const dir = plant({
            'classes/Broken.cls': 'public with sharing class Broken {\n    void run() { Integer i = ; }\n}\n'
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-apex.mjs', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(/classes\/Broken\.cls:2:\d+: /);
    });

    it('check:apex accepts valid classes and triggers', () => {
        const dir = plant({
            'classes/Fine.cls':
                'public with sharing class Fine {\n    public Integer two() { return 1 + 1; }\n}\n',
            'triggers/FineTrigger.trigger':
                'trigger FineTrigger on Lead (before insert) {\n    System.debug(Trigger.new.size());\n}\n'
        });
        planted.push(dir);
        expect(run('node', ['scripts/check-apex.mjs', dir]).code).toBe(0);
    });

    const APEX_META =
        '<?xml version="1.0" encoding="UTF-8"?>\n<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n';
    const CLAIMED_AT_FIELD = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Claimed_At__c</fullName>
    <label>Claimed At</label>
    <type>DateTime</type>
</CustomField>
`;

    it('check:apex-semantics fails on a wrong assignment, an unknown method, an unknown type and a misspelt custom field', () => {
        const dir = plant({
            'objects/Lead/fields/Claimed_At__c.field-meta.xml': CLAIMED_AT_FIELD,
            'classes/Helper.cls':
                'public with sharing class Helper {\n    public static Integer one() {\n        return 1;\n    }\n}\n',
            'classes/Helper.cls-meta.xml': APEX_META,
            'classes/Mistakes.cls': [
                'public with sharing class Mistakes {',
                '    public static void run() {',
                "        Integer count = 'three';",
                '        Helper.noSuchMethod();',
                '        UnknownType thing = null;',
                '        Lead lead = new Lead(Claimed_At_Typo__c = null);',
                '        Opportunity deal = new Opportunity(PartnerAcountId = null);',
                '    }',
                '}',
                ''
            ].join('\n'),
            'classes/Mistakes.cls-meta.xml': APEX_META
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-apex-semantics.mjs', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(/classes\/Mistakes\.cls:3:\d+: Error: Incompatible types in assignment/);
        expect(output).toMatch(
            /classes\/Mistakes\.cls:4:\d+: \w+: No matching method found for 'noSuchMethod'/
        );
        expect(output).toMatch(
            /classes\/Mistakes\.cls:5:\d+: Missing: No type declaration found for 'UnknownType'/
        );
        expect(output).toMatch(/classes\/Mistakes\.cls:6:\d+: Missing: Unknown field 'Claimed_At_Typo__c'/);
        // The Experience Cloud stubs add exactly their own names: a misspelt one still fails.
        expect(output).toMatch(/classes\/Mistakes\.cls:7:\d+: Missing: Unknown field 'PartnerAcountId'/);
        expect(output).not.toMatch(/canal-apex-ls-/);
    }, 180_000);

    it('check:apex-semantics passes a class using custom fields and the Experience Cloud fields the stubs declare', () => {
        const dir = plant({
            'objects/Lead/fields/Claimed_At__c.field-meta.xml': CLAIMED_AT_FIELD,
            'classes/PartnerFields.cls': [
                'public with sharing class PartnerFields {',
                '    public static String run(Opportunity deal, Id partnerId) {',
                '        Lead lead = new Lead(Claimed_At__c = null, PartnerAccountId = partnerId);',
                '        Opportunity stamped = new Opportunity(Id = deal.Id, PartnerAccountId = lead.PartnerAccountId);',
                '        return stamped.PartnerAccountId == null ? null : deal.PartnerAccount?.Name;',
                '    }',
                '}',
                ''
            ].join('\n'),
            'classes/PartnerFields.cls-meta.xml': APEX_META
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-apex-semantics.mjs', dir]);
        expect(output).toMatch(/check:apex-semantics: no errors, 0 warning\(s\)/);
        expect(code).toBe(0);
    }, 180_000);

    it('scan fails on SOQL and DML in a loop in a class without sharing', () => {
        const dir = plant({ 'classes/LoopyAccounts.cls': LOOPY_CLASS });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/scan.mjs', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(/LoopyAccounts\.cls:1:\d+: \[sev 2\] pmd:ApexSharingViolations/);
        expect(output).toMatch(/LoopyAccounts\.cls:4:\d+: \[sev 2\] pmd:OperationWithLimitsInLoop/);
    }, 60_000);

    it('check:metadata fails on an element its metadata type does not have', () => {
        const dir = plant({
            'objects/Lead/fields/Planted__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Planted__c</fullName>
    <label>Planted</label>
    <lenght>80</lenght>
    <type>Text</type>
</CustomField>
`
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-metadata.mjs', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(/Planted__c\.field-meta\.xml:5: unknown element <lenght> in CustomField/);
    });

    it('check:metadata fails on XML that is not well-formed and on a foreign root type', () => {
        const dir = plant({
            'labels/Broken.labels-meta.xml':
                '<?xml version="1.0"?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">\n<labels>\n</CustomLabels>\n',
            'objects/Lead/Lead.object-meta.xml':
                '<?xml version="1.0"?>\n<CustomThing xmlns="http://soap.sforce.com/2006/04/metadata"/>\n'
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-metadata.mjs', '--no-convert', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(/Broken\.labels-meta\.xml:\d+: not well-formed XML/);
        expect(output).toMatch(/Lead\.object-meta\.xml:2: unknown metadata type <CustomThing>/);
    });

    it('check:metadata fails on trackHistory without enableHistory on the object, standard objects included', () => {
        const trackedField = (name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>Tracked</label>
    <trackHistory>true</trackHistory>
    <type>DateTime</type>
</CustomField>
`;
        const object = (enableHistory: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <enableHistory>${enableHistory}</enableHistory>
</CustomObject>
`;
        const dir = plant({
            'objects/Lead/fields/Tracked__c.field-meta.xml': trackedField('Tracked__c'),
            'objects/Opportunity/Opportunity.object-meta.xml': object(false),
            'objects/Opportunity/fields/Tracked__c.field-meta.xml': trackedField('Tracked__c'),
            'objects/Account/Account.object-meta.xml': object(true),
            'objects/Account/fields/Tracked__c.field-meta.xml': trackedField('Tracked__c')
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-metadata.mjs', '--no-convert', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(
            /objects\/Lead\/fields\/Tracked__c\.field-meta\.xml:5: <trackHistory> is true but Lead has no history tracking: no objects\/Lead\/Lead\.object-meta\.xml sets <enableHistory>true<\/enableHistory>/
        );
        expect(output).toMatch(
            /objects\/Opportunity\/fields\/Tracked__c\.field-meta\.xml:5: <trackHistory> is true but Opportunity has no history tracking: .*Opportunity\.object-meta\.xml does not set <enableHistory>true/
        );
        expect(output).not.toMatch(/objects\/Account\/fields\/Tracked__c/);
        expect(output).toMatch(/check:metadata: 2 problem\(s\)/);
    });

    it('check:metadata accepts the allow-listed elements newer than the schema, and nothing else unknown', () => {
        const dir = plant({
            'sites/Planted.site-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomSite xmlns="http://soap.sforce.com/2006/04/metadata">
    <active>true</active>
    <masterLabel>Planted</masterLabel>
    <siteAdmin>admin@example.org</siteAdmin>
    <siteGuestRecordDefaultOwner>owner@example.org</siteGuestRecordDefaultOwner>
    <siteGuestRecordDefaultOwnr>owner@example.org</siteGuestRecordDefaultOwnr>
</CustomSite>
`,
            'networks/Planted.network-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<Network xmlns="http://soap.sforce.com/2006/04/metadata">
    <enableExperienceBundleBasedSnaOverrideEnabled>true</enableExperienceBundleBasedSnaOverrideEnabled>
    <enableLWRExperienceConnectedApp><value>true</value></enableLWRExperienceConnectedApp>
    <site>Planted</site>
</Network>
`
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-metadata.mjs', '--no-convert', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(
            /Planted\.site-meta\.xml:7: unknown element <siteGuestRecordDefaultOwnr> in CustomSite/
        );
        expect(output).toMatch(
            /Planted\.network-meta\.xml:4: <enableLWRExperienceConnectedApp> in Network holds text only/
        );
        expect(output).not.toMatch(/siteGuestRecordDefaultOwner>|SnaOverrideEnabled/);
        expect(output).toMatch(/check:metadata: 2 problem\(s\)/);
    });

    it('check:metadata knows FlexiPage itemInstances (newer than the schema) and still refuses what is not in them', () => {
        const dir = plant({
            'flexipages/Planted.flexipage-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>
        <itemInstances>
            <componentInstance>
                <componentName>partnerActivity</componentName>
                <identifier>activity</identifier>
            </componentInstance>
        </itemInstances>
        <itemInstances>
            <fieldInstance>
                <fieldInstanceProperties><name>uiBehavior</name><value>readonly</value></fieldInstanceProperties>
                <fieldItem>Record.Name</fieldItem>
                <identifer>typo</identifer>
            </fieldInstance>
        </itemInstances>
        <name>main</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Planted</masterLabel>
    <template><name>flexipage:defaultAppHomeTemplate</name></template>
    <type>AppPage</type>
</FlexiPage>
`
        });
        planted.push(dir);
        const { code, output } = run('node', ['scripts/check-metadata.mjs', '--no-convert', dir]);
        expect(code).toBe(1);
        expect(output).toMatch(
            /Planted\.flexipage-meta\.xml:\d+: unknown element <identifer> in FlexiPage\/flexiPageRegions\/itemInstances\/fieldInstance/
        );
        expect(output).toMatch(/check:metadata: 1 problem\(s\)/);
    });

    describe('check:metadata reads the site bundle (routes, views, theme layouts)', () => {
        let site: string;
        let bundle: string;
        beforeAll(() => {
            site = mkdtempSync(path.join(tmpdir(), 'canal-planted-site-'));
            planted.push(site);
            const render = run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [
                'scripts/site-render.ts',
                ...['--name', 'Gate Site', '--prefix', 'gate', '--admin', 'admin@gate.example'],
                ...['--guest-owner', 'admin@gate.example', '--brand-color', '#0b5cab', '--language', 'en'],
                ...['--out', site]
            ]);
            expect(render.code).toBe(0);
            bundle = path.join(
                site,
                'Gate_Site',
                'main',
                'default',
                'digitalExperiences',
                'site',
                'Gate_Site1'
            );
        }, 120_000);

        const gate = () =>
            run('node', ['scripts/check-metadata.mjs', '--no-convert', path.join(site, 'Gate_Site', 'main')]);
        const edit = (file: string, from: string, to: string) => {
            const full = path.join(bundle, file);
            const text = readFileSync(full, 'utf8');
            expect(text).toContain(from);
            writeFileSync(full, text.replace(from, to));
        };

        it('passes the rendered site, then names each planted breakage with file:line', () => {
            const clean = gate();
            expect(clean.output).toMatch(/site bundle JSON file\(s\) are consistent/);
            expect(clean.code).toBe(0);

            edit(
                'sfdc_cms__route/Lead_List__c/content.json',
                '"activeViewId": "leadList"',
                '"activeViewId": "leadLists"'
            );
            edit(
                'sfdc_cms__route/Opportunity_Detail__c/content.json',
                '"routeType": "detail-006"',
                '"routeType": "detail-00Q"'
            );
            edit(
                'sfdc_cms__view/leadDetail/content.json',
                '"themeLayoutType": "Inner"',
                '"themeLayoutType": "Inside"'
            );
            edit(
                'sfdc_cms__themeLayout/canalPortalLayout/content.json',
                '"name": "sidebar"',
                '"name": "sidebars"'
            );
            edit('sfdc_cms__themeLayout/canalLoginLayout/content.json', '"name": "footer"', '"name": "foot"');
            edit('sfdc_cms__view/leadRelatedList/content.json', '"name": "col1"', '"name": "col9"');
            const detailText = readFileSync(
                path.join(bundle, 'sfdc_cms__view/leadDetail/content.json'),
                'utf8'
            );
            const reusedId = /"definition": "c:leadDetail",\s*"id": "([0-9a-f-]+)"/.exec(detailText)![1];
            const listText = readFileSync(path.join(bundle, 'sfdc_cms__view/leadList/content.json'), 'utf8');
            const queueId = /"definition": "c:leadQueue",\s*"id": "([0-9a-f-]+)"/.exec(listText)![1];
            edit('sfdc_cms__view/leadList/content.json', `"id": "${queueId}"`, `"id": "${reusedId}"`);
            edit(
                'sfdc_cms__theme/Canal_Partner_Theme/content.json',
                '"layoutId": "canalLoginLayout"',
                '"layoutId": "canalLogin"'
            );
            edit('sfdc_cms__route/Home/_meta.json', '"apiName": "Home"', '"apiName": "Homepage"');

            const { code, output } = gate();
            expect(code).toBe(1);
            const at = (file: string) => new RegExp(`Gate_Site1/${file.replace(/[.]/g, '\\.')}:\\d+: `);
            for (const [file, message] of [
                [
                    'sfdc_cms__route/Lead_List__c/content.json',
                    'activeViewId "leadLists" names no sfdc_cms__view'
                ],
                [
                    'sfdc_cms__route/Opportunity_Detail__c/content.json',
                    'routeType "detail-00Q" does not match the viewType "detail-006" of its view opportunityDetail'
                ],
                ['sfdc_cms__view/leadDetail/content.json', 'themeLayoutType "Inside" is not a layout type'],
                [
                    'sfdc_cms__themeLayout/canalPortalLayout/content.json',
                    'region "sidebars" is not a slot of c:portalThemeLayout'
                ],
                [
                    'sfdc_cms__themeLayout/canalLoginLayout/content.json',
                    'region "foot" is not a region of community_layout:simpleThemeLayout'
                ],
                [
                    'sfdc_cms__view/leadRelatedList/content.json',
                    'region "col9" is not a column of its section'
                ],
                ['sfdc_cms__view/leadList/content.json', `id "${reusedId}" is used again`],
                [
                    'sfdc_cms__theme/Canal_Partner_Theme/content.json',
                    'layoutId "canalLogin" (layoutType Login) names no'
                ],
                ['sfdc_cms__route/Home/_meta.json', 'apiName "Homepage" is not its folder\'s name "Home"']
            ]) {
                const line = output.split('\n').find((l) => at(file).test(l) && l.includes(message));
                expect(line ?? `${file}: no line with ${message} in\n${output}`).toMatch(at(file));
            }
        }, 60_000);
    });

    it('typecheck (tsc strict with the project settings) fails on a type error', () => {
        const dir = plant({
            'bad.ts':
                'export function double(value) {\n    const text: string = value * 2;\n    return text;\n}\n',
            'tsconfig.json': JSON.stringify({
                extends: path.join(ROOT, 'tsconfig.json'),
                compilerOptions: { types: [] },
                include: ['bad.ts']
            })
        });
        planted.push(dir);
        const { code, output } = run('node', [
            path.join(ROOT, 'node_modules/typescript/bin/tsc'),
            '--pretty',
            'false',
            '-p',
            dir
        ]);
        expect(code).not.toBe(0);
        expect(output).toMatch(/bad\.ts\(1,\d+\): error TS7006/);
        expect(output).toMatch(/bad\.ts\(2,\d+\): error TS2322/);
    }, 60_000);

    it('lint fails on an LWC that writes innerHTML', () => {
        // ESLint only lints files under the project, so the planted component lives in the LWC tree briefly.
        const lwcRoot = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
        const dir = plant(
            {
                'plantedWidget.ts':
                    "import { LightningElement } from 'lwc';\nexport default class PlantedWidget extends LightningElement {\n    renderedCallback(): void {\n        this.template.querySelector('div')!.innerHTML = '<b>x</b>';\n    }\n}\n"
            },
            lwcRoot
        );
        try {
            const { code, output } = run('node', [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), dir]);
            expect(code).toBe(1);
            expect(output).toMatch(/plantedWidget\.ts/);
            expect(output).toMatch(/@lwc\/lwc\/no-inner-html/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 60_000);

    it('prettier:verify fails on unformatted Apex', () => {
        const dir = plant(
            { 'classes/Ugly.cls': 'public with sharing class Ugly{public Integer x(){return   1;}}\n' },
            path.join(ROOT, 'test')
        );
        try {
            const { code, output } = run('node', [
                path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'),
                '--check',
                dir
            ]);
            expect(code).toBe(1);
            expect(output).toMatch(/Ugly\.cls/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 60_000);
});
