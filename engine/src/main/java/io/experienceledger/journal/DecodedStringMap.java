package io.experienceledger.journal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * A string map of an entry as it was read, in its written order: an array of immutable entries, handed to the
 * model record that holds the map, which copies it (and keeps these entry objects rather than making its own).
 * Lookups compare keys one by one; it is meant for the few entries a ledger's maps hold. Read-only.
 */
final class DecodedStringMap extends AbstractMap<String, String> {
    private final Entry<String, String>[] entries;

    DecodedStringMap(Entry<String, String>[] entries) {
        this.entries = entries;
    }

    @Override
    public int size() {
        return entries.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return Arrays.asList(entries).iterator();
            }

            @Override
            public int size() {
                return entries.length;
            }
        };
    }
}
