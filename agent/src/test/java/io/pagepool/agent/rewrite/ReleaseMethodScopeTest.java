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
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code release=} method that itself holds an {@code allocateDirect} site keeps the site's
 * scoped verdict: the release advice and the scoped rewriting compose in one class.
 */
class ReleaseMethodScopeTest {

    /** {@code completed} is named in release= and allocates a scratch buffer of its own. */
    static final class TxRing {
        static long completed(ByteBuffer sent) {
            ByteBuffer scratch = ByteBuffer.allocateDirect(64);
            scratch.putLong(0, sent.remaining());
            return scratch.getLong(0);
        }
    }

    @Test
    void aReleaseMethodsOwnSiteStaysScoped() throws ReflectiveOperationException {
        List<SiteVerdict> verdicts = new ArrayList<>();
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(ReleaseMethodScopeTest.class.getClassLoader());
        TypePool pool = TypePool.Default.of(locator);
        DynamicType.Builder<?> builder = new ByteBuddy().with(TypeValidation.DISABLED)
                .redefine(pool.describe(TxRing.class.getName()).resolve(), locator);
        builder = Rewriter.releaseAndRewrite(builder, new ScopedSites(verdicts::add,
                new AllocationSiteRewrite((name, sites, before) -> { })), List.of("completed"));
        byte[] rewritten = builder.make(pool).getBytes();
        assertEquals(1, verdicts.size(), verdicts::toString);
        assertTrue(verdicts.getFirst().scoped(), verdicts.getFirst()::toString);

        String text = new String(rewritten, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("allocateScoped") && text.contains("releaseScoped"), "the scoped rewrite");
        assertTrue(text.contains("releaseArgument"), "the release advice");
        assertEquals(10L, run(rewritten), "verifies and runs (no agent: the JDK serves, releases are no-ops)");
    }

    /** Loads the rewritten class in a loader of its own and calls {@code completed} with 10 bytes remaining. */
    private static Object run(byte[] classFile) throws ReflectiveOperationException {
        String name = TxRing.class.getName();
        ClassLoader loader = new ClassLoader("rewritten", ReleaseMethodScopeTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
                return className.equals(name) ? defineClass(name, classFile, 0, classFile.length)
                        : super.loadClass(className, resolve);
            }
        };
        Method completed = loader.loadClass(name).getDeclaredMethod("completed", ByteBuffer.class);
        completed.setAccessible(true);
        return completed.invoke(null, ByteBuffer.allocate(10));
    }
}
