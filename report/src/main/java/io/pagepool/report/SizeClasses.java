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

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Size classes as a recording shows them: a size-class group is a set of pools named
 * {@code GROUP-SIZE} ({@code agent-2k}, {@code agent-64k}), each with the page size its name ends
 * in, under one memory budget. Pure functions of the pools' names and page sizes.
 */
final class SizeClasses {
    private static final Pattern CLASS_NAME = Pattern.compile("(.+)-(\\d+)([kKmM]?)");

    private SizeClasses() {
    }

    /**
     * The group of pool {@code name}: the part before {@code -SIZE} when SIZE (a number with an
     * optional k or m) is its page size {@code pageSizeBytes} (or the page size is unknown, 0);
     * null for a pool that is no size class.
     */
    static String groupOf(String name, long pageSizeBytes) {
        Matcher m = CLASS_NAME.matcher(name);
        if (!m.matches() || m.group(2).length() > 9) {
            return null;
        }
        long size = Long.parseLong(m.group(2)) << switch (m.group(3)) {
            case "k", "K" -> 10;
            case "m", "M" -> 20;
            default -> 0;
        };
        return pageSizeBytes == 0 || pageSizeBytes == size ? m.group(1) : null;
    }

    /**
     * The pools in report order: size classes of one group together, smallest class first
     * ({@code agent-2k} before {@code agent-16k}), the rest by name.
     */
    static List<PoolSummary> ordered(Collection<PoolSummary> pools) {
        Map<String, List<PoolSummary>> groups = groups(pools);
        List<PoolSummary> out = new ArrayList<>(pools);
        out.sort(Comparator.comparing((PoolSummary p) -> key(p, groups)).thenComparingLong(p -> grouped(p, groups)
                ? p.pageSize : 0).thenComparing(p -> p.name));
        return out;
    }

    /**
     * The size-class groups among {@code pools}: group name to its classes, smallest first; only
     * groups of two or more classes (a lone {@code cache-4k} pool is an ordinary pool).
     */
    static Map<String, List<PoolSummary>> groups(Collection<PoolSummary> pools) {
        Map<String, List<PoolSummary>> all = new LinkedHashMap<>();
        pools.stream().sorted(Comparator.comparingLong((PoolSummary p) -> p.pageSize).thenComparing(p -> p.name))
                .forEach(p -> {
                    String g = p.sizeClassGroup();
                    if (g != null) {
                        all.computeIfAbsent(g, k -> new ArrayList<>()).add(p);
                    }
                });
        all.values().removeIf(classes -> classes.size() < 2);
        return all;
    }

    private static boolean grouped(PoolSummary p, Map<String, List<PoolSummary>> groups) {
        String g = p.sizeClassGroup();
        return g != null && groups.containsKey(g);
    }

    private static String key(PoolSummary p, Map<String, List<PoolSummary>> groups) {
        return grouped(p, groups) ? p.sizeClassGroup() + "-" : p.name;
    }
}
