import { readdirSync } from 'node:fs';
import path from 'node:path';
import { METADATA_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

/** One Lead_Claim_Rule__mdt record. */
export interface ClaimRule {
    developerName: string;
    tier: string | null;
    maxOpen: number;
    maxPerDay: number;
    holdHours: number | null;
    /** First_Look_Minutes__c: minutes after a publication before the tier's partners are offered its leads. */
    firstLookMinutes?: number;
}

interface RecordXml {
    CustomMetadata?: { values?: Array<{ field: string; value?: string | { '#text'?: string } }> };
}

function valueOf(raw: string | { '#text'?: string } | undefined): string | null {
    if (raw === undefined) return null;
    const text = typeof raw === 'string' ? raw : raw['#text'];
    return text === undefined || text === '' ? null : text;
}

/** Reads the deployed claim rules (customMetadata/Lead_Claim_Rule.*.md-meta.xml). */
export function loadClaimRules(root = METADATA_ROOT): ClaimRule[] {
    const dir = path.join(root, 'customMetadata');
    return readdirSync(dir)
        .filter((f) => f.startsWith('Lead_Claim_Rule.') && f.endsWith('.md-meta.xml'))
        .sort()
        .map((f) => {
            const xml = readMetadataXml(path.join(dir, f)) as RecordXml;
            const fields = new Map(
                (xml.CustomMetadata?.values ?? []).map((v) => [v.field, valueOf(v.value)])
            );
            const number = (name: string): number | null => {
                const v = fields.get(name);
                return v === null || v === undefined ? null : Number(v);
            };
            return {
                developerName: f.slice('Lead_Claim_Rule.'.length, -'.md-meta.xml'.length),
                tier: fields.get('Partner_Tier__c') ?? null,
                maxOpen: number('Max_Open_Claims__c') ?? 0,
                maxPerDay: number('Max_Claims_Per_Day__c') ?? 0,
                holdHours: number('Hold_Hours__c'),
                firstLookMinutes: number('First_Look_Minutes__c') ?? 0
            };
        });
}

/**
 * Reads the closed lead statuses (customMetadata/Lead_Claim_Closed_Status.*.md-meta.xml, field Status__c): a lead
 * in one of them no longer holds an open-claim slot and is final for partners, as in Apex.
 */
export function loadClosedStatuses(root = METADATA_ROOT): string[] {
    const dir = path.join(root, 'customMetadata');
    return readdirSync(dir)
        .filter((f) => f.startsWith('Lead_Claim_Closed_Status.') && f.endsWith('.md-meta.xml'))
        .sort()
        .map((f) => {
            const xml = readMetadataXml(path.join(dir, f)) as RecordXml;
            const status = (xml.CustomMetadata?.values ?? []).find((v) => v.field === 'Status__c');
            return valueOf(status?.value);
        })
        .filter((v): v is string => v !== null);
}
