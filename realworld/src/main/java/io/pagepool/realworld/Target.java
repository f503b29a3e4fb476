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
package io.pagepool.realworld;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One server of the suite: its main class in {@code realworld.targets}, the JVM flags of its mode,
 * how it is spoken to and the payload size of each echo.
 *
 * @param name short name used in tables, JSON and {@code --targets}
 * @param mainClass the server's main class
 * @param protocol TCP or UDP
 * @param jvmFlags flags of this mode (e.g. Netty's allocator type)
 * @param payloadBytes bytes of each echoed message
 */
public record Target(String name, String mainClass, Protocol protocol, List<String> jvmFlags, int payloadBytes) {
    private static final String UNPOOLED = "-Dio.netty.allocator.type=unpooled";
    private static final List<String> UNSAFE = List.of("--sun-misc-unsafe-memory-access=allow",
            "-Dio.netty.noUnsafe=false");

    /**
     * Every target, in table order.
     *
     * @return the targets
     */
    public static List<Target> all() {
        List<Target> all = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            String main = p == Protocol.TCP ? "NettyTcpEcho" : "NettyUdpEcho";
            String base = "netty-" + p.name().toLowerCase(java.util.Locale.ROOT);
            all.add(target(base, main, p));
            all.add(target(base + "-unpooled", main, p, UNPOOLED));
            all.add(target(base + "-unpooled-unsafe", main, p, concat(UNPOOLED, UNSAFE)));
        }
        all.add(target("mina-tcp", "MinaTcpEcho", Protocol.TCP));
        all.add(target("mina-udp", "MinaUdpEcho", Protocol.UDP));
        all.add(target("nio-udp-executor", "NioUdpExecutorEcho", Protocol.UDP));
        all.add(target("nio-tcp-reactor", "NioTcpReactorEcho", Protocol.TCP));
        all.add(target("nio-udp-consumer", "NioUdpConsumerEcho", Protocol.UDP));
        return List.copyOf(all);
    }

    /**
     * The targets named in a comma-separated list.
     *
     * @param names target names, comma-separated; null or empty for all
     * @return the targets, in the list's order
     */
    public static List<Target> select(String names) {
        if (names == null || names.isBlank()) {
            return all();
        }
        List<Target> picked = new ArrayList<>();
        for (String name : names.split(",")) {
            picked.add(all().stream().filter(t -> t.name.equals(name.strip())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown target '" + name.strip() + "'; known: "
                            + String.join(",", all().stream().map(Target::name).toList()))));
        }
        return picked;
    }

    private static Target target(String name, String main, Protocol protocol, String... flags) {
        return new Target(name, "realworld.targets." + main, protocol, List.of(flags), 1024);
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = Arrays.copyOf(new String[] {first}, 1 + rest.size());
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}
