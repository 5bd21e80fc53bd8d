/**
 * Marks a claimed lead as worked when its status changes, so that the recall leaves it with its rep.
 */
trigger LeadClaimWorkTrigger on Lead(before update) {
    LeadClaimWork.markWorked(Trigger.new, Trigger.oldMap);
}
