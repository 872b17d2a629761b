package io.dinplatform.core.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dinplatform.core.data.EncodedDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The training layout of a table, each row's value with its optimizer state beside it, on the real engine. */
class RowStateTableTest {

    private static final int D = 4;

    private final EncodedDataset data = TinyDatasets.generate(40, 5, 12, 4, 3);
    private NDManager manager;
    private EmbeddingTables tables;

    @BeforeEach
    void createTables() {
        manager = NDManager.newBaseManager();
        tables = EmbeddingTables.create(manager, data.schema(), data.vocabularies(), D, 11);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void reservingStateKeepsTheValuesAndTheirSavedBytesAndStartsTheStateAtZero() throws IOException {
        float[] before = tables.table("item_id").toFloatArray();
        byte[] savedBefore = saved(tables);
        tables.reserveRowState(2);
        RowStateTable items = tables.rowStateTable("item_id");
        assertThat(items.stateSlots()).isEqualTo(2);
        assertThat(tables.table("item_id").getShape()).isEqualTo(new Shape(before.length / D, D));
        assertThat(tables.table("item_id").toFloatArray()).containsExactly(before);
        assertThat(saved(tables)).as("bundles and checkpoints see plain value tables").isEqualTo(savedBefore);
        for (NDArray slot : items.state()) {
            assertThat(slot.toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void anUpdateChangesTheValuesAndStateOfItsRowsAlone() {
        tables.reserveRowState(2);
        RowStateTable items = tables.rowStateTable("item_id");
        float[] before = items.values().toFloatArray();
        try (NDManager batch = manager.newSubManager()) {
            NDArray ids = batch.create(new long[] {5, 3});
            items.update(ids, batch, (values, state) -> {
                values.addi(1f);
                state[0].addi(2f);
                state[1].addi(3f);
            });
            assertThat(items.gatherValues(ids, batch).getManager()).isSameAs(batch);
        }
        float[] after = items.values().toFloatArray();
        float[] first = items.state()[0].toFloatArray();
        float[] second = items.state()[1].toFloatArray();
        for (int row = 0; row < before.length / D; row++) {
            boolean updated = row == 3 || row == 5;
            for (int k = row * D; k < row * D + D; k++) {
                assertThat(after[k]).as("value %d", k).isEqualTo(updated ? before[k] + 1f : before[k]);
                assertThat(first[k]).isEqualTo(updated ? 2f : 0f);
                assertThat(second[k]).isEqualTo(updated ? 3f : 0f);
            }
        }
    }

    @Test
    void gatheredValuesAreTheRowsInTheOrderAsked() {
        tables.reserveRowState(1);
        RowStateTable items = tables.rowStateTable("item_id");
        float[] all = items.values().toFloatArray();
        try (NDManager batch = manager.newSubManager()) {
            NDArray values = items.gatherValues(batch.create(new long[] {7, 0, 7, 2}), batch);
            assertThat(values.getShape()).isEqualTo(new Shape(4, D));
            float[] expected = new float[4 * D];
            int[] rows = {7, 0, 7, 2};
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(all, rows[i] * D, expected, i * D, D);
            }
            assertThat(values.toFloatArray()).containsExactly(expected);
        }
    }

    @Test
    void loadingSavedValuesWritesThroughToTheRowsAndLeavesTheStateAlone() throws IOException {
        byte[] saved = saved(tables);
        float[] savedValues = tables.table("item_id").toFloatArray();
        tables.reserveRowState(1);
        RowStateTable items = tables.rowStateTable("item_id");
        try (NDManager batch = manager.newSubManager()) {
            items.update(batch.arange(1, 6, 1, DataType.INT64), batch, (values, state) -> {
                values.muli(-1f);
                state[0].addi(1f);
            });
        }
        float[] state = items.state()[0].toFloatArray();
        tables.readFrom(new ByteArrayInputStream(saved));
        assertThat(items.values().toFloatArray()).containsExactly(savedValues);
        assertThat(items.state()[0].toFloatArray()).containsExactly(state);
        try (NDManager batch = manager.newSubManager()) {
            float[] read = items.gatherValues(batch.create(new long[] {3}), batch).toFloatArray();
            assertThat(read).as("the rows themselves hold the loaded values")
                    .containsExactly(Arrays.copyOfRange(savedValues, 3 * D, 4 * D));
        }
    }

    private static byte[] saved(EmbeddingTables tables) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tables.writeTo(out);
        return out.toByteArray();
    }
}
