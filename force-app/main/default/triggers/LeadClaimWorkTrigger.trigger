/**
 * Marks a claimed lead as worked when its status changes, so that the recall leaves it with its rep.
 * After the save, e-mails partner reps given leads directly (not through a claim).
 */
trigger LeadClaimWorkTrigger on Lead(before update, after insert, after update) {
    if (Trigger.isBefore) {
        LeadClaimWork.markWorked(Trigger.new, Trigger.oldMap);
    } else {
        LeadAssignmentNotifier.notifyDirectAssignments(Trigger.new, Trigger.oldMap);
    }
}
