import path from 'node:path';
import { METADATA_ROOT } from './paths.js';
import { readMetadataXml } from './xml.js';

/** A field set member as deployed: the field's API name and whether the field set requires it. */
export interface FieldSetMember {
    field: string;
    isRequired: boolean;
}

interface FieldSetXml {
    FieldSet?: {
        displayedFields?:
            { field: string; isRequired?: string } | Array<{ field: string; isRequired?: string }>;
    };
}

/** Reads objects/<object>/fieldSets/<name>.fieldSet-meta.xml: its displayed fields, in order. */
export function loadFieldSet(objectName: string, name: string, root = METADATA_ROOT): FieldSetMember[] {
    const file = path.join(root, 'objects', objectName, 'fieldSets', `${name}.fieldSet-meta.xml`);
    const fields = (readMetadataXml(file) as FieldSetXml).FieldSet?.displayedFields;
    const list = fields === undefined ? [] : Array.isArray(fields) ? fields : [fields];
    return list.map((f) => ({ field: String(f.field), isRequired: String(f.isRequired) === 'true' }));
}
