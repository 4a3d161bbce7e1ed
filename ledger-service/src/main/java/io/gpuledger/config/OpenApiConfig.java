package io.gpuledger.config;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.RejectionCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs: bearer API keys, and no internal parameters. */
@Configuration
class OpenApiConfig {

    static {
        // The Caller comes from the Authorization header, not from the query string.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    /** The RFC 9457 problem document every rejection is (docs/ERRORS.md). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problem() {
        Schema fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().example("gpuSeconds").description("A JSON path, such as reports[3].gpuSeconds"))
                .addProperty("message", new StringSchema().example("must be at least 0"));
        StringSchema code = new StringSchema();
        Arrays.stream(RejectionCode.values()).forEach(c -> code.addEnumItem(c.name()));
        return new ObjectSchema().description("An RFC 9457 problem document; branch on `code`, never on `title` or `detail`.")
                .addProperty("type", new StringSchema().format("uri").example("urn:gpu-ledger:problem:USAGE_EXCEEDS_CAPACITY"))
                .addProperty("title", new StringSchema().example(RejectionCode.USAGE_EXCEEDS_CAPACITY.title()))
                .addProperty("status", new IntegerSchema().format("int32").example(422))
                .addProperty("code", code.example("USAGE_EXCEEDS_CAPACITY"))
                .addProperty("detail", new StringSchema().example("gpuSeconds 30000 exceeds the capacity of 28800 GPU-seconds"))
                .addProperty("instance", new StringSchema().example("/v1/leases/mkt-lease-0001/usage"))
                .addProperty("errors", new ArraySchema().items(fieldProblem))
                .required(List.of("type", "title", "status", "code"));
    }

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("GPU settlement ledger").version("v1").description(
                        "Leases, usage, statements, settlement and audit. Amounts are decimal strings of integers "
                                + "in the token's smallest unit. Every POST takes an Idempotency-Key header: "
                                + "the same key and body within the retention (LEDGER_IDEMPOTENCY_RETENTION, "
                                + "7 days by default) replay the first response, another body is 409 "
                                + "IDEMPOTENCY_KEY_REUSED; after the retention the key is free, and a replay is "
                                + "answered by the ledger's rules (usage DUPLICATE, a lease LEASE_EXISTS). "
                                + "Errors are application/problem+json with a stable code (docs/ERRORS.md)."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSchemas(ProblemResponses.PROBLEM_SCHEMA, problem()))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
