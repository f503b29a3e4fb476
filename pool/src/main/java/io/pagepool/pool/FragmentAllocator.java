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

import java.nio.ByteBuffer;

/**
 * Fragments (the kernel's {@code page_pool_alloc_frag}): small buffers cut from a page that the
 * calling thread's cache is splitting. The page carries {@link Page#FRAGMENT_BIAS} references
 * while it is split; each fragment handed out uses one, and the unused rest is dropped when the
 * page is used up (or its cache is drained), so the last fragment released recycles the page.
 *
 * <p>Threading: any thread; the fragment state lives in the caller's own cache.
 */
final class FragmentAllocator {
    private final PoolSettings settings;
    private final CacheRegistry caches;
    private final PageAllocator allocator;

    FragmentAllocator(PoolSettings settings, CacheRegistry caches, PageAllocator allocator) {
        this.settings = settings;
        this.caches = caches;
        this.allocator = allocator;
    }

    /** See {@link PagePool#allocFragment(int)}. */
    ByteBuffer alloc(int bytes) {
        if (bytes < 1 || bytes > settings.pageSize) {
            throw new IllegalArgumentException(settings.prefix() + "fragment of " + bytes
                    + " bytes requested; allowed 1 to " + settings.pageSize);
        }
        if (bytes > settings.pageSize / 2) { // a whole page, handed out like alloc()
            Page page = allocator.takeSlowPath(settings.pageSize);
            if (page == null) {
                throw allocator.noPageException();
            }
            return page.startViewLease(page.buffer().slice(0, bytes));
        }
        if (settings.isClosed()) {
            allocator.waiveClosed(bytes);
            throw allocator.noPageException();
        }
        ThreadCache cache = caches.acquire();
        try {
            int offset = cache.fragmentRoom(bytes);
            Page page = cache.fragmentPage;
            if (offset < 0) {
                cache.finishFragmentPage();
                page = allocator.popOrRefill(cache, bytes, true); // zeroed fragment by fragment below
                if (page == null) {
                    throw allocator.noPageException();
                }
                cache.startFragmentPage(page);
                offset = 0;
            }
            cache.handOutFragment(offset, bytes);
            if (settings.zero) {
                Zeros.clear(page.segment(), offset, bytes);
            }
            return page.buffer().slice(offset, bytes);
        } finally {
            caches.release(cache);
        }
    }
}
