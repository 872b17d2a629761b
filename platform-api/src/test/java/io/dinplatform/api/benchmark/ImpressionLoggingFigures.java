package io.dinplatform.api.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import io.dinplatform.api.online.ImpressionSampler;
import io.dinplatform.registry.impression.ImpressionSampling;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the impression log costs a one-instance predict: the platform's CPU per request with every request logged
 * (sampling rate 1) against none logged (rate 0), on one start of the platform, in alternating rounds so that a
 * drift of the machine's load during the run falls on both settings alike, after an unmeasured round of each. The
 * load comes from another process ({@link ExternalLoad}: wrk, or {@link HttpLoad}). Impression ids are in every
 * answer either way (they are part of the response); what the rate turns on is the record per impression, queued and
 * written to PostgreSQL by the writer's thread, whose CPU time is the platform's too and is counted here.
 */
final class ImpressionLoggingFigures {

    private static final int ROUNDS = 3;

    private final Path predictBodies;
    private final int clients;
    private final ExternalLoad load;

    ImpressionLoggingFigures(Path predictBodies, int clients, ExternalLoad load) {
        this.predictBodies = predictBodies;
        this.clients = clients;
        this.load = load;
    }

    /** Measures and prints the rounds and the ratio of the medians against the target (≤ 1.15×). */
    void measureAndPrint(ConfigurableApplicationContext platform, int port, String model) throws Exception {
        URI predict = URI.create("http://localhost:" + port + "/api/v1/models/" + model + "/predict");
        for (float rate : new float[] {1f, 0f}) { // an unmeasured round of each: the JIT and the caches warm
            setRate(platform, model, rate);
            load.measure(predict, predictBodies, clients);
        }
        double[] on = new double[ROUNDS];
        double[] off = new double[ROUNDS];
        Load[] loads = new Load[2 * ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            boolean onFirst = round % 2 == 0;
            for (int half = 0; half < 2; half++) {
                boolean logging = onFirst == (half == 0);
                setRate(platform, model, logging ? 1f : 0f);
                System.err.printf("impression logging %s, round %d: %d connections%n", logging ? "on" : "off",
                        round + 1, clients);
                Load measured = load.measure(predict, predictBodies, clients);
                loads[2 * round + (logging ? 0 : 1)] = measured;
                (logging ? on : off)[round] = measured.serverCpuMillisPerRequest();
            }
        }
        MeterRegistry meters = platform.getBean(MeterRegistry.class);
        System.out.println();
        System.out.printf(Locale.ROOT, "| one-instance predict, %d connections | requests/s | p50 ms | p99 ms | errors "
                + "| platform CPU ms per request |%n", clients);
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int round = 0; round < ROUNDS; round++) {
            loads[2 * round].print("impression logging on (rate 1), round " + (round + 1));
            loads[2 * round + 1].print("impression logging off (rate 0), round " + (round + 1));
        }
        double ratio = median(on) / median(off);
        System.out.printf(Locale.ROOT, "%nimpressions written %.0f, dropped %.0f, failed %.0f%n",
                count(meters, "din.impressions.written"), count(meters, "din.impressions.dropped"),
                count(meters, "din.impressions.failed"));
        System.out.printf(Locale.ROOT, "platform CPU per one-instance predict, logging on / off (medians of %d rounds):"
                + " %.3f / %.3f ms = %.2fx (target ≤ 1.15x: %s)%n", ROUNDS, median(on), median(off), ratio,
                ratio <= 1.15 ? "met" : "not met");
    }

    private static void setRate(ConfigurableApplicationContext platform, String model, float rate) {
        platform.getBean(ImpressionSampling.class).setRate(model, rate);
        platform.getBean(ImpressionSampler.class).forget(model);
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
