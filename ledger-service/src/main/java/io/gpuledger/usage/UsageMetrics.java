package io.gpuledger.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Counts usage reports by outcome and rejection code ({@code ledger_usage_reports_total}), once
 * each, when their request commits: a replayed answer counts nothing again.
 */
@Component
class UsageMetrics {

    static final String NAME = "ledger.usage.reports";
    private static final String NO_CODE = "NONE";

    private final MeterRegistry registry;

    UsageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void counted(List<UsageResultJson> results) {
        Map<List<String>, Long> byKind = results.stream().collect(Collectors.groupingBy(
                r -> List.of(r.status(), r.code() == null ? NO_CODE : r.code()), Collectors.counting()));
        byKind.forEach((kind, count) -> counter(kind.get(0), kind.get(1)).increment(count));
    }

    void rejected(String code) {
        counter("REJECTED", code).increment();
    }

    void counted(UsageResultJson result) {
        counted(List.of(result));
    }

    private Counter counter(String outcome, String code) {
        return Counter.builder(NAME).description("Usage reports by outcome and rejection code")
                .tag("outcome", outcome).tag("code", code).register(registry);
    }

}
