import { isIdOf, normalizeId, type SObjectName } from '../../ids.js';

/**
 * The twin of RecordIds.cls: client text becomes a record id of one object, or null. Blank, malformed and other
 * objects' ids are refused before anything is read, in every service (written once, as in Apex).
 */
export const RecordIds = {
    /** The 18-character id when the value is a well-formed id of the given object, else null. */
    toIdOf(raw: unknown, type: SObjectName): string | null {
        return isIdOf(raw, type) ? normalizeId(raw) : null;
    },

    /** The 18-character Lead id, or null. */
    toLeadId(raw: unknown): string | null {
        return RecordIds.toIdOf(raw, 'Lead');
    }
};
