/**
 * The twin of DealRegistrationKeys.cls: how a customer is recognised whatever a rep typed. The company key, the
 * e-mail domain and the tax id key of a registration (and of the leads, opportunities' accounts and other
 * registrations it is compared with) are computed here and nowhere else (docs/DEAL-REGISTRATION.md).
 */

/** Legal-form words that do not tell two companies apart ("Acme, S.L." is "Acme"). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
    'sa',
    'sl',
    'slu',
    'sau',
    'sas',
    'srl',
    'ltda',
    'ltd',
    'llc',
    'inc',
    'corp',
    'co',
    'gmbh',
    'bv',
    'plc',
    'spa',
    'sociedad',
    'anonima',
    'limitada'
]);

/** Public mailbox domains: an address there says nothing about the company. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
    'gmail.com',
    'googlemail.com',
    'hotmail.com',
    'hotmail.es',
    'outlook.com',
    'outlook.es',
    'live.com',
    'yahoo.com',
    'yahoo.es',
    'icloud.com',
    'me.com',
    'proton.me',
    'protonmail.com',
    'gmx.com',
    'aol.com'
]);

export class DealRegistrationKeys {
    /**
     * The normalised company: lower case, accents stripped, `&` read as "and", punctuation as spaces, a run of
     * single letters (not digits) joined into one word ("S. L." -> "sl"), legal-form words dropped, spaces
     * collapsed. Null when nothing is left.
     */
    static companyKey(company: string | null | undefined): string | null {
        if (!company) return null;
        const words: string[] = [];
        let letters = '';
        for (const word of company
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .toLowerCase()
            .replace(/&/g, ' and ')
            .split(/[^a-z0-9]+/)) {
            // "S.L." and "S.A.U." are single letters between dots: a run of them is one word ("s l" -> "sl"); a
            // single digit stays a word of its own ("Carrera 0 S.L." is "carrera 0").
            if (/^[a-z]$/.test(word)) {
                letters += word;
                continue;
            }
            if (letters) words.push(letters);
            letters = '';
            if (word) words.push(word);
        }
        if (letters) words.push(letters);
        const kept = words.filter((w) => !LEGAL_SUFFIXES.has(w));
        const key = kept.join(' ');
        return key === '' ? null : key;
    }

    /** The lower-case domain of an e-mail address; null for a free-mail domain or text that is not an address. */
    static emailDomain(email: string | null | undefined): string | null {
        if (!email) return null;
        const at = email.trim().lastIndexOf('@');
        if (at < 1) return null;
        const domain = email
            .trim()
            .slice(at + 1)
            .toLowerCase();
        if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) return null;
        return FREE_MAIL_DOMAINS.has(domain) ? null : domain;
    }

    /** The tax id in upper case with only A-Z and 0-9 ("b-12.345.678" -> "B12345678"); null when empty. */
    static taxIdKey(taxId: string | null | undefined): string | null {
        if (!taxId) return null;
        const key = taxId.toUpperCase().replace(/[^A-Z0-9]/g, '');
        return key === '' ? null : key;
    }
}
