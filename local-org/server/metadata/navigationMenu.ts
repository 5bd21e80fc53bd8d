import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { LabelCatalog, Language } from './labels.js';
import { PROJECT_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

const MENU_DIR = path.join(PROJECT_ROOT, 'site', 'template', 'main', 'default', 'navigationMenus');

export interface MenuItem {
    label: string;
    actionValue: string;
    actionType: string;
    target: string | null;
}

interface MenuXml {
    NavigationMenu?: {
        navigationMenuItem?:
            | Array<{ label: string; position: string; target: string; type: string }>
            | { label: string; position: string; target: string; type: string };
    };
}

/**
 * The site template's navigation menu (the tabs), its {{CANAL_LABEL:Name}} texts resolved in the user's
 * language, as getNavigationMenu returns it in the LWR site.
 */
export function loadNavigationMenu(labels: LabelCatalog, language: Language, dir = MENU_DIR): MenuItem[] {
    const file = readdirSync(dir).find((f) => f.endsWith('.navigationMenu-meta.xml'));
    if (!file) return [];
    const raw = (readMetadataXml(path.join(dir, file)) as MenuXml).NavigationMenu?.navigationMenuItem ?? [];
    const items = Array.isArray(raw) ? raw : [raw];
    return [...items]
        .sort((a, b) => Number(a.position) - Number(b.position))
        .map((item) => ({
            label: String(item.label).replace(
                /\{\{CANAL_LABEL:([A-Za-z0-9_]+)\}\}/g,
                (_m, name: string) => labels[language][name] ?? name
            ),
            actionValue: String(item.target),
            actionType: String(item.type),
            target: null
        }));
}
