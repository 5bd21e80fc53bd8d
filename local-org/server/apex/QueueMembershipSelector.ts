import type { Db } from '../db/database.js';

/**
 * The twin of QueueMembershipSelector.cls: the membership rows QueueMembership resolves. In an org membership runs
 * through public groups, roles and roles-and-subordinates; the local org's queues list their members directly.
 */
export class QueueMembershipSelector {
    constructor(private readonly db: Db) {}

    /** The queues the user is a direct member of. */
    queueIdsOf(userId: string): string[] {
        return (
            this.db.prepare('SELECT queue_id FROM queue_members WHERE user_id = ?').all(userId) as Array<{
                queue_id: string;
            }>
        ).map((r) => r.queue_id);
    }
}
