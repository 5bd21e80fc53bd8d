import type { LabelCatalog, Language } from '../../metadata/labels.js';

/**
 * The twin of AuraErrors.cls: an @AuraEnabled method's failure (an AuraHandledException with its message set).
 * The /apex route answers it in the platform's shape, `{ status, body: { code, message } }`, with a translated
 * message and never the raw text.
 */
export class ApexError extends Error {
    /**
     * @param code the stable code the client reads
     * @param status the HTTP status of the answer
     * @param labelName the Custom Label of its message; by default the generic label of the status
     */
    constructor(
        readonly code: string,
        readonly status: number,
        readonly labelName?: string
    ) {
        super(code);
    }
}

/** The error's message in the user's language: its own label, else the generic label of its code or status. */
export function auraErrorMessage(labels: LabelCatalog, language: Language, error: ApexError): string {
    const name =
        error.labelName ??
        (error.code === 'NOT_FOUND'
            ? 'Canal_Error_Not_Found'
            : error.status === 403
              ? 'Canal_Error_Forbidden'
              : 'Canal_Error_Bad_Request');
    return labels[language][name] ?? name;
}
