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
/**
 * The jar's entry points as the manifest names them, compiled for Java 8 (a separate compiler
 * run, {@code src/launcher/java}): they check the JVM's version first and hand over to the real
 * classes (Java 25) by reflection, or print
 * one line saying what is needed. Nothing else may live here: every class must load on Java 8.
 */
package io.pagepool.agent.boot;
