// The Custom Labels the site template shows (tab names, login texts, page titles), in the site's language,
// read from the deployed metadata by the same reader the local org uses.
import path from 'node:path';
import { loadLabels as loadCatalog, type LabelCatalog } from '../../local-org/server/metadata/labels.js';

/** Label texts by name, per language (Spanish falls back to English where a label has no translation). */
export type LabelTexts = LabelCatalog;

/** Reads the project's Custom Labels and their Spanish translation under the project root. */
export function loadLabels(root: string): LabelTexts {
    return loadCatalog(path.join(root, 'force-app', 'main', 'default'));
}

/** A label in the language; undefined when there is no such label. */
export function labelText(texts: LabelTexts, name: string, language: 'en' | 'es'): string | undefined {
    return texts[language][name];
}
