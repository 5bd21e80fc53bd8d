/**
 * The destructive-changes manifest of org:uninstall, read from force-app: our code, pages, permission sets, reports
 * and events go; whatever holds or configures the customer's data stays (the Lead_Claim__c audit object and its
 * rows, our fields on Lead, Opportunity and Account, the claim rules, the queue that may still own leads, the e-mail
 * templates and layouts the site and profiles point at).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Folder of force-app/main/default (or force-app/tests) → Metadata API type and how a file names its member. */
const REMOVED: Record<string, { type: string; suffix: string }> = {
    classes: { type: 'ApexClass', suffix: '.cls' },
    triggers: { type: 'ApexTrigger', suffix: '.trigger' },
    flexipages: { type: 'FlexiPage', suffix: '.flexipage-meta.xml' },
    applications: { type: 'CustomApplication', suffix: '.app-meta.xml' },
    tabs: { type: 'CustomTab', suffix: '.tab-meta.xml' },
    permissionsets: { type: 'PermissionSet', suffix: '.permissionset-meta.xml' },
    notificationtypes: { type: 'CustomNotificationType', suffix: '.notiftype-meta.xml' },
    staticresources: { type: 'StaticResource', suffix: '.resource-meta.xml' },
    reportTypes: { type: 'ReportType', suffix: '.reportType-meta.xml' }
};

/** What org:uninstall leaves in the org, and why (printed and documented). */
export const KEPT = [
    'Lead_Claim__c, its tab and its rows (the claim audit trail), and our fields on Lead, Opportunity and Account (their data)',
    'the claim rules (Lead_Claim_Rule__mdt, Lead_Claim_Closed_Status__mdt) and Canal Notification Settings',
    'the Canal_Partner_Pool queue (it may still own leads: reassign them, then delete it in Setup) and Canal_Partner_Reps',
    'the e-mail templates and page layouts (the site and profiles point at them)',
    'the site: a site cannot be deleted through the API; take it offline in Setup > Digital Experiences > All Sites'
];

function files(dir: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((entry) => {
        const full = path.join(dir, entry);
        return statSync(full).isDirectory() ? files(full).map((f) => path.join(entry, f)) : [entry];
    });
}

/** The components to remove, by type (sorted), from force-app under root. */
export function componentsToRemove(root: string): Record<string, string[]> {
    const byType: Record<string, Set<string>> = {};
    const add = (type: string, name: string) => (byType[type] ??= new Set()).add(name);
    const base = path.join(root, 'force-app', 'main', 'default');
    for (const [folder, { type, suffix }] of Object.entries(REMOVED)) {
        for (const file of files(path.join(base, folder))) {
            const name = path.basename(file);
            if (!name.endsWith(suffix)) continue;
            const member = name.slice(0, -suffix.length);
            // The tab of an object we keep (Lead_Claim__c) stays with it.
            if (type === 'CustomTab' && member.endsWith('__c')) continue;
            add(type, member);
        }
    }
    for (const file of files(path.join(root, 'force-app', 'tests'))) {
        if (file.endsWith('.cls')) add('ApexClass', path.basename(file, '.cls'));
    }
    for (const file of files(path.join(base, 'lwc'))) {
        const parts = file.split(path.sep);
        if (parts.length === 2 && parts[1] === `${parts[0]}.js-meta.xml`)
            add('LightningComponentBundle', parts[0]!);
    }
    for (const entry of existsSync(path.join(base, 'objects'))
        ? readdirSync(path.join(base, 'objects'))
        : []) {
        if (entry.endsWith('__e')) add('CustomObject', entry);
    }
    for (const [folder, type] of [
        ['reports', 'Report'],
        ['dashboards', 'Dashboard']
    ] as const) {
        for (const file of files(path.join(base, folder))) {
            const match = new RegExp(
                `^(.+)\\.${type === 'Report' ? 'report' : 'dashboard'}-meta\\.xml$`
            ).exec(file);
            if (match && match[1]!.includes(path.sep)) add(type, match[1]!.split(path.sep).join('/'));
        }
        for (const file of files(path.join(base, folder))) {
            const match = /^([^/\\]+)\.(report|dashboard)Folder-meta\.xml$/.exec(file);
            if (match) add(type, match[1]!);
        }
    }
    add('Group', 'Canal_Channel_Managers');
    return Object.fromEntries(
        Object.entries(byType)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([type, names]) => [type, [...names].sort()])
    );
}

/** A package.xml: the given components (none for the empty manifest a destructive deploy goes with). */
export function manifestXml(byType: Record<string, string[]>, apiVersion: string): string {
    const types = Object.entries(byType).map(
        ([type, names]) =>
            `    <types>\n${names.map((n) => `        <members>${n}</members>`).join('\n')}\n        <name>${type}</name>\n    </types>`
    );
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Package xmlns="http://soap.sforce.com/2006/04/metadata">',
        ...types,
        `    <version>${apiVersion}</version>`,
        '</Package>',
        ''
    ].join('\n');
}
