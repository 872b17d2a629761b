package io.dinplatform.core.embedding;

import io.dinplatform.core.data.Vocabulary;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The distinct ids a mini-batch uses from one table, in first-seen order with the padding id always first, and the
 * position of each id in that list (the "inverse index" of a unique operation).
 *
 * <p>Computed on the Java side over the batch's ids, so the work per step is linear in the batch and independent of
 * the vocabulary: a table-sized position map is allocated once, and only the entries a batch set are cleared.
 */
final class UniqueIds {

    private final int[] positionOf;
    private final ByteBuffer ids;
    private int count;

    /**
     * @param vocabularySize the table's rows
     * @param capacity       the most ids one batch can hold (padding included)
     */
    UniqueIds(int vocabularySize, int capacity) {
        this.positionOf = new int[vocabularySize];
        Arrays.fill(positionOf, -1);
        this.ids = ByteBuffer.allocateDirect(capacity * Long.BYTES).order(ByteOrder.nativeOrder());
    }

    /** Forgets the previous batch; the padding id takes position 0. */
    void reset() {
        for (int i = 0; i < count; i++) {
            positionOf[(int) ids.getLong(i * Long.BYTES)] = -1;
        }
        count = 0;
        positionOf(Vocabulary.PADDING);
    }

    /** The id's position in the unique list, adding it when it is new. */
    int positionOf(long id) {
        if (id < 0 || id >= positionOf.length) {
            throw new IllegalArgumentException("index " + id + " is outside the embedding table of "
                    + positionOf.length + " rows");
        }
        int position = positionOf[(int) id];
        if (position < 0) {
            position = count++;
            positionOf[(int) id] = position;
            ids.putLong(position * Long.BYTES, id);
        }
        return position;
    }

    /** The number of distinct ids, padding included. */
    int count() {
        return count;
    }

    long id(int position) {
        return ids.getLong(position * Long.BYTES);
    }

    /** The ids, padding first (a view of the first {@link #count()} longs). */
    ByteBuffer all() {
        return ids.duplicate().clear().limit(count * Long.BYTES);
    }

    /** The ids after the padding id (a view that starts at the second entry). */
    ByteBuffer withoutPadding() {
        return ids.duplicate().position(Long.BYTES).limit(count * Long.BYTES).slice();
    }
}
