package io.pagepool.agent.scope;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The expected verdicts of a corpus method's sites, in code order, separated by commas: either
 * {@code scoped}, or {@code kept:TEXT} where TEXT must occur in the reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Expect {
    String value();
}
