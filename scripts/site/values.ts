// The values a vendor gives the partner site template, their checks, and what is derived from them.

// The colour arithmetic is the portal theme's own (an LWC service module in plain TypeScript): one copy, the same shades.
import { contrastColor, darkenColor } from '../../force-app/main/default/lwc/brandColors/brandColors';

/** The values as given on the command line or in a --config JSON file (camelCase keys). */
export interface SiteInput {
    name?: string;
    apiName?: string;
    prefix?: string;
    admin?: string;
    guestOwner?: string;
    senderEmail?: string;
    senderName?: string;
    brandName?: string;
    brandColor?: string;
    logoUrl?: string;
    language?: string;
    partnerProfile?: string;
    status?: string;
    welcomeEmail?: string;
}

/** Every placeholder value of the template, checked. */
export interface SiteValues {
    name: string;
    apiName: string;
    prefix: string;
    admin: string;
    guestOwner: string;
    senderEmail: string;
    senderName: string;
    brandName: string;
    brandColor: string;
    brandContrast: string;
    logoUrl: string;
    /** The site's locale, such as es, es_MX or en_US. */
    language: string;
    languageLabel: string;
    /** es or en: the e-mail templates and the Custom Label language. */
    textLanguage: 'es' | 'en';
    partnerProfile: string;
    /** UnderConstruction (the default: org:deploy) or Live (org:publish). */
    status: string;
    /** 'true' or 'false' (the default): whether going Live and new members get a welcome e-mail. */
    welcomeEmail: string;
}

/** One option: its flag, whether it must be given, and what it means (for --help). */
export interface OptionSpec {
    key: keyof SiteInput;
    flag: string;
    required: boolean;
    help: string;
}

export const OPTIONS: OptionSpec[] = [
    {
        key: 'name',
        flag: '--name',
        required: true,
        help: 'site name, e.g. "Acme Partners" (letters, digits, spaces, -)'
    },
    { key: 'prefix', flag: '--prefix', required: true, help: 'URL path prefix, e.g. partners ([a-z0-9-])' },
    {
        key: 'admin',
        flag: '--admin',
        required: true,
        help: 'username of the site admin (must exist in the org)'
    },
    {
        key: 'guestOwner',
        flag: '--guest-owner',
        required: true,
        help: 'username owning records guests create'
    },
    { key: 'brandColor', flag: '--brand-color', required: true, help: 'vendor brand colour, #RRGGBB' },
    {
        key: 'language',
        flag: '--language',
        required: true,
        help: 'default language: es, en, es_MX, en_US, ...'
    },
    {
        key: 'logoUrl',
        flag: '--logo-url',
        required: false,
        help: 'vendor logo, https://... or /path on the site'
    },
    { key: 'brandName', flag: '--brand-name', required: false, help: 'name in the header (default: --name)' },
    {
        key: 'senderEmail',
        flag: '--sender-email',
        required: false,
        help: 'From address of site e-mails (default: --admin)'
    },
    {
        key: 'senderName',
        flag: '--sender-name',
        required: false,
        help: 'From name of site e-mails (default: --name)'
    },
    {
        key: 'partnerProfile',
        flag: '--partner-profile',
        required: false,
        help: 'profile of partner reps, the one member profile (default: Partner Community User)'
    },
    {
        key: 'status',
        flag: '--status',
        required: false,
        help: 'UnderConstruction (default) or Live (npm run org:publish)'
    },
    {
        key: 'welcomeEmail',
        flag: '--welcome-email',
        required: false,
        help: 'true or false (default): welcome e-mails to members (npm run org:publish)'
    },
    {
        key: 'apiName',
        flag: '--api-name',
        required: false,
        help: 'API name (default: from --name, e.g. Acme_Partners)'
    }
];

/** A value that is missing or wrong; the message names the option. */
export class SiteValueError extends Error {
    constructor(readonly problems: string[]) {
        super(problems.join('\n'));
        this.name = 'SiteValueError';
    }
}

const EMAIL = /^[^\s@<>"'&(){}|\\,;:]+@[^\s@<>"'&(){}|\\,;:]+\.[A-Za-z]{2,}$/;
const SITE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} -]*$/u;
const API_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const PREFIX = /^[a-z0-9-]+$/;
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const LANGUAGE = /^(es|en)(?:_([A-Z]{2}))?$/;
const PROFILE = /^[\p{L}\p{N}][\p{L}\p{N} ._()-]*$/u;
const FREE_TEXT = /^[^<>"{}|\\]+$/;
const STATUSES = ['Live', 'UnderConstruction'];

const LANGUAGE_NAMES: Record<string, string> = { es: 'Español', en: 'English' };

function flagOf(key: keyof SiteInput): string {
    return OPTIONS.find((o) => o.key === key)?.flag ?? `--${key}`;
}

/** The API name a site name gives: accents dropped, runs of other characters as one underscore. */
export function apiNameOf(name: string): string {
    const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const words = ascii.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
    return /^[A-Za-z]/.test(words) ? words : `Site_${words}`;
}

/** Experience Builder's shades of a branding colour: 8, 24 and 48 points of lightness darker. */
export const SHADE_STEPS = [8, 24, 48] as const;

/** The SLDS defaults Experience Builder starts a branding set with for the neutral and destructive colours. */
export const NEUTRAL_COLOR = '#ecebea';
export const DESTRUCTIVE_COLOR = '#c23934';

/**
 * The branding set's derived colour tokens as placeholders: for the brand (accent), neutral and destructive
 * colours, the three darker shades and a readable text colour on each (the brand's own colour and contrast are
 * CANAL_BRAND_COLOR and CANAL_BRAND_CONTRAST).
 */
export function derivedColorTokens(brandColor: string): Record<string, string> {
    const tokens: Record<string, string> = {};
    for (const [name, base] of [
        ['BRAND', brandColor],
        ['NEUTRAL', NEUTRAL_COLOR],
        ['DESTRUCTIVE', DESTRUCTIVE_COLOR]
    ] as const) {
        if (name !== 'BRAND') {
            tokens[`CANAL_${name}_COLOR`] = base;
            tokens[`CANAL_${name}_CONTRAST`] = contrastColor(base);
        }
        SHADE_STEPS.forEach((points, i) => {
            const shade = darkenColor(base, points);
            tokens[`CANAL_${name}_COLOR_${i + 1}`] = shade;
            tokens[`CANAL_${name}_CONTRAST_${i + 1}`] = contrastColor(shade);
        });
    }
    return tokens;
}

function show(value: string): string {
    return JSON.stringify(value);
}

/** Checks the input and derives the rest; throws SiteValueError listing every problem, each naming its option. */
export function resolveValues(input: SiteInput): SiteValues {
    const problems: string[] = [];
    const given = (key: keyof SiteInput): string | undefined => {
        const value = input[key];
        if (value === undefined || value === null) return undefined;
        if (typeof value !== 'string') {
            problems.push(`${flagOf(key)}: must be text, got ${JSON.stringify(value)}`);
            return undefined;
        }
        return value.trim() === '' ? undefined : value.trim();
    };
    const check = (key: keyof SiteInput, value: string | undefined, ok: boolean, rule: string): void => {
        if (value !== undefined && !ok) problems.push(`${flagOf(key)}: ${show(value)} ${rule}`);
    };

    for (const option of OPTIONS) {
        if (option.required && given(option.key) === undefined) {
            problems.push(`${option.flag}: missing (${option.help})`);
        }
    }

    const name = given('name');
    check(
        'name',
        name,
        !!name && SITE_NAME.test(name) && name.length <= 40,
        'must be up to 40 letters, digits, spaces or hyphens, starting with a letter or digit'
    );

    const apiName = given('apiName') ?? (name ? apiNameOf(name) : undefined);
    check(
        'apiName',
        apiName,
        !!apiName && API_NAME.test(apiName) && !apiName.endsWith('_') && apiName.length <= 40,
        'must be up to 40 letters, digits and single underscores, starting with a letter'
    );

    const prefix = given('prefix');
    check(
        'prefix',
        prefix,
        !!prefix && PREFIX.test(prefix) && prefix.length <= 30,
        'must be up to 30 lower-case letters, digits and hyphens (no spaces)'
    );

    const admin = given('admin');
    check('admin', admin, !!admin && EMAIL.test(admin), 'is not a username in e-mail form (name@domain.tld)');
    const guestOwner = given('guestOwner');
    check(
        'guestOwner',
        guestOwner,
        !!guestOwner && EMAIL.test(guestOwner),
        'is not a username in e-mail form (name@domain.tld)'
    );
    const senderEmail = given('senderEmail') ?? admin;
    check(
        'senderEmail',
        given('senderEmail'),
        !!senderEmail && EMAIL.test(senderEmail),
        'is not an e-mail address'
    );

    const brandColor = given('brandColor');
    check(
        'brandColor',
        brandColor,
        !!brandColor && HEX_COLOR.test(brandColor),
        'is not a colour in the form #RRGGBB'
    );

    const logoUrl = given('logoUrl') ?? '';
    const logoOk =
        logoUrl === '' || (/^(https:\/\/[^/\s]|\/(?!\/))/i.test(logoUrl) && !/["'<>\s\\{}|]/.test(logoUrl));
    check('logoUrl', logoUrl, logoOk, 'must be an https:// address or a /path on the site');

    const language = given('language');
    const languageMatch = language ? LANGUAGE.exec(language) : null;
    check(
        'language',
        language,
        languageMatch !== null,
        'must be es, en or a locale of them such as es_MX or en_US'
    );

    const brandName = given('brandName') ?? name;
    check(
        'brandName',
        given('brandName'),
        !!brandName && FREE_TEXT.test(brandName) && brandName.length <= 80,
        'must be up to 80 characters without < > " { } | \\'
    );
    const senderName = given('senderName') ?? name;
    check(
        'senderName',
        given('senderName'),
        !!senderName && FREE_TEXT.test(senderName) && senderName.length <= 80,
        'must be up to 80 characters without < > " { } | \\'
    );

    const partnerProfile = given('partnerProfile') ?? 'Partner Community User';
    check('partnerProfile', partnerProfile, PROFILE.test(partnerProfile), 'is not a profile name');

    const status = given('status') ?? 'UnderConstruction';
    check('status', status, STATUSES.includes(status), `must be one of ${STATUSES.join(', ')}`);
    const welcomeEmail = given('welcomeEmail') ?? 'false';
    check('welcomeEmail', welcomeEmail, ['true', 'false'].includes(welcomeEmail), 'must be true or false');

    if (problems.length > 0) throw new SiteValueError(problems);

    const [, lang, region] = languageMatch!;
    const locale = lang === 'en' && !region ? 'en_US' : language!;
    return {
        name: name!,
        apiName: apiName!,
        prefix: prefix!,
        admin: admin!,
        guestOwner: guestOwner!,
        senderEmail: senderEmail!,
        senderName: senderName!,
        brandName: brandName!,
        brandColor: brandColor!.toLowerCase(),
        brandContrast: contrastColor(brandColor!.toLowerCase()),
        logoUrl,
        language: locale,
        languageLabel:
            region || locale !== lang
                ? `${LANGUAGE_NAMES[lang]} (${locale.split('_')[1]})`
                : LANGUAGE_NAMES[lang],
        textLanguage: lang as 'es' | 'en',
        partnerProfile,
        status,
        welcomeEmail
    };
}

/** The template's placeholders (without braces) and their values. */
export function placeholdersOf(values: SiteValues): Record<string, string> {
    return {
        CANAL_SITE_NAME: values.name,
        CANAL_SITE_API_NAME: values.apiName,
        CANAL_URL_PREFIX: values.prefix,
        CANAL_SITE_ADMIN: values.admin,
        CANAL_GUEST_OWNER: values.guestOwner,
        CANAL_SENDER_EMAIL: values.senderEmail,
        CANAL_SENDER_NAME: values.senderName,
        CANAL_BRAND_NAME: values.brandName,
        CANAL_BRAND_COLOR: values.brandColor,
        CANAL_BRAND_CONTRAST: values.brandContrast,
        ...derivedColorTokens(values.brandColor),
        CANAL_LOGO_URL: values.logoUrl,
        CANAL_LANGUAGE: values.language,
        CANAL_LANGUAGE_LABEL: values.languageLabel,
        CANAL_EMAIL_LANGUAGE: values.textLanguage,
        CANAL_PARTNER_PROFILE: values.partnerProfile,
        CANAL_SITE_STATUS: values.status,
        CANAL_SEND_WELCOME_EMAIL: values.welcomeEmail
    };
}
