/**
 * One place that turns any error a component meets into readable strings: Apex (AuraHandledException),
 * Lightning Data Service (UI API read and DML errors), fetch failures and plain JavaScript errors.
 */

/** The shape the platform gives a failed server call: `{ status, statusText, body }`. */
export interface ServerError {
    status?: number;
    statusText?: string;
    body?: unknown;
}

interface UiApiOutputErrors {
    output?: {
        errors?: Array<{ message?: string }>;
        fieldErrors?: Record<string, Array<{ message?: string }>>;
    };
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

function messagesOf(error: unknown): string[] {
    if (error === null || error === undefined) return [];
    if (typeof error === 'string') return [error];
    if (!isRecord(error)) return [String(error)];

    const body = error.body;
    // UI API read errors arrive as an array of bodies.
    if (Array.isArray(body)) {
        return body.filter(isRecord).flatMap((item) => {
            return typeof item.message === 'string' ? [item.message] : [];
        });
    }
    if (isRecord(body)) {
        const output = (body as UiApiOutputErrors).output;
        // UI API DML errors: page-level errors first, then each field's.
        if (output && (output.errors?.length || Object.keys(output.fieldErrors ?? {}).length)) {
            const pageErrors = (output.errors ?? []).map((e) => e.message ?? '');
            const fieldErrors = Object.values(output.fieldErrors ?? {}).flatMap((list) =>
                list.map((e) => e.message ?? '')
            );
            return [...pageErrors, ...fieldErrors].filter((m) => m.length > 0);
        }
        // Apex and network errors carry one message.
        if (typeof body.message === 'string' && body.message.length > 0) return [body.message];
    }
    if (typeof error.message === 'string' && error.message.length > 0) return [error.message];
    if (typeof error.statusText === 'string' && error.statusText.length > 0) return [error.statusText];
    return [];
}

/** Returns the distinct, non-empty messages of one error or a list of errors, in order. */
export function reduceErrors(errors: unknown): string[] {
    const list = Array.isArray(errors) ? errors : [errors];
    const seen = new Set<string>();
    for (const message of list.flatMap(messagesOf)) {
        if (message.trim().length > 0) seen.add(message.trim());
    }
    return [...seen];
}
