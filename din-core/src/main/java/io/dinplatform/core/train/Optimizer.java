package io.dinplatform.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD, Adagrad or Adam with a dense and a row-sparse update, and the state they keep (moments per parameter, the
 * step count). DJL's own optimizers update whole arrays and fail on the PyTorch engine for sparse gradients, hence
 * this one.
 *
 * <p>The dense update serves the model's layers (and whole embedding tables under the L2 baseline). The row-sparse
 * update applies the same {@link UpdateRule} to the touched rows of a table alone, so its cost is proportional to
 * the rows touched. An embedding table's state lives in the table, beside each row's value
 * ({@link #keepStateIn}): the caller gathers a row's value and state with one read and writes both back with one
 * write. Other state arrays are created on first use, zero-filled, in the optimizer's long-lived manager.
 */
public final class Optimizer implements AutoCloseable {

    private static final int FORMAT_MAGIC = 0x44494E4F; // "DINO"
    private static final int FORMAT_VERSION = 1;

    private final OptimizerConfig config;
    private final UpdateRule rule;
    private final NDManager stateManager;
    private final Map<String, NDArray[]> state = new LinkedHashMap<>();
    private long steps;
    private float learningRate;

    /** @param parent the manager on whose device the state lives; the optimizer owns a sub-manager of it */
    public Optimizer(OptimizerConfig config, NDManager parent) {
        this.config = config;
        this.rule = UpdateRule.of(config);
        this.stateManager = parent.newSubManager();
        this.learningRate = config.learningRate();
    }

    public OptimizerConfig config() {
        return config;
    }

    /** Steps begun so far. */
    public long steps() {
        return steps;
    }

    /** S: the state arrays the update rule keeps per parameter (Adam 2, Adagrad 1, SGD 0). */
    public int stateSlots() {
        return rule.stateSlots();
    }

    /**
     * Uses the given arrays as the state of a parameter instead of creating its own: an embedding table keeps its
     * state beside its rows ({@code EmbeddingTables.reserveRowState}). They are read and written in place, and
     * saved and restored with the rest of the state.
     *
     * @param name  the parameter's stable name
     * @param slots {@link #stateSlots()} zero-filled arrays of the parameter's shape, owned by the caller
     */
    public void keepStateIn(String name, NDArray[] slots) {
        if (slots.length != rule.stateSlots()) {
            throw new IllegalArgumentException(config.type() + " keeps " + rule.stateSlots()
                    + " state arrays per parameter, got " + slots.length + " for " + name);
        }
        state.put(name, slots.clone());
    }

    /** Starts the next step: advances t and returns its learning rate η_t. */
    public float beginStep() {
        steps++;
        learningRate = config.schedule().learningRate(config.learningRate(), steps);
        return learningRate;
    }

    /** The learning rate of the current step. */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Updates a whole array in place: {@code value ← value − Δ(gradient)}.
     *
     * @param name     the parameter's stable name (it keys the optimizer state)
     * @param value    the array; it must not be recording gradients while it is written
     * @param gradient its gradient, in the per-batch manager
     * @param batch    the per-batch manager, which holds every intermediate result
     */
    public void updateDense(String name, NDArray value, NDArray gradient, NDManager batch) {
        NDArray[] slots = slotsFor(name, value);
        // The state is long-lived; while the step computes with it, results must land in the batch's manager.
        batch.tempAttachAll(slots);
        value.subi(rule.step(gradient, slots, steps, learningRate));
    }

    /**
     * Updates rows gathered from a table, values and state, in place: the caller read them from the table and
     * writes them back ({@code RowStateTable.update}). Every array is in the per-batch manager.
     *
     * @param values   (U, d) the rows' values
     * @param state    {@link #stateSlots()} (U, d) arrays, the rows' state
     * @param gradient (U, d) their gradient, regularization included
     */
    public void updateRows(NDArray values, NDArray[] state, NDArray gradient) {
        values.subi(rule.step(gradient, state, steps, learningRate));
    }

    /** Writes the step count and every state array by name (bit-exact on reading back). */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT_MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeUTF(config.type().name());
        out.writeLong(steps);
        out.writeInt(state.size());
        for (Map.Entry<String, NDArray[]> entry : state.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            for (NDArray slot : entry.getValue()) {
                byte[] encoded = slot.encode();
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
    }

    /**
     * Replaces the step count and all state with a saved one of the same optimizer type. Existing state arrays are
     * overwritten in place (those kept in the embedding tables must stay where they are); state this optimizer
     * keeps but the saved one lacks is zeroed.
     */
    public void readFrom(DataInputStream in) throws IOException {
        if (in.readInt() != FORMAT_MAGIC) {
            throw new IOException("not an optimizer state (bad magic number)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported optimizer state version " + version);
        }
        String type = in.readUTF();
        if (!type.equals(config.type().name())) {
            throw new IOException("the saved optimizer state is " + type + ", this run uses " + config.type());
        }
        long savedSteps = in.readLong();
        try (NDManager scratch = stateManager.newSubManager()) {
            Map<String, NDArray[]> saved = readState(in, scratch);
            saved.forEach(this::checkFits);
            state.forEach((name, slots) -> {
                if (!saved.containsKey(name)) {
                    fill(slots, null);
                }
            });
            saved.forEach((name, slots) -> fill(state.computeIfAbsent(name, n -> zerosLike(slots)), slots));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        steps = savedSteps;
        learningRate = steps == 0 ? config.learningRate() : config.schedule().learningRate(config.learningRate(), steps);
    }

    private static Map<String, NDArray[]> readState(DataInputStream in, NDManager manager) throws IOException {
        int entries = in.readInt();
        Map<String, NDArray[]> saved = new LinkedHashMap<>();
        for (int e = 0; e < entries; e++) {
            String name = in.readUTF();
            NDArray[] slots = new NDArray[in.readInt()];
            for (int s = 0; s < slots.length; s++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                slots[s] = NDArray.decode(manager, encoded);
            }
            saved.put(name, slots);
        }
        return saved;
    }

    /** Saved state must match the arrays this optimizer already keeps for the parameter, if any. */
    private void checkFits(String name, NDArray[] saved) {
        NDArray[] slots = state.get(name);
        boolean fits = slots == null || slots.length == saved.length;
        for (int s = 0; fits && slots != null && s < slots.length; s++) {
            fits = slots[s].getShape().equals(saved[s].getShape())
                    && slots[s].getDataType() == saved[s].getDataType();
        }
        if (!fits) {
            throw new IllegalArgumentException("the saved optimizer state of " + name
                    + " does not fit this run's parameter");
        }
    }

    private NDArray[] zerosLike(NDArray[] arrays) {
        NDArray[] zeros = new NDArray[arrays.length];
        for (int s = 0; s < arrays.length; s++) {
            zeros[s] = stateManager.zeros(arrays[s].getShape(), arrays[s].getDataType());
        }
        return zeros;
    }

    /**
     * Copies {@code values} into {@code slots} in place, or zeroes them when values is null: arrays kept in the
     * embedding tables must stay where they are.
     */
    private static void fill(NDArray[] slots, NDArray[] values) {
        for (int s = 0; s < slots.length; s++) {
            if (values == null) {
                slots[s].set(new NDIndex(":"), 0f);
            } else {
                slots[s].set(new NDIndex(":"), values[s]);
            }
        }
    }

    /** The state arrays kept for a parameter (for tests and diagnostics); null before its first update. */
    NDArray[] stateOf(String name) {
        return state.get(name);
    }

    @Override
    public void close() {
        stateManager.close();
    }

    private NDArray[] slotsFor(String name, NDArray like) {
        return state.computeIfAbsent(name, n -> {
            NDArray[] slots = new NDArray[rule.stateSlots()];
            for (int s = 0; s < slots.length; s++) {
                slots[s] = stateManager.zeros(like.getShape(), like.getDataType());
            }
            return slots;
        });
    }
}
