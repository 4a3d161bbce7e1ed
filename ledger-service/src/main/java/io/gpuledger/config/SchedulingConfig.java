package io.gpuledger.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background work: sealing events into the audit chain, deleting idempotency records past their
 * retention (and, with a chain, settlement steps). Off in the command-line modes (application-cli.yml).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "ledger.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {
}
