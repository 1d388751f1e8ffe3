package net.mfagateway.gateway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of the gateway's Prometheus text, read as series name (with labels) to value. */
final class Metrics {

    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private final Map<String, Double> series;

    private Metrics(Map<String, Double> series) {
        this.series = series;
    }

    static Metrics parse(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1).trim()));
        }
        return new Metrics(series);
    }

    /** The sum over every label set of the metric {@code name} (0 when absent). */
    double value(String name) {
        double sum = 0;
        for (var e : series.entrySet()) {
            String key = e.getKey();
            if (key.equals(name) || key.startsWith(name + "{")) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /** The value of one series written exactly as in the scrape, e.g. {@code x_total{result="accepted",}}. */
    double value(String name, String labelFragment) {
        double sum = 0;
        for (var e : series.entrySet()) {
            if (e.getKey().startsWith(name + "{") && e.getKey().contains(labelFragment)) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /**
     * The {@code q} quantile of what histogram {@code name} observed between {@code before} and
     * this scrape, read from bucket deltas: the upper bound of the first bucket reaching q.
     */
    double quantileSince(Metrics before, String name, double q) {
        List<double[]> buckets = new ArrayList<>();
        for (var e : series.entrySet()) {
            if (e.getKey().startsWith(name + "_bucket{")) {
                Matcher m = LE.matcher(e.getKey());
                if (m.find()) {
                    double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
                    double prev = before.series.getOrDefault(e.getKey(), 0.0);
                    buckets.add(new double[] {le, e.getValue() - prev});
                }
            }
        }
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        if (buckets.isEmpty() || buckets.get(buckets.size() - 1)[1] == 0) {
            return Double.NaN;
        }
        double total = buckets.get(buckets.size() - 1)[1];
        for (double[] b : buckets) {
            if (b[1] >= q * total) {
                return b[0];
            }
        }
        return Double.NaN;
    }

    /** This scrape's value minus {@code before}'s, summed over label sets. */
    double delta(Metrics before, String name) {
        return value(name) - before.value(name);
    }
}
