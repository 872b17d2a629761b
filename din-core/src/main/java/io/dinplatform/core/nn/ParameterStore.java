package io.dinplatform.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The dense arrays of a model, by name: trainable <em>parameters</em> (weights, biases, Dice's α) and non-trainable
 * <em>state</em> (Dice's running mean and variance). They live in one long-lived {@link NDManager} that the store
 * owns, in registration order, so that optimizers, checkpoints and bundles can address every array by its name.
 *
 * <p>Initialisation follows the official DIN code (TensorFlow's {@code tf.layers.dense} defaults): Glorot/Xavier
 * uniform weights, zero biases, and Dice/PReLU α = 0. Every array draws from its own {@link SplittableRandom}
 * seeded by the store's seed and the array's name, so a model is reproducible from its seed alone, independent of
 * DJL's global random generator and of the order in which layers happen to be built.
 *
 * <p>Layers must keep per-batch results out of this manager: an op's result belongs to the manager of its first
 * operand, so they write {@code input.matMul(weight)}, never {@code weight.matMul(input)}.
 */
public final class ParameterStore implements AutoCloseable {

    private static final int FORMAT_MAGIC = 0x44494E50; // "DINP"
    private static final int FORMAT_VERSION = 1;

    private final NDManager manager;
    private final NDManager ownedParent;
    private final DataType dataType;
    private final long seed;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> state = new LinkedHashMap<>();

    /**
     * @param parent   the manager whose device the arrays live on; the store opens (and closes) its own sub-manager
     * @param dataType FLOAT32 for models, FLOAT64 for numerical gradient checks
     * @param seed     the initialisation seed
     */
    public ParameterStore(NDManager parent, DataType dataType, long seed) {
        this(parent, null, dataType, seed);
    }

    private ParameterStore(NDManager parent, NDManager ownedParent, DataType dataType, long seed) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("parameters are FLOAT32 (models) or FLOAT64 (gradient checks), not "
                    + dataType);
        }
        this.manager = parent.newSubManager();
        this.ownedParent = ownedParent;
        this.dataType = dataType;
        this.seed = seed;
    }

    /** A float32 store with its own base manager on the device (closed with the store). */
    public static ParameterStore onDevice(Device device, long seed) {
        NDManager base = NDManager.newBaseManager(device);
        return new ParameterStore(base, base, DataType.FLOAT32, seed);
    }

    /** A trainable (fanIn, fanOut) weight from U(−a, a), a = sqrt(6 / (fanIn + fanOut)): Glorot uniform. */
    public NDArray glorotUniform(String name, long fanIn, long fanOut) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        SplittableRandom random = randomFor(name);
        double[] values = new double[Math.toIntExact(fanIn * fanOut)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-limit, limit);
        }
        return register(parameters, name, create(values, new Shape(fanIn, fanOut)));
    }

    /** A trainable array filled with one value (zero for biases and for Dice's α). */
    public NDArray constant(String name, Shape shape, double value) {
        return register(parameters, name, filled(shape, value));
    }

    /** A non-trainable array filled with one value (running statistics). */
    public NDArray stateConstant(String name, Shape shape, double value) {
        return register(state, name, filled(shape, value));
    }

    /** Trainable parameters in registration order (read-only view; the arrays themselves are live). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /** Non-trainable state in registration order (read-only view; the arrays themselves are live). */
    public Map<String, NDArray> state() {
        return Collections.unmodifiableMap(state);
    }

    public NDArray parameter(String name) {
        return lookup(parameters, name, "parameter");
    }

    public NDArray stateArray(String name) {
        return lookup(state, name, "state array");
    }

    /** Makes every parameter a leaf that collects gradients in backward passes. */
    public void attachGradients() {
        parameters.values().forEach(p -> p.setRequiresGradient(true));
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(NDArray::size).sum();
    }

    public NDManager manager() {
        return manager;
    }

    public DataType dataType() {
        return dataType;
    }

    public Device device() {
        return manager.getDevice();
    }

    public long seed() {
        return seed;
    }

    /**
     * Writes every parameter and state array, by name, in DJL's own array encoding: the bytes are the raw values,
     * so reading them back reproduces the model bit for bit.
     */
    public void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(FORMAT_MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(parameters.size() + state.size());
        writeAll(data, parameters, 'P');
        writeAll(data, state, 'S');
        data.flush();
    }

    /**
     * Copies saved values into this store's arrays. The saved arrays must match this store exactly: the same names,
     * kinds, shapes and data types (a model is rebuilt from its configuration first, then its values are loaded).
     */
    public void readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != FORMAT_MAGIC) {
            throw new IOException("not a parameter file (bad magic number)");
        }
        int version = data.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported parameter file version " + version);
        }
        int count = data.readInt();
        if (count != parameters.size() + state.size()) {
            throw new IOException("parameter file holds " + count + " arrays, the model has "
                    + (parameters.size() + state.size()));
        }
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < count; i++) {
                char kind = data.readChar();
                String name = data.readUTF();
                byte[] encoded = new byte[data.readInt()];
                data.readFully(encoded);
                NDArray target = kind == 'P' ? parameters.get(name) : state.get(name);
                if (target == null) {
                    throw new IOException("parameter file holds " + describe(kind) + " '" + name
                            + "' that this model does not have");
                }
                copyInto(target, NDArray.decode(scratch, encoded), name);
            }
        }
    }

    /** Copies every value of another store with the same layout into this one (e.g. the best checkpoint so far). */
    public void copyFrom(ParameterStore other) {
        copyAll(other.parameters, parameters);
        copyAll(other.state, state);
    }

    @Override
    public void close() {
        manager.close();
        if (ownedParent != null) {
            ownedParent.close();
        }
    }

    private void copyAll(Map<String, NDArray> from, Map<String, NDArray> to) {
        if (!from.keySet().equals(to.keySet())) {
            throw new IllegalArgumentException("stores differ in their arrays: " + from.keySet() + " vs "
                    + to.keySet());
        }
        from.forEach((name, source) -> copyInto(to.get(name), source, name));
    }

    private static void copyInto(NDArray target, NDArray source, String name) {
        if (!target.getShape().equals(source.getShape()) || target.getDataType() != source.getDataType()) {
            throw new IllegalArgumentException("array '" + name + "' is " + source.getDataType() + source.getShape()
                    + " but the model expects " + target.getDataType() + target.getShape());
        }
        // A raw buffer copy: no autograd involvement even for leaves that require gradients.
        target.set(source.toByteBuffer());
    }

    private static void writeAll(DataOutputStream data, Map<String, NDArray> arrays, char kind) throws IOException {
        for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
            byte[] encoded = entry.getValue().encode();
            data.writeChar(kind);
            data.writeUTF(entry.getKey());
            data.writeInt(encoded.length);
            data.write(encoded);
        }
    }

    private static String describe(char kind) {
        return kind == 'P' ? "parameter" : "state array";
    }

    private SplittableRandom randomFor(String name) {
        // SplittableRandom mixes its seed, so neighbouring seeds still give independent streams.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode());
    }

    private NDArray filled(Shape shape, double value) {
        return manager.full(shape, (float) value, dataType);
    }

    private NDArray create(double[] values, Shape shape) {
        if (dataType == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return manager.create(floats, shape);
    }

    private NDArray register(Map<String, NDArray> into, String name, NDArray array) {
        if (parameters.containsKey(name) || state.containsKey(name)) {
            array.close();
            throw new IllegalArgumentException("an array named '" + name + "' is already registered");
        }
        array.setName(name);
        into.put(name, array);
        return array;
    }

    private static NDArray lookup(Map<String, NDArray> arrays, String name, String what) {
        NDArray array = arrays.get(name);
        if (array == null) {
            throw new NoSuchElementException("no " + what + " named '" + name + "'");
        }
        return array;
    }
}
