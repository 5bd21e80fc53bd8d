import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { METADATA_ROOT } from '../../server/metadata/paths.js';

/**
 * The access contract (docs/ACCESS-CONTRACT.md): one static resource per feature area,
 * staticresources/CanalAccessContract_<Area>.json, read by the local org's runner, the coverage check, the fuzz
 * test and (in the org) CanalAccessContractRunner. This module loads the files, checks their shape and expands
 * every row into one (call, persona, state) case.
 */

export const CONTRACT_DIR = path.join(METADATA_ROOT, 'staticresources');
export const CONTRACT_PREFIX = 'CanalAccessContract_';
export const CONTRACT_VERSION = 1;

export const PERSONAS = [
    'repHolding',
    'colleague',
    'otherPartnerRep',
    'invitedRep',
    'channelManager',
    'admin',
    'noSession'
] as const;
export type Persona = (typeof PERSONAS)[number];

export const STATES = [
    'queueOwned',
    'own',
    'colleagues',
    'otherPartners',
    'closed',
    'converted',
    'releasedByOtherPartner',
    /** Deal registrations (Deal_Registration__c): repHolding's, approved by the channel manager. */
    'approved',
    /** Deal registrations: repHolding's, rejected with a reason. */
    'rejected',
    'n/a'
] as const;
export type RecordState = (typeof STATES)[number];

/** In mayContain and mayChange: the row's own state, for rows that list several states. */
export const THIS_STATE = '$state';

export const OBJECTS = ['Lead', 'Opportunity', 'Account', 'Deal_Registration__c', 'none'] as const;
export type ContractObject = (typeof OBJECTS)[number];

export const WORLDS = ['local', 'apex'] as const;
export type World = (typeof WORLDS)[number];

/** Personas the platform itself turns away before any Apex runs (login, forced password change). */
export const LOCAL_ONLY_PERSONAS: readonly Persona[] = ['invitedRep', 'noSession'];

export type CallKind = 'aura' | 'rest' | 'local';

/** A method or route as a row names it: `Class.method`, `REST <VERB> /canal/v1/...` or `LOCAL <VERB> <path>`. */
export interface ParsedCall {
    key: string;
    kind: CallKind;
    className?: string;
    methodName?: string;
    verb?: string;
    path?: string;
}

/** What a call acts on and which record states each persona must be tried in. */
export interface CallDeclaration {
    call: string;
    object: ContractObject;
    states: RecordState[];
    area: string;
}

/** One expanded case: one call, one persona, one record state. */
export interface ContractCase {
    call: ParsedCall;
    persona: Persona;
    state: RecordState;
    object: ContractObject;
    /** Method parameters (aura) or { path, query, body, form } (routes); strings starting with $ are placeholders. */
    params: Record<string, unknown>;
    /** Outcome code (aura) or HTTP status (routes). */
    expect: string | number;
    /** The body's `code` of a route answer, when it has one worth checking. */
    code?: string;
    /** A redirect's Location must start with this. */
    location?: string;
    mustContain: string[];
    mustNotContain: string[];
    /** The record states whose fixture records the answer may name (by Id); any other fixture record is a leak. */
    mayContain: RecordState[];
    /** The record states whose fixture records the call may change; every other fixture record must stay as it was. */
    mayChange: RecordState[];
    worlds: World[];
    note?: string;
    /** Where the row is: `<Area>#<row index>`. */
    source: string;
}

export interface AccessContract {
    files: string[];
    calls: Map<string, CallDeclaration>;
    cases: ContractCase[];
}

interface RawRow {
    call: string | string[];
    persona: Persona | Persona[];
    state?: RecordState | RecordState[];
    params?: Record<string, unknown>;
    expect: string | number;
    code?: string;
    location?: string;
    mustContain?: string[];
    mustNotContain?: string[];
    mayContain?: Array<RecordState | typeof THIS_STATE>;
    mayChange?: Array<RecordState | typeof THIS_STATE>;
    worlds?: World[];
    note?: string;
}

interface RawFile {
    version: number;
    area: string;
    description?: string;
    calls: Record<string, { object?: ContractObject; states?: RecordState[]; note?: string }>;
    rows: RawRow[];
}

const ROW_KEYS = new Set([
    'call',
    'persona',
    'state',
    'params',
    'expect',
    'code',
    'location',
    'mustContain',
    'mustNotContain',
    'mayContain',
    'mayChange',
    'worlds',
    'note'
]);

/** Parses `Class.method`, `REST GET /canal/v1/queue` or `LOCAL GET /outbox/:id`; undefined when malformed. */
export function parseCall(text: string): ParsedCall | undefined {
    const route = /^(REST|LOCAL) (GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(text);
    if (route) {
        const kind = route[1] === 'REST' ? 'rest' : 'local';
        if (kind === 'rest' && !route[3]!.startsWith('/canal/')) return undefined;
        return { key: text, kind, verb: route[2], path: route[3] };
    }
    const method = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(text);
    if (method) return { key: text, kind: 'aura', className: method[1], methodName: method[2] };
    return undefined;
}

function list<T>(value: T | T[] | undefined, fallback: T[]): T[] {
    if (value === undefined) return fallback;
    return Array.isArray(value) ? value : [value];
}

/** The contract's files, sorted by name. */
export function contractFiles(dir = CONTRACT_DIR): string[] {
    return readdirSync(dir)
        .filter((f) => f.startsWith(CONTRACT_PREFIX) && f.endsWith('.json'))
        .sort()
        .map((f) => path.join(dir, f));
}

/**
 * Loads and expands every contract file; throws with every shape error found (unknown persona, state or key,
 * a row for an undeclared call, the same case twice, a state the call does not declare).
 */
export function loadAccessContract(dir = CONTRACT_DIR): AccessContract {
    const errors: string[] = [];
    const calls = new Map<string, CallDeclaration>();
    const cases: ContractCase[] = [];
    const seen = new Set<string>();
    const files = contractFiles(dir);
    for (const file of files) {
        const name = path.basename(file, '.json');
        const area = name.slice(CONTRACT_PREFIX.length);
        let raw: RawFile;
        try {
            raw = JSON.parse(readFileSync(file, 'utf8')) as RawFile;
        } catch (error) {
            errors.push(`${name}: not JSON (${(error as Error).message})`);
            continue;
        }
        if (raw.version !== CONTRACT_VERSION) errors.push(`${name}: version must be ${CONTRACT_VERSION}`);
        if (raw.area !== area) errors.push(`${name}: area must be "${area}" (the file name's suffix)`);
        for (const [key, declaration] of Object.entries(raw.calls ?? {})) {
            if (!parseCall(key)) errors.push(`${name}: call "${key}" is not Class.method, REST or LOCAL`);
            const object = declaration.object ?? 'none';
            const states = declaration.states ?? ['n/a'];
            if (!OBJECTS.includes(object)) errors.push(`${name}: ${key}: unknown object ${object}`);
            for (const s of states)
                if (!STATES.includes(s)) errors.push(`${name}: ${key}: unknown state ${s}`);
            if (calls.has(key)) errors.push(`${name}: ${key} is declared in ${calls.get(key)!.area} too`);
            calls.set(key, { call: key, object, states, area });
        }
        (raw.rows ?? []).forEach((row, index) => {
            const source = `${area}#${index}`;
            for (const key of Object.keys(row))
                if (!ROW_KEYS.has(key)) errors.push(`${source}: unknown key "${key}"`);
            const names = list(row.call, []);
            if (names.length === 0) errors.push(`${source}: no call`);
            for (const name of names) expandRow(source, name, row);
        });
    }
    if (errors.length) throw new Error(`Access contract:\n${errors.join('\n')}`);
    return { files, calls, cases };

    function expandRow(source: string, name: string, row: RawRow): void {
        const area = source.split('#')[0]!;
        const call = parseCall(name);
        const declaration = calls.get(name);
        if (!call || !declaration) {
            errors.push(`${source}: call "${name}" is not declared in "calls"`);
            return;
        }
        if (declaration.area !== area) errors.push(`${source}: ${name} belongs to ${declaration.area}`);
        const expectOk =
            call.kind === 'aura'
                ? typeof row.expect === 'string' && /^[A-Z][A-Z_]*$/.test(row.expect)
                : typeof row.expect === 'number' && row.expect >= 100 && row.expect < 600;
        if (!expectOk)
            errors.push(`${source}: expect must be ${call.kind === 'aura' ? 'a CODE' : 'an HTTP status'}`);
        const personas = list(row.persona, []);
        const states = list(row.state, declaration.states.length === 1 ? declaration.states : []);
        if (personas.length === 0) errors.push(`${source}: no persona`);
        if (states.length === 0) errors.push(`${source}: no state (the call declares several)`);
        const worlds = list<World>(row.worlds, call.kind === 'local' ? ['local'] : [...WORLDS]);
        for (const w of worlds) if (!WORLDS.includes(w)) errors.push(`${source}: unknown world ${w}`);
        if (call.kind === 'local' && worlds.includes('apex'))
            errors.push(`${source}: LOCAL rows are local only`);
        const mayContain = row.mayContain ?? [];
        const mayChange = row.mayChange ?? [];
        for (const s of [...mayContain, ...mayChange])
            if (s !== THIS_STATE && !STATES.includes(s)) errors.push(`${source}: unknown state ${s}`);
        const own = (states: Array<RecordState | typeof THIS_STATE>, state: RecordState): RecordState[] => [
            ...new Set(states.map((s) => (s === THIS_STATE ? state : s)))
        ];
        for (const persona of personas) {
            if (!PERSONAS.includes(persona)) {
                errors.push(`${source}: unknown persona ${persona}`);
                continue;
            }
            for (const state of states) {
                if (!declaration.states.includes(state)) {
                    errors.push(`${source}: ${name} does not declare state ${state}`);
                    continue;
                }
                const id = `${name} / ${persona} / ${state}`;
                if (seen.has(id)) errors.push(`${source}: ${id} has two rows`);
                seen.add(id);
                cases.push({
                    call,
                    persona,
                    state,
                    object: declaration.object,
                    params: row.params ?? {},
                    expect: row.expect,
                    code: row.code,
                    location: row.location,
                    mustContain: row.mustContain ?? [],
                    mustNotContain: row.mustNotContain ?? [],
                    mayContain: own(mayContain, state),
                    mayChange: own(mayChange, state),
                    worlds: LOCAL_ONLY_PERSONAS.includes(persona)
                        ? worlds.filter((w) => w === 'local')
                        : worlds,
                    note: row.note,
                    source
                });
            }
        }
    }
}

/** The (call, persona, state) cases a declared call lacks: every persona in every declared state needs a row. */
export function missingCases(contract: AccessContract): string[] {
    const have = new Set(contract.cases.map((c) => `${c.call.key} / ${c.persona} / ${c.state}`));
    const missing: string[] = [];
    for (const declaration of contract.calls.values()) {
        for (const persona of PERSONAS) {
            for (const state of declaration.states) {
                const id = `${declaration.call} / ${persona} / ${state}`;
                if (!have.has(id)) missing.push(id);
            }
        }
    }
    return missing;
}

/**
 * The outcome of an Apex method's answer, as both runners read it: a refusal's `code` (an error answer); else the
 * result's own `code` when it has one; else OK.
 */
export function outcomeOf(status: number, body: unknown): string {
    const code =
        body && typeof body === 'object' && !Array.isArray(body)
            ? (body as Record<string, unknown>).code
            : undefined;
    if (status >= 400) return typeof code === 'string' ? code : `HTTP_${status}`;
    return typeof code === 'string' ? code : 'OK';
}
