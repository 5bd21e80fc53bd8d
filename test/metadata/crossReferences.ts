/**
 * Cross-references of the channel managers' Lightning Experience metadata (app, tabs, FlexiPages, layouts, report
 * types, reports, dashboards, list views, translations) that the schema gate cannot see: a name in one file that
 * must be a file, a field or a column somewhere else. Each check takes the source root so a test can plant errors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/**
 * Standard fields (API names) and lookup relationships this package's metadata names, per the SOAP API object
 * reference. Lead.PartnerAccountId and Opportunity.PartnerAccountId exist once partner relationship management
 * (Experience Cloud partner licences) is on, which the scratch definition enables.
 */
const STANDARD_FIELDS: Record<string, string[]> = {
    Account: ['Id', 'Name', 'OwnerId', 'IsPartner', 'CreatedDate', 'CreatedById', 'LastModifiedById'],
    Lead: [
        'Id',
        'Name',
        'Company',
        'Title',
        'Email',
        'Phone',
        'Status',
        'LeadSource',
        'Rating',
        'Industry',
        'NumberOfEmployees',
        'Address',
        'Description',
        'OwnerId',
        'PartnerAccountId',
        'IsConverted',
        'ConvertedDate',
        'CreatedDate',
        'CreatedById',
        'LastModifiedById'
    ],
    Opportunity: [
        'Id',
        'Name',
        'AccountId',
        'PartnerAccountId',
        'StageName',
        'Amount',
        'CloseDate',
        'NextStep',
        'OwnerId',
        'IsClosed',
        'IsWon',
        'CreatedDate',
        'CreatedById',
        'LastModifiedById'
    ],
    User: ['Id', 'Name', 'Alias'],
    Lead_Claim__c: ['Id', 'Name', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedById'],
    Lead_Publication__c: ['Id', 'Name', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedById'],
    Deal_Registration__c: ['Id', 'Name', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedById']
};

/** Standard lookups by relationship name: object -> relationship -> referenced object. */
const STANDARD_RELATIONSHIPS: Record<string, Record<string, string>> = {
    Account: { Owner: 'User' },
    Lead: { Owner: 'User', PartnerAccount: 'Account' },
    Opportunity: { Owner: 'User', Account: 'Account', PartnerAccount: 'Account' },
    Lead_Claim__c: { Owner: 'User' },
    Lead_Publication__c: { Owner: 'User', CreatedBy: 'User' },
    Deal_Registration__c: { Owner: 'User' }
};

/** Standard tabs of a Lightning app (the `standard-` names this package uses). */
const STANDARD_TABS = new Set([
    'standard-home',
    'standard-Lead',
    'standard-Opportunity',
    'standard-Account',
    'standard-Contact',
    'standard-report',
    'standard-Dashboard'
]);

/**
 * List view column and filter tokens of standard fields (list views do not use API names for them). The ones
 * already deployed in this package, plus PARTNER_ACCOUNT.NAME (Opportunity and Lead partner account) and
 * OWNER.ALIAS (lead owner), which only an org deploy confirms.
 */
const LIST_VIEW_TOKENS: Record<string, string[]> = {
    Lead: [
        'FULL_NAME',
        'LEAD.COMPANY',
        'LEAD.CITY',
        'LEAD.STATUS',
        'LEAD.CREATED_DATE',
        'OWNER.ALIAS',
        'PARTNER_ACCOUNT.NAME'
    ],
    Opportunity: [
        'OPPORTUNITY.NAME',
        'ACCOUNT.NAME',
        'OPPORTUNITY.STAGE_NAME',
        'OPPORTUNITY.AMOUNT',
        'OPPORTUNITY.CLOSE_DATE',
        'OPPORTUNITY.CLOSED',
        'OPPORTUNITY.WON',
        'CORE.USERS.FULL_NAME',
        'PARTNER_ACCOUNT.NAME'
    ],
    Lead_Claim__c: ['NAME'],
    Deal_Registration__c: ['NAME']
};

/** Related list names of standard related lists in a page layout. */
const STANDARD_RELATED_LISTS = new Set([
    'RelatedEntityHistoryList',
    'RelatedActivityList',
    'RelatedHistoryList'
]);

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) =>
        [
            'actionOverrides',
            'tabs',
            'flexiPageRegions',
            'itemInstances',
            'componentInstanceProperties',
            'criteria',
            'layoutSections',
            'layoutColumns',
            'layoutItems',
            'relatedLists',
            'fields',
            'sections',
            'columns',
            'criteriaItems',
            'groupingsDown',
            'groupingsAcross',
            'aggregateTypes',
            'customDetailFormulas',
            'dashboardGridComponents',
            'groupingColumn',
            'chartSummary',
            'filters',
            'customApplications',
            'customTabs',
            'reportTypes',
            'value',
            'target'
        ].includes(name)
});

type Xml = Record<string, unknown>;

function read(file: string): Xml {
    return parser.parse(readFileSync(file, 'utf8')) as Xml;
}

function list(value: unknown): Xml[] {
    if (value === undefined || value === null || value === '') return [];
    return (Array.isArray(value) ? value : [value]) as Xml[];
}

function text(value: unknown): string {
    return value === undefined || value === null ? '' : String(value);
}

function filesIn(dir: string, suffix: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith(suffix))
        .map((f) => path.join(dir, f));
}

function nameOf(file: string, suffix: string): string {
    return path.basename(file).slice(0, -suffix.length);
}

/** The objects, fields and lookups of a source tree: custom ones from objects/, standard ones from the tables. */
export class SchemaIndex {
    constructor(readonly root: string) {}

    objectExists(object: string): boolean {
        return object in STANDARD_FIELDS || existsSync(path.join(this.root, 'objects', object));
    }

    private customField(object: string, field: string): Xml | undefined {
        const file = path.join(this.root, 'objects', object, 'fields', `${field}.field-meta.xml`);
        return existsSync(file) ? (read(file).CustomField as Xml) : undefined;
    }

    fieldExists(object: string, field: string): boolean {
        if (field.endsWith('__c')) return this.customField(object, field) !== undefined;
        return (STANDARD_FIELDS[object] ?? []).includes(field);
    }

    /** The object a lookup reaches, by its field name (Partner_Account__c, PartnerAccountId) or relationship name. */
    lookupTarget(object: string, name: string): string | undefined {
        if (name.endsWith('__c')) {
            const field = this.customField(object, name);
            return field && ['Lookup', 'MasterDetail'].includes(text(field.type))
                ? text(field.referenceTo)
                : undefined;
        }
        const relationships = STANDARD_RELATIONSHIPS[object] ?? {};
        return relationships[name] ?? relationships[name.replace(/Id$/, '')];
    }

    /** Resolves a dotted field path (Partner_Account__c.Lead_Claim_Limit__c) from an object; a problem or null. */
    resolvePath(object: string, fieldPath: string): string | null {
        const parts = fieldPath.split('.');
        let current = object;
        for (const [i, part] of parts.entries()) {
            if (i === parts.length - 1) {
                if (this.fieldExists(current, part) || this.lookupTarget(current, part)) return null;
                return `${current}.${part} does not exist`;
            }
            const next = this.lookupTarget(current, part);
            if (!next) return `${current}.${part} is not a lookup`;
            current = next;
        }
        return null;
    }

    /** The child relationship names of an object, from the custom lookups that point at it. */
    childRelationships(object: string): Map<string, string> {
        const children = new Map<string, string>();
        const objectsDir = path.join(this.root, 'objects');
        for (const child of existsSync(objectsDir) ? readdirSync(objectsDir) : []) {
            for (const file of filesIn(path.join(objectsDir, child, 'fields'), '.field-meta.xml')) {
                const field = read(file).CustomField as Xml;
                if (text(field.referenceTo) === object && field.relationshipName) {
                    children.set(`${text(field.relationshipName)}__r`, child);
                }
            }
        }
        return children;
    }

    /** The picklist values of a custom field. */
    picklistValues(object: string, field: string): string[] {
        const valueSet = this.customField(object, field)?.valueSet as Xml | undefined;
        const definition = valueSet?.valueSetDefinition as Xml | undefined;
        return list(definition?.value).map((v) => text(v.fullName));
    }
}

/**
 * The tables of a report type: the base object, and for each join (nested joins too) `<parent table>.<relationship>`
 * -> the child object that relationship reaches; a join through no child relationship of its parent is a problem.
 */
function reportTypeTables(
    schema: SchemaIndex,
    type: Xml
): { tables: Map<string, string>; problems: string[] } {
    const base = text(type.baseObject);
    const tables = new Map<string, string>([[base, base]]);
    const problems: string[] = [];
    let parentTable = base;
    let join = type.join as Xml | undefined;
    while (join) {
        const relationship = text(join.relationship);
        const child = schema.childRelationships(tables.get(parentTable)!).get(relationship);
        if (!child) {
            problems.push(`join ${relationship} is not a child relationship of ${tables.get(parentTable)}`);
            break;
        }
        parentTable = `${parentTable}.${relationship}`;
        tables.set(parentTable, child);
        join = join.join as Xml | undefined;
    }
    return { tables, problems };
}

/** The report types of a tree: name -> base object, its tables and the (table, field) columns of its sections. */
function reportTypes(
    root: string
): Map<string, { base: string; tables: Map<string, string>; columns: Set<string> }> {
    const schema = new SchemaIndex(root);
    const types = new Map<string, { base: string; tables: Map<string, string>; columns: Set<string> }>();
    for (const file of filesIn(path.join(root, 'reportTypes'), '.reportType-meta.xml')) {
        const type = read(file).ReportType as Xml;
        const columns = new Set<string>();
        for (const section of list(type.sections)) {
            for (const column of list(section.columns)) {
                columns.add(`${text(column.table)}$${text(column.field)}`);
            }
        }
        types.set(nameOf(file, '.reportType-meta.xml'), {
            base: text(type.baseObject),
            tables: reportTypeTables(schema, type).tables,
            columns
        });
    }
    return types;
}

/** Problems of the report types: the base object, every join and every section column must exist. */
export function checkReportTypes(root: string): string[] {
    const schema = new SchemaIndex(root);
    const problems: string[] = [];
    for (const file of filesIn(path.join(root, 'reportTypes'), '.reportType-meta.xml')) {
        const name = nameOf(file, '.reportType-meta.xml');
        const type = read(file).ReportType as Xml;
        const base = text(type.baseObject);
        if (!schema.objectExists(base))
            problems.push(`report type ${name}: base object ${base} does not exist`);
        const { tables, problems: joinProblems } = reportTypeTables(schema, type);
        for (const problem of joinProblems) problems.push(`report type ${name}: ${problem}`);
        for (const section of list(type.sections)) {
            for (const column of list(section.columns)) {
                const object = tables.get(text(column.table));
                if (!object) {
                    problems.push(
                        `report type ${name}: column table ${text(column.table)} is not one of its tables`
                    );
                    continue;
                }
                const problem = schema.resolvePath(object, text(column.field));
                if (problem) problems.push(`report type ${name}: ${problem}`);
            }
        }
    }
    return problems;
}

/** The fields a report names: columns, groupings, filters, the time frame and row-level formulas. */
function reportFields(report: Xml): {
    fields: string[];
    formulas: Set<string>;
    aggregates: Map<string, string[]>;
} {
    const formulas = new Set(list(report.customDetailFormulas).map((f) => text(f.developerName)));
    const aggregates = new Map<string, string[]>();
    const fields: string[] = [];
    for (const column of list(report.columns)) {
        fields.push(text(column.field));
        aggregates.set(text(column.field), list(column.aggregateTypes).map(text));
    }
    for (const grouping of [...list(report.groupingsDown), ...list(report.groupingsAcross)]) {
        fields.push(text(grouping.field));
    }
    for (const item of list((report.filter as Xml | undefined)?.criteriaItems))
        fields.push(text(item.column));
    const timeFrame = report.timeFrameFilter as Xml | undefined;
    if (timeFrame) fields.push(text(timeFrame.dateColumn));
    return { fields, formulas, aggregates };
}

/** Problems of the reports: folder, report type, and every field a column of that report type on a real field. */
export function checkReports(root: string): string[] {
    const schema = new SchemaIndex(root);
    const types = reportTypes(root);
    const problems: string[] = [];
    const reportsDir = path.join(root, 'reports');
    for (const file of filesIn(reportsDir, '.report-meta.xml')) {
        const folder = path.basename(path.dirname(file));
        const name = `${folder}/${nameOf(file, '.report-meta.xml')}`;
        if (!existsSync(path.join(reportsDir, `${folder}.reportFolder-meta.xml`))) {
            problems.push(`report ${name}: folder ${folder} has no reportFolder file`);
        }
        const report = read(file).Report as Xml;
        const typeName = text(report.reportType);
        const type = types.get(typeName.replace(/__c$/, ''));
        if (!typeName.endsWith('__c') || !type) {
            problems.push(
                `report ${name}: report type ${typeName} is not a custom report type of this package`
            );
            continue;
        }
        const { fields, formulas } = reportFields(report);
        for (const field of fields) {
            if (formulas.has(field)) continue;
            const [table, fieldPath] = field.split('$');
            const object = table === undefined ? undefined : type.tables.get(table);
            if (!object || !fieldPath) {
                problems.push(`report ${name}: ${field} is not a ${type.base}$ column`);
                continue;
            }
            const problem = schema.resolvePath(object, fieldPath);
            if (problem) problems.push(`report ${name}: ${problem}`);
            if (!type.columns.has(field)) {
                problems.push(`report ${name}: ${field} is not a column of report type ${typeName}`);
            }
        }
        for (const formula of list(report.customDetailFormulas)) {
            for (const ref of text(formula.calculatedFormula).match(/[A-Za-z_]+(?:\.[A-Za-z_]+)+/g) ?? []) {
                const [object, ...rest] = ref.split('.');
                const problem =
                    object === type.base
                        ? schema.resolvePath(object, rest.join('.'))
                        : `${object} is not ${type.base}`;
                if (problem)
                    problems.push(`report ${name}: formula ${text(formula.developerName)}: ${problem}`);
            }
        }
    }
    return problems;
}

/** Problems of the dashboards: folder, each component's report, and its groupings and summaries in that report. */
export function checkDashboards(root: string): string[] {
    const problems: string[] = [];
    const dashboardsDir = path.join(root, 'dashboards');
    for (const file of filesIn(dashboardsDir, '.dashboard-meta.xml')) {
        const folder = path.basename(path.dirname(file));
        const name = `${folder}/${nameOf(file, '.dashboard-meta.xml')}`;
        if (!existsSync(path.join(dashboardsDir, `${folder}.dashboardFolder-meta.xml`))) {
            problems.push(`dashboard ${name}: folder ${folder} has no dashboardFolder file`);
        }
        const dashboard = read(file).Dashboard as Xml;
        const layout = dashboard.dashboardGridLayout as Xml | undefined;
        const components = list(layout?.dashboardGridComponents).map((g) => g.dashboardComponent as Xml);
        if (components.length === 0) problems.push(`dashboard ${name}: no components`);
        for (const component of components) {
            const reportRef = text(component.report);
            const reportFile = path.join(root, 'reports', `${reportRef}.report-meta.xml`);
            if (!existsSync(reportFile)) {
                problems.push(`dashboard ${name}: report ${reportRef} does not exist`);
                continue;
            }
            const report = read(reportFile).Report as Xml;
            const groupings = [...list(report.groupingsDown), ...list(report.groupingsAcross)].map((g) =>
                text(g.field)
            );
            for (const grouping of list(component.groupingColumn).map(text)) {
                if (!groupings.includes(grouping)) {
                    problems.push(`dashboard ${name}: ${grouping} is not a grouping of ${reportRef}`);
                }
            }
            const { aggregates } = reportFields(report);
            for (const summary of list(component.chartSummary)) {
                const column = text(summary.column);
                if (column === 'RowCount') continue;
                const aggregate = text(summary.aggregate);
                if (!(aggregates.get(column) ?? []).includes(aggregate)) {
                    problems.push(
                        `dashboard ${name}: ${reportRef} does not summarize ${column} by ${aggregate}`
                    );
                }
            }
        }
    }
    return problems;
}

/** The regions of the page templates this package uses (a region a template lacks fails the deploy). */
const TEMPLATE_REGIONS: Record<string, string[]> = {
    'flexipage:recordHomeTemplateDesktop': ['header', 'main', 'sidebar'],
    'flexipage:defaultAppHomeTemplate': ['main']
};

const PAGE_TARGETS: Record<string, string> = {
    RecordPage: 'lightning__RecordPage',
    AppPage: 'lightning__AppPage',
    HomePage: 'lightning__HomePage'
};

/** Whether an LWC can sit on a page type: exposed, with that target; null when fine. */
function checkExposed(root: string, component: string, pageType: string): string | null {
    const meta = path.join(root, 'lwc', component, `${component}.js-meta.xml`);
    if (!existsSync(meta)) {
        return 'has no LWC';
    }
    const bundle = read(meta).LightningComponentBundle as Xml;
    const targets = list((bundle.targets as Xml | undefined)?.target).map(text);
    if (text(bundle.isExposed) !== 'true') return 'is not exposed';
    const target = PAGE_TARGETS[pageType];
    return target && !targets.includes(target) ? `has no target ${target}` : null;
}

/** Problems of the FlexiPages: template regions, components, facets and related lists must resolve. */
export function checkFlexiPages(root: string): string[] {
    const schema = new SchemaIndex(root);
    const problems: string[] = [];
    for (const file of filesIn(path.join(root, 'flexipages'), '.flexipage-meta.xml')) {
        const name = nameOf(file, '.flexipage-meta.xml');
        const page = read(file).FlexiPage as Xml;
        const regions = list(page.flexiPageRegions);
        const facets = new Set(regions.filter((r) => text(r.type) === 'Facet').map((r) => text(r.name)));
        const usedFacets = new Set<string>();
        const identifiers = new Set<string>();
        const sobject = text(page.sobjectType);
        const template = text((page.template as Xml | undefined)?.name);
        const templateRegions = TEMPLATE_REGIONS[template];
        if (!templateRegions)
            problems.push(`flexipage ${name}: template ${template} is not a known template`);
        for (const region of regions.filter((r) => text(r.type) === 'Region')) {
            if (templateRegions && !templateRegions.includes(text(region.name))) {
                problems.push(`flexipage ${name}: template ${template} has no region ${text(region.name)}`);
            }
        }
        if (text(page.type) === 'RecordPage' && !schema.objectExists(sobject)) {
            problems.push(`flexipage ${name}: object ${sobject} does not exist`);
        }
        for (const region of regions) {
            for (const item of list(region.itemInstances)) {
                const instance = item.componentInstance as Xml | undefined;
                if (!instance) continue;
                const component = text(instance.componentName);
                const identifier = text(instance.identifier);
                if (identifiers.has(identifier))
                    problems.push(`flexipage ${name}: identifier ${identifier} twice`);
                identifiers.add(identifier);
                const props = new Map(
                    list(instance.componentInstanceProperties).map((p) => [text(p.name), text(p.value)])
                );
                const custom = component.startsWith('c:') ? component.slice(2) : component;
                if (!custom.includes(':')) {
                    const problem = checkExposed(root, custom, text(page.type));
                    if (problem) problems.push(`flexipage ${name}: component ${component} ${problem}`);
                }
                for (const key of ['body', 'tabs']) {
                    const facet = props.get(key);
                    if (facet === undefined) continue;
                    usedFacets.add(facet);
                    if (!facets.has(facet)) problems.push(`flexipage ${name}: facet ${facet} does not exist`);
                }
                if (component === 'force:relatedListSingleContainer') {
                    const related = props.get('relatedListApiName') ?? '';
                    const standard = sobject === 'Account' && related === 'Contacts';
                    if (!standard && !schema.childRelationships(sobject).has(related)) {
                        problems.push(`flexipage ${name}: ${sobject} has no related list ${related}`);
                    }
                    if (props.get('parentFieldApiName') !== `${sobject}.Id`) {
                        problems.push(
                            `flexipage ${name}: related list ${related} is not parented by ${sobject}.Id`
                        );
                    }
                }
                for (const criterion of list((instance.visibilityRule as Xml | undefined)?.criteria)) {
                    const match = /^\{!Record\.(\w+)\}$/.exec(text(criterion.leftValue));
                    if (!match || !schema.fieldExists(sobject, match[1]!)) {
                        problems.push(
                            `flexipage ${name}: visibility on ${text(criterion.leftValue)} does not resolve`
                        );
                    }
                }
            }
        }
        for (const facet of facets) {
            if (!usedFacets.has(facet)) problems.push(`flexipage ${name}: facet ${facet} is never shown`);
        }
    }
    return problems;
}

/** Problems of the apps and tabs: every tab exists; page overrides name a record page of that object. */
export function checkApplications(root: string): string[] {
    const problems: string[] = [];
    for (const file of filesIn(path.join(root, 'tabs'), '.tab-meta.xml')) {
        const tab = read(file).CustomTab as Xml;
        const flexiPage = text(tab.flexiPage);
        if (!flexiPage) continue;
        const pageFile = path.join(root, 'flexipages', `${flexiPage}.flexipage-meta.xml`);
        const page = existsSync(pageFile) ? (read(pageFile).FlexiPage as Xml) : undefined;
        if (text(page?.type) !== 'AppPage') {
            problems.push(
                `tab ${nameOf(file, '.tab-meta.xml')}: ${flexiPage} is not an app page of this package`
            );
        }
    }
    for (const file of filesIn(path.join(root, 'applications'), '.app-meta.xml')) {
        const name = nameOf(file, '.app-meta.xml');
        const app = read(file).CustomApplication as Xml;
        for (const tab of list(app.tabs).map(text)) {
            const known =
                STANDARD_TABS.has(tab) || existsSync(path.join(root, 'tabs', `${tab}.tab-meta.xml`));
            if (!known) problems.push(`app ${name}: tab ${tab} does not exist`);
        }
        for (const override of list(app.actionOverrides)) {
            if (text(override.type) !== 'Flexipage') continue;
            const content = text(override.content);
            const pageFile = path.join(root, 'flexipages', `${content}.flexipage-meta.xml`);
            const page = existsSync(pageFile) ? (read(pageFile).FlexiPage as Xml) : undefined;
            if (
                text(page?.type) !== 'RecordPage' ||
                text(page?.sobjectType) !== text(override.pageOrSobjectType)
            ) {
                problems.push(
                    `app ${name}: ${content} is not a record page of ${text(override.pageOrSobjectType)}`
                );
            }
        }
    }
    return problems;
}

/** Problems of the list views: columns and filters name real fields; picklist filter values exist. */
export function checkListViews(root: string): string[] {
    const schema = new SchemaIndex(root);
    const problems: string[] = [];
    const objectsDir = path.join(root, 'objects');
    for (const object of existsSync(objectsDir) ? readdirSync(objectsDir) : []) {
        for (const file of filesIn(path.join(objectsDir, object, 'listViews'), '.listView-meta.xml')) {
            const name = `${object}.${nameOf(file, '.listView-meta.xml')}`;
            const view = read(file).ListView as Xml;
            const filters = list(view.filters);
            const fields = [...list(view.columns).map(text), ...filters.map((f) => text(f.field))];
            for (const field of fields) {
                const known = field.endsWith('__c')
                    ? schema.fieldExists(object, field)
                    : (LIST_VIEW_TOKENS[object] ?? []).includes(field);
                if (!known) problems.push(`list view ${name}: ${field} is not a field of ${object}`);
            }
            for (const filter of filters) {
                const field = text(filter.field);
                const values = field.endsWith('__c') ? schema.picklistValues(object, field) : [];
                if (values.length === 0 || text(filter.value) === '') continue;
                for (const value of text(filter.value).split(',')) {
                    if (!values.includes(value)) {
                        problems.push(`list view ${name}: ${value} is not a value of ${object}.${field}`);
                    }
                }
            }
        }
    }
    return problems;
}

/** Problems of the layouts: fields exist on the object; custom related lists name a lookup to it. */
export function checkLayouts(root: string): string[] {
    const schema = new SchemaIndex(root);
    const problems: string[] = [];
    for (const file of filesIn(path.join(root, 'layouts'), '.layout-meta.xml')) {
        const name = nameOf(file, '.layout-meta.xml');
        const object = name.split('-')[0]!;
        const layout = read(file).Layout as Xml;
        for (const section of list(layout.layoutSections)) {
            for (const column of list(section.layoutColumns)) {
                for (const item of list(column.layoutItems)) {
                    const field = text(item.field);
                    if (field && !schema.fieldExists(object, field)) {
                        problems.push(`layout ${name}: ${object}.${field} does not exist`);
                    }
                }
            }
        }
        for (const related of list(layout.relatedLists)) {
            const relatedList = text(related.relatedList);
            if (STANDARD_RELATED_LISTS.has(relatedList)) continue;
            const [child, lookup] = relatedList.split('.');
            if (!child || !lookup || schema.lookupTarget(child, lookup) !== object) {
                problems.push(`layout ${name}: ${relatedList} is not a related list of ${object}`);
                continue;
            }
            for (const field of list(related.fields).map(text)) {
                if (field !== 'NAME' && !schema.fieldExists(child, field)) {
                    problems.push(`layout ${name}: related list column ${child}.${field} does not exist`);
                }
            }
        }
    }
    return problems;
}

/** Problems of the translations of this package's apps, tabs and report types. */
export function checkTranslations(root: string): string[] {
    const problems: string[] = [];
    const types = new Map<string, Set<string>>();
    for (const file of filesIn(path.join(root, 'reportTypes'), '.reportType-meta.xml')) {
        const type = read(file).ReportType as Xml;
        types.set(
            nameOf(file, '.reportType-meta.xml'),
            new Set(list(type.sections).map((s) => text(s.masterLabel)))
        );
    }
    for (const file of filesIn(path.join(root, 'translations'), '.translation-meta.xml')) {
        const translation = read(file).Translations as Xml;
        for (const app of list(translation.customApplications)) {
            if (!existsSync(path.join(root, 'applications', `${text(app.name)}.app-meta.xml`))) {
                problems.push(`translation: app ${text(app.name)} does not exist`);
            }
        }
        for (const tab of list(translation.customTabs)) {
            if (!existsSync(path.join(root, 'tabs', `${text(tab.name)}.tab-meta.xml`))) {
                problems.push(`translation: tab ${text(tab.name)} does not exist`);
            }
        }
        for (const type of list(translation.reportTypes)) {
            const sections = types.get(text(type.name));
            if (!sections) {
                problems.push(`translation: report type ${text(type.name)} does not exist`);
                continue;
            }
            for (const section of list(type.sections)) {
                if (!sections.has(text(section.name))) {
                    problems.push(`translation: ${text(type.name)} has no section ${text(section.name)}`);
                }
            }
        }
    }
    return problems;
}

/**
 * The Metadata API shapes from @salesforce/types (generated from the Metadata WSDL, newer than the schema in
 * jsforce that check:metadata uses: it knows FlexiPageRegion.itemInstances and every enumeration). It ships with
 * the pinned @salesforce/cli (through @salesforce/source-deploy-retrieve), so its version follows the lockfile.
 */
class MetadataShapes {
    readonly enums = new Map<string, string[]>();
    private readonly types = new Map<string, { bases: string[]; props: Map<string, string> }>();

    constructor() {
        const dts = readFileSync(
            require.resolve('@salesforce/types/metadata').replace(/\.js$/, '.d.ts'),
            'utf8'
        );
        for (const m of dts.matchAll(/^export type (\w+) = ((?:'[^']*'\s*\|?\s*)+);/gm)) {
            this.enums.set(
                m[1]!,
                [...m[2]!.matchAll(/'([^']*)'/g)].map((v) => v[1]!)
            );
        }
        for (const m of dts.matchAll(/^export type (\w+) = ([\w\s&]*?)\{\n([\s\S]*?)\n\};/gm)) {
            const props = new Map<string, string>();
            for (const p of m[3]!.matchAll(/^\s+(\w+)\??: (\w+)(?:\[\])?;/gm)) props.set(p[1]!, p[2]!);
            const bases = m[2]!
                .split('&')
                .map((b) => b.trim())
                .filter(Boolean);
            this.types.set(m[1]!, { bases, props });
        }
    }

    has(type: string): boolean {
        return this.types.has(type);
    }

    props(type: string): Map<string, string> {
        const entry = this.types.get(type);
        if (!entry) return new Map();
        const all = new Map<string, string>();
        for (const base of entry.bases) for (const [k, v] of this.props(base)) all.set(k, v);
        for (const [k, v] of entry.props) all.set(k, v);
        return all;
    }
}

let shapes: MetadataShapes | undefined;

const FOLDER_ROOTS: Record<string, string> = { ReportFolder: 'Folder', DashboardFolder: 'Folder' };

/** Problems of element names and enumeration values in metadata files, against @salesforce/types. */
export function checkShapes(files: string[]): string[] {
    shapes ??= new MetadataShapes();
    const known = shapes;
    const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });
    const problems: string[] = [];
    for (const file of files) {
        const nodes = (ordered.parse(readFileSync(file, 'utf8')) as Xml[]).filter(
            (n) => !('?xml' in n) && !('#comment' in n)
        );
        const rootName = Object.keys(nodes[0] ?? {})[0] ?? '';
        const rootType = FOLDER_ROOTS[rootName] ?? rootName;
        const where = path.basename(file);
        if (!known.has(rootType)) {
            problems.push(`${where}: unknown metadata type ${rootName}`);
            continue;
        }
        const walk = (children: Xml[], type: string, at: string) => {
            const props = known.props(type);
            for (const child of children) {
                const name = Object.keys(child)[0]!;
                if (name === '#text' || name === '#comment') continue;
                const propType = props.get(name);
                if (!propType) {
                    problems.push(`${where}: unknown element ${at}/${name}`);
                    continue;
                }
                const grandChildren = child[name] as Xml[];
                if (known.has(propType)) {
                    walk(grandChildren, propType, `${at}/${name}`);
                } else if (known.enums.has(propType)) {
                    const value = grandChildren.find((g) => '#text' in g)?.['#text'];
                    if (value !== undefined && !known.enums.get(propType)!.includes(String(value))) {
                        problems.push(`${where}: ${at}/${name} ${String(value)} is not a ${propType}`);
                    }
                }
            }
        };
        walk(nodes[0]![rootName] as Xml[], rootType, rootName);
    }
    return problems;
}

/** The metadata files of the channel managers' Lightning Experience in a source tree. */
export function channelManagerFiles(root: string): string[] {
    const objectsDir = path.join(root, 'objects');
    return [
        ...['applications', 'flexipages', 'layouts', 'reportTypes', 'reports', 'dashboards', 'tabs'].flatMap(
            (dir) => filesIn(path.join(root, dir), '-meta.xml')
        ),
        ...(existsSync(objectsDir) ? readdirSync(objectsDir) : []).flatMap((object) =>
            filesIn(path.join(objectsDir, object, 'listViews'), '.listView-meta.xml')
        ),
        ...filesIn(path.join(root, 'translations'), '.translation-meta.xml')
    ];
}
