package io.gpuledger.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Starts a small Spring application that is expected to fail, the way a deployment with a bad
 * setting fails: Spring Boot reports the failure through the logs. Answers everything an operator
 * would see: every log line and the failure with its causes and stack trace.
 */
public final class FailedStart {

    private FailedStart() {
    }

    public record Outcome(Throwable failure, String logs) {

        /** The logs and the failure's full text, as a console would show them. */
        public String everything() {
            if (failure == null) {
                return logs;
            }
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            return logs + "\n" + trace;
        }
    }

    public static Outcome of(Class<?> configuration, String... args) {
        // Keep the test JVM's logging as it is (and the capturing appender on it) instead of letting
        // the second application configure Logback afresh.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try (CapturedLogs logs = CapturedLogs.start()) {
            SpringApplication application = new SpringApplication(configuration);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setBannerMode(Banner.Mode.OFF);
            Throwable failure = null;
            try {
                application.run(args).close();
            } catch (Throwable e) {
                failure = e;
            }
            return new Outcome(failure, logs.all());
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
    }
}
