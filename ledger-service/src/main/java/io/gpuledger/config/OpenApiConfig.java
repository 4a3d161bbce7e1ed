package io.gpuledger.config;

import io.gpuledger.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
