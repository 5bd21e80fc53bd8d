import type { Db } from '../db/database.js';

export interface BrandRow {
    id: string;
    portal_brand_name: string | null;
    portal_logo_url: string | null;
    portal_primary_color: string | null;
}

/** The twin of PortalBrandingSelector.cls: the partner account's brand fields. */
export class PortalBrandingSelector {
    constructor(private readonly db: Db) {}

    brandOf(accountId: string): BrandRow | undefined {
        return this.db
            .prepare(
                'SELECT id, portal_brand_name, portal_logo_url, portal_primary_color FROM accounts WHERE id = ?'
            )
            .get(accountId) as BrandRow | undefined;
    }
}
