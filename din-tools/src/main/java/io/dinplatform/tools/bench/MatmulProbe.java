package io.dinplatform.tools.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * This machine's matrix-multiply rate through DJL, on the products a DIN step actually runs (the attention unit's
 * layers over B·T history positions, the scoring MLP over B rows), so that utilisation compares like with like.
 */
final class MatmulProbe {

    /** One (m × k) · (k × n) product. */
    record Product(String name, long m, long k, long n) {
        double flops() {
            return 2.0 * m * k * n;
        }
    }

    record Rate(Product product, double gflops) {
    }

    private MatmulProbe() {
    }

    /** The DIN-shaped products at batch b, history t, item width d, MLP input width w. */
    static List<Product> dinProducts(int b, int t, int d, int w) {
        return List.of(
                new Product("attention 1 (B·T×4D · 4D×80)", (long) b * t, 4L * d, 80),
                new Product("attention 2 (B·T×80 · 80×40)", (long) b * t, 80, 40),
                new Product("mlp 1 (B×W · W×200)", b, w, 200),
                new Product("mlp 2 (B×200 · 200×80)", b, 200, 80));
    }

    /** GFLOP/s of one product, best of several timed rounds after a warm-up. */
    static Rate measure(NDManager manager, Product product, double seconds) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.randomUniform(-1, 1, new Shape(product.m(), product.k()));
            NDArray b = scope.randomUniform(-1, 1, new Shape(product.k(), product.n()));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            int repeats = 1;
            double best = Double.MAX_VALUE;
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                for (int i = 0; i < repeats; i++) {
                    a.matMul(b).close();
                }
                double perProduct = (System.nanoTime() - start) / 1e9 / repeats;
                best = Math.min(best, perProduct);
                if (perProduct * repeats < 0.01) {
                    repeats *= 2;
                }
            }
            return new Rate(product, product.flops() / best / 1e9);
        }
    }

    /** The rate of a mix of products: total FLOPs over total time, as a step would run them. */
    static double combined(List<Rate> rates) {
        double flops = 0;
        double seconds = 0;
        for (Rate rate : rates) {
            flops += rate.product().flops();
            seconds += rate.product().flops() / (rate.gflops() * 1e9);
        }
        return flops / seconds / 1e9;
    }
}
