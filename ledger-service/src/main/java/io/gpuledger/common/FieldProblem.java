package io.gpuledger.common;

/** One invalid input: the field (a JSON path such as {@code reports[3].gpuSeconds}) and why. */
public record FieldProblem(String field, String message) {
}
