package io.pagepool.agent.cli;

import io.pagepool.agent.options.Option;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code options}: every agent option with its default and meaning. */
@Command(name = "options", mixinStandardHelpOptions = true, version = Cli.VERSION,
        description = "List the agent's options with their defaults and meaning.")
final class OptionsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("Agent options: -javaagent:pagepool-agent.jar=key=value,key=value"
                + " (or: java -jar pagepool-agent.jar attach PID key=value,...)");
        System.out.println();
        for (Option option : Option.values()) {
            String def = option.defaultValue().isEmpty() ? "(none)" : option.defaultValue();
            System.out.printf("  %-13s default %-9s %s%n", option.key(), def, option.allowed());
            System.out.printf("  %-13s %s%n%n", "", option.meaning());
        }
        return 0;
    }
}
