import type {
    Conflict,
    PartnerFigures,
    RegistrationDetail,
    RegistrationFigures,
    RegistrationRow,
    ReviewRow
} from 'canal/apex/DealRegistrationController';
import type { LabelCatalog } from '../metadata/labels.js';
import type { DealRule } from '../metadata/dealRules.js';
import type { UserRecord } from './LeadClaimSelector.js';
import { DealRegistrationConflicts } from './DealRegistrationConflicts.js';
import type { DealRegistrationRecord, DealRegistrationSelector } from './DealRegistrationSelector.js';
import { addDays } from './DealRegistrationValidation.js';

/** A registration as the figures read it (DealRegistrationSelector.forFigures). */
export type FigureRecord = ReturnType<DealRegistrationSelector['forFigures']>[number];

/**
 * The twin of DealRegistrationViews.cls: turns registrations into what the LWCs read — the rep's row and detail (never
 * a conflict field), the manager's review row and detail with the stored conflicts, and the figures. No queries: the
 * service reads the records through DealRegistrationSelector.
 */
export class DealRegistrationViews {
    constructor(
        private readonly labels: LabelCatalog,
        private readonly ruleFor: (tier: string | null) => DealRule
    ) {}

    /** A registration's row, in the user's language; expiresSoon as of today (YYYY-MM-DD). */
    row(user: UserRecord, r: DealRegistrationRecord, today: string): RegistrationRow {
        return {
            id: r.id,
            name: r.name,
            company: r.company,
            contactName: r.contact_name,
            amount: r.amount,
            closeDate: r.close_date,
            status: r.status,
            statusLabel: this.labels[user.language][`Canal_Deal_Status_${r.status}`] ?? r.status,
            submittedAt: r.submitted_at,
            decidedAt: r.decided_at,
            rejectionReason: r.rejection_reason,
            protectedUntil: r.protected_until,
            opportunityId: r.opportunity_id,
            expiresSoon: this.expiresSoon(r, today),
            ownerName: r.owner_name
        };
    }

    /** Whether an approved registration is within its tier's notice days of the end of its protection. */
    expiresSoon(r: DealRegistrationRecord, today: string): boolean {
        return (
            r.status === 'Approved' &&
            r.protected_until !== null &&
            today >= addDays(r.protected_until, -this.ruleFor(r.partner_tier).expiryNoticeDays)
        );
    }

    /** A registration's detail; conflicts only for a reviewer. */
    detail(
        user: UserRecord,
        record: DealRegistrationRecord,
        reviewer: boolean,
        today: string
    ): RegistrationDetail {
        return {
            ...this.row(user, record, today),
            contactEmail: record.contact_email,
            contactPhone: record.contact_phone,
            country: record.country,
            taxId: record.tax_id,
            productInterest: record.product_interest,
            description: record.description,
            partnerName: record.partner_name,
            extended: record.protection_extended === 1,
            conflicts: reviewer ? this.conflictsOf(record) : null
        };
    }

    /** A submitted registration on the manager's page. */
    reviewRow(user: UserRecord, r: DealRegistrationRecord, today: string): ReviewRow {
        return {
            ...this.row(user, r, today),
            partnerName: r.partner_name,
            tier: r.partner_tier,
            conflict: r.conflict === 1,
            conflicts: this.conflictsOf(r)
        };
    }

    /** The conflicts stored at submit (conflict_summary holds them as JSON, channel managers only). */
    conflictsOf(record: DealRegistrationRecord): Conflict[] {
        return DealRegistrationConflicts.parse(record.conflict_summary).map((c) => ({
            kind: c.kind,
            recordId: c.recordId,
            name: c.name,
            heldBy: c.heldBy,
            ownerName: c.ownerName,
            since: c.since
        }));
    }

    /** Registrations by partner and outcome, approval rate, median hours to decision, conflicts and pending. */
    figures(records: readonly FigureRecord[]): RegistrationFigures {
        const byPartner = new Map<string, PartnerFigures>();
        const hours: number[] = [];
        let approved = 0;
        let decided = 0;
        let conflicts = 0;
        let pending = 0;
        for (const r of records) {
            let p = byPartner.get(r.partner_account_id);
            if (!p) {
                p = {
                    partnerName: r.partner_name,
                    tier: r.partner_tier,
                    submitted: 0,
                    approved: 0,
                    rejected: 0,
                    expired: 0,
                    conflicts: 0
                };
                byPartner.set(r.partner_account_id, p);
            }
            p.submitted++;
            if (r.status === 'Approved') p.approved++;
            if (r.status === 'Rejected') p.rejected++;
            if (r.status === 'Expired') p.expired++;
            if (r.conflict) {
                p.conflicts++;
                conflicts++;
            }
            if (r.status === 'Submitted') pending++;
            else {
                decided++;
                // An expired registration was approved first.
                if (r.status !== 'Rejected') approved++;
            }
            if (r.decided_at) hours.push((Date.parse(r.decided_at) - Date.parse(r.submitted_at)) / 3_600_000);
        }
        hours.sort((a, b) => a - b);
        const mid = Math.floor(hours.length / 2);
        const median =
            hours.length === 0 ? null : hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
        return {
            byPartner: [...byPartner.values()],
            approvalRate: decided ? approved / decided : null,
            medianHoursToDecision: median === null ? null : Math.round(median * 100) / 100,
            conflicts,
            pending
        };
    }
}
