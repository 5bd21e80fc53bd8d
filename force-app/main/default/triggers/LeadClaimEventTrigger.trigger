/**
 * Notifies channel managers of claims, releases, recalls and conversions once they are committed
 * (Lead_Claim_Event__e publishes after commit).
 */
trigger LeadClaimEventTrigger on Lead_Claim_Event__e(after insert) {
    LeadClaimNotifier.notifyActivity(Trigger.new);
}
