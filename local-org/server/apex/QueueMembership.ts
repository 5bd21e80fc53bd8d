import type { Db } from '../db/database.js';
import { QueueMembershipSelector } from './QueueMembershipSelector.js';

/**
 * The twin of QueueMembership.cls: the lead queues the calling user belongs to. In an org membership runs through
 * public groups, roles and roles-and-subordinates; the local org's queues list their members directly.
 */
export class QueueMembership {
    private readonly selector: QueueMembershipSelector;

    constructor(db: Db) {
        this.selector = new QueueMembershipSelector(db);
    }

    /** The ids of the lead queues the user is a member of. */
    currentUserQueueIds(userId: string): string[] {
        return this.selector.queueIdsOf(userId);
    }
}
