import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import { METADATA_ROOT } from '../metadata/paths.js';
import { readMetadataXml } from '../metadata/xml.js';
import { escapeHtml } from '../pages/html.js';

const TEMPLATE_DIR = path.join(METADATA_ROOT, 'email', 'Canal_Partner_Emails');

export interface MergeValues {
    'Receiving_User.FirstName': string;
    'Receiving_User.Username': string;
    Community_Name: string;
    Community_Url: string;
    'Organization.Name': string;
}

/** Fills a Classic e-mail template's {!Merge_Field}s, escaping each value for HTML. */
export function renderTemplate(text: string, values: MergeValues, html: boolean): string {
    return text.replace(/\{!([A-Za-z_.]+)\}/g, (whole, field: string) => {
        const value = (values as unknown as Record<string, string>)[field];
        if (value === undefined) return whole;
        return html ? escapeHtml(value) : value;
    });
}

/**
 * The templates are HTML fragments without a head (the org's mailer adds the encoding); a page or a file opened
 * from the outbox needs `<meta charset="utf-8">` or the browser shows "contraseÃ±a".
 */
export function withCharset(html: string): string {
    if (/<meta\s+charset=/i.test(html)) return html;
    return /<html[^>]*>/i.test(html)
        ? html.replace(/<html[^>]*>/i, (open) => `${open}\n<head><meta charset="utf-8"></head>`)
        : `<meta charset="utf-8">\n${html}`;
}

/** Writes e-mails to the outbox table and, when a folder is given, as .html files a person can open. */
export class Outbox {
    constructor(
        private readonly db: Db,
        private readonly folder: string | null
    ) {}

    /**
     * Sends the welcome e-mail from the deployed template in the user's language. The org's Community_Url
     * carries a one-time link; the local org has none, so it adds the temporary password below the template.
     */
    sendWelcome(
        user: { id: string; email: string; language: 'es' | 'en' },
        values: MergeValues,
        temporaryPasswordLine: string
    ): number {
        const name = `Canal_Welcome_${user.language}`;
        const meta = readMetadataXml(path.join(TEMPLATE_DIR, `${name}.email-meta.xml`)) as {
            EmailTemplate: { subject: string };
        };
        const body = readFileSync(path.join(TEMPLATE_DIR, `${name}.email`), 'utf8');
        const subject = renderTemplate(meta.EmailTemplate.subject, values, false);
        const html = withCharset(
            renderTemplate(body, values, true).replace(
                '</body>',
                `<p data-local-org="temporary-password">${escapeHtml(temporaryPasswordLine)}</p>\n</body>`
            )
        );
        const text = html
            .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, '$2 ($1)')
            .replace(/<br\s*\/?>/g, '\n')
            .replace(/<\/p>/g, '\n')
            .replace(/<[^>]+>/g, '')
            .replace(/&amp;/g, '&')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/\n{3,}/g, '\n\n')
            .trim();
        const info = this.db
            .prepare(
                'INSERT INTO outbox (to_address, to_user_id, template, subject, html_body, text_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
            )
            .run(user.email, user.id, name, subject, html, text, new Date().toISOString());
        const id = Number(info.lastInsertRowid);
        if (this.folder) {
            mkdirSync(this.folder, { recursive: true });
            writeFileSync(path.join(this.folder, `${String(id).padStart(4, '0')}-${name}.html`), html);
        }
        return id;
    }

    list(): Array<{ id: number; to_address: string; subject: string; created_at: string }> {
        return this.db
            .prepare('SELECT id, to_address, subject, created_at FROM outbox ORDER BY id DESC')
            .all() as Array<{
            id: number;
            to_address: string;
            subject: string;
            created_at: string;
        }>;
    }

    get(
        id: number
    ): { id: number; to_address: string; subject: string; html_body: string; text_body: string } | undefined {
        return this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as
            | { id: number; to_address: string; subject: string; html_body: string; text_body: string }
            | undefined;
    }
}
