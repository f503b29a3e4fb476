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
package io.pagepool.agent.scope;

/**
 * What the rewriter decided for one {@code ByteBuffer.allocateDirect(int)} call site.
 *
 * @param className        internal name of the class, e.g. {@code com/x/Server}
 * @param methodName       name of the method holding the site
 * @param methodDescriptor descriptor of that method
 * @param siteIndex        0-based index of the site among the method's sites, in code order
 * @param line             source line of the site, or -1 when the class has no line numbers
 * @param scoped           true: the site now calls {@code allocateScoped} and its buffers are
 *                         released when they die; false: it calls {@code allocateDirect}
 *                         (released when unreachable)
 * @param reason           why, in one line: the first escape found, or why the method was not analysed
 */
public record SiteVerdict(String className, String methodName, String methodDescriptor, int siteIndex, int line,
                          boolean scoped, String reason) {
}
