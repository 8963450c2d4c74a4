package org.noduletrack.dicom.robustness;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.noduletrack.dicom.charset.PersonName;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.BulkDataElement;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.ReadOptions;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one parse of arbitrary bytes and classifies what happened against the reader's robustness contract: for any
 * input, {@link DicomReader#read(InputStream, long)} and {@link DicomReader#read(Path)} return a {@link DicomFile} or
 * throw {@link DicomParseException}; nothing else escapes, nothing hangs, and memory stays in proportion to the input.
 * A returned file's data set must then be readable through every accessor without an exception.
 *
 * <p>Stream reads go through a {@link GuardedInputStream} that aborts a runaway parse (time or allocation budget
 * exhausted) by throwing {@link Abort} from {@code read()}, so a parser bug cannot keep a thread spinning after the
 * case has been reported, nor take the whole test JVM down with an {@link OutOfMemoryError}.
 */
final class ParseHarness {
    private ParseHarness() {}

    /** How the bytes reach the reader. */
    enum Source {
        /** {@code read(InputStream, length)} with the true length. */
        STREAM,
        /** {@code read(InputStream, -1)}: length unknown, as for a network stream. */
        STREAM_UNKNOWN_LENGTH,
        /** {@code read(Path)} of a temporary file holding the bytes (bulk data then stays in the file). */
        PATH,
        /**
         * {@code read(InputStream, length)} with a length 1 GiB larger than the bytes that arrive, as when a download
         * announced with its full Content-Length breaks off.
         */
        STREAM_OVERSTATED_LENGTH
    }

    /** The three reader configurations the contract covers. */
    enum Mode {
        DEFAULTS(ReadOptions.defaults()),
        HEADER_ONLY(ReadOptions.headerOnly()),
        IN_MEMORY(ReadOptions.everythingInMemory());

        final ReadOptions options;

        Mode(ReadOptions options) { this.options = options; }
    }

    enum Kind {
        /** A DicomFile came back and every accessor worked. */
        RETURNED(true),
        /** DicomParseException: the documented way to reject input. */
        REJECTED(true),
        /** Another exception or error escaped read() (or an accessor of the result threw). */
        WRONG_EXCEPTION(false),
        /** The parse did not finish within the time limit. */
        TIMEOUT(false),
        /** The parse allocated far more than the input size (or ran out of memory). */
        EXCESS_MEMORY(false);

        final boolean ok;

        Kind(boolean ok) { this.ok = ok; }
    }

    /** What one parse did. {@code where} is "read" or "access" (for failures of the returned data set's accessors). */
    record Outcome(Kind kind, Throwable error, String where, long allocatedBytes, long nanos, StackTraceElement[] hotStack) {
        Outcome(Kind kind, Throwable error, String where, long allocatedBytes, long nanos) {
            this(kind, error, where, allocatedBytes, nanos, null);
        }

        Outcome withHotStack(StackTraceElement[] stack) {
            return new Outcome(kind, error, where, allocatedBytes, nanos, stack);
        }

        boolean ok() { return kind.ok; }

        /** Groups failures with the same cause: kind, exception type and the first frame in org.noduletrack. */
        String signature() {
            if (kind.ok) {
                return kind.name();
            }
            if (error == null) {
                return kind.name();
            }
            if (error instanceof StackOverflowError) {
                return kind + " " + where + ": " + error.getClass().getName() + " (unbounded recursion)";
            }
            StackTraceElement[] trace = hotStack != null ? hotStack : error.getStackTrace();
            StackTraceElement frame = null;
            for (StackTraceElement e : trace) {
                String c = e.getClassName();
                if (c.startsWith("org.noduletrack.dicom.") && !c.contains(".robustness.") && !c.endsWith(".ByteSource")) {
                    frame = e;
                    break;
                }
            }
            String type = error instanceof Abort ? "" : " " + error.getClass().getName();
            return kind + " " + where + ":" + type
                    + (frame == null ? "" : " at " + frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber());
        }

        String describe() {
            StringBuilder sb = new StringBuilder(kind + " in " + where + " after " + nanos / 1_000_000 + " ms, "
                    + allocatedBytes / 1024 + " KiB allocated" + (error == null ? "" : ": " + error));
            if (hotStack != null) {
                sb.append("\n     where the parse thread was busy near the deadline:");
                for (int i = 0; i < Math.min(hotStack.length, 12); i++) {
                    sb.append("\n         at ").append(hotStack[i]);
                }
            }
            return sb.toString();
        }
    }

    /** Thrown from the guarded stream to end a runaway parse; an Error so that no catch in the parser eats it. */
    static final class Abort extends Error {
        final Kind kind;

        Abort(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    private static final java.util.concurrent.ScheduledExecutorService SAMPLER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "robustness-stack-sampler");
                t.setDaemon(true);
                return t;
            });

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        warmUp();
    }

    /**
     * Parses each fuzz seed once in every mode before anything is measured, so that one-time costs (loading the data
     * dictionary, class initialisation; under Jazzer's instrumentation about 100 MB) are not charged to the first case.
     */
    static void warmUp() {
        for (byte[] seed : FuzzSeeds.all().values()) {
            for (Mode mode : Mode.values()) {
                try {
                    touch(new DicomReader(mode.options).read(new ByteArrayInputStream(seed), seed.length));
                } catch (IOException | RuntimeException ignored) {
                    // the seeds' own test reports problems with them
                }
            }
        }
    }

    static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Budget for everything one parse of {@code inputLength} bytes allocates, garbage included: a constant for buffers,
     * dictionary and class loading, plus 64 bytes per input byte for element objects, strings and issue records (the
     * valid seeds need well under 10, deflated ones included). "Never allocate more than roughly the input size": an
     * unchecked length field (one huge array) or a decompression bomb (work per inflated byte) exceeds it. It also
     * stops a runaway parse before it can take the test JVM (-Xmx2g) down.
     */
    static long allocationBudget(long inputLength) {
        return (64L << 20) + 64L * inputLength;
    }

    /**
     * Budget for what a returned {@link DicomFile} holds on to ({@link #retainedEstimate}): a constant (so that small
     * deflated files may inflate the usual 10-100x) plus a multiple of the input size. A file that holds far more
     * than its input (a decompression bomb, an issue per 8 bytes of zeros) fails here.
     */
    static long retainedBudget(long inputLength) {
        return (32L << 20) + 16L * inputLength;
    }

    /**
     * Parses {@code input} once and classifies the result, under a hard time limit. Never throws (except for failures
     * of the harness itself, such as not being able to write a temporary file).
     */
    static Outcome run(byte[] input, Mode mode, Source source, Duration timeout) {
        return run(input, mode.options, source, timeout, allocationBudget(input.length));
    }

    static Outcome run(byte[] input, ReadOptions options, Source source, Duration timeout, long allocationBudget) {
        return runAll(input, List.of(new Run(options, source)), timeout, allocationBudget).get(0);
    }

    /** One parse to make: reader options and how the bytes reach the reader. */
    record Run(ReadOptions options, Source source) {}

    /**
     * Parses {@code input} once per run, all on one worker thread under a single {@code assertTimeoutPreemptively}
     * (starting a thread per parse costs more than most parses), each parse with its own deadline and allocation
     * budget enforced from the input stream. Returns one outcome per run, null for runs skipped because an earlier one
     * ran away: after a timeout nothing more is run for this input, and after a memory failure of a stream read the
     * {@code read(Path)} runs with the same options are skipped (they cannot be stopped from outside).
     */
    static List<Outcome> runAll(byte[] input, List<Run> runs, Duration timeout, long allocationBudget) {
        Path tmp = null;
        try {
            if (runs.stream().anyMatch(r -> r.source() == Source.PATH)) {
                tmp = Files.createTempFile("robustness", ".dcm");
                Files.write(tmp, input);
            }
            Path file = tmp;
            Outcome[] outcomes = new Outcome[runs.size()];
            java.util.concurrent.atomic.AtomicInteger current = new java.util.concurrent.atomic.AtomicInteger(-1);
            java.util.concurrent.atomic.AtomicReference<StackTraceElement[]> lastStack =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Duration total = timeout.multipliedBy(runs.size()).plusSeconds(2);
            try {
                assertTimeoutPreemptively(total, () -> {
                    Thread self = Thread.currentThread();
                    java.util.Set<ReadOptions> ranAway = new java.util.HashSet<>();
                    for (int i = 0; i < runs.size(); i++) {
                        Run r = runs.get(i);
                        if (r.source() == Source.PATH && ranAway.contains(r.options())) {
                            continue;
                        }
                        current.set(i);
                        lastStack.set(null);
                        // samples the parse thread's stack shortly before the deadline: where a slow parse spends its time
                        java.util.concurrent.ScheduledFuture<?> sampler = SAMPLER.schedule(
                                () -> lastStack.set(self.getStackTrace()), Math.max(1, timeout.toMillis() - 300),
                                java.util.concurrent.TimeUnit.MILLISECONDS);
                        Outcome o;
                        try {
                            o = parseAndTouch(input, r.options(), r.source(), file, timeout, allocationBudget);
                        } finally {
                            sampler.cancel(false);
                        }
                        if (o.kind() == Kind.TIMEOUT && lastStack.get() != null) {
                            o = o.withHotStack(lastStack.get());
                        }
                        outcomes[i] = o;
                        if (o.kind() == Kind.TIMEOUT) {
                            break;
                        }
                        if (o.kind() == Kind.EXCESS_MEMORY) {
                            ranAway.add(r.options());
                        }
                    }
                });
            } catch (AssertionFailedError timedOut) {
                int i = current.get();
                if (i >= 0 && outcomes[i] == null) {
                    outcomes[i] = new Outcome(Kind.TIMEOUT, timedOut, "read", -1, timeout.toNanos(), lastStack.get());
                }
            }
            return java.util.Arrays.asList(outcomes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    private static Outcome parseAndTouch(byte[] input, ReadOptions options, Source source, Path file, Duration timeout,
            long allocationBudget) {
        long t0 = System.nanoTime();
        long a0 = allocatedByThisThread();
        long deadline = t0 + timeout.toNanos();
        String where = "read";
        try {
            DicomReader reader = new DicomReader(options);
            DicomFile f = switch (source) {
                case STREAM -> reader.read(new GuardedInputStream(input, deadline, a0, allocationBudget), input.length);
                case STREAM_UNKNOWN_LENGTH -> reader.read(new GuardedInputStream(input, deadline, a0, allocationBudget), -1);
                case STREAM_OVERSTATED_LENGTH -> reader.read(new GuardedInputStream(input, deadline, a0, allocationBudget),
                        input.length + (1L << 30));
                case PATH -> reader.read(file);
            };
            long allocated = allocatedByThisThread() - a0;
            if (allocated > allocationBudget) {
                return new Outcome(Kind.EXCESS_MEMORY, new Abort(Kind.EXCESS_MEMORY, "read() allocated " + allocated
                        + " bytes in all for " + input.length + " bytes of input (" + f.issues().size() + " issues)"),
                        "read (in total, after it returned)", allocated, System.nanoTime() - t0);
            }
            long retained = retainedEstimate(f);
            if (retained > retainedBudget(input.length)) {
                return new Outcome(Kind.EXCESS_MEMORY, new Abort(Kind.EXCESS_MEMORY, "the returned DicomFile holds about "
                        + retained + " bytes (" + f.issues().size() + " issues, " + f.dataset().size()
                        + " top-level elements) for " + input.length + " bytes of input"), "result", allocated,
                        System.nanoTime() - t0);
            }
            where = "access";
            touch(f);
            return new Outcome(Kind.RETURNED, null, where, allocatedByThisThread() - a0, System.nanoTime() - t0);
        } catch (DicomParseException e) {
            return new Outcome(Kind.REJECTED, e, where, allocatedByThisThread() - a0, System.nanoTime() - t0);
        } catch (Abort e) {
            return new Outcome(e.kind, e, where, allocatedByThisThread() - a0, System.nanoTime() - t0);
        } catch (OutOfMemoryError e) {
            return new Outcome(Kind.EXCESS_MEMORY, e, where, allocatedByThisThread() - a0, System.nanoTime() - t0);
        } catch (Throwable e) {
            return new Outcome(Kind.WRONG_EXCEPTION, e, where, allocatedByThisThread() - a0, System.nanoTime() - t0);
        }
    }

    /**
     * Roughly how many bytes a parsed file keeps reachable: object headers and arrays of elements, data sets and
     * issues, plus in-memory value bytes. Bulk data references count as small objects (the bytes stay in the file).
     */
    static long retainedEstimate(DicomFile f) {
        long total = estimate(f.fileMeta()) + estimate(f.dataset());
        for (ParseIssue issue : f.issues()) {
            total += 56 + issue.message().length();
        }
        return total;
    }

    private static long estimate(DicomDataset ds) {
        long total = 48 + 8L * ds.size();
        for (DicomElement e : ds.elements()) {
            total += 32;
            switch (e) {
                case ValueElement v -> total += 16 + v.length();
                case SequenceElement s -> {
                    total += 32 + 4L * s.items().size();
                    for (DicomDataset item : s.items()) {
                        total += estimate(item);
                    }
                }
                case FragmentsElement fr -> {
                    total += 48 + binaryEstimate(fr.basicOffsetTable());
                    for (BinaryValue v : fr.fragments()) {
                        total += 4 + binaryEstimate(v);
                    }
                }
                case BulkDataElement b -> total += 48;
            }
        }
        return total;
    }

    private static long binaryEstimate(BinaryValue v) {
        return v instanceof org.noduletrack.dicom.data.BulkDataRef ? 40 : 32 + v.length();
    }

    /** Uses every accessor of a parsed file, recursively; anything but an IOException from bulk data reads propagates. */
    static void touch(DicomFile f) {
        touch(f.fileMeta(), 0);
        touch(f.dataset(), 0);
        f.transferSyntax().uid();
        for (ParseIssue issue : f.issues()) {
            issue.toString();
        }
    }

    static void touch(DicomDataset ds, int depth) {
        ds.size();
        ds.isEmpty();
        ds.characterSet().terms();
        ds.characterSet().unknownTerms();
        ds.characterSet().isKnown();
        ds.toString();
        List<DicomElement> elements = ds.elements();
        for (DicomElement e : elements) {
            int tag = e.tag();
            e.vr();
            ds.contains(tag);
            ds.get(tag);
            ds.strings(tag);
            ds.text(tag);
            ds.string(tag);
            ds.string(tag, "");
            ds.ints(tag);
            ds.intValue(tag);
            ds.intValue(tag, 0);
            ds.doubles(tag);
            ds.doubleValue(tag);
            ds.longs(tag);
            ds.bytes(tag);
            if (e.vr() == Vr.PN) {
                for (String value : ds.strings(tag)) {
                    PersonName pn = PersonName.parse(value);
                    pn.display();
                    pn.familyName();
                    pn.givenName();
                    pn.isEmpty();
                    pn.toDicomString();
                }
            }
            if (TagFormat.isPrivateCreator(tag)) {
                String creator = ds.string(tag, "");
                ds.privateTag(TagFormat.group(tag), creator, 0x10);
            }
            try {
                ds.readBinary(tag);
            } catch (IOException expected) {
                // bulk data that cannot be read back is reported as an IOException: allowed
            }
            switch (e) {
                case ValueElement v -> {
                    v.length();
                    v.bytes();
                }
                case SequenceElement s -> {
                    for (DicomDataset item : s.items()) {
                        touch(item, depth + 1);
                    }
                }
                case FragmentsElement fr -> {
                    touchBinary(fr.basicOffsetTable());
                    for (BinaryValue v : fr.fragments()) {
                        touchBinary(v);
                    }
                }
                case BulkDataElement b -> touchBinary(b.ref());
            }
            for (DicomDataset item : ds.sequence(tag)) {
                item.size();
            }
        }
        ds.hashCode();
        ds.equals(ds);
    }

    private static void touchBinary(BinaryValue v) {
        v.length();
        try {
            v.bytes();
        } catch (IOException expected) {
            // allowed: the value's bytes are not in the file any more
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /**
     * A byte-array stream that checks a deadline and the reading thread's allocation budget on every read, and ends
     * the parse with {@link Abort} when either is exceeded.
     */
    static final class GuardedInputStream extends InputStream {
        private final ByteArrayInputStream in;
        private final long deadline;
        private final long allocatedAtStart;
        private final long budget;

        GuardedInputStream(byte[] data, long deadlineNanos, long allocatedAtStart, long budget) {
            this.in = new ByteArrayInputStream(data);
            this.deadline = deadlineNanos;
            this.allocatedAtStart = allocatedAtStart;
            this.budget = budget;
        }

        private void check() {
            if (System.nanoTime() > deadline) {
                throw new Abort(Kind.TIMEOUT, "parse still running at its deadline (stopped from the input stream)");
            }
            long allocated = allocatedByThisThread() - allocatedAtStart;
            if (allocated > budget) {
                throw new Abort(Kind.EXCESS_MEMORY, "parse allocated " + allocated + " bytes, over the budget of " + budget);
            }
        }

        @Override
        public int read() {
            check();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            check();
            return in.read(b, off, len);
        }

        @Override
        public long skip(long n) {
            check();
            return in.skip(n);
        }

        @Override
        public int available() { return in.available(); }
    }
}
