package io.experienceledger.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * The JVM flags Chronicle Queue needs on Java 17+, taken from the parent pom's {@code chronicle.jvm.flags} when the
 * module is built (this source is a template filtered by Maven; change the property, not this file).
 *
 * <p>Every benchmark extends this class: JMH resolves each element of {@code @Fork} separately, nearest class
 * first, so the flags come from here as {@code jvmArgsPrepend} while a benchmark's own
 * {@code @Fork(jvmArgsAppend = ...)} adds its heap settings without repeating them. The launchers that start their
 * own JVMs ({@link Jvm}) use {@link #FLAGS}.
 */
@Fork(jvmArgsPrepend = {"${chronicle.jvm.flags.java}"})
public abstract class ChronicleJvm {
    /** The flags, one per element. */
    static final String[] FLAGS = {"${chronicle.jvm.flags.java}"};

    protected ChronicleJvm() {
    }
}
