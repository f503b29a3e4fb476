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
package io.pagepool.agent.rewrite;

import io.pagepool.agent.scope.SiteVerdict;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rewriting steps in ByteBuddy's pipeline report a class once, and only when at least one of
 * its sites was rewritten: the summary's "in M class(es)" counts no class that merely mentions
 * {@code allocateDirect}.
 */
class SiteCountingTest {

    /** A direct call and a method reference. */
    static final class BothKinds {
        static ByteBuffer direct(int capacity) {
            return ByteBuffer.allocateDirect(capacity);
        }

        static IntFunction<ByteBuffer> reference() {
            return ByteBuffer::allocateDirect;
        }
    }

    /** Names {@code allocateDirect} (a method of its own), has no site. */
    static final class MentionsOnly {
        static final String NAME = "allocateDirect";

        static Object allocateDirect(int capacity) {
            return new byte[capacity];
        }

        static Object call() {
            return allocateDirect(1);
        }
    }

    private record Report(String className, int sites, int rewrittenBefore) {
    }

    private static byte[] rewrite(Class<?> type, AsmVisitorWrapper wrapper) {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(SiteCountingTest.class.getClassLoader());
        TypePool pool = TypePool.Default.of(locator);
        return new ByteBuddy().with(TypeValidation.DISABLED)
                .redefine(pool.describe(type.getName()).resolve(), locator)
                .visit(wrapper)
                .make(pool)
                .getBytes();
    }

    /** Whether the class file holds the name {@code allocateDirect} anywhere. */
    private static boolean mentions(Class<?> type) {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains("allocateDirect");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aClassIsReportedOnceWithAllItsSites() {
        List<Report> reports = new ArrayList<>();
        AllocationSiteRewrite references = new AllocationSiteRewrite((name, sites, before)
                -> reports.add(new Report(name, sites, before)));
        rewrite(BothKinds.class, references);
        assertEquals(List.of(new Report(BothKinds.class.getName(), 2, 0)), reports);

        reports.clear();
        List<SiteVerdict> verdicts = new ArrayList<>();
        rewrite(BothKinds.class, new ScopedSites(verdicts::add, references));
        assertEquals(1, verdicts.size(), verdicts::toString);
        assertEquals(List.of(new Report(BothKinds.class.getName(), 1, 1)), reports,
                "the scoped step's site and the method reference, in one report");
    }

    @Test
    void aClassThatOnlyMentionsAllocateDirectIsNotReported() {
        assertTrue(mentions(MentionsOnly.class), "its class file names allocateDirect");
        List<Report> reports = new ArrayList<>();
        List<SiteVerdict> verdicts = new ArrayList<>();
        AllocationSiteRewrite references = new AllocationSiteRewrite((name, sites, before)
                -> reports.add(new Report(name, sites, before)));
        rewrite(MentionsOnly.class, references);
        rewrite(MentionsOnly.class, new ScopedSites(verdicts::add, references));
        assertEquals(List.of(), reports);
        assertEquals(List.of(), verdicts);
    }
}
