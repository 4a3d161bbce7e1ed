package io.gpuledger.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How far a verification has read the event store, for a long history: a line every
 * {@code ledger.audit.verify-progress-every} events and one at the end, logged and handed to the
 * caller (the command line prints them), and the gauges {@code ledger_verification_events_checked}
 * and {@code ledger_verification_events_to_check} of the latest verification on this instance.
 */
@Component
public class VerificationProgress {

    private static final Logger log = LoggerFactory.getLogger(VerificationProgress.class);

    private final long every;
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    VerificationProgress(@Value("${ledger.audit.verify-progress-every:100000}") long every, MeterRegistry registry) {
        this.every = Math.max(1, every);
        Gauge.builder("ledger.verification.events.checked", checked, AtomicLong::get)
                .description("Events the latest verification has checked so far").register(registry);
        Gauge.builder("ledger.verification.events.to.check", total, AtomicLong::get)
                .description("Events the latest verification has to check").register(registry);
    }

    /** A verification that is to check {@code events} events, reporting to {@code listener} as well. */
    Run start(long events, Consumer<String> listener) {
        total.set(events);
        checked.set(0);
        return new Run(events, listener);
    }

    /** One verification's count. */
    final class Run {

        private final long events;
        private final Consumer<String> listener;
        private long count;

        private Run(long events, Consumer<String> listener) {
            this.events = events;
            this.listener = listener;
        }

        void checked() {
            count++;
            checked.set(count);
            if (count % every == 0) {
                report(count);
            }
        }

        void finished() {
            report(count);
        }

        private void report(long n) {
            // Events appended after the count was taken may be read too.
            long of = Math.max(events, n);
            String line = "verification: " + n + " of " + of + " events checked (" + (of == 0 ? 100 : n * 100 / of) + "%)";
            log.info(line);
            listener.accept(line);
        }
    }
}
