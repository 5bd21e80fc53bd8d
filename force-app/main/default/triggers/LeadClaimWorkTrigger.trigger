/**
 * Before a lead is saved: refuses an owner change an external user makes outside the claim service (and the
 * reopening of a closed lead by one) and, whoever saves, the giving of a lead to a partner user while another
 * partner's approved deal registration protects its customer; then marks a claimed lead as worked when its status
 * changes, so that the recall leaves it with its rep. After the save, e-mails partner reps given leads directly (not
 * through a claim), and moves the lead change token partner pages poll (LeadChangeToken).
 */
trigger LeadClaimWorkTrigger on Lead(before update, after insert, after update) {
    if (Trigger.isBefore) {
        LeadOwnerGuard.refuseUncontrolledChanges(Trigger.new, Trigger.oldMap);
        LeadOwnerGuard.refuseProtectedOwners(Trigger.new, Trigger.oldMap);
        LeadClaimWork.markWorked(Trigger.new, Trigger.oldMap);
    } else {
        LeadAssignmentNotifier.notifyDirectAssignments(Trigger.new, Trigger.oldMap);
        LeadChangeToken.leadsChanged(Trigger.new, Trigger.oldMap);
    }
}
