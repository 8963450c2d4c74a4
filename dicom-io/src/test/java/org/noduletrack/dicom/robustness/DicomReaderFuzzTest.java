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
 * Coverage-guided fuzzing of {@link DicomReader} with Jazzer (jazzer-junit 0.24.0).
 *
 * <p>In a plain {@code mvn test} (no {@code JAZZER_FUZZ}) this replays, as ordinary JUnit tests, every file in
 * {@code src/test/resources/org/noduletrack/dicom/robustness/DicomReaderFuzzTestInputs/parse/}: the seeds from
 * {@link FuzzSeeds} ({@code seed-*}) and inputs that exposed bugs ({@code regression-*}, {@code crash-*}).
 *
 * <p>To fuzz (about 2 minutes, {@code maxDuration}):
 *
 * <pre>JAZZER_FUZZ=1 mvn -o -pl dicom-io test -Dtest=DicomReaderFuzzTest -Dmaven.compiler.release=21</pre>
 *
 * The {@code -Dmaven.compiler.release=21} matters: Jazzer 0.24.0's bytecode instrumentation cannot read Java 25 class
 * files ("Unsupported class file major version 69"), so with the project's release 25 nothing is instrumented and the
 * fuzzer runs blind (no coverage feedback; the replay mode only logs those warnings). dicom-io currently compiles
 * with release 21 (checked when this test was written). Jazzer writes each finding into the directory above
 * as {@code crash-<sha1>}, so that CI replays it from then on, and keeps its generated corpus in
 * {@code dicom-io/.cifuzz-corpus/} (not to be committed).
 *
 * <p>The target parses the input with each standard {@link ReadOptions} mode from a stream of known length, and with
 * the defaults from a stream of unknown length, then uses every accessor of the result. {@link DicomParseException}
 * is the documented rejection; any other exception or error, or an allocation or a result out of proportion to the
 * input ({@link ParseHarness#allocationBudget}, {@link ParseHarness#retainedBudget}), is a finding.
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
