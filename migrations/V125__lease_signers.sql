-- V125: the signers a lease's usage must be signed by (EIP-712, docs/API.md "Signed usage") and
-- its dispute window, shown in the lease view. Leases opened before had none: NULL is their value,
-- so lease_view needs no rebuild.
ALTER TABLE lease_view
    ADD COLUMN meter_signer TEXT,
    ADD COLUMN tenant_signer TEXT,
    ADD COLUMN dispute_window_seconds BIGINT;
