package io.dinplatform.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Checks that embedded inputs have the widths the model was built for, naming the field that does not. */
final class BatchShapes {

    private BatchShapes() {
    }

    static void check(EmbeddedBatch batch, ModelDimensions dimensions) {
        NDArray candidate = requireRank("candidate", batch.candidate(), 2);
        long rows = candidate.getShape().get(0);
        requireWidth("candidate", candidate, dimensions.itemWidth());
        requireRows("candidate", candidate, rows);
        requireOptional("profile", batch.profile(), dimensions.profileWidth(), rows);
        requireOptional("numeric", batch.numeric(), dimensions.numericWidth(), rows);
        NDArray history = requireRank("history", batch.history(), 3);
        requireWidth("history", history, dimensions.itemWidth());
        requireRows("history", history, rows);
        Shape mask = requireRank("mask", batch.mask(), 2).getShape();
        if (mask.get(0) != rows || mask.get(1) != history.getShape().get(1)) {
            throw new IllegalArgumentException("mask is " + mask + " but history is " + history.getShape()
                    + ": the mask must be (B, T)");
        }
    }

    static void check(RankingBatch batch, ModelDimensions dimensions) {
        NDArray candidates = requireRank("candidates", batch.candidates(), 2);
        requireWidth("candidates", candidates, dimensions.itemWidth());
        long rows = candidates.getShape().get(0);
        requireOptionalShared("profile", batch.profile(), dimensions.profileWidth(), rows);
        requireOptionalShared("numeric", batch.numeric(), dimensions.numericWidth(), rows);
        NDArray history = requireRank("history", batch.history(), 2);
        requireWidth("history", history, dimensions.itemWidth());
        Shape expectedMask = new Shape(history.getShape().get(0));
        if (batch.historyMask() != null && !batch.historyMask().getShape().equals(expectedMask)) {
            throw new IllegalArgumentException("historyMask is " + batch.historyMask().getShape()
                    + " but history is " + history.getShape() + ": the mask must be (T)");
        }
    }

    private static void requireOptional(String field, NDArray array, int width, long rows) {
        if (width == 0 && array == null) {
            return;
        }
        requireRank(field, array, 2);
        requireWidth(field, array, width);
        requireRows(field, array, rows);
    }

    private static void requireOptionalShared(String field, NDArray array, int width, long rows) {
        if (width == 0 && array == null) {
            return;
        }
        requireRank(field, array, 2);
        requireWidth(field, array, width);
        if (array.getShape().get(0) != 1) {
            requireRows(field, array, rows);
        }
    }

    private static NDArray requireRank(String field, NDArray array, int rank) {
        if (array == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (array.getShape().dimension() != rank) {
            throw new IllegalArgumentException(field + " must have " + rank + " axes, not shape " + array.getShape());
        }
        return array;
    }

    private static void requireWidth(String field, NDArray array, int width) {
        if (array.getShape().tail() != width) {
            throw new IllegalArgumentException(field + " has width " + array.getShape().tail() + " but the model was"
                    + " built for " + width);
        }
    }

    private static void requireRows(String field, NDArray array, long rows) {
        if (array.getShape().get(0) != rows) {
            throw new IllegalArgumentException(field + " has " + array.getShape().get(0)
                    + " rows but the candidate has " + rows);
        }
    }
}
