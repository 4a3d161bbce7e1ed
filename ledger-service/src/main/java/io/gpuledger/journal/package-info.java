/**
 * The double-entry journal: every event that moves money posts entries that sum to zero, and the
 * accounts' balances are the sums of their entries. PostingRules holds the rules, one pure function
 * that the projection (JournalProjection, processor 'journal') and verification (JournalCheck) both
 * apply; the routes are in journal.web. It reads the messages of account, lease and settlement,
 * which know nothing of it.
 */
package io.gpuledger.journal;
