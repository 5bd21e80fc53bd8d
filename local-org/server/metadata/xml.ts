import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) =>
        ['labels', 'customLabels', 'values', 'valueTranslation', 'standardValue'].includes(name)
});

/** Parses one metadata XML file into plain objects; repeated elements are always arrays. */
export function readMetadataXml(file: string): Record<string, unknown> {
    return parser.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
