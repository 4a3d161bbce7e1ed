package io.gpuledger.support;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import java.util.Objects;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matchers for aggregate fixtures' {@code expectException}: a rejection is known by its code. */
public final class RejectionMatchers {

    private RejectionMatchers() {
    }

    /** A rejection with this code. */
    public static Matcher<Throwable> rejected(RejectionCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof LedgerRejection rejection && rejection.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection with code " + code);
            }

            @Override
            protected void describeMismatchSafely(Throwable failure, Description mismatch) {
                mismatch.appendText("was " + (failure instanceof LedgerRejection rejection
                        ? rejection.code().name() : failure.getClass().getSimpleName()) + ": " + failure.getMessage());
            }
        };
    }

    /** A rejection with this code on this field. */
    public static Matcher<Throwable> rejected(RejectionCode code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable failure) {
                return failure instanceof LedgerRejection rejection && rejection.code() == code
                        && Objects.equals(rejection.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection " + code + " on field " + field);
            }

            @Override
            protected void describeMismatchSafely(Throwable failure, Description mismatch) {
                mismatch.appendText(failure instanceof LedgerRejection rejection
                        ? "was " + rejection.code() + " on field " + rejection.field() + ": " + rejection.getMessage()
                        : "was " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
            }
        };
    }
}
