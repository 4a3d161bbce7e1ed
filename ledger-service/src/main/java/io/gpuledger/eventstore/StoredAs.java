package io.gpuledger.eventstore;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name an event is stored under ({@code payload_type}) when that is not its class's name. An
 * event class that moves keeps the name its events were first stored with: stored events are never
 * rewritten, and their hashes, seals and anchored roots cover that name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StoredAs {

    String value();
}
