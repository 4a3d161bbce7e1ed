package io.gpuledger.platform;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a write that takes no fields, as the OpenAPI description shows it. */
@Schema(name = "EmptyRequest", description = "An empty body or {}: any field is refused")
public record EmptyRequest() {
}
