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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class and method names as a Java programmer writes them: {@code SimNic.receiveAndTransmit(int,
 * long, TxRing)}, not {@code receiveAndTransmit(IJLio/pagepool/samples/SimNic$TxRing;)Z}. Takes
 * internal ({@code a/b/C$D}) and binary ({@code a.b.C$D}) class names alike.
 */
final class JavaNotation {
    /** An internal class name in running text: two or more {@code /}-separated parts. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("\\b(?:[A-Za-z_$][\\w$]*/)+[A-Za-z_$][\\w$]*");

    private JavaNotation() {
    }

    /** {@code a/b/C$D} or {@code a.b.C$D} as the binary name {@code a.b.C$D}, the form {@code release=} takes. */
    static String binaryName(String className) {
        return className.replace('/', '.');
    }

    /** The package of a class, {@code a.b}, or the empty string. */
    static String packageName(String className) {
        String b = binaryName(className);
        int dot = b.lastIndexOf('.');
        return dot < 0 ? "" : b.substring(0, dot);
    }

    /** The class as its source names it: {@code C.D} for the nested {@code a.b.C$D} (anonymous {@code C$1} stays). */
    static String simpleName(String className) {
        String b = binaryName(className);
        String simple = b.substring(b.lastIndexOf('.') + 1);
        return simple.replaceAll("\\$(?=[A-Za-z_])", ".");
    }

    /** A type of a descriptor, as the source writes it: {@code int}, {@code TxRing}, {@code byte[]}. */
    private static String typeName(String descriptor, int[] at) {
        int dims = 0;
        while (descriptor.charAt(at[0]) == '[') {
            dims++;
            at[0]++;
        }
        char c = descriptor.charAt(at[0]++);
        String name = switch (c) {
            case 'B' -> "byte";
            case 'C' -> "char";
            case 'D' -> "double";
            case 'F' -> "float";
            case 'I' -> "int";
            case 'J' -> "long";
            case 'S' -> "short";
            case 'Z' -> "boolean";
            case 'V' -> "void";
            case 'L' -> {
                int end = descriptor.indexOf(';', at[0]);
                String cls = descriptor.substring(at[0], end);
                at[0] = end + 1;
                String simple = cls.substring(cls.lastIndexOf('/') + 1);
                yield simple.substring(simple.lastIndexOf('$') + 1);
            }
            default -> throw new IllegalArgumentException("not a type descriptor: " + descriptor);
        };
        return name + "[]".repeat(dims);
    }

    /** The parameter types of a method descriptor {@code (IJ…)Z}: {@code [int, long, …]}. */
    static List<String> parameters(String descriptor) {
        List<String> out = new ArrayList<>();
        int[] at = {descriptor.indexOf('(') + 1};
        while (at[0] < descriptor.length() && descriptor.charAt(at[0]) != ')') {
            out.add(typeName(descriptor, at));
        }
        return out;
    }

    /**
     * {@code name(desc)} (a name followed by its JVM descriptor, as ScopeVerdict's {@code method})
     * as {@code name(int, long, TxRing)}; a text that is not of that form comes back as it is.
     */
    static String method(String nameAndDescriptor) {
        int open = nameAndDescriptor.indexOf('(');
        if (open < 0 || nameAndDescriptor.indexOf(')', open) < 0) {
            return nameAndDescriptor;
        }
        return method(nameAndDescriptor.substring(0, open), nameAndDescriptor.substring(open));
    }

    /** {@code name} and its descriptor as {@code name(int, long, TxRing)}. */
    static String method(String name, String descriptor) {
        try {
            return name + "(" + String.join(", ", parameters(descriptor)) + ")";
        } catch (RuntimeException e) { // a malformed descriptor is shown as it came
            return name + descriptor;
        }
    }

    /** The name of a method with a name-and-descriptor {@code method}: {@code receiveAndTransmit}. */
    static String methodName(String nameAndDescriptor) {
        int open = nameAndDescriptor.indexOf('(');
        return open < 0 ? nameAndDescriptor : nameAndDescriptor.substring(0, open);
    }

    /** {@code SimNic.receiveAndTransmit(int, long, TxRing)}. */
    static String site(String className, String nameAndDescriptor) {
        return simpleName(className) + "." + method(nameAndDescriptor);
    }

    /** Free text with its internal class names ({@code a/b/C$D}) written as binary names ({@code a.b.C$D}). */
    static String text(String s) {
        Matcher m = INTERNAL_NAME.matcher(s);
        StringBuilder b = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(binaryName(m.group())));
        }
        m.appendTail(b);
        return b.toString();
    }
}
