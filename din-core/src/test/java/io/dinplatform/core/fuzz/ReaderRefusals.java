package io.dinplatform.core.fuzz;

import io.dinplatform.core.data.DataFormatException;

/** The documented way a reader refuses bad input, which the fuzz tests hold every refusal to. */
final class ReaderRefusals {

    private ReaderRefusals() {
    }

    /** A refusal must say which rows are bad: at least one row error, each with a row number from 0. */
    static void requireRowErrors(byte[] input, DataFormatException refusal) {
        if (refusal.errors().isEmpty() || refusal.errors().stream().anyMatch(error -> error.row() < 0)) {
            throw FuzzFinding.of(input, "a data format error without row errors, or with a negative row: "
                    + refusal.errors(), refusal);
        }
    }
}
