package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * One embedding table as training keeps it: a (V, (1+S)·d) array in which every row holds its value in columns
 * [0, d) and the optimizer's S state vectors beside it (Adam: m and v; Adagrad: h; SGD: none), state vector s in
 * columns [(1+s)·d, (2+s)·d).
 *
 * <p>Why side by side: a sparse step's update reads and writes the value and the state of every row it touches. In
 * separate arrays that is one random access per array and row, and a table of 10^6 rows is far larger than any
 * cache, so the step would slow down with the vocabulary. Here a touched row and its state are one contiguous run of
 * memory, read and written back by one {@link #update}; the forward pass reads the same rows once more
 * ({@link #gatherValues}).
 *
 * <p>Everything outside training sees only the values: {@link #values()} and {@link #state()} are (V, d) views into
 * the array (they share its memory; writing through them writes the table). Without state ({@code S = 0}) the
 * array is the value table itself.
 */
public final class RowStateTable implements AutoCloseable {

    private final NDArray rows;
    private final NDArray values;
    private final NDArray[] state;
    private final int dimension;
    private final int slots;

    private RowStateTable(NDArray rows, int dimension) {
        this.rows = rows;
        this.dimension = dimension;
        this.slots = Math.toIntExact(rows.getShape().get(1) / dimension) - 1;
        this.values = valuesOf(rows);
        this.state = stateOf(rows);
    }

    /** A table of values alone (no optimizer state): the array itself is the value table. */
    static RowStateTable of(NDArray values) {
        return new RowStateTable(values, Math.toIntExact(values.getShape().get(1)));
    }

    /**
     * A table with the same values and room for {@code newSlots} state vectors per row, zero-filled, in the same
     * manager. This table is left as it was (the caller closes it when it is done with it).
     */
    RowStateTable withStateSlots(int newSlots) {
        if (newSlots < 0) {
            throw new IllegalArgumentException("state slots must be zero or positive, got " + newSlots);
        }
        long vocabulary = rows.getShape().get(0);
        NDArray wider = rows.getManager().zeros(new Shape(vocabulary, (1L + newSlots) * dimension),
                rows.getDataType());
        RowStateTable table = new RowStateTable(wider, dimension);
        table.values.set(new NDIndex(":"), values);
        table.values.setName(values.getName());
        return table;
    }

    /** (V, d) the values: a view into the table, or the table itself when it keeps no state. */
    public NDArray values() {
        return values;
    }

    /** S (V, d) views of the state vectors, in slot order; empty when the table keeps no state. */
    public NDArray[] state() {
        return state.clone();
    }

    /** S: the state vectors each row keeps beside its value. */
    public int stateSlots() {
        return slots;
    }

    /**
     * The values of some rows, without their state: what the forward pass reads.
     *
     * @param ids     (U) int64 row indices
     * @param manager the manager of the result
     * @return (U, d) a contiguous copy of the rows' values, in the order of {@code ids}
     */
    public NDArray gatherValues(NDArray ids, NDManager manager) {
        NDArray block = gather(ids, manager);
        return slots == 0 ? block : valuesOf(block).duplicate();
    }

    /**
     * Updates some rows, value and state together: one gather reads them into a (U, (1+S)·d) block in
     * {@code manager}, {@code update} changes the block's value and state views in place, and one scatter writes the
     * block back. The scatter finds the rows still in cache, so each row costs one trip to memory.
     *
     * @param ids (U) distinct int64 row indices (a repeated index would keep only one of its updates)
     */
    public void update(NDArray ids, NDManager manager, RowUpdate update) {
        NDArray block = gather(ids, manager);
        update.apply(valuesOf(block), stateOf(block));
        rows.set(new NDIndex("{}", ids), block);
    }

    /** An in-place change of rows' values and state. */
    @FunctionalInterface
    public interface RowUpdate {

        /**
         * @param values (U, d) the rows' values, to be written in place
         * @param state  S (U, d) the rows' state vectors in slot order, to be written in place
         */
        void apply(NDArray values, NDArray[] state);
    }

    @Override
    public void close() {
        for (NDArray view : state) {
            view.close();
        }
        if (values != rows) {
            values.close();
        }
        rows.close();
    }

    /**
     * (U, (1+S)·d) copies of whole rows, through the engine's embedding lookup (PyTorch's index_select), which
     * copies a row at a time. Advanced indexing ({@code get(NDIndex("{}", ids))}) gathers element by element
     * instead, and on a table far larger than the cache it cost several times as much, growing with the table.
     */
    private NDArray gather(NDArray ids, NDManager manager) {
        NDArray block = ids.getNDArrayInternal().embedding(ids, rows, SparseFormat.DENSE).singletonOrThrow();
        block.attach(manager);
        return block;
    }

    /** (n, d) a view of the value columns of rows laid out like this table's. */
    private NDArray valuesOf(NDArray block) {
        return columns(block, 0);
    }

    /** S (n, d) views of the state columns of rows laid out like this table's, in slot order. */
    private NDArray[] stateOf(NDArray block) {
        NDArray[] views = new NDArray[slots];
        for (int s = 0; s < slots; s++) {
            views[s] = columns(block, 1 + s);
        }
        return views;
    }

    /** The d columns of vector {@code index} (0: the value, 1 + s: state slot s); the block itself if it is all. */
    private NDArray columns(NDArray block, int index) {
        if (block.getShape().get(1) == dimension) {
            return block;
        }
        return block.get(new NDIndex().addAllDim().addSliceDim((long) index * dimension,
                (long) (index + 1) * dimension));
    }
}
