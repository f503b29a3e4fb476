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
package io.pagepool.agent;

import io.pagepool.agent.events.AgentEvents;
import io.pagepool.agent.options.AgentLog;
import io.pagepool.agent.options.AgentOptions;
import io.pagepool.agent.options.BadOptionsException;
import io.pagepool.agent.options.Option;
import io.pagepool.agent.options.OptionParser;
import io.pagepool.agent.rewrite.ClassWatch;
import io.pagepool.agent.rewrite.Rewriter;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.runtime.TunedSites;
import io.pagepool.pool.SizeClassPool;
import io.pagepool.recorder.PoolRecorder;
import io.pagepool.recorder.Recorder;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Locale;

/**
 * The agent's entry points: {@code -javaagent:pagepool-agent.jar=OPTIONS} ({@link #premain}) and
 * dynamic attach ({@link #agentmain}). Never takes the application down: a bad option or a failed
 * start prints one line per problem and leaves the application running unchanged, unless
 * {@code onError=exit}, which exits with status 1 before {@code main} (at attach the target is
 * never stopped).
 *
 * <p>Start-up is in two steps. Before {@code main}: the options and the {@link ClassWatch}, a
 * JDK-only pre-filter; with {@code jfr=} also the pool and the recording. When the first class
 * that calls {@code allocateDirect} (or a {@code release=} class) loads, on that thread and
 * before the class is defined: the pool (it maps memory at its first page) and the rewriting
 * (ByteBuddy); a
 * second later, on a background thread, the JFR/JMX registration and the tuner. An application
 * that never calls {@code allocateDirect} never loads ByteBuddy. At attach both steps run at once.
 */
public final class PagePoolAgent {
    /**
     * System property the agent sets in its JVM: {@code running (…)} or {@code failed: …}; read
     * by {@code attach} to tell the user what happened in the target.
     */
    public static final String STATUS_PROPERTY = "pagepool.agent.status";

    /**
     * ByteBuddy's "safe mode" property; shading relocates this string with ByteBuddy's own
     * ({@code io.pagepool.shaded.bytebuddy.safe} in the agent jar).
     */
    private static final String BYTEBUDDY_SAFE_PROPERTY = "net.bytebuddy.safe";

    /** How long after the rewriting's start at the first class the JFR/JMX registration and the tuner wait. */
    static final long SIDE_PARTS_DELAY_MILLIS = 1000;

    /** How long the first class waits for the explicit frees' installation (see installExplicitFrees). */
    private static final long EXPLICIT_FREES_WAIT_MILLIS = 10_000;

    private static volatile RunningAgent started;

    private PagePoolAgent() {
    }

    /** {@code -javaagent:}: starts before {@code main}; called through the launcher in the jar's manifest. */
    public static void premain(String arguments, Instrumentation inst) {
        start(arguments, inst, true);
    }

    /** Dynamic attach: starts in a running JVM and rewrites the classes already loaded too. */
    public static void agentmain(String arguments, Instrumentation inst) {
        start(arguments, inst, false);
    }

    /** The running agent in this JVM, or null. */
    static RunningAgent started() {
        return started;
    }

    static synchronized void start(String arguments, Instrumentation inst, boolean beforeMain) {
        AgentLog log = new AgentLog(AgentOptions.LogLevel.INFO, System.err);
        boolean exitOnError = false;
        try {
            AgentOptions options = OptionParser.parse(arguments);
            exitOnError = options.onErrorExit();
            log = new AgentLog(options.log(), System.err);
            if (started != null) {
                alreadyRunning(options, log);
                return;
            }
            String notWritable = options.jfr() == null ? null : OutputCheck.whyNotWritable(options.jfr());
            if (notWritable != null) {
                log.error("jfr=" + options.jfr() + ": cannot write there (" + notWritable + "); the agent runs"
                        + " without a recording");
                options = options.withJfr(null);
            }
            String noSummary = options.summary() == null ? null : OutputCheck.whyNotWritable(options.summary());
            if (noSummary != null) {
                log.error("summary=" + options.summary() + ": cannot write there (" + noSummary + "); the agent"
                        + " runs without a summary file");
                options = options.withSummary(null);
            }
            long startNanos = System.nanoTime();
            RunningAgent running = launch(options, inst, log, !beforeMain);
            if (options.jfr() != null) {
                OutputCheck.watch(options.jfr(), log);
            }
            started = running;
            // no String.format here: its locale data alone costs tens of milliseconds before main
            log.info("agent on in " + Math.round((System.nanoTime() - startNanos) / 1e6) + " ms: " + describe(options)
                    + (options.jfr() != null ? ", recording to " + options.jfr() : ""));
            System.setProperty(STATUS_PROPERTY, status(running, !beforeMain));
        } catch (BadOptionsException e) {
            System.setProperty(STATUS_PROPERTY, "failed: bad options: " + e.getMessage());
            for (String problem : e.problems()) {
                log.error("bad agent option: " + problem);
            }
            fail(log, e.onErrorExit(), beforeMain, "run 'java -jar pagepool-agent.jar options' for the list");
        } catch (Throwable e) { // the agent never takes the application down
            DirectBuffers.install(null);
            System.setProperty(STATUS_PROPERTY, "failed: " + e);
            log.error("the agent could not start: " + e);
            fail(log, exitOnError, beforeMain, null);
        }
    }

    /**
     * The status {@code attach} reads back: {@code running (options)}, after attach with what
     * the retransformation did; {@code rewrote nothing: …} when every class loaded before attach
     * that had a site was skipped (the agent stays on for classes loaded later).
     */
    private static String status(RunningAgent running, boolean attached) {
        String options = "(" + describe(running.options()) + ")";
        if (!attached) {
            return "running " + options;
        }
        String outcome = running.rewriter().outcome();
        return running.rewriter().rewroteNothing()
                ? "rewrote nothing: " + outcome + "; the agent stays on for classes loaded from now on " + options
                : "running " + options + "; " + outcome;
    }

    /** A second start in one JVM changes nothing: it says so, and which of its options differ. */
    private static void alreadyRunning(AgentOptions asked, AgentLog log) {
        List<String> differences = asked.differencesFrom(started.options());
        String line = differences.isEmpty()
                ? "already running with these options (" + describe(asked) + ")"
                : "already running with other options; not applied: " + String.join(", ", differences)
                        + " (options are fixed until the JVM restarts)";
        System.setProperty(STATUS_PROPERTY, line);
        log.error("the agent is " + line);
    }

    private static void fail(AgentLog log, boolean exitOnError, boolean beforeMain, String hint) {
        if (hint != null) {
            log.error(hint);
        }
        if (exitOnError && beforeMain) {
            log.error("onError=exit: exiting with status 1");
            System.exit(1);
        }
        log.error("the application runs without the agent" + (exitOnError ? " (onError=exit does not stop an"
                + " attached JVM)" : ""));
    }

    private static RunningAgent launch(AgentOptions options, Instrumentation inst, AgentLog log, boolean attached)
            throws Exception {
        // ByteBuddy would probe a JDK-internal class injector, which JDK 25 warns about; the agent
        // injects no class, so turn the probe off
        if (System.getProperty(BYTEBUDDY_SAFE_PROPERTY) == null) {
            System.setProperty(BYTEBUDDY_SAFE_PROPERTY, "true");
        }
        ClassWatch watch = new ClassWatch(options);
        RunningAgent s = new RunningAgent(options, watch);
        if (attached || options.jfr() != null) { // the pool now; else with the rewriting, at the first class
            BufferSwap swap = startPool(s, log);
            if (options.jfr() != null) { // before main, so the recording sees the whole run
                events(swap.pool(), swap);
                try { // its chunks where the README says, for a report after a crash
                    java.nio.file.Path chunks = io.pagepool.recorder.ChunkRepository.placeNextTo(options.jfr());
                    log.debug(chunks == null ? "JFR chunks in the repository you named" : "JFR chunks in " + chunks);
                } catch (java.io.IOException | RuntimeException e) {
                    log.info("JFR chunks stay in the JDK's default repository: " + e.getMessage());
                }
                Recorder.start(options.jfr());
            }
        }
        if (attached) {
            startRewriting(s, inst, log, true);
        } else {
            watch.startWith(() -> startRewritingAtFirstClass(s, inst, log));
            inst.addTransformer(watch);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> s.atExit(log), "pagepool-summary"));
        return s;
    }

    /** The pool and the swap, installed for the rewritten code (once; the pool maps memory at its first page). */
    private static BufferSwap startPool(RunningAgent s, AgentLog log) {
        BufferSwap swap = s.swap();
        if (swap == null) {
            swap = new BufferSwap(pool(s.options(), log), s.options().scopeCheck());
            s.swap(swap);
            DirectBuffers.install(swap);
        }
        return swap;
    }

    /** Registers the pool's and the agent's JFR events and MXBean. */
    private static void events(SizeClassPool pool, BufferSwap swap) {
        PoolRecorder.register(pool); // every class: its statistics events and MXBean
        AgentEvents.install(swap);
    }

    /**
     * The second step of the start ({@link ClassWatch}): the rewriting, then, on a background
     * thread, the JFR/JMX registration and the tuner ({@link #startSideParts}). With
     * {@code attached}, the rewriting is installed and the classes already loaded are
     * retransformed (null returned); otherwise the rewriting is returned for the watch to call.
     */
    private static ClassFileTransformer startRewriting(RunningAgent s, Instrumentation inst, AgentLog log,
                                                       boolean attached) {
        AgentSites.install(s.options(), log); // pins and the decision listener, before any site registers
        startPool(s, log);
        Runnable sideParts = () -> Thread.ofPlatform().daemon().name("pagepool-recorder-start")
                .start(() -> startSideParts(s, log, attached));
        Rewriter rewriter = new Rewriter(s.options(), log, s.watch());
        ClassFileTransformer transformer = null;
        if (attached) {
            // first, so JFR is ready when the retransformed classes first allocate (the pool's
            // events would otherwise initialise it on the application's thread)
            sideParts.run();
            rewriter.install(inst, true);
        } else {
            transformer = rewriter.transformer(inst);
            sideParts.run();
        }
        s.rewriting(rewriter);
        installExplicitFrees(s.options(), inst, log, attached);
        return transformer;
    }

    /**
     * The {@code invokeCleaner} hook and the release recipes ({@code cleaner=}, {@code recipes=};
     * their classes may have loaded before, so they are retransformed). At the first class this
     * runs inside a transform, where the JVM's instrumentation skips nested transforms on the same
     * thread: a thread of its own installs them while this one waits (at most
     * {@value #EXPLICIT_FREES_WAIT_MILLIS} ms; until then a pooled buffer freed so returns when
     * unreachable, nothing is lost).
     */
    private static void installExplicitFrees(AgentOptions options, Instrumentation inst, AgentLog log,
                                             boolean attached) {
        Runnable install = () -> log.debug("explicit frees honoured: "
                + io.pagepool.agent.cleaner.ExplicitFrees.install(options, inst, log, true));
        if (attached) {
            install.run();
            return;
        }
        Thread installer = Thread.ofPlatform().daemon().name("pagepool-explicit-frees").start(install);
        try {
            if (!installer.join(java.time.Duration.ofMillis(EXPLICIT_FREES_WAIT_MILLIS))) {
                log.debug("explicit frees: still being installed after " + EXPLICIT_FREES_WAIT_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JFR/JMX registration (unless {@code jfr=} did it before {@code main}) and the tuner:
     * they take ~0.5 s of CPU to initialise, so they run off the application's path, and, after a
     * start at the first class, only {@value #SIDE_PARTS_DELAY_MILLIS} ms later unless a JFR
     * recording is already running (an application that exits at once never pays for them).
     * A failure is one line; the agent runs on without them.
     */
    private static void startSideParts(RunningAgent s, AgentLog log, boolean attached) {
        AgentOptions options = s.options();
        try {
            if (!attached && !jdk.jfr.FlightRecorder.isInitialized()) {
                Thread.sleep(SIDE_PARTS_DELAY_MILLIS);
            }
            if (options.jfr() == null) {
                events(s.swap().pool(), s.swap());
            }
            if (options.tune()) {
                s.tuner(TunedSites.startTuner(s.swap(), options.tuneInterval(), log::debug));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) { // the agent never takes the application down
            log.error("the JFR/JMX registration or the tuner could not start: " + e + "; the agent runs on"
                    + " without them");
        }
    }

    /**
     * {@link #startRewriting} when the first class that calls {@code allocateDirect} loads; when
     * it fails, one line says so and classes load unchanged (the JDK serves their buffers).
     */
    private static ClassFileTransformer startRewritingAtFirstClass(RunningAgent s, Instrumentation inst,
                                                                   AgentLog log) {
        long startNanos = System.nanoTime();
        try {
            ClassFileTransformer transformer = startRewriting(s, inst, log, false);
            log.debug("rewriting on in " + Math.round((System.nanoTime() - startNanos) / 1e6) + " ms, at the first"
                    + " class that calls allocateDirect");
            return transformer;
        } catch (Throwable e) { // the agent never takes the application down
            System.setProperty(STATUS_PROPERTY, "failed: the rewriting could not start: " + e);
            log.error("the rewriting could not start: " + e + "; classes load unchanged and the JDK serves their"
                    + " buffers");
            return null;
        }
    }

    /**
     * The agent's pool: one class per power of two from {@code minSize} to {@code maxSize}, named
     * {@code pagepool-agent-<size>} ({@code pagepool-agent-2k}), under the one {@code maxMemory}
     * budget. Every value the option table allows builds: the bounds the builder checks against
     * ({@code maxCacheCapacity}, {@code maxRingCapacity}) grow with the options.
     */
    static SizeClassPool pool(AgentOptions options, AgentLog log) {
        long slabBytes = Math.max(options.maxSizeBytes(), Math.min(2L << 20,
                Long.highestOneBit(options.maxMemoryBytes())));
        return SizeClassPool.builder()
                .name("pagepool-agent")
                .minClassBytes(options.minSizeBytes())
                .maxClassBytes(options.maxSizeBytes())
                .slabBytes(slabBytes)
                .maxMemoryBytes(options.maxMemoryBytes())
                .maxCacheCapacity(Math.max(4096, Math.max(options.cachePages(), options.refillPages())))
                .cacheCapacity(options.cachePages())
                .refillBatch(options.refillPages())
                .maxRingCapacity(Math.max(16384, Integer.highestOneBit(options.ringPages() * 2 - 1)))
                .ringCapacity(options.ringPages())
                .mapping(options.mapping())
                .zero(options.zero())
                .stats(options.stats())
                .listener(PoolRecorder.listener())
                .warnings(log::info)
                .build();
    }

    static String describe(AgentOptions o) {
        return "sizes=" + sizeLabel(o.minSizeBytes()) + (o.minSizeBytes() == o.maxSizeBytes() ? ""
                : ".." + sizeLabel(o.maxSizeBytes())) + " maxMemory=" + (o.maxMemoryBytes() >> 20) + "m mapping="
                + o.mapping().name().toLowerCase(Locale.ROOT) + " cache=" + o.cachePages()
                + " refill=" + o.refillPages()
                + " ring=" + o.ringPages() + " zero=" + o.zero() + " tune=" + (o.tune() ? "on" : "off")
                + " scope=" + (o.scope() ? "on" : "off") + (o.scopeCheck() ? " scopeCheck=on" : "")
                + " cleaner=" + (o.cleaner() ? "on" : "off") + " recipes=" + o.value(Option.RECIPES);
    }

    /** {@code 512}, {@code 2k}, {@code 1m}: a size class as the options and pool names write it. */
    static String sizeLabel(int bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + "m"
                : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + "k" : Integer.toString(bytes);
    }
}
