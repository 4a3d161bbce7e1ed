-- lease_view holds one row per lease, and the billing projection updates a lease's usage totals
-- with every batch of usage it projects. At the default fillfactor of 100 its pages are full, so
-- most updates could not be HOT (the new row version on the same page, no index entries): they
-- moved the row to another page and added entries to all three indexes, and the table grew to
-- tens of megabytes of dead versions for a thousand leases within a minute of steady usage.
-- With free room in every page an update stays on its page and the next one prunes the old version.
ALTER TABLE lease_view SET (fillfactor = 20);
