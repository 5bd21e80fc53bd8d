import type { Db } from '../db/database.js';
import type { LabelCatalog, Language } from '../metadata/labels.js';
import { escapeHtml } from '../pages/html.js';
import { DealRegistrationSelector, type DealRegistrationRecord } from './DealRegistrationSelector.js';

export type DealNotificationKind = 'SUBMITTED' | 'SUBMITTED_CONFLICT' | 'APPROVED' | 'REJECTED' | 'EXPIRING';

const TITLE_LABEL: Record<DealNotificationKind, string> = {
    SUBMITTED: 'Canal_Deal_Notify_Submitted_Title',
    SUBMITTED_CONFLICT: 'Canal_Deal_Notify_Submitted_Conflict_Title',
    APPROVED: 'Canal_Deal_Notify_Approved_Title',
    REJECTED: 'Canal_Deal_Notify_Rejected_Title',
    EXPIRING: 'Canal_Deal_Notify_Expiring_Title'
};

/** A date as the recipient reads it: 31/05/2026 in Spanish, 2026-05-31 in English. */
export function dateFor(language: Language, isoDate: string | null): string {
    if (!isoDate) return '';
    const [y, m, d] = isoDate.split('-');
    return language === 'es' ? `${d}/${m}/${y}` : isoDate;
}

/**
 * The twin of DealRegistrationNotifier.cls: the channel managers on submit (with the conflict flag), the rep on
 * approval, rejection and the coming expiry, each in the recipient's language. In the org: the bell
 * (Canal_Deal_Registration) and an e-mail; in the local org: a row on the outbox, its target the registration.
 * Never names another partner to a rep.
 */
export class DealRegistrationNotifier {
    private readonly selector: DealRegistrationSelector;

    constructor(
        db: Db,
        private readonly labels: LabelCatalog,
        private readonly now: () => Date
    ) {
        this.selector = new DealRegistrationSelector(db);
    }

    /** Tells the partner's owner and the channel managers that a registration waits for them. */
    submitted(registration: DealRegistrationRecord, conflict: boolean): void {
        const recipients = new Map(this.selector.channelManagers().map((u) => [u.id, u]));
        const owner = this.selector.partner(registration.partner_account_id)?.owner_id;
        const partnerOwner = owner ? this.selector.activeUser(owner) : undefined;
        if (partnerOwner) recipients.set(partnerOwner.id, partnerOwner);
        for (const user of recipients.values()) {
            this.send(user, conflict ? 'SUBMITTED_CONFLICT' : 'SUBMITTED', registration, [
                registration.partner_name,
                registration.company
            ]);
        }
    }

    /** Tells the registering rep of the decision: approved (protected until when) or rejected (and why). */
    decided(registration: DealRegistrationRecord): void {
        if (registration.status === 'Approved') {
            this.toOwner(registration, 'APPROVED', (language) => [
                registration.company,
                dateFor(language, registration.protected_until)
            ]);
        } else if (registration.status === 'Rejected') {
            this.toOwner(registration, 'REJECTED', () => [
                registration.company,
                registration.rejection_reason ?? ''
            ]);
        }
    }

    /** Tells the registering rep the protection ends soon. */
    expiring(registration: DealRegistrationRecord): void {
        this.toOwner(registration, 'EXPIRING', (language) => [
            registration.company,
            dateFor(language, registration.protected_until)
        ]);
    }

    private toOwner(
        registration: DealRegistrationRecord,
        kind: DealNotificationKind,
        args: (language: Language) => string[]
    ): void {
        const user = this.selector.activeUser(registration.owner_id);
        if (user) this.send(user, kind, registration, args(user.language));
    }

    private send(
        user: { id: string; email: string; language: Language },
        kind: DealNotificationKind,
        registration: DealRegistrationRecord,
        args: string[]
    ): void {
        const template = this.labels[user.language][TITLE_LABEL[kind]] ?? TITLE_LABEL[kind];
        const title = template.replace(/\{(\d)\}/g, (_m, i: string) => args[Number(i)] ?? '');
        this.selector.insertNotification({
            toAddress: user.email,
            toUserId: user.id,
            kind,
            targetId: registration.id,
            title,
            html: `<meta charset="utf-8">\n<p>${escapeHtml(title)}</p>\n<p>${escapeHtml(registration.name)}</p>`,
            now: this.now().toISOString()
        });
    }
}
