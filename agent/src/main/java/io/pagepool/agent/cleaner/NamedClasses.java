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
package io.pagepool.agent.cleaner;

import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;

/**
 * A transformer that hands only the named classes to ByteBuddy: every other class load costs one
 * set lookup, not a ByteBuddy type match. Threading: any class-loading thread; immutable.
 */
final class NamedClasses extends ResettableClassFileTransformer.WithDelegation {
    private final Set<String> internalNames;

    NamedClasses(ResettableClassFileTransformer delegate, Set<String> internalNames) {
        super(delegate);
        this.internalNames = Set.copyOf(internalNames);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) throws IllegalClassFormatException {
        return internalName != null && internalNames.contains(internalName)
                ? classFileTransformer.transform(loader, internalName, redefined, domain, bytes) : null;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
        return internalName != null && internalNames.contains(internalName)
                ? classFileTransformer.transform(module, loader, internalName, redefined, domain, bytes) : null;
    }
}
