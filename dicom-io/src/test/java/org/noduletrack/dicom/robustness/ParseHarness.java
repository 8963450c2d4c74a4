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
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.BulkDataElement;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.ValueElement;
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
        PATH
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
    record Outcome(Kind kind, Throwable error, String where, long allocatedBytes, long nanos) {
        boolean ok() { return kind.ok; }

        /** Groups failures with the same cause: kind, exception type and the first frame in org.noduletrack. */
        String signature() {
            if (kind.ok) {
                return kind.name();
            }
            if (error == null) {
                return kind.name();
            }
            Throwable root = error;
            StackTraceElement frame = null;
            for (StackTraceElement e : root.getStackTrace()) {
                if (e.getClassName().startsWith("org.noduletrack.dicom.") && !e.getClassName().contains(".robustness.")) {
                    frame = e;
                    break;
                }
            }
            return kind + " " + where + ": " + root.getClass().getName()
                    + (frame == null ? "" : " at " + frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber());
        }

        String describe() {
            return kind + " in " + where + " after " + nanos / 1_000_000 + " ms, " + allocatedBytes / 1024 + " KiB allocated"
                    + (error == null ? "" : ": " + error);
        }
    }

    /** Thrown from the guarded stream to end a runaway parse; an Error so that no catch in the parser eats it. */
    static final class Abort extends Error {
        final Kind kind;

        Abort(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static long allocatedByThisThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /**
     * Allocation budget for one parse of {@code inputLength} bytes: generous (a constant for buffers, the dictionary
     * and logging, plus a multiple of the input for element objects and issue lists), but far below what an
     * unchecked length field or a decompression bomb makes the reader allocate.
     */
    static long allocationBudget(long inputLength) {
        return (48L << 20) + 48L * inputLength;
    }

    /**
     * Parses {@code input} once and classifies the result, under a hard time limit. Never throws (except for failures
     * of the harness itself, such as not being able to write a temporary file).
     */
    static Outcome run(byte[] input, Mode mode, Source source, Duration timeout) {
        return run(input, mode.options, source, timeout, allocationBudget(input.length));
    }

    static Outcome run(byte[] input, ReadOptions options, Source source, Duration timeout, long allocationBudget) {
        Path tmp = null;
        try {
            if (source == Source.PATH) {
                tmp = Files.createTempFile("robustness", ".dcm");
                Files.write(tmp, input);
            }
            Path file = tmp;
            try {
                return assertTimeoutPreemptively(timeout.plusSeconds(2),
                        () -> parseAndTouch(input, options, source, file, timeout, allocationBudget));
            } catch (AssertionFailedError timedOut) {
                return new Outcome(Kind.TIMEOUT, timedOut, "read", -1, timeout.toNanos());
            }
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
                case PATH -> reader.read(file);
            };
            long allocated = allocatedByThisThread() - a0;
            if (allocated > allocationBudget) {
                return new Outcome(Kind.EXCESS_MEMORY, new Abort(Kind.EXCESS_MEMORY, "read() allocated " + allocated
                        + " bytes for " + input.length + " bytes of input"), where, allocated, System.nanoTime() - t0);
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
        ds.characterSet();
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
            ds.bytes(tag);
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
