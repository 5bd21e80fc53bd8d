/** What the server put in the page for the shims: the user, their language and the CSRF token. */
export interface Boot {
    userId: string;
    userName: string;
    lang: 'es' | 'en';
    basePath: string;
    csrfToken: string;
    orgName: string;
    brandColor: string;
    persona: string;
    labels: Record<string, string>;
}

let cached: Boot | undefined;

/** Reads the boot payload once from <script id="canal-boot" type="application/json">. */
export function boot(): Boot {
    if (!cached) {
        const element = document.getElementById('canal-boot');
        cached = JSON.parse(element?.textContent ?? '{}') as Boot;
    }
    return cached;
}
