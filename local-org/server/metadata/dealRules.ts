import { readdirSync } from 'node:fs';
import path from 'node:path';
import { METADATA_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

/** One Deal_Registration_Rule__mdt record: how long an approved registration protects its customer, per tier. */
export interface DealRule {
    /** Gold / Silver / Bronze, or Default for partners without a tier or with a tier that has no rule. */
    tier: string;
    protectionDays: number;
    extensionDays: number;
    expiryNoticeDays: number;
}

interface RecordXml {
    CustomMetadata?: { values?: Array<{ field: string; value?: string | { '#text'?: string } }> };
}

/** Reads the deployed deal registration rules (customMetadata/Deal_Registration_Rule.*.md-meta.xml). */
export function loadDealRules(root = METADATA_ROOT): DealRule[] {
    const dir = path.join(root, 'customMetadata');
    return readdirSync(dir)
        .filter((f) => f.startsWith('Deal_Registration_Rule.') && f.endsWith('.md-meta.xml'))
        .sort()
        .map((f) => {
            const xml = readMetadataXml(path.join(dir, f)) as RecordXml;
            const fields = new Map(
                (xml.CustomMetadata?.values ?? []).map((v) => [
                    v.field,
                    typeof v.value === 'string' ? v.value : (v.value?.['#text'] ?? null)
                ])
            );
            const number = (name: string): number => Number(fields.get(name) ?? 0);
            return {
                tier:
                    fields.get('Tier__c') ??
                    f.slice('Deal_Registration_Rule.'.length, -'.md-meta.xml'.length),
                protectionDays: number('Protection_Days__c'),
                extensionDays: number('Extension_Days__c'),
                expiryNoticeDays: number('Expiry_Notice_Days__c')
            };
        });
}

/** The rule of a partner's tier, else the Default rule (as the claim rules fall back). */
export function dealRuleFor(rules: readonly DealRule[], tier: string | null): DealRule {
    const rule = rules.find((r) => r.tier === tier) ?? rules.find((r) => r.tier === 'Default');
    if (!rule) throw new Error('No Default Deal_Registration_Rule__mdt record');
    return rule;
}

let deployed: DealRule[] | undefined;

/** The deployed rules, read once per process. */
export function deployedDealRules(): readonly DealRule[] {
    deployed ??= loadDealRules();
    return deployed;
}
