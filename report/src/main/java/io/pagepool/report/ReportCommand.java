/*
 * Copyright 2026 The pagepool Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.pagepool.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pagepool report FILE.jfr… [--format text|markdown|json|html|collapsed] [--output PATH]}:
 * reads recordings event by event and prints each pool's behaviour, where the application
 * allocates (top stacks; a flame graph in HTML) and the agent's call sites with their verdicts, its
 * thread caches, the tuner's timeline, GC and direct-memory context, leak suspects and the agent
 * options to run with the tuner off; with several files, one part each and a combined view.
 * {@code collapsed} writes the allocation stacks alone ({@link CollapsedStacks}).
 *
 * <p>Takes recordings, single chunk files and JFR repository folders; of a file cut short or a
 * chunk still being written it reads every complete chunk and flush, and says what was cut in one
 * warning line on stderr. Never writes over an input.
 *
 * <p>Exit codes: 0 done (also after such a partial read); 2 bad input (a file missing, not a
 * recording, with nothing complete in it, without pagepool events; an output that is an input or
 * is unwritable; a bad option), with one line on stderr naming the file and the problem; 1 an
 * unexpected failure, also in one line.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns JFR recordings of pagepool into a tuning report: per pool allocation rate, fast-path "
                + "ratio, refills, waives, ring-full, in-flight and memory peaks; where the application allocates "
                + "(top stacks, flame graph) and the agent's call sites; per thread cache capacity, hits, "
                + "underflows, overflows; the tuner's decisions; GC and direct buffers; leak suspects; and the agent "
                + "options to run with the tuner off."},
        exitCodeOnInvalidInput = ReportCommand.BAD_INPUT)
public final class ReportCommand implements Callable<Integer> {
    /** Exit code of a bad file or option. */
    public static final int BAD_INPUT = 2;
    /** Exit code of an unexpected failure. */
    public static final int FAILED = 1;

    @Parameters(arity = "1..*", paramLabel = "FILE.jfr", description = "Recordings, chunk files or JFR repository"
            + " folders to read (one part each, then a combined view)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = ReportFormat.Converter.class,
            description = "text (default), markdown, json, html (one self-contained file with SVG charts and the"
                    + " allocation flame graph) or collapsed (allocation stacks for flamegraph.pl, speedscope,"
                    + " async-profiler's converter; several files: combined)")
    ReportFormat format = ReportFormat.TEXT;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Write the report to PATH instead of stdout")
    Path output;

    @Option(names = "--quiet", description = "No progress lines on stderr")
    boolean quiet;

    @Option(names = "--min-span", paramLabel = "SECONDS", defaultValue = "60",
            description = "Size recommendations need a pool observed this long (default 60), allocating in 10"
                    + " statistics intervals and 10,000 pages; lower it only for a steady load such as a benchmark")
    double minSpanSeconds = Evidence.Bar.DEFAULT.minObservedSeconds();

    @Spec
    CommandSpec spec;

    /** {@code new CommandLine(new ReportCommand()).execute(args)}: for tests and the CLI. */
    public static int run(String... args) {
        return new CommandLine(new ReportCommand()).execute(args);
    }

    /** Runs the report alone: {@code java -cp … io.pagepool.report.ReportCommand FILE.jfr…}. */
    public static void main(String... args) {
        System.exit(run(args));
    }

    /** {@link #run(String...)} with the given stdout and stderr. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new ReportCommand());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            RecordingScanner scanner = new RecordingScanner(quiet ? null : err, err);
            List<RecordingSummary> summaries = new ArrayList<>();
            for (Path file : files) {
                summaries.addAll(scanner.scanAll(file));
            }
            if (output != null) {
                refuseToOverwriteAnInput(output, summaries);
            }
            if (format == ReportFormat.COLLAPSED) {
                requireSamples(summaries);
            }
            String text = render(ReportModel.of(summaries, Evidence.Bar.minSpan(Math.max(0, minSpanSeconds))),
                    format);
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(text);
                out.flush();
            } else {
                write(output, text);
            }
            return 0;
        } catch (ReportInputException e) {
            err.println("pagepool report: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (RuntimeException | StackOverflowError e) {
            String m = e.getMessage();
            err.println(("pagepool report: failed: " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m))
                    .replaceAll("\\s+", " "));
            err.flush();
            return FAILED;
        }
    }

    /** The report of {@code model} in {@code format}. */
    static String render(ReportModel model, ReportFormat format) {
        return switch (format) {
            case TEXT -> TextRenderer.render(DocumentBuilder.build(model, false));
            case MARKDOWN -> MarkdownRenderer.render(DocumentBuilder.build(model, false));
            case HTML -> HtmlRenderer.render(DocumentBuilder.build(model, true));
            case JSON -> JsonReport.render(model);
            case COLLAPSED -> CollapsedStacks.render(model.combined() != null ? model.combined().allocationSites
                    : model.recordings().getFirst().allocationSites);
        };
    }

    /** Collapsed stacks of recordings without a single allocation sample would be an empty file: refused. */
    private static void requireSamples(List<RecordingSummary> read) throws ReportInputException {
        if (read.stream().allMatch(r -> r.allocationSites.samples == 0)) {
            RecordingSummary first = read.getFirst();
            throw new ReportInputException(Path.of(first.source), "has no io.pagepool.AllocationSample events, so no"
                    + " stacks to collapse: record with pagepool.jfc or the agent's jfr= option");
        }
    }

    /**
     * Throws when {@code output} is a file the report read: the same file by any spelling, symlink
     * or hard link ({@link Files#isSameFile}), which writing the report would destroy.
     */
    private static void refuseToOverwriteAnInput(Path output, List<RecordingSummary> read)
            throws ReportInputException {
        if (!Files.exists(output)) {
            return;
        }
        for (RecordingSummary r : read) {
            for (String file : r.files) {
                try {
                    if (Files.isSameFile(output, Path.of(file))) {
                        throw new ReportInputException(output, "is a recording this report reads (" + file
                                + "): refusing to overwrite it; choose another --output");
                    }
                } catch (IOException e) {
                    // a file that vanished since it was read is not the output
                }
            }
        }
    }

    private static void write(Path output, String text) throws ReportInputException {
        try {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new ReportInputException(output, "cannot write the report (" + e.getClass().getSimpleName()
                    + (m == null ? "" : ": " + m) + ")", e);
        }
    }
}
