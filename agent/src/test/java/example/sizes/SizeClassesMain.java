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
package example.sizes;

import io.pagepool.PagePools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Run under the agent: allocates one direct buffer of each size given, all live at once, checks
 * the JDK's promises on each (capacity, position, limit, order, zeroed), writes a pattern of its
 * own into each and reads every pattern back (no two live buffers share memory), then prints
 * {@code SIZE n pooled=true|false} per buffer and {@code RESULT ok}, releasing them explicitly.
 * Exits 3 when a promise is broken.
 */
public final class SizeClassesMain {
    private SizeClassesMain() {
    }

    /**
     * Allocates the sizes given.
     *
     * @param args the sizes in bytes
     */
    public static void main(String[] args) {
        List<ByteBuffer> live = new ArrayList<>();
        for (String arg : args) {
            int size = Integer.parseInt(arg);
            ByteBuffer b = ByteBuffer.allocateDirect(size);
            boolean zeroed = true;
            for (int i = 0; i < size; i++) {
                zeroed &= b.get(i) == 0;
            }
            if (b.capacity() != size || b.position() != 0 || b.limit() != size || b.order() != ByteOrder.BIG_ENDIAN
                    || !b.isDirect() || !zeroed) {
                System.out.println("BROKEN " + size + ": " + b + " zeroed=" + zeroed);
                System.exit(3);
            }
            for (int i = 0; i < size; i++) {
                b.put(i, (byte) (size + i));
            }
            live.add(b);
        }
        for (ByteBuffer b : live) {
            for (int i = 0; i < b.capacity(); i++) {
                if (b.get(i) != (byte) (b.capacity() + i)) {
                    System.out.println("ALIASED " + b.capacity() + " at " + i);
                    System.exit(3);
                }
            }
        }
        for (ByteBuffer b : live) {
            System.out.println("SIZE " + b.capacity() + " pooled=" + PagePools.isPooled(b)
                    + " class=" + PagePools.pool(b.capacity()).map(p -> p.pageSize()).orElse(0));
        }
        for (ByteBuffer b : live) {
            PagePools.release(b);
        }
        System.out.println("RESULT ok");
    }
}
