package io.dinplatform.api.benchmark.ablation;

import java.util.List;
import java.util.Locale;

/**
 * The ablation as an SVG bar chart: one panel per dataset, one bar per configuration at its mean test GAUC with an
 * error bar of ± one standard deviation over seeds, and the paper's MovieLens-20M figure as a marker where it
 * reports one. Each panel's axis spans its own figures: the differences are a few thousandths of GAUC, which a
 * scale from 0.5 would flatten.
 */
final class AblationChart {

    private static final int PANEL_WIDTH = 460;
    private static final int HEIGHT = 400;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final int PLOT_HEIGHT = 250;
    private static final int TICKS = 5;
    private static final String[] COLOURS = {"#9e9e9e", "#616161", "#90caf9", "#1e88e5", "#0d47a1"};

    private AblationChart() {
    }

    static String svg(List<AblationTable> tables) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                PANEL_WIDTH * tables.size(), HEIGHT, PANEL_WIDTH * tables.size(), HEIGHT));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
                PANEL_WIDTH * tables.size(), HEIGHT));
        for (int i = 0; i < tables.size(); i++) {
            AblationTable table = tables.get(i);
            panel(out, table, i * PANEL_WIDTH, table.dataset().hasPaperFigures());
        }
        return out.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder out, AblationTable table, int x0, boolean paper) {
        List<AblationConfiguration> configurations = table.configurations();
        Range range = Range.of(table, paper);
        out.append(String.format(Locale.ROOT, "<g class=\"panel\" transform=\"translate(%d,0)\">%n", x0));
        text(out, PANEL_WIDTH / 2.0, 20, "middle", "bold", table.dataset().title() + ": test GAUC, mean ± std over seeds");
        axis(out, range);
        double slot = (PANEL_WIDTH - LEFT - 20) / (double) configurations.size();
        for (int c = 0; c < configurations.size(); c++) {
            AblationConfiguration configuration = configurations.get(c);
            SeedStatistics gauc = table.testGauc(configuration);
            double centre = LEFT + slot * (c + 0.5);
            double top = range.y(gauc.mean());
            out.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                            + "height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>%n", centre - slot * 0.35, top,
                    slot * 0.7, TOP + PLOT_HEIGHT - top, COLOURS[configuration.ordinal() % COLOURS.length],
                    escape(configuration.label()), gauc.format(4)));
            double low = range.y(gauc.mean() - gauc.standardDeviation());
            double high = range.y(gauc.mean() + gauc.standardDeviation());
            out.append(String.format(Locale.ROOT, "<path class=\"error\" d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" "
                            + "stroke=\"black\"/>%n", centre, low, high, centre - 6, low, centre + 6, centre - 6, high,
                    centre + 6));
            if (paper) {
                PaperFigures.movieLens20mGauc(configuration).ifPresent(g -> out.append(String.format(Locale.ROOT,
                        "<path class=\"paper\" d=\"M%.1f %.1fl7 7l-7 7l-7 -7z\" fill=\"#e53935\"><title>paper, "
                                + "MovieLens-20M: %.4f</title></path>%n", centre, range.y(g) - 7, g)));
            }
            text(out, centre, high - 6, "middle", "normal", String.format(Locale.ROOT, "%.4f", gauc.mean()));
            label(out, centre, configuration.label());
        }
        if (paper) {
            out.append(String.format(Locale.ROOT, "<path d=\"M%d %dl7 7l-7 7l-7 -7z\" fill=\"#e53935\"/>%n",
                    LEFT + 7, HEIGHT - 30));
            text(out, LEFT + 20, HEIGHT - 18, "start", "normal", "the paper's test GAUC on MovieLens-20M");
        }
        out.append("</g>\n");
    }

    private static void axis(StringBuilder out, Range range) {
        out.append(String.format(Locale.ROOT, "<path class=\"axis\" d=\"M%d %dV%dH%d\" stroke=\"black\" "
                + "fill=\"none\"/>%n", LEFT, TOP, TOP + PLOT_HEIGHT, PANEL_WIDTH - 20));
        long ticks = Math.round((range.high() - range.low()) / range.step());
        for (int t = 0; t <= ticks; t++) {
            double value = range.low() + range.step() * t;
            double y = range.y(value);
            out.append(String.format(Locale.ROOT, "<path d=\"M%d %.1fH%d\" stroke=\"#e0e0e0\"/>%n", LEFT + 1, y,
                    PANEL_WIDTH - 20));
            text(out, LEFT - 6, y + 4, "end", "normal", String.format(Locale.ROOT, "%.4f", value));
        }
    }

    /** The configuration's name under its bar, a line per part ("DIN", "+ MBA", "+ Dice"). */
    private static void label(StringBuilder out, double centre, String label) {
        String[] parts = label.split(" \\+ ");
        for (int i = 0; i < parts.length; i++) {
            text(out, centre, TOP + PLOT_HEIGHT + 16 + 14 * i, "middle", "normal", (i == 0 ? "" : "+ ") + parts[i]);
        }
    }

    private static void text(StringBuilder out, double x, double y, String anchor, String weight, String text) {
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-weight=\"%s\">%s"
                + "</text>%n", x, y, anchor, weight, escape(text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The panel's GAUC axis: every mean ± deviation (and paper marker) inside, with a margin. */
    private record Range(double low, double high, double step) {

        static Range of(AblationTable table, boolean paper) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (AblationConfiguration configuration : table.configurations()) {
                SeedStatistics gauc = table.testGauc(configuration);
                low = Math.min(low, gauc.mean() - gauc.standardDeviation());
                high = Math.max(high, gauc.mean() + gauc.standardDeviation());
                if (paper) {
                    double g = PaperFigures.movieLens20mGauc(configuration).orElse(gauc.mean());
                    low = Math.min(low, g);
                    high = Math.max(high, g);
                }
            }
            double margin = Math.max((high - low) * 0.25, 0.001);
            double step = niceStep((high - low + 2 * margin) / TICKS);
            return new Range(Math.floor((low - margin) / step) * step, Math.ceil((high + margin) / step) * step, step);
        }

        /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough}. */
        static double niceStep(double rough) {
            double power = Math.pow(10, Math.floor(Math.log10(rough)));
            for (double multiple : new double[] {1, 2, 5}) {
                if (multiple * power >= rough) {
                    return multiple * power;
                }
            }
            return 10 * power;
        }

        /** The y coordinate of a GAUC value. */
        double y(double value) {
            return TOP + PLOT_HEIGHT * (high - value) / (high - low);
        }
    }
}
