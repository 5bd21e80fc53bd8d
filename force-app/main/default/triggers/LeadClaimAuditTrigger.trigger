/**
 * Publishes Lead_Claim_Event__e for releases, recalls and conversions from their audit rows (the claim publishes its
 * own event in LeadClaimService), so live views and notifications see every claim action.
 */
trigger LeadClaimAuditTrigger on Lead_Claim__c(after insert) {
    LeadClaimEventPublisher.publishFor(Trigger.new);
}
