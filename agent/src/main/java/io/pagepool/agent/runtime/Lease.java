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
package io.pagepool.agent.runtime;

import io.pagepool.pool.Page;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;

/**
 * A pooled buffer tracked by reachability, the way the JDK tracks its own direct buffers: the
 * buffer is a root view of the page (every slice, duplicate or typed view of it keeps it
 * reachable), so when this reference is enqueued no view of the page is reachable any more.
 *
 * <p>The lease is the page's attachment while the page is lent out; whoever removes it from
 * the page with a compare-and-set (an explicit release, or the queue's poller) releases the page,
 * so a page is released once per lease whatever races, and counts the lease ended in
 * {@link TrackedLeases}. A lease allocates two objects: this reference and its buffer (the
 * segment under the buffer, and the site credited when the page comes back, are kept with the
 * page by {@link PageViews}).
 */
final class Lease extends PhantomReference<ByteBuffer> {
    final Page page;

    Lease(ByteBuffer buffer, Page page, ReferenceQueue<ByteBuffer> queue) {
        super(buffer, queue);
        this.page = page;
    }
}
