import type { LeadClaimService } from './apex/LeadClaimService.js';
import type { AccountLockout } from './auth/lockout.js';
import type { SessionStore } from './auth/sessions.js';
import type { Clock } from './clock.js';
import type { Db } from './db/database.js';
import type { Outbox } from './mail/outbox.js';
import type { ClaimRule } from './metadata/claimRules.js';
import type { LabelCatalog, Language } from './metadata/labels.js';

/** Everything the routes share: one per running local org. */
export interface OrgContext {
    db: Db;
    clock: Clock;
    labels: LabelCatalog;
    rules: readonly ClaimRule[];
    claims: LeadClaimService;
    sessions: SessionStore;
    /** Failed password checks per account, shared by the login form, the token endpoint and the password change. */
    lockout: AccountLockout;
    outbox: Outbox;
    orgId: string;
    orgName: string;
    brandColor: string;
}

/** A label in the given language (English when the label has no translation). */
export function label(ctx: OrgContext, language: Language, name: string): string {
    return ctx.labels[language][name] ?? name;
}
