-- V132: an epoch's capacity fee and energy, charged and provider units, shown as lines of its own in
-- the epoch view (EpochClosedEvent.capacityCharges). NULL in epochs without capacity leases.
ALTER TABLE epoch_view
    ADD COLUMN capacity_fee_charged_units  NUMERIC(78),
    ADD COLUMN capacity_fee_provider_units NUMERIC(78),
    ADD COLUMN energy_charged_units        NUMERIC(78),
    ADD COLUMN energy_provider_units       NUMERIC(78);
