/**
 * The channel managers' Lightning Experience metadata holds together: every report's report type, folder and fields,
 * every dashboard component's report and columns, every FlexiPage region, component, facet and related list,
 * the app's tabs and page override, list view and layout fields, and the translations name things that exist.
 * The schema gate (check:metadata) sees one file at a time and cannot catch any of these.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
    channelManagerFiles,
    checkApplications,
    checkDashboards,
    checkFlexiPages,
    checkLayouts,
    checkListViews,
    checkReports,
    checkReportTypes,
    checkShapes,
    checkTranslations
} from './crossReferences';

const SOURCE = path.resolve(__dirname, '..', '..', 'force-app', 'main', 'default');

describe('channel manager metadata in this package', () => {
    it('has the app, pages, reports and dashboard the issue asks for', () => {
        const read = (file: string) => readFileSync(path.join(SOURCE, file), 'utf8');
        const app = read('applications/Canal_PRM.app-meta.xml');
        for (const tab of [
            'Canal_Partner_Activity',
            'Canal_Deal_Registrations',
            'Canal_Publish_Leads',
            'Canal_Publications',
            'standard-Lead',
            'standard-Opportunity',
            'standard-Account',
            'Lead_Claim__c',
            'standard-report',
            'standard-Dashboard'
        ]) {
            expect(app).toContain(`<tabs>${tab}</tabs>`);
        }
        expect(app).toContain('<uiType>Lightning</uiType>');
        expect(read('tabs/Canal_Publications.tab-meta.xml')).toContain(
            '<lwcComponent>publicationFigures</lwcComponent>'
        );
        expect(
            read('reports/Canal_Partner_Reports/Canal_Publication_Offered_And_Claimed.report-meta.xml')
        ).toContain('<reportType>Canal_Lead_Publications__c</reportType>');
        expect(read('flexipages/Canal_Partner_Account.flexipage-meta.xml')).toContain(
            '<componentName>partnerOverview</componentName>'
        );
        expect(read('flexipages/Canal_Partner_Activity.flexipage-meta.xml')).toContain(
            '<componentName>partnerActivity</componentName>'
        );
        const dashboard = read(
            'dashboards/Canal_Partner_Dashboards/Canal_Partner_Pipeline.dashboard-meta.xml'
        );
        for (const report of [
            'Canal_Claims_By_Partner_And_Day',
            'Canal_Time_To_Claim',
            'Canal_Releases_And_Recalls',
            'Canal_Lead_Conversion_By_Partner',
            'Canal_Pipeline_By_Partner_And_Stage',
            'Canal_Won_This_Quarter_By_Partner'
        ]) {
            expect(dashboard).toContain(`<report>Canal_Partner_Reports/${report}</report>`);
        }
        expect(read('reports/Canal_Partner_Reports/Canal_Time_To_Claim.report-meta.xml')).toContain(
            '<aggregateTypes>Median</aggregateTypes>'
        );
        expect(read('objects/Opportunity/listViews/Canal_Partner_Opportunities.listView-meta.xml')).toMatch(
            /<columns>PARTNER_ACCOUNT\.NAME<\/columns>[\s\S]*<field>PARTNER_ACCOUNT\.NAME<\/field>/
        );
    });

    it('matches the Metadata API shapes of @salesforce/types, FlexiPage items and enumerations included', () => {
        const files = channelManagerFiles(SOURCE);
        expect(files.length).toBeGreaterThan(25);
        expect(checkShapes(files)).toEqual([]);
    });

    it.each([
        ['report types', checkReportTypes],
        ['reports', checkReports],
        ['dashboards', checkDashboards],
        ['FlexiPages', checkFlexiPages],
        ['the app and tabs', checkApplications],
        ['list views', checkListViews],
        ['layouts', checkLayouts],
        ['translations', checkTranslations]
    ])('%s reference only things that exist', (_what, check) => {
        expect(check(SOURCE)).toEqual([]);
    });
});

describe('the cross-reference checks bite', () => {
    let root: string;
    beforeEach(() => {
        root = mkdtempSync(path.join(tmpdir(), 'canal-metadata-'));
        for (const dir of [
            'applications',
            'dashboards',
            'flexipages',
            'layouts',
            'objects',
            'reportTypes',
            'reports',
            'tabs',
            'translations'
        ]) {
            cpSync(path.join(SOURCE, dir), path.join(root, dir), { recursive: true });
        }
        // The pages' own LWCs, by their bundle files: the checks read only the js-meta.xml.
        for (const name of [
            'partnerActivity',
            'partnerOverview',
            'recordHistory',
            'dealRegistrationReview'
        ]) {
            const meta = path.join('lwc', name, `${name}.js-meta.xml`);
            mkdirSync(path.join(root, 'lwc', name), { recursive: true });
            cpSync(path.join(SOURCE, meta), path.join(root, meta));
        }
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    const edit = (file: string, from: string | RegExp, to: string) => {
        const full = path.join(root, file);
        const before = readFileSync(full, 'utf8');
        const after = before.replace(from, to);
        expect(after).not.toBe(before);
        writeFileSync(full, after);
    };

    it('finds a report on a missing report type, a field not in its report type, a misspelt field', () => {
        edit(
            'reports/Canal_Partner_Reports/Canal_Releases_And_Recalls.report-meta.xml',
            '<reportType>Canal_Lead_Claims__c</reportType>',
            '<reportType>Canal_Claims__c</reportType>'
        );
        edit(
            'reports/Canal_Partner_Reports/Canal_Leads_Held_By_Partner.report-meta.xml',
            '<field>Lead$Company</field>',
            '<field>Lead$Title</field>'
        );
        edit(
            'reports/Canal_Partner_Reports/Canal_Claims_By_Partner_And_Day.report-meta.xml',
            'Partner_Account__c.Daily_Claim_Limit__c</field>',
            'Partner_Account__c.Daily_Limit__c</field>'
        );
        edit(
            'reports/Canal_Partner_Reports/Canal_Time_To_Claim.report-meta.xml',
            'Lead.Claimed_At__c - ',
            'Lead.Claim_At__c - '
        );
        expect(checkReports(root)).toEqual([
            'report Canal_Partner_Reports/Canal_Claims_By_Partner_And_Day: Account.Daily_Limit__c does not exist',
            'report Canal_Partner_Reports/Canal_Claims_By_Partner_And_Day: Lead_Claim__c$Partner_Account__c.Daily_Limit__c is not a column of report type Canal_Lead_Claims__c',
            'report Canal_Partner_Reports/Canal_Leads_Held_By_Partner: Lead$Title is not a column of report type Canal_Partner_Leads__c',
            'report Canal_Partner_Reports/Canal_Releases_And_Recalls: report type Canal_Claims__c is not a custom report type of this package',
            'report Canal_Partner_Reports/Canal_Time_To_Claim: formula CDF1: Lead.Claim_At__c does not exist'
        ]);
    });

    it('finds an element or an enumeration value the Metadata API does not have', () => {
        edit(
            'flexipages/Canal_Partner_Activity.flexipage-meta.xml',
            /<identifier>partnerActivity<\/identifier>/,
            '<identifier>partnerActivity</identifier><label>Activity</label>'
        );
        edit(
            'reports/Canal_Partner_Reports/Canal_Time_To_Claim.report-meta.xml',
            '<aggregateTypes>Median</aggregateTypes>',
            '<aggregateTypes>Mean</aggregateTypes>'
        );
        edit(
            'dashboards/Canal_Partner_Dashboards/Canal_Partner_Pipeline.dashboard-meta.xml',
            '<dashboardType>LoggedInUser</dashboardType>',
            '<dashboardType>Viewer</dashboardType>'
        );
        expect(checkShapes(channelManagerFiles(root)).sort()).toEqual([
            'Canal_Partner_Activity.flexipage-meta.xml: unknown element FlexiPage/flexiPageRegions/itemInstances/componentInstance/label',
            'Canal_Partner_Pipeline.dashboard-meta.xml: Dashboard/dashboardType Viewer is not a DashboardType',
            'Canal_Time_To_Claim.report-meta.xml: Report/columns/aggregateTypes Mean is not a ReportSummaryType'
        ]);
    });

    it('finds a report type column through a field that is not a lookup', () => {
        edit(
            'reportTypes/Canal_Lead_Claims.reportType-meta.xml',
            '<field>Lead__c.Company</field>',
            '<field>Reason__c.Company</field>'
        );
        expect(checkReportTypes(root)).toEqual([
            'report type Canal_Lead_Claims: Lead_Claim__c.Reason__c is not a lookup'
        ]);
    });

    it('finds a report type joined through no child relationship, and a joined column that does not exist', () => {
        edit(
            'reportTypes/Canal_Lead_Publications.reportType-meta.xml',
            '<relationship>Leads__r</relationship>',
            '<relationship>Lead_Claims__r</relationship>'
        );
        edit(
            'reports/Canal_Partner_Reports/Canal_Publication_Offered_And_Claimed.report-meta.xml',
            '<field>Lead_Publication__c.Leads__r$Company</field>',
            '<field>Lead_Publication__c.Leads__r$Compania</field>'
        );
        expect(checkReportTypes(root)).toEqual(
            expect.arrayContaining([
                'report type Canal_Lead_Publications: join Lead_Claims__r is not a child relationship of Lead_Publication__c',
                'report type Canal_Lead_Publications: column table Lead_Publication__c.Leads__r is not one of its tables'
            ])
        );
        expect(checkReports(root)).toEqual(
            expect.arrayContaining([
                'report Canal_Partner_Reports/Canal_Publication_Offered_And_Claimed: Lead_Publication__c.Leads__r$Compania is not a Lead_Publication__c$ column'
            ])
        );
    });

    it('finds a dashboard on a missing report, or grouping by what the report does not group by', () => {
        const file = 'dashboards/Canal_Partner_Dashboards/Canal_Partner_Pipeline.dashboard-meta.xml';
        edit(
            file,
            'Canal_Partner_Reports/Canal_Leads_Held_By_Partner<',
            'Canal_Partner_Reports/Canal_Leads_Held<'
        );
        edit(
            file,
            /<groupingColumn>Opportunity\$StageName<\/groupingColumn>/,
            '<groupingColumn>Opportunity$Type</groupingColumn>'
        );
        edit(file, '<aggregate>Median</aggregate>', '<aggregate>Maximum</aggregate>');
        expect(checkDashboards(root)).toEqual([
            'dashboard Canal_Partner_Dashboards/Canal_Partner_Pipeline: Opportunity$Type is not a grouping of Canal_Partner_Reports/Canal_Pipeline_By_Partner_And_Stage',
            'dashboard Canal_Partner_Dashboards/Canal_Partner_Pipeline: report Canal_Partner_Reports/Canal_Leads_Held does not exist',
            'dashboard Canal_Partner_Dashboards/Canal_Partner_Pipeline: Canal_Partner_Reports/Canal_Time_To_Claim does not summarize CDF1 by Maximum'
        ]);
    });

    it('finds an unknown component, a missing facet or related list, a region the template lacks', () => {
        const file = 'flexipages/Canal_Partner_Account.flexipage-meta.xml';
        edit(
            file,
            '<componentName>partnerOverview</componentName>',
            '<componentName>c:partnerSummary</componentName>'
        );
        edit(file, '<value>detailTabContent</value>', '<value>detailsTabContent</value>');
        edit(file, '<value>Lead_Claims__r</value>', '<value>Claims__r</value>');
        edit(
            'flexipages/Canal_Partner_Activity.flexipage-meta.xml',
            '<name>main</name>',
            '<name>sidebar</name>'
        );
        expect(checkFlexiPages(root)).toEqual([
            'flexipage Canal_Partner_Account: facet detailsTabContent does not exist',
            'flexipage Canal_Partner_Account: component c:partnerSummary has no LWC',
            'flexipage Canal_Partner_Account: Account has no related list Claims__r',
            'flexipage Canal_Partner_Account: facet detailTabContent is never shown',
            'flexipage Canal_Partner_Activity: template flexipage:defaultAppHomeTemplate has no region sidebar'
        ]);
    });

    it('finds an LWC that is not exposed on the page type it is placed on', () => {
        const bundle = (name: string, targets: string[], exposed = true) => {
            mkdirSync(path.join(root, 'lwc', name), { recursive: true });
            writeFileSync(
                path.join(root, 'lwc', name, `${name}.js-meta.xml`),
                `<?xml version="1.0" encoding="UTF-8" ?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <isExposed>${exposed}</isExposed>
    <targets>${targets.map((t) => `<target>${t}</target>`).join('')}</targets>
</LightningComponentBundle>
`
            );
        };
        bundle('partnerActivity', ['lightning__AppPage', 'lightning__RecordPage', 'lightning__HomePage']);
        bundle('partnerOverview', ['lightning__AppPage']);
        expect(checkFlexiPages(root)).toEqual([
            'flexipage Canal_Partner_Account: component partnerOverview has no target lightning__RecordPage'
        ]);
        bundle('partnerOverview', ['lightning__AppPage', 'lightning__RecordPage'], false);
        expect(checkFlexiPages(root)).toEqual([
            'flexipage Canal_Partner_Account: component partnerOverview is not exposed',
            'flexipage Canal_Partner_Activity: component partnerOverview is not exposed'
        ]);
    });

    it('finds an app tab or page override that does not exist', () => {
        edit('applications/Canal_PRM.app-meta.xml', '<tabs>Lead_Claim__c</tabs>', '<tabs>Lead_Claims</tabs>');
        edit(
            'applications/Canal_PRM.app-meta.xml',
            /<pageOrSobjectType>Account</g,
            '<pageOrSobjectType>Lead<'
        );
        expect(checkApplications(root)).toEqual([
            'app Canal_PRM: tab Lead_Claims does not exist',
            'app Canal_PRM: Canal_Partner_Account is not a record page of Lead',
            'app Canal_PRM: Canal_Partner_Account is not a record page of Lead'
        ]);
    });

    it('finds list view, layout and translation names that do not exist', () => {
        edit(
            'objects/Lead_Claim__c/listViews/Canal_Recalls.listView-meta.xml',
            '<value>Recalled</value>',
            '<value>Recall</value>'
        );
        edit(
            'objects/Lead/listViews/Canal_Held_By_Partners.listView-meta.xml',
            '<columns>Claimed_At__c</columns>',
            '<columns>Claimed__c</columns>'
        );
        edit(
            'layouts/Lead-Canal Lead Layout.layout-meta.xml',
            '<field>Claim_Expires_At__c</field>',
            '<field>Expires_At__c</field>'
        );
        edit(
            'layouts/Lead-Canal Lead Layout.layout-meta.xml',
            '<relatedList>Lead_Claim__c.Lead__c</relatedList>',
            '<relatedList>Lead_Claim__c.User__c</relatedList>'
        );
        edit('translations/es.translation-meta.xml', '<name>Lead (via lookup)</name>', '<name>Lead</name>');
        expect(checkListViews(root)).toEqual([
            'list view Lead.Canal_Held_By_Partners: Claimed__c is not a field of Lead',
            'list view Lead_Claim__c.Canal_Recalls: Recall is not a value of Lead_Claim__c.Action__c'
        ]);
        expect(checkLayouts(root)).toEqual([
            'layout Lead-Canal Lead Layout: Lead.Expires_At__c does not exist',
            'layout Lead-Canal Lead Layout: Lead_Claim__c.User__c is not a related list of Lead'
        ]);
        expect(checkTranslations(root)).toEqual(['translation: Canal_Lead_Claims has no section Lead']);
    });
});
