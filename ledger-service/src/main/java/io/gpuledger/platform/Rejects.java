package io.gpuledger.platform;

import io.gpuledger.common.RejectionCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rejections a route answers besides those every route may (401, 403, 406, 500) and every write
 * may (a missing or reused Idempotency-Key, a body that is not JSON or too large). The OpenAPI
 * description lists them per route, each under its status.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Rejects {

    RejectionCode[] value();
}
