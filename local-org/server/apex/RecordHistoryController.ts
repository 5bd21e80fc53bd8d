import { RecordHistoryService } from './RecordHistoryService.js';
import type { ApexClass } from './registry.js';

/** The twin of RecordHistoryController.cls (CONTRACT-11): thin, over RecordHistoryService. */
export const RecordHistoryController: ApexClass = {
    getHistory: {
        params: {
            type: 'object',
            properties: { recordId: { type: 'string', maxLength: 64 } },
            required: ['recordId'],
            additionalProperties: false
        },
        handler: (ctx, p: { recordId: string }) => RecordHistoryService.getHistory(ctx, p.recordId)
    }
};
