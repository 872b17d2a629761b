package io.dinplatform.core.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Distinct strings numbered 0, 1, 2, … in the order they were added, held in one byte arena: no {@code String},
 * map entry or boxed number per value. A vocabulary of millions of ids costs a few bytes per id beyond the id's
 * characters, where a {@code HashMap<String, Integer>} costs about a hundred.
 *
 * <p>Each value is stored as Latin-1 (one byte a character) when all its characters fit, as UTF-16 (two bytes a
 * character) otherwise, as the JDK's compact strings do; the encoding is a function of the value, so equal contents
 * give equal arrays. Values are found through an open addressing table of ids, at most half full, hashed like
 * {@link String#hashCode()}: {@link #indexOf(String)} uses the string's cached hash and compares its characters
 * with the arena, and {@link #indexOf(String, int, int)} finds a range of a larger string (a history cell) without
 * cutting it out. Neither allocates. {@link #get} makes the string on demand.
 *
 * <p>Values are only ever added. Once {@link #freeze() frozen} (a {@link Vocabulary} freezes its own) the set
 * refuses new values and may be read from many threads.
 */
public final class CompactStrings {

    /** What the look-ups answer for a value that is not in the set. */
    public static final int ABSENT = -1;

    private static final int MAX_ARENA_BYTES = Integer.MAX_VALUE - 16;

    private byte[] arena;
    /** Value {@code id} occupies {@code arena[starts[id], starts[id + 1])}. */
    private int[] starts;
    /** One bit per value: set when it is stored as UTF-16. */
    private long[] wide;
    private int size;
    /** Open addressing: id + 1, or 0 for a free slot. */
    private int[] slots;
    private boolean frozen;

    /** An empty set with room for about {@code expectedValues} values of {@code expectedBytes} bytes in all. */
    public CompactStrings(int expectedValues, int expectedBytes) {
        if (expectedValues < 0 || expectedBytes < 0) {
            throw new IllegalArgumentException("expected sizes must not be negative");
        }
        arena = new byte[Math.max(expectedBytes, 16)];
        starts = new int[Math.max(expectedValues, 16) + 1];
        wide = new long[(starts.length >> 6) + 1];
        slots = new int[tableCapacity(Math.max(expectedValues, 16))];
    }

    public CompactStrings() {
        this(16, 64);
    }

    public int size() {
        return size;
    }

    /** The id of a value, or {@link #ABSENT}; null is absent. */
    public int indexOf(String value) {
        if (value == null) {
            return ABSENT;
        }
        int slot = find(value, 0, value.length(), value.hashCode());
        return slot < 0 ? ABSENT : slots[slot] - 1;
    }

    /** The id of {@code text[start, end)}, or {@link #ABSENT}. */
    public int indexOf(String text, int start, int end) {
        int slot = find(text, start, end, hash(text, start, end));
        return slot < 0 ? ABSENT : slots[slot] - 1;
    }

    /**
     * The id of {@code text[start, end)}, added first if the set does not hold it yet (then its id is the set's
     * size before the call). Only the characters are copied: no string is made.
     */
    public int intern(String text, int start, int end) {
        int hash = hash(text, start, end);
        int slot = find(text, start, end, hash);
        return slot >= 0 ? slots[slot] - 1 : append(text, start, end, -slot - 1);
    }

    /**
     * Adds a value and returns its id.
     *
     * @throws IllegalArgumentException when the set holds it already
     */
    public int add(String value) {
        int slot = find(value, 0, value.length(), value.hashCode());
        if (slot >= 0) {
            throw new IllegalArgumentException("duplicate value: " + value);
        }
        return append(value, 0, value.length(), -slot - 1);
    }

    /**
     * Adds value {@code id} of another set, copying its bytes (no string is made), and returns its id here.
     *
     * @throws IllegalArgumentException when this set holds it already
     */
    public int addCopyOf(CompactStrings other, int id) {
        int hash = other.hash(id);
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            if (sameValue(entry - 1, other, id)) {
                throw new IllegalArgumentException("duplicate value: " + other.get(id));
            }
            slot = (slot + 1) & mask;
        }
        checkWritable();
        int from = other.starts[id];
        int bytes = other.starts[id + 1] - from;
        int newId = reserve(bytes, other.isWide(id));
        System.arraycopy(other.arena, from, arena, starts[newId], bytes);
        return place(newId, slot);
    }

    /** The value of an id, made on demand. */
    public String get(int id) {
        checkId(id);
        if (!isWide(id)) {
            return new String(arena, starts[id], starts[id + 1] - starts[id], StandardCharsets.ISO_8859_1);
        }
        // Char by char rather than through a UTF-16 decoder, which would replace an unpaired surrogate.
        char[] chars = new char[length(id)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = charAt(id, i);
        }
        return new String(chars);
    }

    /** The arena bytes value {@code id} takes: its length in Latin-1, twice that in UTF-16. */
    public int bytesOf(int id) {
        checkId(id);
        return starts[id + 1] - starts[id];
    }

    /** Compares two values as {@link String#compareTo} compares them, without making them. */
    public int compare(int id, int otherId) {
        checkId(id);
        checkId(otherId);
        int length = length(id);
        int otherLength = length(otherId);
        for (int i = 0, n = Math.min(length, otherLength); i < n; i++) {
            int difference = charAt(id, i) - charAt(otherId, i);
            if (difference != 0) {
                return difference;
            }
        }
        return length - otherLength;
    }

    /** Refuses further values and gives back the room reserved for them. Idempotent. */
    public void freeze() {
        if (frozen) {
            return;
        }
        arena = Arrays.copyOf(arena, starts[size]);
        starts = Arrays.copyOf(starts, size + 1);
        wide = Arrays.copyOf(wide, (size >> 6) + 1);
        frozen = true;
    }

    /** The bytes held, arrays included: what the set costs in memory, give or take the object headers. */
    public long bytesHeld() {
        return (long) arena.length + 4L * starts.length + 8L * wide.length + 4L * slots.length;
    }

    /** Equal when both hold the same values with the same ids. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CompactStrings other
                && size == other.size
                && Arrays.equals(starts, 0, size + 1, other.starts, 0, size + 1)
                && Arrays.equals(arena, 0, starts[size], other.arena, 0, starts[size])
                && Arrays.equals(wide, 0, (size >> 6) + 1, other.wide, 0, (size >> 6) + 1);
    }

    /** The hash code of the list of the values, as {@link List#hashCode()} gives it. */
    @Override
    public int hashCode() {
        int h = 1;
        for (int id = 0; id < size; id++) {
            h = 31 * h + hash(id);
        }
        return h;
    }

    @Override
    public String toString() {
        return "CompactStrings[" + size + " values, " + starts[size] + " bytes]";
    }

    /**
     * The slot holding {@code text[start, end)}, or {@code -(free slot) - 1}, the slot where it would go.
     */
    private int find(String text, int start, int end, int hash) {
        int mask = slots.length - 1;
        int slot = spread(hash) & mask;
        for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
            if (matches(entry - 1, text, start, end)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -slot - 1;
    }

    private int append(String text, int start, int end, int slot) {
        checkWritable();
        int length = end - start;
        boolean isWide = false;
        for (int i = start; i < end && !isWide; i++) {
            isWide = text.charAt(i) > 0xFF;
        }
        int id = reserve(isWide ? 2 * length : length, isWide);
        int at = starts[id];
        if (isWide) {
            for (int i = start; i < end; i++, at += 2) {
                char c = text.charAt(i);
                arena[at] = (byte) (c >>> 8);
                arena[at + 1] = (byte) c;
            }
        } else {
            for (int i = start; i < end; i++) {
                arena[at++] = (byte) text.charAt(i);
            }
        }
        return place(id, slot);
    }

    /** Makes room for the next value's bytes and records where it ends; returns its id. */
    private int reserve(int bytes, boolean isWide) {
        int id = size;
        int from = starts[id];
        if ((long) from + bytes > MAX_ARENA_BYTES) {
            throw new IllegalStateException("the values exceed " + MAX_ARENA_BYTES + " bytes");
        }
        if (from + bytes > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(MAX_ARENA_BYTES, Math.max(2L * arena.length, from + bytes)));
        }
        if (id + 2 > starts.length) {
            starts = Arrays.copyOf(starts, 2 * starts.length);
            wide = Arrays.copyOf(wide, (starts.length >> 6) + 1);
        }
        starts[id + 1] = from + bytes;
        if (isWide) {
            wide[id >> 6] |= 1L << id;
        }
        return id;
    }

    /** Puts a reserved id into its free slot, growing the table when it would be more than half full. */
    private int place(int id, int slot) {
        slots[slot] = id + 1;
        size = id + 1;
        if (2 * size > slots.length) {
            rehash(2 * slots.length);
        }
        return id;
    }

    private void rehash(int capacity) {
        int[] table = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int slot = spread(hash(id)) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = id + 1;
        }
        slots = table;
    }

    private boolean matches(int id, String text, int start, int end) {
        int length = end - start;
        if (length(id) != length) {
            return false;
        }
        int at = starts[id];
        if (isWide(id)) {
            for (int i = start; i < end; i++, at += 2) {
                if (text.charAt(i) != (char) ((arena[at] & 0xFF) << 8 | arena[at + 1] & 0xFF)) {
                    return false;
                }
            }
        } else {
            for (int i = start; i < end; i++, at++) {
                if (text.charAt(i) != (char) (arena[at] & 0xFF)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Same value: with the encoding a function of the value, the same bytes in the same encoding. */
    private boolean sameValue(int id, CompactStrings other, int otherId) {
        return isWide(id) == other.isWide(otherId)
                && Arrays.equals(arena, starts[id], starts[id + 1],
                other.arena, other.starts[otherId], other.starts[otherId + 1]);
    }

    private int length(int id) {
        int bytes = starts[id + 1] - starts[id];
        return isWide(id) ? bytes >> 1 : bytes;
    }

    private char charAt(int id, int index) {
        if (isWide(id)) {
            int at = starts[id] + 2 * index;
            return (char) ((arena[at] & 0xFF) << 8 | arena[at + 1] & 0xFF);
        }
        return (char) (arena[starts[id] + index] & 0xFF);
    }

    private boolean isWide(int id) {
        return (wide[id >> 6] & 1L << id) != 0;
    }

    /** {@link String#hashCode()} of a stored value. */
    private int hash(int id) {
        int h = 0;
        for (int i = 0, n = length(id); i < n; i++) {
            h = 31 * h + charAt(id, i);
        }
        return h;
    }

    /** {@link String#hashCode()} of {@code text[start, end)}. */
    private static int hash(String text, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        return h;
    }

    /** Fibonacci hashing: spreads String-style hashes of short ids ("17", "18") over the table. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /** The smallest power of two that keeps {@code values} at most half the table. */
    private static int tableCapacity(int values) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, 2 * values - 1)) << 1);
    }

    private void checkWritable() {
        if (frozen) {
            throw new IllegalStateException("the values are frozen");
        }
    }

    private void checkId(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("id " + id + " of " + size + " values");
        }
    }
}
