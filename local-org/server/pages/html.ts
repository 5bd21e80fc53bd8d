/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
    return String(value ?? '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

/** A server-rendered page in SLDS: login, password change, outbox. */
export function page(options: { title: string; lang: string; body: string; brandColor?: string }): string {
    return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="/assets/slds/styles/salesforce-lightning-design-system.min.css">
<style>.canal-brand{background:${escapeHtml(options.brandColor ?? '#0b5cab')};color:#fff}</style>
</head>
<body class="slds-scope">
<header class="canal-brand slds-p-around_medium"><span class="slds-text-heading_medium">Canal PRM</span></header>
<main class="slds-p-around_large">${options.body}</main>
</body>
</html>`;
}
