import { readdirSync } from 'node:fs';
import path from 'node:path';
import { METADATA_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

/** A list view as deployed: its scope and its filters (field, operation, value; '' when blank), nothing else. */
export interface ListViewDefinition {
    name: string;
    label: string;
    filterScope: string;
    filters: Array<{ field: string; operation: string; value: string }>;
}

interface ListViewXml {
    ListView?: {
        fullName?: string;
        label?: string;
        filterScope?: string;
        filters?:
            | { field: string; operation: string; value?: string }
            | Array<{ field: string; operation: string; value?: string }>;
    };
}

/** Reads objects/<object>/listViews/*.listView-meta.xml whose name starts with the prefix. */
export function loadListViews(
    objectName: string,
    prefix: string,
    root = METADATA_ROOT
): ListViewDefinition[] {
    const dir = path.join(root, 'objects', objectName, 'listViews');
    return readdirSync(dir)
        .filter((f) => f.startsWith(prefix) && f.endsWith('.listView-meta.xml'))
        .map((f) => {
            const xml = (readMetadataXml(path.join(dir, f)) as ListViewXml).ListView ?? {};
            const filters =
                xml.filters === undefined ? [] : Array.isArray(xml.filters) ? xml.filters : [xml.filters];
            return {
                name: f.slice(0, -'.listView-meta.xml'.length),
                label: xml.label ?? f,
                filterScope: xml.filterScope ?? 'Everything',
                filters: filters.map((x) => ({
                    field: String(x.field),
                    operation: String(x.operation),
                    value: x.value === undefined ? '' : String(x.value)
                }))
            };
        });
}
