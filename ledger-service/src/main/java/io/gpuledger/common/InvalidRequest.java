package io.gpuledger.common;

import java.util.List;

/** Input that breaks its shape or format rules; lists every field at fault. */
public class InvalidRequest extends LedgerRejection {

    private final List<FieldProblem> problems;

    public InvalidRequest(RejectionCode code, List<FieldProblem> problems) {
        super(code, problems.isEmpty() ? null : problems.get(0).field(), describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String describe(List<FieldProblem> problems) {
        return problems.size() == 1
                ? problems.get(0).field() + " " + problems.get(0).message()
                : problems.size() + " fields are invalid";
    }
}
