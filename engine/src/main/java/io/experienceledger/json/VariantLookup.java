package io.experienceledger.json;

import java.util.Collection;
import java.util.Map;

/**
 * Finds what to write for a value of an enum's Java type: by its constant when it is a Java enum constant, otherwise
 * by its class. Built once per codec; each lookup is a {@link ClassValue} read (and an array index for a constant),
 * with no hashing of the value, since every written envelope goes through several of them.
 *
 * @param <V> what is found: the variant to write
 */
final class VariantLookup<V> {
    private final Map<Object, V> keys;
    private final ClassValue<Object> byClass;

    /** A lookup of {@code byKey}, whose keys are enum constants or classes. */
    VariantLookup(Map<Object, V> byKey) {
        this.keys = Map.copyOf(byKey);
        this.byClass = new ClassValue<>() {
            @Override
            protected Object computeValue(Class<?> type) {
                if (!type.isEnum()) {
                    return keys.get(type);
                }
                final Object[] constants = type.getEnumConstants();
                final Object[] byOrdinal = new Object[constants.length];
                for (int i = 0; i < constants.length; i++) {
                    byOrdinal[i] = keys.get(constants[i]);
                }
                return byOrdinal;
            }
        };
    }

    /** Everything this lookup can find. */
    Collection<V> values() {
        return keys.values();
    }

    /** What {@code value} is written as, or null when it is no known variant. */
    @SuppressWarnings("unchecked")
    V of(Object value) {
        if (value instanceof Enum<?> constant) {
            final Object[] byOrdinal = (Object[]) byClass.get(constant.getDeclaringClass());
            return (V) byOrdinal[constant.ordinal()];
        }
        return (V) byClass.get(value.getClass());
    }
}
