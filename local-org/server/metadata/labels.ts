import path from 'node:path';
import { METADATA_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

export type Language = 'es' | 'en';
export type LabelCatalog = Record<Language, Record<string, string>>;

interface LabelsXml {
    CustomLabels?: { labels?: Array<{ fullName: string; value: string }> };
}
interface TranslationXml {
    Translations?: { customLabels?: Array<{ name: string; label: string }> };
}

/**
 * Reads the Custom Labels (English) and their Spanish translation from the deployed metadata; a label without
 * a translation falls back to English, as the platform does.
 */
export function loadLabels(root = METADATA_ROOT): LabelCatalog {
    const en: Record<string, string> = {};
    const labels = readMetadataXml(path.join(root, 'labels', 'CustomLabels.labels-meta.xml')) as LabelsXml;
    for (const label of labels.CustomLabels?.labels ?? []) en[label.fullName] = label.value;
    const es: Record<string, string> = { ...en };
    const translation = readMetadataXml(
        path.join(root, 'translations', 'es.translation-meta.xml')
    ) as TranslationXml;
    for (const label of translation.Translations?.customLabels ?? []) es[label.name] = label.label;
    return { en, es };
}
