package io.gpuledger.audit;

/**
 * A check of settled epochs, run after the event chain verifies: settlement recomputes each
 * epoch's roots from the sealed events and payouts and compares them with what was recorded and
 * anchored.
 */
public interface EpochRootCheck {

    Verification verify(long eventsChecked);
}
