package io.dinplatform.api.run;

import java.util.ArrayList;
import java.util.List;

import io.dinplatform.registry.run.MetricPoint;

/**
 * Thins a metric series for drawing without hiding what matters in a training curve: the first and the last point,
 * and the lowest and the highest of each bucket of consecutive points between them, so a spike or a dip survives
 * however many points are dropped (an average would smooth it away).
 */
final class MetricDownsampling {

    /** The fewest points a caller may ask for: the first, the last, and one bucket's minimum and maximum. */
    static final int MIN_POINTS = 4;

    private MetricDownsampling() {
    }

    /**
     * @param points    one metric's points in step order
     * @param maxPoints at least {@link #MIN_POINTS}
     * @return the points unchanged when there are at most {@code maxPoints}, else at most {@code maxPoints} of them,
     *         in step order
     */
    static List<MetricPoint> downsample(List<MetricPoint> points, int maxPoints) {
        if (points.size() <= maxPoints) {
            return points;
        }
        int interior = points.size() - 2;
        int buckets = (maxPoints - 2) / 2;
        List<MetricPoint> kept = new ArrayList<>(maxPoints);
        kept.add(points.get(0));
        for (int bucket = 0; bucket < buckets; bucket++) {
            int from = 1 + (int) ((long) bucket * interior / buckets);
            int to = 1 + (int) ((long) (bucket + 1) * interior / buckets);
            keepExtremes(points, from, to, kept);
        }
        kept.add(points.get(points.size() - 1));
        return kept;
    }

    /** Adds the lowest and the highest point of {@code points[from, to)} in step order (once if they coincide). */
    private static void keepExtremes(List<MetricPoint> points, int from, int to, List<MetricPoint> kept) {
        int lowest = from;
        int highest = from;
        for (int i = from + 1; i < to; i++) {
            if (points.get(i).value() < points.get(lowest).value()) {
                lowest = i;
            }
            if (points.get(i).value() > points.get(highest).value()) {
                highest = i;
            }
        }
        kept.add(points.get(Math.min(lowest, highest)));
        if (lowest != highest) {
            kept.add(points.get(Math.max(lowest, highest)));
        }
    }
}
