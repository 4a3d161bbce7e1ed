package io.gpuledger.journal.web;

import java.util.List;

/** A page of the journal's accounts, and the sum of every balance ({@code "0"} while the journal holds). */
record AccountsJson(List<Item> items, String nextCursor, String totalUnits) {

    record Item(String account, String kind, String balanceUnits) {
    }
}
