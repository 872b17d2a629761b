package io.dinplatform.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.dinplatform.core.model.TestBatches.Sample;
import io.dinplatform.core.nn.ActivationType;
import io.dinplatform.core.nn.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BaseModelTest {

    private static final ModelDimensions DIMS = new ModelDimensions(2, 4, 0);

    private NDManager manager;
    private ParameterStore store;
    private final SplittableRandom random = new SplittableRandom(5);

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        store = new ParameterStore(manager, DataType.FLOAT64, 3);
    }

    @AfterEach
    void close() {
        store.close();
        manager.close();
    }

    private CtrModel base(Pooling pooling) {
        CtrModel model = CtrModel.create(new ArchitectureConfig(ModelType.BASE, null, null,
                new MlpConfig(List.of(6, 3), ActivationType.PRELU), pooling, null), DIMS, store);
        store.parameters().forEach((name, p) -> {
            if (name.endsWith(".alpha")) {
                p.set(new double[(int) p.size()]);
            }
        });
        return model;
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void paddingLengthDoesNotChangeTheScore(Pooling pooling) {
        CtrModel model = base(pooling);
        Sample s = TestBatches.sample(random, DIMS, 3);
        double a = model.forward(TestBatches.batch(manager, DIMS, 3, s), false).getDouble(0);
        double b = model.forward(TestBatches.batch(manager, DIMS, 10, s), false).getDouble(0);
        assertThat(b).isCloseTo(a, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void poolingSumsOrAveragesTheRealItems(Pooling pooling) {
        CtrModel model = base(pooling);
        Sample s = TestBatches.sample(random, DIMS, 2);
        // One history item equal to the sum (or the mean) of the two must score the same.
        double[] pooled = new double[4];
        for (int d = 0; d < 4; d++) {
            pooled[d] = (s.history()[0][d] + s.history()[1][d]) / (pooling == Pooling.MEAN ? 2 : 1);
        }
        Sample single = new Sample(s.profile(), s.candidate(), new double[][] {pooled}, s.numeric());
        double a = model.forward(TestBatches.batch(manager, DIMS, 4, s), false).getDouble(0);
        double b = model.forward(TestBatches.batch(manager, DIMS, 4, single), false).getDouble(0);
        assertThat(b).isCloseTo(a, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void anEmptyHistoryPoolsToZerosAndScoresFinitely(Pooling pooling) {
        CtrModel model = base(pooling);
        Sample s = TestBatches.sample(random, DIMS, 0);
        Sample zero = new Sample(s.profile(), s.candidate(), new double[][] {new double[4]}, s.numeric());
        double empty = model.forward(TestBatches.batch(manager, DIMS, 3, s), false).getDouble(0);
        assertThat(empty).isFinite();
        assertThat(model.forward(TestBatches.batch(manager, DIMS, 3, zero), false).getDouble(0))
                .isCloseTo(empty, within(1e-12));
        assertThat(model.forward(TestBatches.batch(manager, DIMS, 0, s), true).getDouble(0)).isFinite();
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void rankingEqualsTheForwardPass(Pooling pooling) {
        CtrModel model = base(pooling);
        Sample user = TestBatches.sample(random, DIMS, 4);
        Sample[] candidates = {TestBatches.sample(random, DIMS, 0), TestBatches.sample(random, DIMS, 0)};
        double[] ranked = model.rank(TestBatches.ranking(manager, DIMS, user, candidates)).toDoubleArray();
        Sample[] pairs = Arrays.stream(candidates).map(c -> TestBatches.withCandidate(user, c)).toArray(Sample[]::new);
        double[] forward = model.forward(TestBatches.batch(manager, DIMS, 4, pairs), false).toDoubleArray();
        assertThat(ranked).containsExactly(forward, within(1e-12));
        assertThat(model.explain(TestBatches.batch(manager, DIMS, 4, pairs)).attention()).isNull();
    }
}
