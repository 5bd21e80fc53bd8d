import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RouteOptions } from 'fastify';
import { METADATA_ROOT } from '../../server/metadata/paths.js';

/** What the product exposes, found in the code itself: the access contract must have rows for all of it. */

export const CLASSES_DIR = path.join(METADATA_ROOT, 'classes');

function apexFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return apexFiles(full);
        return entry.name.endsWith('.cls') ? [full] : [];
    });
}

/** Apex source without comments (strings kept), so commented-out annotations do not count. */
export function stripComments(source: string): string {
    let out = '';
    for (let i = 0; i < source.length; i++) {
        const c = source[i]!;
        if (c === "'") {
            let j = i + 1;
            while (j < source.length && source[j] !== "'") j += source[j] === '\\' ? 2 : 1;
            out += source.slice(i, j + 1);
            i = j;
        } else if (c === '/' && source[i + 1] === '/') {
            const j = source.indexOf('\n', i);
            i = (j < 0 ? source.length : j) - 1;
        } else if (c === '/' && source[i + 1] === '*') {
            const j = source.indexOf('*/', i + 2);
            out += ' ';
            i = (j < 0 ? source.length : j + 2) - 1;
        } else {
            out += c;
        }
    }
    return out;
}

/** Every static @AuraEnabled method of every class under classes/, as `Class.method`. */
export function auraEnabledMethods(dir = CLASSES_DIR): string[] {
    const methods: string[] = [];
    for (const file of apexFiles(dir)) {
        const className = path.basename(file, '.cls');
        const source = stripComments(readFileSync(file, 'utf8'));
        const pattern =
            /@AuraEnabled\b(?:\s*\([^)]*\))?\s+(?:(?:public|global|static|override|virtual)\s+)+[\w.<>,\s]+?\s+(\w+)\s*\(/gi;
        for (const match of source.matchAll(pattern)) {
            if (/\bstatic\b/i.test(match[0])) methods.push(`${className}.${match[1]}`);
        }
    }
    return methods.sort();
}

export interface RestEndpoint {
    className: string;
    /** The urlMapping, e.g. /canal/v1/* */
    urlMapping: string;
    verb: string;
}

const HTTP_ANNOTATIONS: Record<string, string> = {
    httpget: 'GET',
    httppost: 'POST',
    httpput: 'PUT',
    httppatch: 'PATCH',
    httpdelete: 'DELETE'
};

/** Every @RestResource urlMapping with each HTTP method its class answers. */
export function restEndpoints(dir = CLASSES_DIR): RestEndpoint[] {
    const endpoints: RestEndpoint[] = [];
    for (const file of apexFiles(dir)) {
        const source = stripComments(readFileSync(file, 'utf8'));
        const mapping = /@RestResource\s*\(\s*urlMapping\s*=\s*'([^']+)'\s*\)/i.exec(source);
        if (!mapping) continue;
        for (const match of source.matchAll(/@(Http(?:Get|Post|Put|Patch|Delete))\b/gi)) {
            endpoints.push({
                className: path.basename(file, '.cls'),
                urlMapping: mapping[1]!,
                verb: HTTP_ANNOTATIONS[match[1]!.toLowerCase()]!
            });
        }
    }
    return endpoints;
}

/** Whether a REST path (e.g. /canal/v1/leads/:leadId/claim) falls under a urlMapping (e.g. /canal/v1/*). */
export function matchesUrlMapping(urlMapping: string, restPath: string): boolean {
    if (urlMapping.endsWith('/*')) return restPath.startsWith(urlMapping.slice(0, -1));
    return restPath === urlMapping;
}

export interface LocalRoute {
    verb: string;
    url: string;
}

/** The local org's routes, one per method and URL, without the HEAD twins Fastify adds to every GET. */
export function localRoutes(routes: RouteOptions[]): LocalRoute[] {
    const seen = new Map<string, LocalRoute>();
    for (const route of routes) {
        for (const verb of Array.isArray(route.method) ? route.method : [route.method]) {
            if (verb === 'HEAD') continue;
            seen.set(`${verb} ${route.url}`, { verb, url: route.url });
        }
    }
    return [...seen.values()].sort((a, b) => `${a.url} ${a.verb}`.localeCompare(`${b.url} ${b.verb}`));
}

export const APEX_ROUTE = /^\/apex\/(\w+)\/(\w+)$/;
export const REST_PREFIX = '/services/apexrest';

/** The contract key a local route is covered by: `Class.method`, `REST ...` or `LOCAL ...`. */
export function contractKeyOfRoute(route: LocalRoute): string[] {
    const apex = APEX_ROUTE.exec(route.url);
    if (apex && route.verb === 'POST') return [`${apex[1]}.${apex[2]}`, `LOCAL POST ${route.url}`];
    if (route.url.startsWith(`${REST_PREFIX}/`))
        return [`REST ${route.verb} ${route.url.slice(REST_PREFIX.length)}`];
    return [`LOCAL ${route.verb} ${route.url}`];
}
