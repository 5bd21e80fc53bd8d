/**
 * Publishes Deal_Change_Event__e for partner deals saved by any path (see DealChangePublisher for why an event and
 * not Change Data Capture). After the save, so the ids exist and a failed publish never blocks it.
 */
trigger OpportunityChangeTrigger on Opportunity(after insert, after update) {
    DealChangePublisher.publishChanges(Trigger.new, Trigger.oldMap);
}
