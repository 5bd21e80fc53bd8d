import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { METADATA_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

interface StandardValueSetTranslationXml {
    StandardValueSetTranslation?: { valueTranslation?: Array<{ masterLabel: string; translation?: string }> };
}

/**
 * Spanish labels of standard picklist values (LeadStatus, OpportunityStage), read from the deployed
 * standardValueSetTranslations, by value set and value.
 */
export function readStatusTranslations(root = METADATA_ROOT): Record<string, Record<string, string>> {
    const dir = path.join(root, 'standardValueSetTranslations');
    const result: Record<string, Record<string, string>> = {};
    if (!existsSync(dir)) return result;
    for (const file of readdirSync(dir).filter((f) =>
        f.endsWith('-es.standardValueSetTranslation-meta.xml')
    )) {
        const set = file.slice(0, -'-es.standardValueSetTranslation-meta.xml'.length);
        const xml = readMetadataXml(path.join(dir, file)) as StandardValueSetTranslationXml;
        result[set] = {};
        for (const v of xml.StandardValueSetTranslation?.valueTranslation ?? []) {
            if (v.translation) result[set][v.masterLabel] = v.translation;
        }
    }
    return result;
}
