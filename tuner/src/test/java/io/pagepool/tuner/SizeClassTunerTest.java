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
package io.pagepool.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagepool.pool.Page;
import io.pagepool.pool.PagePool;
import io.pagepool.pool.SizeClassPool;
import io.pagepool.testkit.LineLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The size classes' tuner moves budget shares between real classes under one real budget. */
class SizeClassTunerTest {
    private static final AtomicInteger GROUPS = new AtomicInteger();
    private static final long BUDGET_BYTES = 1 << 20;

    private static SizeClassPool group() {
        return SizeClassPool.builder().name("shares-" + GROUPS.incrementAndGet()).minClassBytes(1024)
                .maxClassBytes(4096).slabBytes(64 << 10).maxMemoryBytes(BUDGET_BYTES).cacheCapacity(1)
                .refillBatch(1).warnings(line -> { }).build();
    }

    /** Takes pages of {@code bytes} until the group waives one; returns them. */
    private static List<Page> takeAll(SizeClassPool group, int bytes) {
        List<Page> held = new ArrayList<>();
        for (Page p; (p = group.tryAlloc(bytes)) != null; ) {
            held.add(p);
        }
        return held;
    }

    @Test
    void shouldMoveTheShareOfAHammeredClassToAClassThatNeedsPages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("shares.jfr");
        LineLog log = new LineLog();
        String largeName;
        String smallName;
        try (Recording recording = new Recording()) {
            recording.enable("io.pagepool.TunerDecision");
            recording.start();
            try (SizeClassPool group = group()) {
                PagePool small = group.classFor(1000);
                PagePool large = group.classFor(4096);
                smallName = small.name();
                largeName = large.name();
                SizeClassTuner tuner = SizeClassTuner.manual(group, Pools.quick(log));
                tuner.step();
                group.setShareBytes(small, group.floorBytes()); // as an earlier move left it

                List<Page> smallHeld = takeAll(group, 1000); // the 1 KiB class maps up to its share
                long smallMappedBefore = small.stats().bytesMapped();
                List<Page> hammered = takeAll(group, 4096); // the 4 KiB class takes the rest of the budget
                assertTrue(large.stats().bytesMapped() > BUDGET_BYTES / 2, large.stats()::toString);
                assertNull(group.tryAlloc(1000), "the 1 KiB class needs pages: waived");
                assertTrue(small.stats().waiveBudget() > 0);
                long smallShareBefore = group.shareBytes(small);
                long largeShareBefore = group.shareBytes(large);

                tuner.step();
                assertTrue(group.shareBytes(large) < largeShareBefore, log.lines()::toString);
                assertTrue(group.shareBytes(large) < large.stats().bytesMapped(), "below what it maps now");
                assertTrue(group.shareBytes(small) > smallShareBefore, log.lines()::toString);

                // the hammered class gives its pages back; over its share, it returns its free slabs
                hammered.forEach(Page::release);
                tuner.step();
                assertTrue(large.stats().bytesMapped() <= group.shareBytes(large),
                        () -> large.stats() + " share " + group.shareBytes(large));
                smallHeld.addAll(takeAll(group, 1000));
                assertTrue(small.stats().bytesMapped() > smallMappedBefore, "the class in need maps more now: "
                        + small.stats().bytesMapped() + " bytes, " + smallMappedBefore + " before the move");
                smallHeld.forEach(Page::release);
                List<Page> again = takeAll(group, 4096);
                assertTrue(large.stats().bytesMapped() <= group.shareBytes(large),
                        "the hammered class stays within its share: " + again.size() + " pages");
                again.forEach(Page::release);
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> shares = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("io.pagepool.TunerDecision"))
                .filter(e -> e.getString("parameter").equals("shareBytes"))
                .toList();
        RecordedEvent down = shares.stream().filter(e -> e.getString("poolName").equals(largeName)).findFirst()
                .orElseThrow(() -> new AssertionError(shares.toString()));
        RecordedEvent up = shares.stream().filter(e -> e.getString("poolName").equals(smallName)).findFirst()
                .orElseThrow(() -> new AssertionError(shares.toString()));
        assertTrue(down.getLong("after") < down.getLong("before"), down::toString);
        assertTrue(up.getLong("after") > up.getLong("before"), up::toString);
        assertTrue(down.getString("reason").contains(smallName), down::toString);
        assertTrue(up.getString("reason").contains(largeName), up::toString);
        assertTrue(up.getString("signals").contains("waiveBudget="), up::toString);
        assertEquals(2, shares.size(), "one move: " + shares);
    }
}
