/**
 * Notifies channel managers of claims once they are committed (Lead_Claim_Event__e publishes after commit).
 */
trigger LeadClaimEventTrigger on Lead_Claim_Event__e(after insert) {
    LeadClaimNotifier.notifyChannelManagers(Trigger.new);
}
