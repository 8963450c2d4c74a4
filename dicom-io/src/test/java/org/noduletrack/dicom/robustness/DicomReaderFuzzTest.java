package org.noduletrack.dicom.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;

/**
 * Coverage-guided fuzzing of {@link DicomReader} with Jazzer.
 *
 * <p>In a plain {@code mvn test} this replays, as ordinary JUnit tests, the seeds and earlier findings in
 * {@code src/test/resources/org/noduletrack/dicom/robustness/DicomReaderFuzzTestInputs/parse/} (small valid files from
 * {@link FuzzSeeds}, plus any crash or timeout input a fuzzing run found). To fuzz:
 *
 * <pre>JAZZER_FUZZ=1 mvn -o -pl dicom-io test -Dtest=DicomReaderFuzzTest</pre>
 *
 * which runs for {@code maxDuration} and writes each new finding into that directory (as {@code crash-<sha1>}), so
 * that CI replays it from then on. Note that a fuzzing run also creates {@code dicom-io/.cifuzz-corpus/} (the
 * generated corpus; do not commit it).
 *
 * <p>The target parses the input with each standard {@link ReadOptions} mode, from a stream of known and of unknown
 * length, and then uses every accessor of the result. {@link DicomParseException} is the documented rejection; any
 * other exception or error, or an allocation out of proportion to the input, is a finding.
 */
class DicomReaderFuzzTest {
    private static final ReadOptions[] MODES = {ReadOptions.defaults(), ReadOptions.headerOnly(), ReadOptions.everythingInMemory()};

    private static final QuietLogging QUIET = new QuietLogging();

    @BeforeAll
    static void quiet() {
        QUIET.enter();
        ParseHarness.warmUp();
    }

    @AfterAll
    static void restore() { QUIET.exit(); }

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] data) {
        for (ReadOptions options : MODES) {
            parseOnce(data, options, data.length);
        }
        parseOnce(data, ReadOptions.defaults(), -1);
    }

    private static void parseOnce(byte[] data, ReadOptions options, long length) {
        long before = ParseHarness.allocatedByThisThread();
        DicomFile f;
        try {
            f = new DicomReader(options).read(new ByteArrayInputStream(data), length);
        } catch (DicomParseException expected) {
            return;
        } catch (java.io.IOException e) {
            throw new AssertionError("read() threw an IOException that is not a DicomParseException", e);
        }
        long allocated = ParseHarness.allocatedByThisThread() - before;
        if (allocated > ParseHarness.allocationBudget(data.length)) {
            throw new AssertionError("read() allocated " + allocated + " bytes for " + data.length + " bytes of input");
        }
        long retained = ParseHarness.retainedEstimate(f);
        if (retained > ParseHarness.retainedBudget(data.length)) {
            throw new AssertionError("the result holds about " + retained + " bytes for " + data.length + " bytes of input");
        }
        ParseHarness.touch(f);
    }
}
