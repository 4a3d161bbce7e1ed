package io.gpuledger.journal.web;

import java.util.List;

/** A page of one account's entries, each with the event it came from. */
record EntriesJson(String account, String kind, String balanceUnits, List<Item> items, String nextCursor) {

    record Item(String amountUnits, long globalIndex, String eventId, String eventType) {
    }
}
