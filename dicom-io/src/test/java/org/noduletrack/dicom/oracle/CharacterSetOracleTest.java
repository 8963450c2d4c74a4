package org.noduletrack.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.noduletrack.dicom.charset.PersonName;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

/**
 * Decoding of the text VRs that (0008,0005) Specific Character Set governs (SH LO ST LT PN UC UT), against pydicom.
 *
 * <p>The shared data hold no such value outside ASCII (every file is default repertoire or ISO_IR 100, two of them
 * misspelled "ISO-IR 100", all with ASCII names), so the non-ASCII cases come from the character set test files that the
 * oracle's own package ships ({@code pydicom/data/charset_files}: the PS3.5 Annex H-K examples chrH31, chrH32, chrI2,
 * chrX1, chrX2, and single-byte Latin-1, Greek, Cyrillic, Arabic, Hebrew names, multi-valued PN and a sequence item with
 * its own character set). They are read in place, never copied.
 *
 * <p>Every charset-sensitive text element, recursively, must decode as pydicom decodes it (same normalisation as
 * {@link IndependentReaderOracleTest}, so for PN without trailing empty component groups); private elements that we
 * keep as UN are left out (pydicom takes their VR from its private dictionary; IndependentReaderOracleTest compares
 * their bytes). Patient's Name, where a file has one, is checked on its own as well: our {@code text(PatientName)}
 * through {@link PersonName#parse}{@code .toDicomString()} against pydicom's {@code str(ds.PatientName)} (component
 * groups joined by '=', trailing empty groups dropped).
 */
class CharacterSetOracleTest {
    private static final Set<String> CHARSET_VRS = Set.of("SH", "LO", "ST", "LT", "PN", "UC", "UT");
    private static final String PATIENT_NAME = "00100010";

    /** Where pydicom's decoding is not the reference. Keep short; every entry says why. */
    private static final Map<String, String> ALLOWED = Map.of();

    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicInteger VALUES = new AtomicInteger();
    private static final AtomicInteger NON_ASCII = new AtomicInteger();

    @AfterAll
    static void summary() {
        if (FILES.get() > 0) {
            System.out.printf(Locale.ROOT, "character set oracle: %d files, %d text elements compared, %d of them "
                    + "non-ASCII%n", FILES.get(), VALUES.get(), NON_ASCII.get());
        }
    }

    @TestFactory
    Stream<DynamicTest> textDecodesAsPydicomDecodesIt() {
        Oracles.assumePydicom();
        Oracles.Result list = Oracles.run(List.of(Oracles.python().toString(), "-c",
                "import pydicom.data as d; print('\\n'.join(sorted(d.get_charset_files('*.dcm'))))"), "", 60);
        assertThat(list.exitCode()).as("listing pydicom's charset files: %s", list.stderr()).isZero();
        List<Path> charsetFiles = list.stdout().lines().filter(l -> !l.isBlank()).map(Path::of)
                .filter(Files::isRegularFile).toList();
        assertThat(charsetFiles).as("pydicom's charset_files (chrH31.dcm, chrX1.dcm, ...)").hasSizeGreaterThan(10);

        Map<Path, String> names = new LinkedHashMap<>();
        charsetFiles.forEach(f -> names.put(f, "pydicom charset_files/" + f.getFileName()));
        Path root = SharedData.root();
        SharedData.allDicomFiles().forEach(f -> names.put(f, root.relativize(f).toString().replace('\\', '/')));

        List<Map<String, Object>> dumps = Oracles.runPythonScript("pydicom_oracle.py",
                names.keySet().stream().map(p -> p.toAbsolutePath().toString()).toList(), 300);
        Map<String, Map<String, Object>> byFile = new HashMap<>();
        dumps.forEach(d -> byFile.put((String) d.get("file"), d));
        return names.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getValue(),
                () -> compare(e.getValue(), e.getKey(), byFile.get(e.getKey().toAbsolutePath().toString()))));
    }

    @SuppressWarnings("unchecked")
    private static void compare(String name, Path file, Map<String, Object> dump) throws Exception {
        assertThat(dump).as("pydicom record for %s", file).isNotNull();
        assertThat(dump.get("error")).as("pydicom reading %s", file).isNull();
        DicomFile ours = new DicomReader(ReadOptions.headerOnly()).read(file);
        Map<String, PydicomText.Ours> mine = new TreeMap<>();
        PydicomText.flatten(ours.dataset(), "", mine);

        List<String> problems = new ArrayList<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) dump.get("ds")) {
            String path = (String) r.get("p");
            if (!CHARSET_VRS.contains(r.get("vr")) || ALLOWED.containsKey(name + " " + path)) {
                continue;
            }
            PydicomText.Ours o = mine.get(path);
            if (o == null) {
                problems.add(path + ": missing in ours (pydicom " + r + ")");
                continue;
            }
            if (o.element().vr() == Vr.UN && TagFormat.isPrivate(o.element().tag())) {
                continue;
            }
            if (!o.element().vr().name().equals(r.get("vr"))) {
                problems.add(path + ": ours " + o.element().vr() + ", pydicom " + r.get("vr"));
                continue;
            }
            String problem = PydicomText.compare(o.owner(), o.element().tag(), o.element().vr(), r);
            if (problem != null) {
                problems.add(path + " " + r.get("vr") + " under " + o.owner().characterSet().terms() + ": " + problem);
            }
            VALUES.incrementAndGet();
            if (((List<String>) r.get("s")).stream().anyMatch(s -> s.chars().anyMatch(c -> c > 0x7E))) {
                NON_ASCII.incrementAndGet();
            }
            if (path.equals(PATIENT_NAME)) {
                checkPatientName(ours.dataset(), r, problems);
            }
        }
        FILES.incrementAndGet();
        assertThat(problems).as("text of %s decoded differently from pydicom", file).isEmpty();
    }

    /** Patient's Name as one string: pydicom's str(PatientName) of a single value, trailing padding aside. */
    private static void checkPatientName(DicomDataset ds, Map<String, Object> r, List<String> problems) {
        @SuppressWarnings("unchecked")
        List<String> values = (List<String>) r.get("s");
        String expected = PydicomText.trimTrailingPadding(String.join("\\", values));
        String actual = PersonName.parse(ds.text(Tags.PatientName).orElse("")).toDicomString();
        if (!actual.equals(expected)) {
            problems.add("PatientName text " + PydicomText.quote(List.of(actual)) + ", pydicom str(PatientName) "
                    + PydicomText.quote(List.of(expected)));
        }
    }
}
