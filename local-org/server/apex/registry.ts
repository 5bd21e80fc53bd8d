import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { LabelCatalog } from '../metadata/labels.js';
import type { LeadClaimService } from './LeadClaimService.js';
import type { UserRecord } from './LeadClaimSelector.js';

/** What every local Apex method receives: the calling user and the org's services. */
export interface ApexContext {
    user: UserRecord;
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    claims: LeadClaimService;
}

/** A JSON schema for the method's parameters, as Fastify validates request bodies. */
export interface ParamsSchema {
    type: 'object';
    properties: Record<string, unknown>;
    required?: string[];
    additionalProperties: false;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each method narrows its own validated parameters
export interface ApexMethod<P = any, R = unknown> {
    params: ParamsSchema;
    handler(ctx: ApexContext, params: P): R;
}

/** An Apex class's @AuraEnabled methods, by name. */
export type ApexClass = Record<string, ApexMethod>;

/** A JSON-schema fragment for a nullable value of the given schema. */
export function nullable(schema: Record<string, unknown>): Record<string, unknown> {
    return { anyOf: [schema, { type: 'null' }] };
}

export const ID_SCHEMA = { type: 'string', maxLength: 18 };

/** An Apex method's failure (AuraHandledException), written once in shared/AuraErrors.ts. */
export { ApexError } from './shared/AuraErrors.js';
