package io.pagepool.agent;

import io.pagepool.agent.events.AgentEvents;
import io.pagepool.agent.runtime.BufferSwap;
import io.pagepool.agent.runtime.DirectBuffers;
import io.pagepool.agent.runtime.ReleasePath;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.PoolStats;
import io.pagepool.recorder.PoolRecorder;
import io.pagepool.recorder.Recorder;
import io.pagepool.tuner.Tuner;
import io.pagepool.tuner.TunerOptions;

import java.lang.instrument.Instrumentation;
import java.util.Locale;

/**
 * The agent's entry points: {@code -javaagent:pagepool-agent.jar=OPTIONS} ({@link #premain}) and
 * dynamic attach ({@link #agentmain}). Never takes the application down: a bad option or a failed
 * start prints one line per problem and leaves the application running unchanged, unless
 * {@code onError=exit}, which exits with status 1 before {@code main} (at attach the target is
 * never stopped).
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

    private static volatile Started started;

    private PagePoolAgent() {
    }

    /** What a started agent holds. */
    record Started(AgentOptions options, PagePool pool, BufferSwap swap, Rewriter rewriter, AutoCloseable tuner) {
        /** One line: what was swapped and how the pages came back; the pool's figures from one snapshot. */
        String summary() {
            PoolStats stats = pool.stats(); // one pass over the caches: its figures agree with each other
            return "rewrote " + rewriter.sitesSwapped.get() + " allocateDirect site(s) in "
                    + rewriter.classesRewritten.get() + " class(es), " + rewriter.scopedSites.get() + " scoped ("
                    + rewriter.classesScanned.get()
                    + " classes checked in " + rewriter.transformNanos.get() / 1_000_000 + " ms); served " + swap.swapped(stats)
                    + " buffers from the pool, " + swap.waived(stats) + " from the JDK (too large, budget or closed);"
                    + " pages returned: scoped " + swap.released(ReleasePath.SCOPED) + ", release= methods "
                    + swap.released(ReleasePath.METHOD) + ", PagePools.release " + swap.released(ReleasePath.API)
                    + ", unreachable " + swap.released(ReleasePath.REACHABILITY) + "; ignored releases "
                    + (swap.released(ReleasePath.IGNORED_FOREIGN) + swap.released(ReleasePath.IGNORED_STALE))
                    + String.format(Locale.ROOT, "; fast-path ratio %.1f%%, memory mapped %d MiB",
                            100 * stats.fastPathRatio(), stats.bytesMapped() >> 20)
                    + (rewriter.failures.get() > 0 ? "; " + rewriter.failures.get() + " class(es) could not be"
                            + " rewritten (see above)" : "")
                    + (rewriter.loadersSkipped.get() > 0 ? "; " + rewriter.loadersSkipped.get() + " class(es) left"
                            + " alone: their loader cannot see the agent" : "");
        }
    }

    public static void premain(String arguments, Instrumentation inst) {
        start(arguments, inst, true);
    }

    public static void agentmain(String arguments, Instrumentation inst) {
        start(arguments, inst, false);
    }

    /** The running agent in this JVM, or null. */
    static Started started() {
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
                log.error("the agent is already running in this JVM; options '" + arguments + "' ignored");
                return;
            }
            long startNanos = System.nanoTime();
            started = launch(options, inst, log, !beforeMain);
            log.info(String.format(Locale.ROOT, "agent on in %.0f ms: %s%s", (System.nanoTime() - startNanos) / 1e6,
                    describe(options), options.jfr() != null ? ", recording to " + options.jfr() : ""));
            System.setProperty(STATUS_PROPERTY, "running (" + describe(options) + ")");
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

    private static Started launch(AgentOptions options, Instrumentation inst, AgentLog log, boolean attached)
            throws Exception {
        // ByteBuddy would probe a JDK-internal class injector, which JDK 25 warns about; the agent
        // injects no class, so turn the probe off
        if (System.getProperty(BYTEBUDDY_SAFE_PROPERTY) == null) {
            System.setProperty(BYTEBUDDY_SAFE_PROPERTY, "true");
        }
        PagePool pool = PagePool.builder()
                .name("pagepool-agent")
                .pageSize(options.pageSizeBytes())
                .slabBytes(Math.max(options.pageSizeBytes(), Math.min(2L << 20, Long.highestOneBit(options.maxMemoryBytes()))))
                .maxMemoryBytes(options.maxMemoryBytes())
                .maxCacheCapacity(Math.max(4096, options.cachePages()))
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
        BufferSwap swap = new BufferSwap(pool, options.scopeCheck());
        Runnable events = () -> {
            PoolRecorder.register(pool);
            AgentEvents.install(swap);
        };
        if (options.jfr() != null) { // before main, so the recording sees the whole run
            events.run();
            try { // its chunks where the README says, for a report after a crash
                java.nio.file.Path chunks = io.pagepool.recorder.ChunkRepository.placeNextTo(options.jfr());
                log.debug(chunks == null ? "JFR chunks in the repository you named" : "JFR chunks in " + chunks);
            } catch (java.io.IOException | RuntimeException e) {
                log.info("JFR chunks stay in the JDK's default repository: " + e.getMessage());
            }
            Recorder.start(options.jfr());
        } else { // JFR and JMX take ~0.5 s to initialise: off the application's start-up path
            Thread.ofPlatform().daemon().name("pagepool-recorder-start").start(events);
        }
        DirectBuffers.install(swap);
        Rewriter rewriter = new Rewriter(options, log);
        rewriter.install(inst, attached);
        AutoCloseable tuner = options.tune()
                ? Tuner.start(pool, TunerOptions.defaults().withInterval(options.tuneInterval())
                        .withDebugLog(log::debug))
                : null;
        Started s = new Started(options, pool, swap, rewriter, tuner);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> log.info(s.summary()), "pagepool-summary"));
        return s;
    }

    static String describe(AgentOptions o) {
        return "pageSize=" + o.pageSizeBytes() + " maxMemory=" + (o.maxMemoryBytes() >> 20) + "m mapping="
                + o.mapping().name().toLowerCase(Locale.ROOT) + " cache=" + o.cachePages() + " refill=" + o.refillPages()
                + " ring=" + o.ringPages() + " zero=" + o.zero() + " tune=" + (o.tune() ? "on" : "off")
                + " scope=" + (o.scope() ? "on" : "off") + (o.scopeCheck() ? " scopeCheck=on" : "");
    }
}
