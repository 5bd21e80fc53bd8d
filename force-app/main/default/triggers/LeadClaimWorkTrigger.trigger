/**
 * Before a lead is saved: refuses an owner change an external user makes outside the claim service (and the
 * reopening of a closed lead by one), then marks a claimed lead as worked when its status changes, so that the
 * recall leaves it with its rep.
 */
trigger LeadClaimWorkTrigger on Lead(before update) {
    LeadOwnerGuard.refuseUncontrolledChanges(Trigger.new, Trigger.oldMap);
    LeadClaimWork.markWorked(Trigger.new, Trigger.oldMap);
}
