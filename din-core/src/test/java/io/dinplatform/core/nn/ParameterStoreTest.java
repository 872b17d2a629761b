package io.dinplatform.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterStoreTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ParameterStore mlpStore(long seed) {
        ParameterStore store = new ParameterStore(manager, DataType.FLOAT32, seed);
        new Mlp(store, "mlp", 10, List.of(8, 4), ActivationType.DICE, 1);
        return store;
    }

    @Test
    void initialisationIsDeterminedBySeedAndName() {
        try (ParameterStore a = mlpStore(7); ParameterStore b = mlpStore(7); ParameterStore c = mlpStore(8)) {
            assertThat(a.parameters().keySet()).containsExactly(
                    "mlp.hidden0.weight", "mlp.hidden0.bias", "mlp.hidden0.dice.alpha",
                    "mlp.hidden1.weight", "mlp.hidden1.bias", "mlp.hidden1.dice.alpha",
                    "mlp.output.weight", "mlp.output.bias");
            assertThat(a.state().keySet()).containsExactly("mlp.hidden0.dice.runningMean",
                    "mlp.hidden0.dice.runningVariance", "mlp.hidden1.dice.runningMean",
                    "mlp.hidden1.dice.runningVariance");
            a.parameters().forEach((name, p) ->
                    assertThat(b.parameter(name).toFloatArray()).as(name).containsExactly(p.toFloatArray()));
            assertThat(c.parameter("mlp.hidden0.weight").toFloatArray())
                    .isNotEqualTo(a.parameter("mlp.hidden0.weight").toFloatArray());
        }
    }

    @Test
    void weightsAreGlorotUniformAndBiasesAndAlphasZero() {
        try (ParameterStore store = mlpStore(3)) {
            float[] w = store.parameter("mlp.hidden0.weight").toFloatArray();
            double limit = Math.sqrt(6.0 / (10 + 8));
            assertThat(w).hasSize(80);
            for (float v : w) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo((float) limit);
            }
            double mean = 0;
            for (float v : w) {
                mean += v / 80.0;
            }
            assertThat(Math.abs(mean)).isLessThan(limit / 4); // centred, not all on one side
            assertThat(store.parameter("mlp.hidden0.bias").toFloatArray()).containsOnly(0f);
            assertThat(store.parameter("mlp.hidden0.dice.alpha").toFloatArray()).containsOnly(0f);
            assertThat(store.stateArray("mlp.hidden0.dice.runningVariance").toFloatArray()).containsOnly(1f);
            assertThat(store.parameterCount()).isEqualTo(10 * 8 + 8 + 8 + 8 * 4 + 4 + 4 + 4 + 1);
        }
    }

    @Test
    void saveAndLoadReproduceEveryBit() throws IOException {
        try (ParameterStore trained = mlpStore(1); ParameterStore fresh = mlpStore(2)) {
            trained.parameter("mlp.output.bias").set(new float[] {Float.MIN_VALUE});
            trained.stateArray("mlp.hidden1.dice.runningMean").set(new float[] {0.1f, -0f, 1e-30f, 3f});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.writeTo(bytes);
            fresh.attachGradients(); // loading must work into leaves that require gradients
            fresh.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
            trained.parameters().forEach((name, p) -> assertSameBits(fresh.parameter(name), p, name));
            trained.state().forEach((name, s) -> assertSameBits(fresh.stateArray(name), s, name));
        }
    }

    @Test
    void loadingIntoAnotherArchitectureFailsWithTheArrayNamed() throws IOException {
        try (ParameterStore saved = mlpStore(1);
             ParameterStore other = new ParameterStore(manager, DataType.FLOAT32, 1)) {
            new Mlp(other, "mlp", 12, List.of(8, 4), ActivationType.DICE, 1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saved.writeTo(bytes);
            assertThatThrownBy(() -> other.readFrom(new ByteArrayInputStream(bytes.toByteArray())))
                    .hasMessageContaining("mlp.hidden0.weight").hasMessageContaining("(12, 8)");
        }
    }

    @Test
    void copyFromCopiesValuesNotReferences() {
        try (ParameterStore a = mlpStore(1); ParameterStore b = mlpStore(2)) {
            b.copyFrom(a);
            a.parameter("mlp.output.bias").set(new float[] {5f});
            assertThat(b.parameter("mlp.output.bias").getFloat(0)).isZero();
            assertSameBits(b.parameter("mlp.hidden0.weight"), a.parameter("mlp.hidden0.weight"), "weight");
        }
    }

    @Test
    void aNameCanBeRegisteredOnce() {
        try (ParameterStore store = new ParameterStore(manager, DataType.FLOAT32, 1)) {
            store.constant("x", new Shape(2), 0);
            assertThatThrownBy(() -> store.stateConstant("x", new Shape(2), 0))
                    .hasMessageContaining("'x' is already registered");
        }
    }

    @Test
    void attachedGradientsDoNotLeakIntoTheStoresManagerDuringAForwardPass() {
        try (ParameterStore store = mlpStore(1)) {
            Mlp mlp = new Mlp(store, "other", 10, List.of(4), ActivationType.DICE, 1);
            int before = store.manager().getManagedArrays().size();
            try (NDManager batch = manager.newSubManager()) {
                mlp.forward(batch.ones(new Shape(3, 10)), null, true);
                mlp.forward(batch.ones(new Shape(3, 10)), null, false);
            }
            assertThat(store.manager().getManagedArrays()).hasSize(before);
        }
    }

    private static void assertSameBits(NDArray actual, NDArray expected, String name) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(a).as(name).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToRawIntBits(a[i])).as("%s[%d]", name, i).isEqualTo(Float.floatToRawIntBits(e[i]));
        }
    }
}
