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
package io.pagepool.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A tiny application run in a separate JVM by {@link MappingFallbackTest}: builds a pool with the
 * mapping mode named by {@code args[0]} (default warning sink: stderr), maps a few slabs, writes
 * and reads every page, and prints {@code key=value} lines on stdout.
 */
public final class ForkedPoolMain {
    private ForkedPoolMain() {
    }

    public static void main(String[] args) {
        Mapping mapping = Mapping.valueOf(args[0]);
        try (PagePool pool = PagePool.builder().name("forked").mapping(mapping).slabBytes(64 << 10)
                .maxMemoryBytes(1 << 20).build()) {
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // 3 slabs of 16 pages
                Page page = pool.alloc();
                page.buffer().putLong(0, i).putLong(page.sizeBytes() - 8, -i);
                pages.add(page);
            }
            boolean ok = true;
            for (int i = 0; i < pages.size(); i++) {
                Page page = pages.get(i);
                ok &= page.buffer().getLong(0) == i && page.buffer().getLong(page.sizeBytes() - 8) == -i;
                page.release();
            }
            String applied;
            pool.control().slabs().lock.lock();
            try {
                applied = pool.control().slabs().slabsLocked().stream().map(s -> s.mapping().name())
                        .collect(Collectors.joining(","));
            } finally {
                pool.control().slabs().lock.unlock();
            }
            PoolStats stats = pool.stats();
            System.out.println("nativeAccess=" + ForkedPoolMain.class.getModule().isNativeAccessEnabled());
            System.out.println("usesMmap=" + pool.usesMmap());
            System.out.println("slabsMapped=" + stats.slabsMapped());
            System.out.println("mappingFallbacks=" + stats.mappingFallbacks());
            System.out.println("applied=" + applied);
            System.out.println("inflight=" + stats.inflightPages());
            System.out.println("ok=" + ok);
        }
    }
}
