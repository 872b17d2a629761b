package io.dinplatform.core.data.shard;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.complex.ListVector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Whole columns copied between Java arrays and Arrow vectors in one bulk copy each (never a per-value getter or
 * setter), little-endian as Arrow IPC stores them. Reading checks that a buffer holds what is asked of it, so a
 * damaged file fails with {@link InvalidShardException} instead of reading past its buffers.
 */
final class ArrowBuffers {

    private ArrowBuffers() {
    }

    static void putBytes(TinyIntVector vector, byte[] values) {
        vector.allocateNew(values.length);
        vector.getDataBuffer().setBytes(0, values);
        allSet(vector, values.length);
    }

    static void putInts(IntVector vector, int[] values) {
        vector.allocateNew(values.length);
        view(vector.getDataBuffer(), (long) values.length * Integer.BYTES).asIntBuffer().put(values);
        allSet(vector, values.length);
    }

    static void putFloats(Float4Vector vector, float[] values) {
        vector.allocateNew(values.length);
        view(vector.getDataBuffer(), (long) values.length * Float.BYTES).asFloatBuffer().put(values);
        allSet(vector, values.length);
    }

    /** A list&lt;int32&gt; column from CSR offsets and values, with Arrow's own offsets buffer. */
    static void putList(ListVector list, int[] offsets, int[] values) {
        int rows = offsets.length - 1;
        list.setInitialCapacity(rows);
        list.allocateNew();
        while (list.getValueCapacity() < rows) {
            list.reAlloc();
        }
        view(list.getOffsetBuffer(), (long) offsets.length * Integer.BYTES).asIntBuffer().put(offsets);
        list.getValidityBuffer().setOne(0, validityBytes(rows));
        putInts((IntVector) list.getDataVector(), values);
        list.setLastSet(rows - 1);
        list.setValueCount(rows);
    }

    static byte[] bytes(TinyIntVector vector, int count, String column) throws InvalidShardException {
        byte[] values = new byte[count];
        require(vector.getDataBuffer(), count, column).getBytes(0, values);
        return values;
    }

    static int[] ints(ArrowBuf buffer, int count, String column) throws InvalidShardException {
        int[] values = new int[count];
        view(require(buffer, (long) count * Integer.BYTES, column), (long) count * Integer.BYTES).asIntBuffer()
                .get(values);
        return values;
    }

    static float[] floats(Float4Vector vector, int count, String column) throws InvalidShardException {
        float[] values = new float[count];
        view(require(vector.getDataBuffer(), (long) count * Float.BYTES, column), (long) count * Float.BYTES)
                .asFloatBuffer().get(values);
        return values;
    }

    /** Checks that a column holds {@code count} values and no null (its validity bits all set). */
    static void requireValues(FieldVector vector, int count, String column) throws InvalidShardException {
        if (vector.getValueCount() != count) {
            throw new InvalidShardException("column " + column + " holds " + vector.getValueCount() + " values, not "
                    + count);
        }
        require(vector.getValidityBuffer(), validityBytes(count), column + "'s validity");
        if (vector.getNullCount() != 0) {
            throw new InvalidShardException("column " + column + " holds " + vector.getNullCount() + " nulls");
        }
    }

    private static ArrowBuf require(ArrowBuf buffer, long bytes, String column) throws InvalidShardException {
        if (buffer.capacity() < bytes) {
            throw new InvalidShardException("the buffer of column " + column + " holds " + buffer.capacity()
                    + " bytes, its values need " + bytes);
        }
        return buffer;
    }

    private static ByteBuffer view(ArrowBuf buffer, long bytes) {
        if (bytes == 0) {
            return ByteBuffer.allocate(0); // an empty column may have no memory to view
        }
        return buffer.nioBuffer(0, Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Every value set (the columns have no nulls) and the count set. */
    private static void allSet(BaseFixedWidthVector vector, int count) {
        vector.getValidityBuffer().setOne(0, validityBytes(count));
        vector.setValueCount(count);
    }

    private static long validityBytes(int count) {
        return (count + 7) / 8;
    }
}
