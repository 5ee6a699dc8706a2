package io.experienceledger.index.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Releases file mappings as soon as the index is done with them, so that a merged-away segment stops holding
 * disk space and address space without waiting for a garbage collection.
 *
 * <p>Uses {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}, open to reflection without
 * JVM flags); where it is missing the mapping is left to the garbage collector. Unmapping a buffer that is
 * still read crashes the JVM, which is why {@link SideIndex} only unmaps under its write contract and its
 * cursors check the index version before every read.
 */
final class MappedBuffers {
    private static final MethodHandle INVOKE_CLEANER = findCleaner();

    private MappedBuffers() {
    }

    /** Unmaps {@code buffer} now where the JVM allows it; never throws. */
    static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null || buffer == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (Throwable ignored) {
            // The garbage collector releases the mapping instead.
        }
    }

    private static MethodHandle findCleaner() {
        try {
            final Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            final Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            final MethodHandle cleaner = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                MethodType.methodType(void.class, ByteBuffer.class));
            return cleaner.bindTo(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
