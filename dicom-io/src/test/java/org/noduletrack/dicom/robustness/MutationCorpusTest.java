package org.noduletrack.dicom.robustness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.robustness.FailureLog.Config;
import org.noduletrack.dicom.robustness.HeaderWalker.Layout;
import org.noduletrack.dicom.robustness.HeaderWalker.LengthField;
import org.noduletrack.dicom.robustness.ParseHarness.Mode;
import org.noduletrack.dicom.robustness.ParseHarness.Outcome;
import org.noduletrack.dicom.robustness.ParseHarness.Source;
import org.noduletrack.dicom.testing.SharedData;

/**
 * The reader's robustness contract, checked on a corpus generated from real files: for any input bytes,
 * {@code DicomReader.read(InputStream, length)} and {@code read(Path)}, under {@code ReadOptions.defaults()},
 * {@code headerOnly()} and {@code everythingInMemory()}, either return a {@code DicomFile} whose every accessor then
 * works, or throw {@code DicomParseException}: no other exception, no hang, no allocation out of proportion to the
 * input.
 *
 * <ul>
 *   <li>(a) truncations at every element / item / delimiter boundary found by an independent walker
 *       ({@link HeaderWalker}) and a few bytes after it (to cut headers in half), at every offset in the first 512
 *       bytes, and at every 997th byte after that;
 *   <li>(b) seeded random changes of 1..16 bytes, 85% of them in the header part of the file;
 *   <li>(c) every length field (element, item, fragment, delimiter) set to 0xFFFFFFFE, 0x7FFFFFFF, 0xFFFFFFFF,
 *       just over the bytes left, 0, and its value + 1 (16-bit fields: 0xFFFF, 0xFFFE, ...);
 *   <li>(d) structures that look infinite ({@link Pathological}): 10,000 nested sequences, millions of empty items
 *       declared, delimiter loops, quadratic sibling sequences, deflate bombs.
 * </ul>
 *
 * The candidates of (a) and (c) are sampled, deterministically, to 300 per seed (and per inflated body), (b) makes
 * 200 cases per seed, so the class stays well under a minute on two cores; {@code -Drobustness.full=true} runs every
 * candidate and 1,500 changes per seed. Deflated seeds are mutated twice over: as stored (compressed bytes) and in
 * the inflated data set, re-deflated behind the original meta header. Every case is read with the three modes from
 * a stream, plus in turn one of read(Path) in each mode or a stream of unknown length.
 *
 * <p>Each parse runs under {@code assertTimeoutPreemptively} with a 5 s deadline and an allocation budget enforced
 * from the input stream ({@link ParseHarness}); every Throwable is caught and classified. Failures are collected per
 * signature and reported together at the end of each test (so one bug does not hide others), each with its smallest
 * reproducer, shrunk where cheap, also written to {@code target/robustness-reproducers/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutationCorpusTest {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Real files the corpus is derived from (paths relative to the shared data root). */
    static final List<String> SEED_FILES = List.of(
            "dicomparser-testimages/CT1_UNC.explicit_little_endian.dcm",
            "dicomparser-testimages/CT1_UNC.implicit_little_endian.dcm",
            "dicomparser-testimages/CT1_UNC.explicit_big_endian.dcm",
            "dicomparser-testimages/deflate/image_dfl",
            "dicomparser-testimages/deflate/report_dfl",
            "dicomparser-testimages/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_ls.80.dcm",
            "pydicom-dicomdir/DICOMDIR",
            "pydicom-dicomdir/DICOMDIR-implicit");

    /** Every case is read with the three modes from a stream of known length... */
    static final List<Config> ALWAYS = List.of(
            new Config(Mode.DEFAULTS, Source.STREAM),
            new Config(Mode.HEADER_ONLY, Source.STREAM),
            new Config(Mode.IN_MEMORY, Source.STREAM));

    /** ...and with one of these, in turn (case number modulo 4), so each gets a quarter of the corpus. */
    static final List<Config> ROTATING = List.of(
            new Config(Mode.DEFAULTS, Source.PATH),
            new Config(Mode.DEFAULTS, Source.STREAM_UNKNOWN_LENGTH),
            new Config(Mode.HEADER_ONLY, Source.PATH),
            new Config(Mode.IN_MEMORY, Source.PATH));

    /** All configurations, for the hand-built cases of part (d). */
    static final List<Config> ALL = java.util.stream.Stream.concat(ALWAYS.stream(), ROTATING.stream()).toList();

    /**
     * Cases are sampled (deterministically) from all candidates so that the class runs in well under a minute;
     * {@code -Drobustness.full=true} runs every candidate (several minutes) for a deeper local check.
     */
    static final boolean FULL = Boolean.getBoolean("robustness.full");
    static final int CAP_PER_DOMAIN = FULL ? Integer.MAX_VALUE : 300;
    static final int FLIPS_PER_SEED = FULL ? 1500 : 200;

    /** Picks at most {@code cap} of {@code candidates}, always the same ones for the same seed. */
    static <T> List<T> sample(List<T> candidates, int cap, long seed) {
        if (candidates.size() <= cap) {
            return candidates;
        }
        List<Integer> idx = new ArrayList<>(java.util.stream.IntStream.range(0, candidates.size()).boxed().toList());
        java.util.Collections.shuffle(idx, new java.util.Random(seed));
        List<Integer> chosen = new ArrayList<>(idx.subList(0, cap));
        java.util.Collections.sort(chosen);
        return chosen.stream().map(candidates::get).toList();
    }

    /** A seed file, with its walk; for deflated files also the stored prefix and the inflated body and its walk. */
    record Seed(String name, byte[] bytes, Layout layout, byte[] prefix, byte[] body, Layout bodyLayout) {
        boolean deflated() { return body != null; }

        /** Re-deflates a mutated body behind the original preamble and meta header. */
        byte[] withBody(byte[] newBody) {
            byte[] d = DicomBytes.deflate(newBody);
            byte[] out = Arrays.copyOf(prefix, prefix.length + d.length);
            System.arraycopy(d, 0, out, prefix.length, d.length);
            return out;
        }
    }

    /** One generated input. */
    record Case(String description, byte[] bytes) {}

    private List<Seed> seeds;
    private final List<FailureLog> logs = new ArrayList<>();

    private final QuietLogging quiet = new QuietLogging();

    @BeforeAll
    void quietLogging() {
        quiet.enter();
    }

    /** The seed files, read and walked once; skips the calling test when the shared data is not there. */
    private List<Seed> seeds() throws IOException, DataFormatException {
        if (seeds != null) {
            return seeds;
        }
        List<Seed> loaded = new ArrayList<>();
        for (String rel : SEED_FILES) {
            Path p = SharedData.file(rel);
            byte[] bytes = Files.readAllBytes(p);
            Layout layout = HeaderWalker.walkFile(bytes);
            String name = p.getFileName().toString();
            if (layout.transferSyntax().equals(DicomBytes.DEFLATED)) {
                byte[] prefix = Arrays.copyOf(bytes, layout.dataSetStart());
                byte[] body = DicomBytes.inflate(bytes, layout.dataSetStart());
                loaded.add(new Seed(name, bytes, layout, prefix, body, HeaderWalker.walkDataSet(body, true, false)));
            } else {
                loaded.add(new Seed(name, bytes, layout, null, null, null));
            }
        }
        seeds = loaded;
        return seeds;
    }

    @AfterAll
    void printSummary() {
        quiet.exit();
        StringBuilder sb = new StringBuilder("\n==== robustness summary ====\n");
        for (FailureLog log : logs) {
            sb.append(log.summary());
        }
        System.out.println(sb);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (a) truncations

    @Test
    void truncations() throws Exception {
        List<Seed> seeds = seeds();
        runAndAssert("truncation", null, sink -> {
            for (Seed s : seeds) {
                truncationsOf(s.name(), s.bytes(), s.layout(), null, sink);
                if (s.deflated()) {
                    truncationsOf(s.name() + " (inflated body, re-deflated)", s.body(), s.bodyLayout(), s, sink);
                }
            }
        });
    }

    static void truncationsOf(String name, byte[] bytes, Layout layout, Seed deflatedSeed, Consumer<Case> sink) {
        TreeSet<Integer> cuts = new TreeSet<>();
        int headerEnd = layout.headerEnd(bytes.length);
        for (int b : layout.boundaries()) {
            if (b <= headerEnd + 16) {
                for (int d : new int[] {-1, 0, 1, 2, 4, 6, 8, 10}) {
                    cuts.add(b + d);
                }
            }
        }
        for (int i = 0; i < Math.min(512, bytes.length); i++) {
            cuts.add(i);
        }
        for (int i = 997; i < bytes.length; i += 997) {
            cuts.add(i);
        }
        List<Integer> valid = cuts.stream().filter(cut -> cut >= 0 && cut < bytes.length).toList();
        for (int cut : sample(valid, CAP_PER_DOMAIN, name.hashCode())) {
            byte[] t = Arrays.copyOf(bytes, cut);
            sink.accept(new Case("truncate " + name + " to " + cut + " of " + bytes.length + " bytes",
                    deflatedSeed == null ? t : deflatedSeed.withBody(t)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b) random byte changes

    @Test
    void randomByteChanges() throws Exception {
        List<Seed> seeds = seeds();
        runAndAssert("random-bytes", null, sink -> {
            for (Seed s : seeds) {
                long rngSeed = 0x5EEDL * 31 + s.name().hashCode();
                if (s.deflated()) {
                    flips(s.name(), s.bytes(), s.bytes().length, s.bytes().length, FLIPS_PER_SEED / 2, rngSeed, null, sink);
                    flips(s.name() + " (inflated body, re-deflated)", s.body(), s.bodyLayout().headerEnd(s.body().length),
                            s.body().length, FLIPS_PER_SEED / 2, rngSeed + 1, s, sink);
                } else {
                    flips(s.name(), s.bytes(), s.layout().headerEnd(s.bytes().length), s.bytes().length, FLIPS_PER_SEED,
                            rngSeed, null, sink);
                }
            }
        });
    }

    private static final int[] INTERESTING = {0x00, 0xFF, 0x7F, 0x80, 0xFE, 0x01, 'S', 'Q', 'U', 'N', 0xE0, 0xDD, 0x0D};

    /**
     * {@code count} cases, each changing 1..16 bytes; 85% of positions fall before {@code headerEnd} (the structure),
     * the rest anywhere. Every change is listed in the description, so a case can be rebuilt without the RNG.
     */
    static void flips(String name, byte[] bytes, int headerEnd, int length, int count, long rngSeed, Seed deflatedSeed,
            Consumer<Case> sink) {
        SplittableRandom r = new SplittableRandom(rngSeed);
        for (int i = 0; i < count; i++) {
            byte[] m = bytes.clone();
            int n = 1 + r.nextInt(16);
            StringBuilder d = new StringBuilder("change " + n + " byte(s) of " + name + ":");
            for (int k = 0; k < n; k++) {
                int pos = r.nextInt(100) < 85 ? r.nextInt(Math.max(1, Math.min(headerEnd, length))) : r.nextInt(length);
                int old = m[pos] & 0xFF;
                int v = switch (r.nextInt(3)) {
                    case 0 -> old ^ (1 << r.nextInt(8));
                    case 1 -> r.nextInt(256);
                    default -> INTERESTING[r.nextInt(INTERESTING.length)];
                };
                m[pos] = (byte) v;
                d.append(String.format(" @%d %02X->%02X", pos, old, v & 0xFF));
            }
            sink.accept(new Case(d.toString(), deflatedSeed == null ? m : deflatedSeed.withBody(m)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (c) length fields

    @Test
    void lengthFields() throws Exception {
        List<Seed> seeds = seeds();
        runAndAssert("length-fields", null, sink -> {
            for (Seed s : seeds) {
                lengthMutations(s.name(), s.bytes(), s.layout(), null, sink);
                if (s.deflated()) {
                    lengthMutations(s.name() + " (inflated body, re-deflated)", s.body(), s.bodyLayout(), s, sink);
                }
            }
        });
    }

    static void lengthMutations(String name, byte[] bytes, Layout layout, Seed deflatedSeed, Consumer<Case> sink) {
        record Candidate(LengthField field, long value) {}
        List<Candidate> candidates = new ArrayList<>();
        for (LengthField f : layout.lengthFields()) {
            long remaining = bytes.length - (long) f.valueStart();
            List<Long> values = new ArrayList<>();
            if (f.width() == 4) {
                values.addAll(List.of(0xFFFFFFFEL, 0x7FFFFFFFL, 0xFFFFFFFFL, remaining + 1, remaining + 2, 0L));
            } else {
                values.addAll(List.of(0xFFFFL, 0xFFFEL, 0L));
                if (remaining + 2 <= 0xFFFF) {
                    values.add(remaining + 1);
                    values.add(remaining + 2);
                }
            }
            if (f.declared() != 0xFFFFFFFFL) {
                values.add((f.declared() + 1) & (f.width() == 4 ? 0xFFFFFFFFL : 0xFFFFL));
            }
            for (long v : new TreeSet<>(values)) {
                if (v != f.declared()) {
                    candidates.add(new Candidate(f, v));
                }
            }
        }
        for (Candidate c : sample(candidates, CAP_PER_DOMAIN, name.hashCode() * 7L)) {
            LengthField f = c.field();
            byte[] m = bytes.clone();
            for (int i = 0; i < f.width(); i++) {
                int shift = 8 * (f.bigEndian() ? f.width() - 1 - i : i);
                m[f.offset() + i] = (byte) (c.value() >>> shift);
            }
            sink.accept(new Case(String.format("%s: %s at byte %d set from %d to 0x%X", name, f.what(), f.offset(),
                    f.declared(), c.value()), deflatedSeed == null ? m : deflatedSeed.withBody(m)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (d) structures that look infinite

    @Test
    void infiniteLookingStructures() {
        runAndAssert("pathological", ALL, sink -> Pathological.cases(sink));
    }

    /**
     * Beyond the three standard modes: {@code ReadOptions.maxDepth} is documented as "deeper input is treated as
     * corrupt", so a caller raising it (to read unusually deep structured reports, say) must still get a
     * DicomParseException, not a StackOverflowError, for absurd nesting.
     */
    @Test
    void largeMaxDepthStillRejectsAbsurdNestingCleanly() {
        FailureLog log = new FailureLog("custom-max-depth");
        synchronized (logs) {
            logs.add(log);
        }
        // Beyond ReadOptions.MAX_DEPTH_LIMIT the options themselves are refused; at the limit, parsing must stay clean.
        assertThrows(IllegalArgumentException.class, () -> new ReadOptions(ReadOptions.PixelDataMode.REFERENCE, 64 * 1024,
                ReadOptions.DEFAULT_MAX_INLINE, ReadOptions.MAX_DEPTH_LIMIT + 1));
        for (int maxDepth : new int[] {ReadOptions.MAX_DEPTH_LIMIT}) {
            ReadOptions options = new ReadOptions(ReadOptions.PixelDataMode.REFERENCE, 64 * 1024,
                    ReadOptions.DEFAULT_MAX_INLINE, maxDepth);
            for (Case c : List.of(
                    new Case("maxDepth " + maxDepth + ": 10,000 nested SQ/item of undefined length", Pathological.nestedExplicit(10_000, true)),
                    new Case("maxDepth " + maxDepth + ": 10,000 nested SQ/item of defined length", Pathological.nestedDefined(10_000)))) {
                log.countCase();
                Outcome o = ParseHarness.run(c.bytes(), options, Source.STREAM, TIMEOUT, ParseHarness.allocationBudget(c.bytes().length));
                log.record(c.description(), c.bytes(), new Config(Mode.DEFAULTS, Source.STREAM), o);
            }
        }
        String summary = log.summary();
        System.out.println(summary);
        assertFalse(log.hasFailures(), summary);
    }

    /**
     * {@code read(InputStream, length)} where fewer bytes arrive than {@code length} announced (a download that broke
     * off): declared value lengths are then checked against the announced length only, so nothing may be allocated
     * for them before the bytes are actually there.
     */
    @Test
    void overstatedStreamLength() throws Exception {
        List<Seed> seeds = seeds();
        List<Config> configs = List.of(new Config(Mode.DEFAULTS, Source.STREAM_OVERSTATED_LENGTH),
                new Config(Mode.IN_MEMORY, Source.STREAM_OVERSTATED_LENGTH));
        runAndAssert("overstated-length", configs, sink -> {
            sink.accept(new Case("384-byte file whose OB value declares 0x1FFFFFF0 bytes, stream length announced as 1 GiB more",
                    DicomBytes.part10(DicomBytes.EXPLICIT_LE).explicitText(0x00080060, "CS", "CT")
                            .explicitHeader(0x00091010, "OB", 0x1FFFFFF0L).raw(new byte[100]).toByteArray()));
            sink.accept(new Case("same with an undefined-length sequence holding an item that declares 0x1FFFFFF0 bytes",
                    DicomBytes.part10(DicomBytes.EXPLICIT_LE).explicitHeader(0x00081115, "SQ", DicomBytes.UNDEFINED)
                            .item(DicomBytes.UNDEFINED).explicitHeader(0x00091010, "OB", 0x1FFFFFF0L).raw(new byte[100])
                            .toByteArray()));
            for (Seed s : seeds) {
                if (!s.deflated()) {
                    int cut = Math.min(s.bytes().length, s.layout().headerEnd(s.bytes().length) + 1000);
                    sink.accept(new Case(s.name() + " cut 1000 bytes into its pixel data, announced 1 GiB longer",
                            Arrays.copyOf(s.bytes(), cut)));
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Runs every generated case with {@code configs} (null: the three stream modes plus one rotating configuration). */
    private void runAndAssert(String name, List<Config> configs, Consumer<Consumer<Case>> generator) {
        FailureLog log = new FailureLog(name);
        synchronized (logs) {
            logs.add(log);
        }
        long t0 = System.nanoTime();
        int[] n = {0};
        generator.accept(c -> runCase(log, c, configs != null ? configs
                : java.util.stream.Stream.concat(ALWAYS.stream(), java.util.stream.Stream.of(ROTATING.get(n[0]++ % ROTATING.size())))
                        .toList()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (log.hasFailures()) {
            log.minimize(TIMEOUT);
            log.writeReproducers();
        }
        String summary = log.summary() + "  (" + ms + " ms)\n";
        System.out.println(summary);
        assertFalse(log.hasFailures(), summary);
    }

    static void runCase(FailureLog log, Case c, List<Config> configs) {
        log.countCase();
        long t0 = System.nanoTime();
        List<ParseHarness.Run> runs = configs.stream().map(cfg -> new ParseHarness.Run(cfg.mode().options, cfg.source())).toList();
        List<Outcome> outcomes = ParseHarness.runAll(c.bytes(), runs, TIMEOUT, ParseHarness.allocationBudget(c.bytes().length));
        for (int i = 0; i < configs.size(); i++) {
            if (outcomes.get(i) != null) {
                log.record(c.description(), c.bytes(), configs.get(i), outcomes.get(i));
            }
        }
        log.caseTime(c.description(), (System.nanoTime() - t0) / 1_000_000);
    }
}
