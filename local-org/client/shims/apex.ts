import { boot } from './boot';

/** The platform's shape of a failed Apex call, so that reduceErrors reads it the same in both worlds. */
export interface ApexCallError {
    status: number;
    statusText: string;
    body: { message: string; code?: string; exceptionType?: string };
}

/** Wired data is frozen on the platform; freezing it here keeps components honest. */
function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
    }
    return value;
}

/** POSTs the parameters to /apex/<Class>/<method> with the session's CSRF token. */
export async function callApex(className: string, methodName: string, params: unknown): Promise<unknown> {
    let response: Response;
    try {
        response = await fetch(`/apex/${className}/${methodName}`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', 'x-csrf-token': boot().csrfToken },
            body: JSON.stringify(params ?? {})
        });
    } catch (error) {
        const failure: ApexCallError = {
            status: 0,
            statusText: 'Network error',
            body: { message: (error as Error).message }
        };
        throw failure;
    }
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
        if (response.status === 401) window.location.assign('/login');
        const message = (body as { message?: string } | null)?.message ?? response.statusText;
        const failure: ApexCallError = {
            status: response.status,
            statusText: response.statusText,
            body: { ...(body as object), message }
        };
        throw failure;
    }
    return body;
}

interface WireValue {
    data?: unknown;
    error?: unknown;
}

const adaptersByValue = new WeakMap<object, { refresh(): Promise<void> }>();

/** An `@salesforce/apex/Class.method` import: callable, and a wire adapter (`.adapter`) for @wire. */
export function createApexMethod(className: string, methodName: string) {
    const method = (params: unknown) => callApex(className, methodName, params);
    class ApexWireAdapter {
        private config: unknown;
        private connected = false;
        constructor(private readonly emit: (value: WireValue) => void) {}
        update(config: unknown): void {
            this.config = config;
            if (this.connected) void this.refresh();
        }
        connect(): void {
            this.connected = true;
            if (this.config !== undefined) void this.refresh();
        }
        disconnect(): void {
            this.connected = false;
        }
        async refresh(): Promise<void> {
            let value: WireValue;
            try {
                value = { data: deepFreeze(await method(this.config)), error: undefined };
            } catch (error) {
                value = { data: undefined, error };
            }
            adaptersByValue.set(value, this);
            this.emit(value);
        }
    }
    return Object.assign(method, { adapter: ApexWireAdapter });
}

/** `refreshApex(wiredValue)`: runs the wire that provisioned the value again. */
export function refreshApex(value: object): Promise<void> {
    return adaptersByValue.get(value)?.refresh() ?? Promise.resolve();
}

export function getSObjectValue(record: Record<string, unknown>, field: string): unknown {
    return record[field.includes('.') ? field.split('.').pop()! : field];
}
