package io.gpuledger.common;

/** Every rejection the ledger makes, with its HTTP status. Documented in docs/ERRORS.md. */
public enum RejectionCode {
    VALIDATION_FAILED(400, "The request is malformed or a field is invalid"),
    MALFORMED_JSON(400, "The body is not valid JSON of the expected shape"),
    INVALID_CURSOR(400, "The cursor is not one this list handed out"),
    UNAUTHENTICATED(401, "Missing or unknown API key"),
    FORBIDDEN(403, "The API key's role may not do this"),
    NOT_FOUND(404, "No such resource for this caller"),
    LEASE_NOT_FOUND(404, "No such lease in the caller's marketplace"),
    IDEMPOTENCY_KEY_MISSING(400, "POST requests need an Idempotency-Key header"),
    IDEMPOTENCY_KEY_REUSED(409, "The Idempotency-Key was used before with another request"),
    LEASE_EXISTS(409, "A lease with this id already exists in the marketplace"),
    LEASE_CLOSED(409, "The lease is closed"),
    LEASE_NOT_STARTED(422, "The moment precedes the lease's start"),
    PRICE_CHANGE_BEFORE_RECORDED_USAGE(409, "effectiveFrom precedes the end of usage already recorded"),
    PRICE_CHANGE_OUT_OF_ORDER(409, "effectiveFrom precedes a price change already made"),
    CLOSE_BEFORE_RECORDED_USAGE(409, "closedAt precedes the end of usage already recorded"),
    USAGE_OUTSIDE_LEASE(422, "The usage period lies outside the lease"),
    USAGE_EXCEEDS_CAPACITY(422, "gpuSeconds exceeds gpuCount times the period's length"),
    USAGE_QUANTITY_MISMATCH(400, "The report's quantity is not the lease's kind: gpuSeconds for GPU_HOUR, energyWh for CAPACITY"),
    PRICING_CONFLICT(400, "priceUnitsPerGpuHour is given with a pricing of another kind, or missing for GPU_HOUR"),
    PRICE_CHANGE_KIND_MISMATCH(400, "The price change names a rate the lease's pricing kind does not have"),
    USAGE_PERIOD_OVERLAP(409, "The usage period overlaps usage already recorded"),
    USAGE_REPORT_CONFLICT(409, "The reportId was recorded before with a different body"),
    BATCH_TOO_LARGE(413, "The batch holds more reports than allowed"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "The body must be application/json"),
    NOT_ACCEPTABLE(406, "The requested representation is not available"),
    METHOD_NOT_ALLOWED(405, "The method is not allowed on this path"),
    AMBIGUOUS_LEASE_ID(409, "Several marketplaces hold a lease with this id: name one with ?marketplaceId="),
    EPOCH_CLOSE_CONFLICT(409, "Another epoch close happened at the same time; try again"),
    EPOCH_NOT_FOUND(404, "No such epoch"),
    PAYOUT_NOT_FOUND(404, "No payout for this account in the epoch"),
    EPOCH_NOT_ANCHORED(409, "The epoch is not anchored on-chain yet"),
    EPOCH_NOT_FUNDED(409, "The epoch's distributor is not funded yet"),
    EPOCH_REQUEST_CONFLICT(409, "The epoch was requested before with other roots"),
    EPOCH_FUNDING_MISMATCH(409, "The funding is not of the epoch's total"),
    EPOCH_STEP_UNKNOWN(422, "The epoch has no such step"),
    EPOCH_STEP_INTENT_MISMATCH(409, "The intent is not the one the step's current attempt goes out as"),
    EPOCH_STEP_ALREADY_DONE(409, "The step is done already"),
    PAYOUT_PUSH_NOT_STARTED(409, "Pushing the epoch's payouts has not started"),
    PAYOUT_BATCH_OUT_OF_ORDER(409, "The previous batch is not confirmed yet"),
    PAYOUT_BATCH_NOT_SUBMITTED(409, "The intent was not submitted for the batch"),
    PAYOUT_ALREADY_PAID(409, "The epoch has paid this account already"),
    PAYOUT_MISMATCH(409, "The payment is not one of the epoch's payouts"),
    EVENT_NOT_FOUND(404, "No such event for this caller"),
    EVENT_NOT_SETTLED(409, "The event is not in a closed epoch yet"),
    CHAIN_NOT_CONFIGURED(503, "No settlement chain is configured on this ledger"),
    CHAIN_UNAVAILABLE(503, "The settlement chain's node did not answer; try again later"),
    CHAIN_INTENT_CONFLICT(409, "The intentId was submitted before with a different transaction"),
    CHAIN_INTENT_NOT_FOUND(404, "No chain intent with this id"),
    USAGE_REPORT_NOT_FOUND(404, "No report with this id was recorded for the lease"),
    ADJUSTMENT_CONFLICT(409, "The adjustmentId was used before with another kind, amount or reason"),
    ADJUSTMENT_EXCEEDS_CHARGES(422, "A credit beyond what the lease has been charged"),
    VOID_EXCEEDS_CHARGES(422, "The void would take the lease's charges below zero"),
    LEASE_WITHOUT_SLA(422, "The lease has no SLA: it takes no downtime reports"),
    DOWNTIME_OUTSIDE_LEASE(422, "The downtime lies outside the lease's active time"),
    DOWNTIME_OVERLAP(409, "The downtime overlaps downtime already reported"),
    DOWNTIME_REPORT_CONFLICT(409, "The downtime reportId was recorded before with another period"),
    SLA_WINDOW_CLOSED(409, "The SLA window was closed and credited: its downtime and end are final"),
    CLOSE_BEFORE_RECORDED_DOWNTIME(409, "closedAt precedes the end of downtime already reported"),
    DEPOSIT_CONFLICT(409, "The depositId was recorded before with another kind or amount"),
    ACCOUNT_NOT_FOUND(404, "No such account in the journal"),
    KEY_NOT_FOUND(404, "No API key with this id"),
    PROCESSOR_NOT_FOUND(404, "No event processor or processing group of this name"),
    PROCESSOR_CLAIMED_ELSEWHERE(409, "Another instance holds a segment of this processor"),
    PROCESSOR_SEGMENT_NOT_FOUND(404, "The processor has no segment of this number"),
    PROCESSOR_THREADS_TOO_FEW(409, "A split would leave the processor more segments than this instance has threads for it"),
    PROCESSOR_NOT_SPLITTABLE(409, "The processor reads across aggregates in global order and stays in one segment"),
    PROCESSOR_SEGMENT_NOT_MERGEABLE(409, "The processor has one segment: there is nothing to merge it with"),
    USAGE_SIGNATURE_INVALID(400, "A usage report's signature is missing, malformed or not by the lease's signer"),
    DISPUTE_WINDOW_CLOSED(422, "The report's dispute window has ended, or its lease has none"),
    USAGE_COUNTERSIGNED(422, "The tenant countersigned the report: it cannot be disputed"),
    USAGE_NOT_DISPUTED(409, "The report is not disputed: there is nothing to resolve"),
    DISPUTE_ALREADY_RESOLVED(409, "The dispute was resolved before with another outcome"),
    POOL_AMOUNT_INVALID(400, "A reward pool's amountUnits is missing, not a decimal string of an integer, or zero"),
    POOL_SPLIT_INVALID(400, "A reward pool needs exactly one of weights and basis GPU_SECONDS"),
    POOL_ACCOUNT_INVALID(400, "A reward pool's account is not a 0x-prefixed 20-byte address with a valid EIP-55 checksum"),
    POOL_WEIGHT_INVALID(400, "A reward pool's weight is not a non-negative integer as a decimal string"),
    POOL_DUPLICATE_ACCOUNT(400, "A reward pool names an account twice"),
    POOL_NO_POSITIVE_WEIGHT(422, "A reward pool's weights are all zero"),
    POOL_CONFLICT(409, "The poolId was posted before with another body"),
    POOL_NOT_FOUND(404, "No reward pool with this id, or none in this epoch"),
    INTERNAL_ERROR(500, "The ledger failed; nothing was changed");

    private final int status;
    private final String title;

    RejectionCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
