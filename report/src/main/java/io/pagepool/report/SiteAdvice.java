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
package io.pagepool.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call site's verdict in plain words and what to do about it, read from the reason the agent's
 * scoped-release analysis wrote (its phrases: "scoped: …", "passed to a/b/C.m at line N",
 * "… (there: stored to field …)", "stored to field …", "returned at line N", "not analysed: …").
 *
 * <p>Where the buffer is passed to another class's method, the analysis did not look inside it,
 * and a {@code release=} entry naming that method is suggested for the case that its life ends
 * there. Where the buffer is passed to one of the class's own methods that the analysis saw keep it
 * (store it to a field, queue it, hand it on), no entry is suggested: a release there would hand
 * the page to another holder while this one still uses it, and the warning says so.
 *
 * @param plain     the reason in plain words, class names in Java notation
 * @param verdict   "scoped" (released where it dies), "unreachable" (released when unreachable, or
 *                  by release=/the API), or "unknown" (no verdict in the recording)
 * @param release   the {@code release=} entry to add ({@code pkg.Class$Inner#method}), or null
 * @param action    what to do, in words, or null when nothing is to be done
 * @param warning   a plain warning against a release that would be unsound, or null
 */
record SiteAdvice(String plain, String verdict, String release, String action, String warning) {
    private static final Pattern CALL = Pattern.compile(
            "^(passed to|called) (\\S+)\\.([^.\\s]+?)( \\(interface call\\))?( at line (\\d+))?( \\(there: (.*)\\))?$");

    /** The advice for a site with this verdict ({@code scoped} null: no ScopeVerdict) and reason. */
    static SiteAdvice of(Boolean scoped, String reason) {
        if (scoped == null || reason == null) {
            return new SiteAdvice("no scope verdict in this recording (the class was rewritten before the"
                    + " recording started, or scope=off)", "unknown", null, null, null);
        }
        if (scoped) {
            return new SiteAdvice("released where it dies: the buffer does not escape the method", "scoped",
                    null, null, null);
        }
        String r = reason.strip();
        if (r.startsWith("not analysed: ")) {
            return unreachable("not analysed (" + JavaNotation.text(r.substring("not analysed: ".length()))
                    + "), so released when unreachable", null);
        }
        Matcher m = CALL.matcher(r);
        if (m.matches()) {
            return call(m);
        }
        String text = JavaNotation.text(r);
        if (r.startsWith("stored to ") || r.startsWith("captured by ") || r.startsWith("returned")
                || r.startsWith("used as a monitor")) {
            return unreachable(phrase(text) + ": it outlives the method", "release it where its holder is done"
                    + " with it: name that method in release=, or call PagePools.release(buffer) there");
        }
        if (r.startsWith("the previous buffer is still")) {
            return unreachable(text, "end the previous buffer's use before the site runs again (a local of"
                    + " its own, or null it), so that each buffer dies where it is allocated");
        }
        return unreachable(text, null);
    }

    private static SiteAdvice unreachable(String plain, String action) {
        return new SiteAdvice(plain, "unreachable", null, action, null);
    }

    /** "stored to field a.B.f at line 3" as "stored to field a.B.f (line 3)", and the analysis' other phrases. */
    private static String phrase(String text) {
        String s = text.replaceFirst(" at line (\\d+)", " (line $1)");
        s = s.replaceFirst("^captured by invokedynamic (\\S+)", "captured by a lambda or method reference ($1)");
        s = s.replaceFirst("^used as a monitor", "used as a lock (synchronized)");
        return s.replaceFirst("^returned", "returned to the caller");
    }

    private static SiteAdvice call(Matcher m) {
        boolean receiver = m.group(1).equals("called");
        String owner = JavaNotation.binaryName(m.group(2));
        String method = m.group(3);
        boolean viaInterface = m.group(4) != null;
        String line = m.group(6) == null ? "" : " (line " + m.group(6) + ")";
        String inside = m.group(8);
        String target = JavaNotation.simpleName(owner) + "." + method;
        if (receiver) {
            return unreachable("a method that may keep it is called on the buffer: " + target + line, null);
        }
        if (jdk(owner)) {
            return unreachable("passed to the JDK's " + target + line + (viaInterface
                    ? " through an interface, whose implementation may keep it" : ", which may keep it"),
                    "call PagePools.release(buffer) where your code is done with it (release= cannot name a JDK"
                            + " method: the JDK is never rewritten)");
        }
        if (method.startsWith("<")) {
            return unreachable("passed to a constructor of " + JavaNotation.simpleName(owner) + line
                    + ", whose object may keep it", "release it where that object is done with it (that method in"
                    + " release=, or PagePools.release(buffer))");
        }
        if (viaInterface) {
            return unreachable("passed to " + target + line + " through an interface: any implementation may keep it",
                    "if one implementation's method is where the buffer's life ends, name it in release="
                            + " (release=pkg.Impl#" + method + ")");
        }
        if (inside != null && !inside.equals("could not be summarised") && !inside.equals("unknown argument")) {
            String kept = phrase(JavaNotation.text(inside));
            return new SiteAdvice("passed to " + target + line + ", which keeps it: " + kept, "unreachable", null,
                    "release it where the last holder is done with it (that method in release=, or"
                            + " PagePools.release(buffer))",
                    "do not add release=" + owner + "#" + method + ": the analysis sees " + method + " keep the"
                            + " buffer (" + kept + "), so a release when it returns would hand the page to another"
                            + " holder while this one still uses it");
        }
        String release = owner + "#" + method;
        return new SiteAdvice("passed to " + target + line + (inside == null
                ? ", a method the analysis does not look into (another class's, or one a subclass may override)"
                : ", which the analysis could not follow (" + inside + ")"), "unreachable", release,
                "if " + method + " is where the buffer's life ends (it neither stores nor queues it), add release="
                        + release + ": a release while a holder still uses the buffer would give its page to the"
                        + " next allocation", null);
    }

    private static boolean jdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    /**
     * The agent option line with {@code entries} ({@code ;}-separated), quoted for a shell when an
     * entry names a nested class (a shell would drop {@code $Inner} otherwise).
     */
    static String optionLine(String entries) {
        String line = "-javaagent:pagepool-agent.jar=release=" + entries;
        return entries.contains("$") || entries.contains(";") ? "'" + line + "'" : line;
    }
}
