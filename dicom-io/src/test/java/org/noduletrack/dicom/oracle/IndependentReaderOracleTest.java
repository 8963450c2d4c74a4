package org.noduletrack.dicom.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
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
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

/**
 * Differential test of {@link DicomReader} against two independent readers, over every DICOM file of the shared data.
 *
 * <p><b>pydicom</b> (2.3, {@code pydicom_oracle.py}, one process for all files): every element of the file meta group
 * and of the data set, recursively into sequence items, must be present in both readers with the same VR and value:
 * <ul>
 *   <li>text: our {@code strings(tag)} (multi-valued VRs) or {@code text(tag)} (LT, ST, UT, UR) against pydicom's values
 *       split on backslash, with the padding PS3.5 6.2 makes insignificant removed from pydicom's side only (leading
 *       and trailing spaces of each value of a multi-valued VR, trailing spaces of LT/ST/UT/UR, trailing NULs);
 *       charset-sensitive VRs (SH LO ST LT PN UC UT) use pydicom's decoded str, the others the raw bytes as ISO 8859-1;
 *       for PN our side drops trailing empty component groups, as pydicom's PersonName does (see {@link PydicomText});
 *   <li>binary numbers (US SS UL SL SV UV FL FD AT): the same numbers, exactly (floats bit for bit);
 *   <li>OB OW OF OD OL OV UN and native pixel data: SHA-256 of the little-endian bytes (we normalise big endian on read;
 *       the script swaps pydicom's big-endian bytes by the VR's unit);
 *   <li>encapsulated pixel data: the item lengths (Basic Offset Table first) and a SHA-256 over all item values;
 *   <li>SQ: the item count, then the items' elements under "SEQTAG/INDEX/".
 * </ul>
 *
 * <p>VR normalisation (one rule, because pydicom knows more than the standard asks, not because we might be wrong):
 * <ol>
 *   <li><b>private UN</b>: a private data element (odd group, not a creator) that we keep as UN may have another VR in
 *       pydicom, which resolves private tags through its private dictionary (PS3.5 6.2.2 requires no such dictionary).
 *       Accepted when our bytes equal the bytes pydicom read from the file (hash {@code rh}); if pydicom made a sequence
 *       of it, its items are not compared.
 * </ol>
 * Anything else that differs is a discrepancy, unless {@link #ALLOWED} lists it (per file, with the reason). An
 * allow-list entry that no longer matches anything fails too, so the list cannot go stale. The list is empty: even the
 * deliberately broken DICOMDIRs (stale item lengths in DICOMDIR-nooffset, big endian, implicit, reordered) come out of
 * both readers element for element the same.
 *
 * <p><b>dcmdump</b> (dcmtk, one process for all files): the set of top-level tags (file meta and data set) must equal
 * ours, and so must the VR of each top-level standard element (dcmdump's "up", the unsigned offsets of DICOMDIR, is
 * UL; private elements are left out because dcmtk, like pydicom, has a private dictionary).
 */
class IndependentReaderOracleTest {

    /** Where the two readers may legitimately differ. Keep this short; every entry says why. */
    private static final List<Allowed> ALLOWED = List.of(
    );

    private static final String SCRIPT = "pydicom_oracle.py";

    private static final AtomicInteger FILES = new AtomicInteger();
    private static final AtomicLong ELEMENTS = new AtomicLong();
    private static final AtomicInteger DCMDUMP_FILES = new AtomicInteger();
    private static final AtomicLong DCMDUMP_TAGS = new AtomicLong();
    private static final AtomicInteger RULE_PRIVATE_UN = new AtomicInteger();
    private static volatile long oracleMillis;

    enum Kind { MISSING_IN_OURS, EXTRA_IN_OURS, VR, VALUE, ORACLE_ERROR, READ_ERROR }

    record Allowed(String file, String pathRegex, Kind kind, String reason) {
        boolean matches(String relFile, Discrepancy d) {
            return file.equals(relFile) && kind == d.kind() && Pattern.matches(pathRegex, d.path());
        }
    }

    record Discrepancy(String path, Kind kind, String detail) {
        @Override public String toString() { return kind + " " + path + ": " + detail; }
    }

    @AfterAll
    static void summary() {
        if (FILES.get() > 0) {
            System.out.printf(Locale.ROOT, "pydicom oracle: %d files, %d elements compared (pydicom run %d ms); "
                    + "private UN compared as bytes: %d%n", FILES.get(), ELEMENTS.get(), oracleMillis, RULE_PRIVATE_UN.get());
        }
        if (DCMDUMP_FILES.get() > 0) {
            System.out.printf(Locale.ROOT, "dcmdump oracle: %d files, %d top-level tags compared%n",
                    DCMDUMP_FILES.get(), DCMDUMP_TAGS.get());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyElementMatchesPydicom() {
        String version = Oracles.assumePydicom();
        List<Path> files = SharedData.allDicomFiles();
        assertThat(files).hasSizeGreaterThan(150);
        long t0 = System.nanoTime();
        List<Map<String, Object>> dumps = Oracles.runPythonScript(SCRIPT,
                files.stream().map(p -> p.toAbsolutePath().toString()).toList(), 300);
        oracleMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(dumps).as("one pydicom %s record per file", version).hasSameSizeAs(files);
        Map<String, Map<String, Object>> byFile = new HashMap<>();
        for (Map<String, Object> d : dumps) {
            byFile.put((String) d.get("file"), d);
        }
        Path root = SharedData.root();
        return files.stream().map(f -> DynamicTest.dynamicTest(rel(root, f),
                () -> compareWithPydicom(rel(root, f), f, byFile.get(f.toAbsolutePath().toString()))));
    }

    @TestFactory
    Stream<DynamicTest> topLevelTagsAndVrsMatchDcmdump() {
        Oracles.assumeDcmdump();
        List<Path> files = SharedData.allDicomFiles();
        List<String> cmd = new ArrayList<>(List.of(Oracles.dcmdump().toString(), "-q", "+F", "-M"));
        files.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        Oracles.Result r = Oracles.run(cmd, "", 120);
        Map<String, Map<Integer, String>> dumps = parseDcmdump(r.stdout());
        Path root = SharedData.root();
        return files.stream().map(f -> DynamicTest.dynamicTest(rel(root, f), () -> {
            Map<Integer, String> theirs = dumps.get(f.toAbsolutePath().toString());
            assertThat(theirs).as("dcmdump output for %s (exit code %d, stderr: %s)", f, r.exitCode(), r.stderr())
                    .isNotNull().isNotEmpty();
            DicomFile ours = new DicomReader(ReadOptions.defaults()).read(f);
            Map<Integer, String> mine = new TreeMap<>(Integer::compareUnsigned);
            ours.fileMeta().elements().forEach(e -> mine.put(e.tag(), e.vr().name()));
            ours.dataset().elements().forEach(e -> mine.put(e.tag(), e.vr().name()));
            Set<Integer> sortedTheirs = new TreeSet<>(Integer::compareUnsigned);
            sortedTheirs.addAll(theirs.keySet());
            assertThat(hex(mine.keySet())).as("top-level tags of %s: ours vs dcmdump", f).isEqualTo(hex(sortedTheirs));
            List<String> vrs = new ArrayList<>();
            mine.forEach((tag, vr) -> {
                String dcmtk = theirs.get(tag);
                if (!TagFormat.isPrivate(tag) && !vr.equals(dcmtk)) {
                    vrs.add(TagFormat.toString(tag) + " ours " + vr + ", dcmdump " + dcmtk);
                }
            });
            assertThat(vrs).as("VRs of %s that differ from dcmdump", f).isEmpty();
            DCMDUMP_FILES.incrementAndGet();
            DCMDUMP_TAGS.addAndGet(mine.size());
        }));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // pydicom comparison

    private static void compareWithPydicom(String relFile, Path file, Map<String, Object> dump) throws IOException {
        assertThat(dump).as("pydicom record for %s", file).isNotNull();
        List<Discrepancy> found = new ArrayList<>();
        if (dump.containsKey("error")) {
            found.add(new Discrepancy("", Kind.ORACLE_ERROR, "pydicom could not read the file: " + dump.get("error")));
        } else {
            DicomFile ours;
            try {
                ours = new DicomReader(ReadOptions.defaults()).read(file);
            } catch (IOException | RuntimeException e) {
                ours = null;
                found.add(new Discrepancy("", Kind.READ_ERROR, "our reader failed: " + e));
            }
            if (ours != null) {
                compareLevel(ours.fileMeta(), records(dump.get("meta")), "meta ", found);
                compareLevel(ours.dataset(), records(dump.get("ds")), "", found);
            }
        }
        List<Discrepancy> unexplained = new ArrayList<>();
        Set<Allowed> used = new HashSet<>();
        for (Discrepancy d : found) {
            Allowed a = ALLOWED.stream().filter(x -> x.matches(relFile, d)).findFirst().orElse(null);
            if (a == null) {
                unexplained.add(d);
            } else {
                used.add(a);
            }
        }
        List<String> stale = ALLOWED.stream().filter(a -> a.file().equals(relFile) && !used.contains(a))
                .map(a -> "allow-list entry matches nothing any more, remove it: " + a).toList();
        FILES.incrementAndGet();
        assertThat(unexplained).as("elements of %s that differ from pydicom", file).isEmpty();
        assertThat(stale).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    private static void compareLevel(DicomDataset ds, List<Map<String, Object>> theirs, String label,
                                     List<Discrepancy> found) throws IOException {
        Map<String, PydicomText.Ours> ours = new TreeMap<>();
        PydicomText.flatten(ds, "", ours);
        Map<String, Map<String, Object>> byPath = new LinkedHashMap<>();
        for (Map<String, Object> r : theirs) {
            byPath.put((String) r.get("p"), r);
        }
        Set<String> opaque = new HashSet<>(); // pydicom sequences that we keep as private UN bytes (rule 1)
        for (Map.Entry<String, Map<String, Object>> e : byPath.entrySet()) {
            String path = e.getKey();
            if (opaque.stream().anyMatch(path::startsWith)) {
                continue;
            }
            Map<String, Object> r = e.getValue();
            PydicomText.Ours o = ours.get(path);
            if (r.containsKey("err")) {
                found.add(new Discrepancy(label + path, Kind.ORACLE_ERROR, "pydicom: " + r.get("err")));
                continue;
            }
            if (o == null) {
                found.add(new Discrepancy(label + path, Kind.MISSING_IN_OURS, "pydicom has " + r.get("vr") + " "
                        + describe(r)));
                continue;
            }
            ELEMENTS.incrementAndGet();
            compareElement(label + path, o, r, found, opaque, path);
        }
        for (Map.Entry<String, PydicomText.Ours> e : ours.entrySet()) {
            String path = e.getKey();
            if (!byPath.containsKey(path) && opaque.stream().noneMatch(path::startsWith)) {
                found.add(new Discrepancy(label + path, Kind.EXTRA_IN_OURS, "we have " + e.getValue().element()
                        + " that pydicom does not"));
            }
        }
    }

    private static void compareElement(String label, PydicomText.Ours o, Map<String, Object> r, List<Discrepancy> found,
                                       Set<String> opaque, String path) throws IOException {
        DicomElement el = o.element();
        String theirVr = (String) r.get("vr");
        String ourVr = el.vr().name();
        if (!ourVr.equals(theirVr)) {
            int tag = el.tag();
            boolean privateUn = el.vr() == Vr.UN && TagFormat.isPrivate(tag) && !TagFormat.isPrivateCreator(tag)
                    && !(el instanceof SequenceElement);
            if (privateUn) { // rule 1
                RULE_PRIVATE_UN.incrementAndGet();
                String mine = Oracles.sha256(bytesOf(o));
                if (!mine.equals(r.get("rh"))) {
                    found.add(new Discrepancy(label, Kind.VALUE, "private element we keep as UN (pydicom: " + theirVr
                            + "): our bytes " + mine + ", file bytes per pydicom " + r.get("rh")));
                }
                if ("SQ".equals(theirVr)) {
                    opaque.add(path + "/");
                }
                return;
            }
            found.add(new Discrepancy(label, Kind.VR, "ours " + ourVr + ", pydicom " + theirVr + " " + describe(r)));
            return;
        }
        String problem = switch (el) {
            case SequenceElement s -> compareNumber("items", s.items().size(), r.get("n"));
            case FragmentsElement f -> compareFragments(f, r);
            case BulkDataElement b -> compareHash(b.ref().bytes(), r);
            case ValueElement v -> compareValue(o, v, r);
        };
        if (problem != null) {
            found.add(new Discrepancy(label, Kind.VALUE, ourVr + ": " + problem));
        }
    }

    private static byte[] bytesOf(PydicomText.Ours o) throws IOException {
        return switch (o.element()) {
            case ValueElement v -> v.bytes();
            case BulkDataElement b -> b.ref().bytes();
            default -> throw new IllegalStateException("no plain value: " + o.element());
        };
    }

    private static String compareValue(PydicomText.Ours o, ValueElement v, Map<String, Object> r) {
        DicomDataset ds = o.owner();
        int tag = v.tag();
        Vr vr = v.vr();
        if (vr.isText()) {
            return PydicomText.compare(ds, tag, vr, r);
        }
        return switch (vr) {
            case US, SS, SL -> compareLongs(Arrays.stream(ds.ints(tag)).asLongStream().toArray(), r);
            case UL, AT -> compareLongs(Arrays.stream(ds.ints(tag)).mapToLong(Integer::toUnsignedLong).toArray(), r);
            case SV, UV -> compareLongs(longs(v.bytes()), r); // ints() narrows 64-bit values
            case FL, FD -> compareDoubles(ds.doubles(tag), r);
            default -> compareHash(v.bytes(), r);
        };
    }

    private static long[] longs(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = bb.getLong(8 * i);
        }
        return out;
    }

    private static String compareLongs(long[] ours, Map<String, Object> r) {
        Object v = r.get("v");
        if (!(v instanceof List<?> list)) {
            return "pydicom gave no numbers: " + describe(r);
        }
        List<String> expected = list.stream().map(Object::toString).toList();
        List<String> actual = Arrays.stream(ours).mapToObj(Long::toString).toList();
        return actual.equals(expected) ? null : "numbers " + actual + ", pydicom " + expected;
    }

    private static String compareDoubles(double[] ours, Map<String, Object> r) {
        Object v = r.get("v");
        if (!(v instanceof List<?> list)) {
            return "pydicom gave no numbers: " + describe(r);
        }
        boolean same = list.size() == ours.length;
        for (int i = 0; same && i < ours.length; i++) {
            same = Double.compare(ours[i], pyDouble(list.get(i))) == 0;
        }
        return same ? null : "numbers " + Arrays.toString(ours) + ", pydicom " + list;
    }

    private static double pyDouble(Object o) {
        return switch (o) {
            case MiniJson.Num n -> n.asDouble();
            case String s when s.equals("nan") -> Double.NaN;
            case String s when s.equals("inf") -> Double.POSITIVE_INFINITY;
            case String s when s.equals("-inf") -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number from pydicom: " + o);
        };
    }

    private static String compareNumber(String what, long ours, Object theirs) {
        return theirs instanceof MiniJson.Num n && n.isIntegral() && n.asLong() == ours ? null
                : what + " " + ours + ", pydicom " + theirs;
    }

    private static String compareHash(byte[] ours, Map<String, Object> r) {
        Object h = r.get("h");
        if (h == null) {
            return "pydicom gave no bytes: " + describe(r);
        }
        String mine = Oracles.sha256(ours);
        return mine.equals(h) ? null : "value bytes differ: " + ours.length + " bytes sha256 " + mine + ", pydicom "
                + r.get("len") + " bytes sha256 " + h;
    }

    private static String compareFragments(FragmentsElement f, Map<String, Object> r) throws IOException {
        if (!(r.get("frag") instanceof List<?> frag)) {
            return "pydicom did not see encapsulated data: " + describe(r);
        }
        List<BinaryValue> items = new ArrayList<>();
        items.add(f.basicOffsetTable());
        items.addAll(f.fragments());
        List<String> lengths = items.stream().map(b -> Long.toString(b.length())).toList();
        List<String> theirLengths = frag.stream().map(Object::toString).toList();
        if (!lengths.equals(theirLengths)) {
            return "item lengths (BOT first) " + lengths + ", pydicom " + theirLengths;
        }
        byte[][] all = new byte[items.size()][];
        for (int i = 0; i < all.length; i++) {
            all[i] = items.get(i).bytes();
        }
        String mine = Oracles.sha256(all);
        return mine.equals(r.get("h")) ? null : "fragment bytes differ: sha256 " + mine + ", pydicom " + r.get("h");
    }

    private static String describe(Map<String, Object> r) {
        Map<String, Object> copy = new LinkedHashMap<>(r);
        copy.remove("p");
        copy.remove("rh");
        String s = copy.toString();
        return s.length() > 300 ? s.substring(0, 300) + "...}" : s;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // dcmdump

    private static final Pattern DCMDUMP_FILE = Pattern.compile("^# dcmdump \\(\\d+/\\d+\\): (.*)$");
    private static final Pattern DCMDUMP_TOP_LEVEL_TAG =
            Pattern.compile("^\\(([0-9a-fA-F]{4}),([0-9a-fA-F]{4})\\) (\\S\\S) ");

    /**
     * Top-level elements (no indentation) per file of {@code dcmdump +F} output, tag to VR as dcmdump prints it ("??"
     * for an unknown one, read as UN; "up" read as UL); the item and delimiter tags are skipped.
     */
    private static Map<String, Map<Integer, String>> parseDcmdump(String out) {
        Map<String, Map<Integer, String>> tags = new HashMap<>();
        Map<Integer, String> current = null;
        for (String line : out.split("\n")) {
            Matcher f = DCMDUMP_FILE.matcher(line);
            if (f.matches()) {
                current = new HashMap<>();
                tags.put(f.group(1), current);
                continue;
            }
            Matcher t = DCMDUMP_TOP_LEVEL_TAG.matcher(line);
            if (current != null && t.find()) {
                int tag = TagFormat.of(Integer.parseInt(t.group(1), 16), Integer.parseInt(t.group(2), 16));
                String vr = switch (t.group(3)) {
                    case "??" -> "UN";
                    case "up" -> "UL";
                    default -> t.group(3);
                };
                if (TagFormat.group(tag) != 0xFFFE) {
                    current.put(tag, vr);
                }
            }
        }
        return tags;
    }

    private static List<String> hex(Set<Integer> tags) {
        return tags.stream().map(TagFormat::toString).toList();
    }

    private static String rel(Path root, Path file) {
        return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }
}
