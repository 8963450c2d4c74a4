package org.noduletrack.dicom.robustness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.noduletrack.dicom.robustness.ParseHarness.Kind;
import org.noduletrack.dicom.robustness.ParseHarness.Mode;
import org.noduletrack.dicom.robustness.ParseHarness.Outcome;
import org.noduletrack.dicom.robustness.ParseHarness.Source;

/**
 * Collects contract violations across many cases so that one bug does not hide the others: failures are grouped by
 * signature (kind, exception type, first project frame), each group keeps its smallest reproducer (shrunk further by
 * cutting the tail while the signature persists), and reproducers are written to {@code target/robustness-reproducers}.
 */
final class FailureLog {
    /** One reader configuration a case ran under. */
    record Config(Mode mode, Source source) {
        @Override
        public String toString() { return source + "/" + mode; }
    }

    /** A failure group. */
    static final class Group {
        final String signature;
        int count;
        final TreeSet<String> configs = new TreeSet<>();
        final List<String> examples = new ArrayList<>();
        String smallestDescription;
        byte[] smallest;
        Config smallestConfig;
        Outcome smallestOutcome;

        Group(String signature) { this.signature = signature; }
    }

    private final String name;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
    private int cases;
    private int runs;
    private long maxAllocationRatioTimes100;
    private String maxAllocationCase = "";

    FailureLog(String name) { this.name = name; }

    private final java.util.PriorityQueue<Map.Entry<Long, String>> slowest =
            new java.util.PriorityQueue<>(Map.Entry.comparingByKey());

    synchronized void countCase() { cases++; }

    /** Remembers the five slowest cases (all configurations together). */
    synchronized void caseTime(String description, long millis) {
        slowest.add(Map.entry(millis, description));
        if (slowest.size() > 5) {
            slowest.poll();
        }
    }

    int cases() { return cases; }

    int runs() { return runs; }

    synchronized void record(String description, byte[] input, Config config, Outcome outcome) {
        runs++;
        kinds.merge(outcome.kind(), 1, Integer::sum);
        if (outcome.allocatedBytes() > 0 && input.length > 0) {
            long ratio = outcome.allocatedBytes() * 100 / Math.max(input.length, 4096);
            if (ratio > maxAllocationRatioTimes100) {
                maxAllocationRatioTimes100 = ratio;
                maxAllocationCase = description + " [" + config + "] " + outcome.allocatedBytes() / 1024 + " KiB for "
                        + input.length + " bytes";
            }
        }
        if (outcome.ok()) {
            return;
        }
        Group g = groups.computeIfAbsent(outcome.signature(), Group::new);
        g.count++;
        g.configs.add(config.toString());
        if (g.examples.size() < 8 && g.examples.stream().noneMatch(e -> e.startsWith(description + " ["))) {
            g.examples.add(description + " [" + config + "]");
        }
        if (g.smallest == null || input.length < g.smallest.length) {
            g.smallest = input;
            g.smallestDescription = description;
            g.smallestConfig = config;
            g.smallestOutcome = outcome;
        }
    }

    boolean hasFailures() { return !groups.isEmpty(); }

    /**
     * Shrinks every group's smallest reproducer by cutting bytes off its end while the same signature comes back
     * (skipped for timeouts and memory failures, whose reproduction is slow).
     */
    void minimize(Duration timeout) {
        for (Group g : groups.values()) {
            Kind k = g.smallestOutcome.kind();
            if (k == Kind.TIMEOUT || k == Kind.EXCESS_MEMORY) {
                continue;
            }
            byte[] cur = g.smallest;
            int attempts = 0;
            for (int cut = Integer.highestOneBit(Math.max(1, cur.length)); cut >= 1 && attempts < 400; ) {
                if (cut >= cur.length) {
                    cut /= 2;
                    continue;
                }
                byte[] shorter = java.util.Arrays.copyOf(cur, cur.length - cut);
                attempts++;
                Outcome o = ParseHarness.run(shorter, g.smallestConfig.mode(), g.smallestConfig.source(), timeout);
                if (!o.ok() && o.signature().equals(g.signature)) {
                    cur = shorter;
                    g.smallestOutcome = o;
                } else {
                    cut /= 2;
                }
            }
            if (cur.length < g.smallest.length) {
                g.smallestDescription = g.smallestDescription + ", then cut to its first " + cur.length + " bytes";
                g.smallest = cur;
            }
        }
    }

    /** Writes each group's reproducer to target/robustness-reproducers/NAME-N.dcm; returns the paths. */
    List<Path> writeReproducers() {
        List<Path> written = new ArrayList<>();
        try {
            Path dir = Path.of("target", "robustness-reproducers");
            Files.createDirectories(dir);
            int i = 0;
            for (Group g : groups.values()) {
                Path p = dir.resolve(name + "-" + (++i) + ".dcm");
                Files.write(p, g.smallest);
                Files.writeString(dir.resolve(name + "-" + i + ".txt"), g.signature + "\n" + g.smallestDescription + " ["
                        + g.smallestConfig + "]\n" + g.smallestOutcome.describe() + "\n\n"
                        + (g.smallestOutcome.error() == null ? "" : ParseHarness.stackTrace(g.smallestOutcome.error())));
                written.add(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ").append(cases).append(" cases, ").append(runs).append(" parses; outcomes ").append(kinds)
                .append("; highest allocation/input ratio ").append(maxAllocationRatioTimes100 / 100.0)
                .append("x (").append(maxAllocationCase).append(")\n");
        List<Map.Entry<Long, String>> slow = new ArrayList<>(slowest);
        slow.sort(Map.Entry.<Long, String>comparingByKey().reversed());
        for (Map.Entry<Long, String> e : slow) {
            sb.append("  slow case: ").append(e.getKey()).append(" ms ").append(e.getValue()).append("\n");
        }
        if (groups.isEmpty()) {
            sb.append("  no contract violations\n");
            return sb.toString();
        }
        sb.append("  ").append(groups.size()).append(" distinct contract violation(s):\n");
        int i = 0;
        for (Group g : groups.values()) {
            sb.append("\n  #").append(++i).append(" ").append(g.signature).append("\n");
            sb.append("     ").append(g.count).append(" run(s), configs ").append(g.configs).append("\n");
            for (String ex : g.examples) {
                sb.append("     e.g. ").append(ex).append("\n");
            }
            sb.append("     smallest reproducer (").append(g.smallest.length).append(" bytes, target/robustness-reproducers/")
                    .append(name).append("-").append(i).append(".dcm): ").append(g.smallestDescription).append(" [")
                    .append(g.smallestConfig).append("]\n");
            sb.append("     ").append(g.smallestOutcome.describe()).append("\n");
            if (g.smallest.length <= 512) {
                sb.append("     hex: ").append(java.util.HexFormat.of().formatHex(g.smallest)).append("\n");
            }
            Throwable t = g.smallestOutcome.error();
            if (t != null) {
                String trace = ParseHarness.stackTrace(t);
                String[] lines = trace.split("\n");
                for (int k = 0; k < Math.min(lines.length, 14); k++) {
                    sb.append("       ").append(lines[k].stripTrailing()).append("\n");
                }
            }
        }
        return sb.toString();
    }
}
