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
package io.pagepool.recorder;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;

/**
 * Keeps periodic delta events ({@code io.pagepool.PoolStatistics}, {@code CacheStatistics}, the
 * agent's {@code AgentReleaseStatistics}) exact at the edges of a recording.
 *
 * <p>JFR runs a periodic hook on its timer only: a timed period ("1 s") trumps "endChunk" for one
 * event type, so the change since the last timed run would never reach a recording that stops,
 * is dumped ({@code jcmd PID JFR.dump}) or ends with the JVM. Two trigger event types with the
 * chunk periods carry the missing hooks: {@value #CHUNK_END} runs at the end of every chunk
 * (before JFR finishes it, so what is committed there is in it) and commits every
 * {@link Source}'s change since its previous commit; {@value #CHUNK_BEGIN} runs at the start of
 * every chunk and <em>baselines</em> a source (takes the current values as the start of the next
 * change, committing nothing) unless the chunk end just before it committed that source. So:
 * <ul>
 *   <li>a recording that starts while none records a source (the first recording, a
 *       {@code JFR.start} on a live JVM) begins with a baseline: its first period holds only its
 *       own time, never everything since the pool was built;
 *   <li>a recording that starts or stops while another runs rotates the chunk: the chunk end
 *       commits the change so far into the old chunk, the new chunk continues from there.
 *       Events go to chunks, which every running recording shares: each recording holds exactly
 *       the periods of its own span, and two concurrent recordings each add up to the counters'
 *       change over their own span (the events are the same, their sums differ by span).
 * </ul>
 * The trigger types are never committed; they must stay enabled (their default) in a recording
 * that wants exact totals. A recording that starts in the instant its predecessor stops may
 * miss its baseline (JFR tells listeners of the stop after it finished it): its first period then
 * also holds the changes of that instant.
 *
 * <p>Threading: the hooks run on the thread that starts, stops, dumps or rotates (JFR holds its
 * recorder lock) and, for shutdown, on JFR's shutdown hook; sources serialize their own state.
 */
public final class ChunkBoundaries {
    /** The trigger whose end-of-chunk hook commits every source. */
    public static final String CHUNK_END = "io.pagepool.StatisticsChunkEnd";
    /** The trigger whose start-of-chunk hook baselines the sources that need it. */
    public static final String CHUNK_BEGIN = "io.pagepool.StatisticsChunkBegin";

    /** One periodic delta event. */
    public interface Source {
        /**
         * Commits the change since the previous commit or baseline when a recording enables the
         * source's event, and returns true; returns false (committing and moving nothing) when none
         * does.
         */
        boolean commitIfEnabled();

        /** Takes the current values as the start of the next change, committing nothing. */
        void baseline();
    }

    /** A source and whether the last chunk end committed it (guarded by HOOK_LOCK). */
    private static final class Entry {
        final Source source;
        boolean committedAtChunkEnd;

        Entry(Source source) {
            this.source = source;
        }
    }

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();
    /**
     * Serializes the hooks and guards the entries' flags. Held while sources run (they take their
     * own monitors and PoolRecorder's), never while installing or adding: no lock cycle.
     */
    private static final Object HOOK_LOCK = new Object();
    /** Guarded by ChunkBoundaries.class. */
    private static boolean installed;

    private ChunkBoundaries() {
    }

    /** Adds {@code source} to the chunk hooks (installing them once per JVM). Any thread. */
    public static void add(Source source) {
        Objects.requireNonNull(source, "source");
        synchronized (ChunkBoundaries.class) {
            if (!installed) {
                FlightRecorder.addPeriodicEvent(ChunkEndEvent.class, ChunkBoundaries::atChunkEnd);
                FlightRecorder.addPeriodicEvent(ChunkBeginEvent.class, ChunkBoundaries::atChunkBegin);
                FlightRecorder.addListener(new IdleListener());
                installed = true;
            }
        }
        ENTRIES.add(new Entry(source));
    }

    /** Removes {@code source}: its hooks stop. False when it was not added. */
    public static boolean remove(Source source) {
        return ENTRIES.removeIf(e -> e.source == source);
    }

    private static void atChunkEnd() {
        synchronized (HOOK_LOCK) {
            for (Entry e : ENTRIES) {
                e.committedAtChunkEnd = e.source.commitIfEnabled();
            }
        }
    }

    private static void atChunkBegin() {
        synchronized (HOOK_LOCK) {
            for (Entry e : ENTRIES) {
                if (!e.committedAtChunkEnd) {
                    e.source.baseline();
                }
                e.committedAtChunkEnd = false;
            }
        }
    }

    /** When no recording runs any more, the next chunk begins a new span: it must baseline. */
    private static void idle() {
        synchronized (HOOK_LOCK) {
            for (Entry e : ENTRIES) {
                e.committedAtChunkEnd = false;
            }
        }
    }

    private static final class IdleListener implements FlightRecorderListener {
        @Override
        public void recordingStateChanged(Recording recording) {
            if (recording.getState() == RecordingState.RUNNING) {
                return;
            }
            for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
                if (r.getState() == RecordingState.RUNNING) {
                    return;
                }
            }
            idle();
        }
    }

    @Name(CHUNK_END)
    @Label("Page Pool Statistics Chunk End")
    @Category(EventNames.CATEGORY)
    @Description("Never recorded: its end-of-chunk hook commits the last statistics period, so that a recording"
            + " holds everything up to its end. Keep it enabled.")
    @Period("endChunk")
    @StackTrace(false)
    static final class ChunkEndEvent extends Event {
    }

    @Name(CHUNK_BEGIN)
    @Label("Page Pool Statistics Chunk Begin")
    @Category(EventNames.CATEGORY)
    @Description("Never recorded: its start-of-chunk hook makes the first statistics period of a recording start"
            + " with the recording. Keep it enabled.")
    @Period("beginChunk")
    @StackTrace(false)
    static final class ChunkBeginEvent extends Event {
    }
}
