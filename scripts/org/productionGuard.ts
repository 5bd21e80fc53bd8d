/**
 * The production guard of the org scripts: they create users, leads and deployments, so they refuse an org
 * that is neither a scratch org nor a sandbox unless the caller said --yes.
 */

/** What the guard needs to know about an org. */
export interface OrgKind {
    username?: string;
    instanceUrl?: string;
    isScratch: boolean;
    isSandbox: boolean;
    /** Organization.OrganizationType, when it was queried (e.g. "Developer Edition", "Enterprise Edition"). */
    organizationType?: string;
}

/** The Organization row the guard falls back to when `sf org display` does not say what the org is. */
export interface OrganizationRow {
    IsSandbox: boolean;
    OrganizationType?: string | null;
    TrialExpirationDate?: string | null;
}

/**
 * Scratch or sandbox from the Organization row, as @salesforce/core decides it: a scratch org has
 * IsSandbox = true and a TrialExpirationDate; a sandbox has IsSandbox = true and none.
 */
export function classifyOrganization(row: OrganizationRow): Pick<OrgKind, 'isScratch' | 'isSandbox'> {
    const isScratch = row.IsSandbox === true && Boolean(row.TrialExpirationDate);
    return { isScratch, isSandbox: row.IsSandbox === true && !isScratch };
}

/** True for an org that is neither a scratch org nor a sandbox (production, Developer Edition, trial). */
export function looksLikeProductionOrg(org: Pick<OrgKind, 'isScratch' | 'isSandbox'>): boolean {
    return !org.isScratch && !org.isSandbox;
}

export interface GuardDecision {
    allowed: boolean;
    /** Why the org is refused, or what kind of org it is when allowed. */
    message: string;
}

/** The guard's decision for an org; `action` names what the script would do there (for the message). */
export function productionGuard(org: OrgKind, yes: boolean, action = 'change it'): GuardDecision {
    const name = org.username ?? org.instanceUrl ?? 'the org';
    if (org.isScratch) return { allowed: true, message: `${name} is a scratch org.` };
    if (org.isSandbox) return { allowed: true, message: `${name} is a sandbox.` };
    const type = org.organizationType ? ` (${org.organizationType})` : '';
    if (yes) {
        return {
            allowed: true,
            message: `${name}${type} is neither a scratch org nor a sandbox; going on because --yes was given.`
        };
    }
    return {
        allowed: false,
        message: `${name}${type} is neither a scratch org nor a sandbox and may be production: this script would ${action}. Add --yes to run it anyway.`
    };
}
