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
 * update gathers only the touched rows of a table and of its state, applies the same {@link UpdateRule} and writes
 * them back in place with {@code set(NDIndex("{}", ids), rows)}, so its cost is proportional to the rows touched.
 * State arrays are created on first use, zero-filled, in the optimizer's long-lived manager.
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
     * Updates only the given rows of a table, and only those rows of its state.
     *
     * @param name     the table's stable name
     * @param table    the (V, d) table, written in place
     * @param ids      (U) distinct row indices
     * @param rows     (U, d) the rows' current values
     * @param gradient (U, d) their gradient, regularization included
     * @param batch    the per-batch manager
     */
    public void updateRows(String name, NDArray table, NDArray ids, NDArray rows, NDArray gradient, NDManager batch) {
        if (ids.getShape().get(0) == 0) {
            return;
        }
        NDIndex where = new NDIndex("{}", ids);
        NDArray[] slots = slotsFor(name, table);
        NDArray[] touchedSlots = new NDArray[slots.length];
        for (int s = 0; s < slots.length; s++) {
            touchedSlots[s] = slots[s].get(batch, where);
        }
        NDArray step = rule.step(gradient, touchedSlots, steps, learningRate);
        table.set(where, rows.sub(step));
        for (int s = 0; s < slots.length; s++) {
            slots[s].set(where, touchedSlots[s]);
        }
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

    /** Replaces the step count and all state with a saved one of the same optimizer type. */
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
        int entries = in.readInt();
        Map<String, NDArray[]> loaded = new LinkedHashMap<>();
        for (int e = 0; e < entries; e++) {
            String name = in.readUTF();
            NDArray[] slots = new NDArray[in.readInt()];
            for (int s = 0; s < slots.length; s++) {
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                slots[s] = NDArray.decode(stateManager, encoded);
            }
            loaded.put(name, slots);
        }
        state.values().forEach(slots -> {
            for (NDArray slot : slots) {
                slot.close();
            }
        });
        state.clear();
        state.putAll(loaded);
        steps = savedSteps;
        learningRate = steps == 0 ? config.learningRate() : config.schedule().learningRate(config.learningRate(), steps);
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
