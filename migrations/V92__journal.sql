-- The double-entry journal (docs/MONEY.md "The journal"): a projection of the events that move money,
-- kept by the 'journal' processor. Deleting its token rebuilds all three tables from the event store.
-- Entries are keyed by the event they came from (global index) and their place among its entries.
CREATE TABLE journal_entry (
    global_index BIGINT       NOT NULL,
    line         INT          NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    account      VARCHAR(300) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    amount_units NUMERIC      NOT NULL CHECK (amount_units <> 0),
    PRIMARY KEY (global_index, line)
);

-- An account's entries, a page at a time in the order they were posted.
CREATE INDEX journal_entry_by_account ON journal_entry (account, global_index, line);

-- Each account's balance, the sum of its entries, kept in the transaction that writes them so that
-- listing the accounts reads one row each; verification compares it with the entries.
CREATE TABLE journal_balance (
    account       VARCHAR(300) PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    balance_units NUMERIC      NOT NULL
);

-- How each lease is billed and where its provider is paid, from its LeaseOpenedEvent.
CREATE TABLE journal_lease (
    marketplace_id VARCHAR(128) NOT NULL,
    lease_id       VARCHAR(128) NOT NULL,
    billing        VARCHAR(16)  NOT NULL,
    payout_address VARCHAR(64)  NOT NULL,
    PRIMARY KEY (marketplace_id, lease_id)
);
