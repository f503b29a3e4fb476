package io.pagepool.agent.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's {@code Main-Class}, compiled for Java 8: on a JVM older than
 * 25 it prints one line and exits 2 (bad usage); otherwise it runs
 * {@code io.pagepool.agent.cli.Cli}.
 */
public final class CliBoot {
    private static final String CLI = "io.pagepool.agent.cli.Cli";

    private CliBoot() {
    }

    /**
     * {@code java -jar pagepool-agent.jar COMMAND ...}.
     *
     * @param args the command line
     * @throws Throwable what the CLI throws (it reports its own errors and exits)
     */
    public static void main(String[] args) throws Throwable {
        if (!JavaVersion.supported()) {
            System.err.println("pagepool: " + JavaVersion.mismatch() + "; run it with a JDK " + JavaVersion.REQUIRED
                    + " (./pagepool finds one, or set JAVA_HOME)");
            System.exit(2);
        }
        Method main = Class.forName(CLI).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
