/** The journal's routes: the accounts with their balances, and an account's entries, for auditors. */
package io.gpuledger.journal.web;
