import { isIdOf, normalizeId, type SObjectName } from '../../ids.js';

/**
 * The twin of RecordIds.cls: record ids from client text, parsed and checked in one place for every service,
 * controller and resource. Blank text, text of the wrong shape and another object's id all come back as null,
 * before anything is read.
 */
export const RecordIds = {
    /** The 18-character id when the value is a well-formed id of the given object, else null. */
    of(raw: unknown, objectType: SObjectName): string | null {
        return isIdOf(raw, objectType) ? normalizeId(raw) : null;
    },

    /** Ids in the order the database sorts them: writers lock and evaluate rows in this order. */
    ascending(ids: Iterable<string>): string[] {
        return [...new Set(ids)].sort();
    }
};
