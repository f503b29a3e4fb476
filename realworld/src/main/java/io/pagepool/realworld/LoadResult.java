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

/**
 * What a load run saw, summed over its threads.
 *
 * @param sent messages sent
 * @param received intact echoes of an outstanding message
 * @param lost messages whose echo did not come within the timeout (UDP) or at all (TCP)
 * @param late intact echoes of a message already counted lost or already echoed (UDP)
 * @param corrupt echoes with a bad length, checksum, pattern or sequence number
 * @param seconds wall time of the run, from the first send to the last receive
 */
public record LoadResult(long sent, long received, long lost, long late, long corrupt, double seconds) {
    /** Intact echoes per second. */
    public double echoesPerSecond() {
        return seconds > 0 ? received / seconds : 0;
    }

    LoadResult plus(LoadResult o) {
        return new LoadResult(sent + o.sent, received + o.received, lost + o.lost, late + o.late,
                corrupt + o.corrupt, Math.max(seconds, o.seconds));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "sent=%d received=%d lost=%d late=%d corrupt=%d seconds=%.2f"
                + " echoesPerSecond=%.0f", sent, received, lost, late, corrupt, seconds, echoesPerSecond());
    }
}
