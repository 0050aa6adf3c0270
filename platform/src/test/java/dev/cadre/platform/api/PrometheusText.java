package dev.cadre.platform.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape in the Prometheus text format, read into samples for assertions. */
record PrometheusText(List<Sample> samples) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher label = LABEL.matcher(m.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return new PrometheusText(samples);
    }

    /** @return the sum of the samples of that name whose labels include every given one */
    double value(String name, String... labelPairs) {
        return matching(name, labelPairs).stream().mapToDouble(Sample::value).sum();
    }

    List<Sample> matching(String name, String... labelPairs) {
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                all &= labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]));
            }
            if (all) {
                found.add(sample);
            }
        }
        return found;
    }

    /** @return every sample name */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }
}
