package io.pagepool.agent.options;

import java.util.List;

/** The agent's options are bad: one line per problem, each naming the option and what it allows. */
public final class BadOptionsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problems, one line each. */
    private final transient List<String> problems;
    /** Whether {@code onError=exit} was given (readable even when other options are bad). */
    private final boolean onErrorExit;

    BadOptionsException(List<String> problems, boolean onErrorExit) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.onErrorExit = onErrorExit;
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }

    /** Whether the options asked to exit on an error. */
    public boolean onErrorExit() {
        return onErrorExit;
    }
}
