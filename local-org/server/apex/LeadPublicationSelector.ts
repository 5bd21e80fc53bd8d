import type { Db } from '../db/database.js';

/** A lead queue as the publication sees it. */
export interface QueueRecord {
    id: string;
    developer_name: string;
    name: string;
}

/** A Lead_Publication__c row. */
export interface PublicationRecord {
    id: string;
    name: string;
    queue_id: string;
    source: string | null;
    published_at: string;
    published_by: string;
    lead_count: number;
    idempotency_key: string | null;
    response: string | null;
}

/** An open lead that a new row may duplicate. */
export interface DuplicateCandidate {
    id: string;
    email: string | null;
    company: string;
    first_name: string | null;
    last_name: string;
}

/** The columns of a published lead. */
export interface PublishedLead {
    id: string;
    firstName: string | null;
    lastName: string;
    company: string;
    email: string | null;
    phone: string | null;
    title: string | null;
    city: string | null;
    country: string | null;
}

/** SQLite caps bound parameters per statement: the candidates are read in chunks. */
const CHUNK = 500;

/** The reads and writes of lead publication (LeadPublicationSelector.cls); the service decides who may call. */
export class LeadPublicationSelector {
    constructor(private readonly db: Db) {}

    /** The partner tier of an account (first look), null without a tier; undefined for no such account. */
    partnerTierOf(accountId: string): { partner_tier: string | null } | undefined {
        return this.db.prepare('SELECT partner_tier FROM accounts WHERE id = ?').get(accountId) as
            { partner_tier: string | null } | undefined;
    }

    /** The earliest publication time after `cutoff` of an open lead waiting in the given queues, or null. */
    firstPublishedAfter(queueIds: readonly string[], cutoff: string): string | null {
        if (queueIds.length === 0) return null;
        const row = this.db
            .prepare(
                `SELECT MIN(published_at) AS first FROM leads
                 WHERE owner_id IN (${queueIds.map(() => '?').join(',')}) AND is_converted = 0 AND published_at > ?`
            )
            .get(...queueIds, cutoff) as { first: string | null };
        return row.first;
    }

    /** The counters the lead change token is made of (LeadChangeToken.cls reads the org's equivalents). */
    changeCounters(offeredUpTo: string): {
        claims: number;
        history: number;
        publications: number;
        opened: number;
    } {
        return this.db
            .prepare(
                `SELECT (SELECT COALESCE(MAX(seq), 0) FROM lead_claims) AS claims,
                        (SELECT COALESCE(MAX(seq), 0) FROM field_history) AS history,
                        (SELECT COUNT(*) FROM lead_publications) AS publications,
                        (SELECT COUNT(*) FROM lead_publications WHERE published_at <= ?) AS opened`
            )
            .get(offeredUpTo) as { claims: number; history: number; publications: number; opened: number };
    }

    /** The lead queues, by name. */
    queues(): QueueRecord[] {
        return this.db
            .prepare('SELECT id, developer_name, name FROM queues ORDER BY name COLLATE NOCASE, id')
            .all() as QueueRecord[];
    }

    queueByDeveloperName(developerName: string): QueueRecord | undefined {
        return this.db
            .prepare('SELECT id, developer_name, name FROM queues WHERE developer_name = ?')
            .get(developerName) as QueueRecord | undefined;
    }

    publicationByKey(idempotencyKey: string): PublicationRecord | undefined {
        return this.db
            .prepare('SELECT * FROM lead_publications WHERE idempotency_key = ?')
            .get(idempotencyKey) as PublicationRecord | undefined;
    }

    /**
     * Open leads (not converted, not in a closed status) with one of the e-mails or companies (case-insensitive),
     * lowest id first: the candidates of the duplicate check.
     */
    openCandidates(
        emails: readonly string[],
        companies: readonly string[],
        closedStatuses: readonly string[]
    ): DuplicateCandidate[] {
        const closed = closedStatuses.length > 0 ? closedStatuses : [''];
        const found = new Map<string, DuplicateCandidate>();
        const read = (column: string, values: readonly string[]) => {
            for (let start = 0; start < values.length; start += CHUNK) {
                const chunk = values.slice(start, start + CHUNK);
                const rows = this.db
                    .prepare(
                        `SELECT id, email, company, first_name, last_name FROM leads
                         WHERE ${column} IN (${chunk.map(() => '?').join(',')}) AND is_converted = 0
                         AND status NOT IN (${closed.map(() => '?').join(',')})`
                    )
                    .all(...chunk, ...closed) as DuplicateCandidate[];
                for (const row of rows) found.set(row.id, row);
            }
        };
        read('lower(email)', emails);
        read('lower(company)', companies);
        return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }

    defaultStatus(): string {
        return (
            this.db
                .prepare(
                    'SELECT value FROM lead_statuses WHERE is_converted = 0 ORDER BY is_default DESC, sort_order LIMIT 1'
                )
                .get() as { value: string }
        ).value;
    }

    nextPublicationNumber(): number {
        return (this.db.prepare('SELECT COUNT(*) AS n FROM lead_publications').get() as { n: number }).n + 1;
    }

    insertPublication(row: PublicationRecord): void {
        this.db
            .prepare(
                `INSERT INTO lead_publications (id, name, queue_id, source, published_at, published_by, lead_count, idempotency_key, response)
                 VALUES (@id, @name, @queue_id, @source, @published_at, @published_by, @lead_count, @idempotency_key, @response)`
            )
            .run(row);
    }

    insertLead(
        lead: PublishedLead,
        queueId: string,
        status: string,
        publicationId: string,
        now: string
    ): void {
        this.db
            .prepare(
                `INSERT INTO leads (id, first_name, last_name, company, email, phone, title, city, country, status, owner_id,
                   publication_id, published_at, created_date, last_modified_date)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
            )
            .run(
                lead.id,
                lead.firstName,
                lead.lastName,
                lead.company,
                lead.email,
                lead.phone,
                lead.title,
                lead.city,
                lead.country,
                status,
                queueId,
                publicationId,
                now,
                now,
                now
            );
    }

    /** The finished answer, kept for a repeated call with the same Idempotency-Key. */
    saveResponse(publicationId: string, leadCount: number, response: string): void {
        this.db
            .prepare('UPDATE lead_publications SET lead_count = ?, response = ? WHERE id = ?')
            .run(leadCount, response, publicationId);
    }
}
