package io.gpuledger.settlement;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of the epoch writes as the OpenAPI description shows it: they take no fields. */
final class EpochBodies {

    private EpochBodies() {
    }

    @Schema(name = "EmptyRequest", description = "An empty body or {}: any field is refused")
    record Empty() {
    }
}
