/**
 * Tells channel managers that partner deals closed, once the change is committed (the event publishes after commit).
 */
trigger DealChangeEventTrigger on Deal_Change_Event__e(after insert) {
    LeadClaimNotifier.notifyDealChanges(Trigger.new);
}
