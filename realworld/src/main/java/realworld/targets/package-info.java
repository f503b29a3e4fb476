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
 * The targets of the realworld suite: echo servers written as their libraries' own examples and
 * the textbook NIO patterns are, on loopback, with a free port. Nothing here knows of pagepool: the
 * agent must work on code that never heard of it. Each main serves until its standard input ends.
 */
package realworld.targets;
