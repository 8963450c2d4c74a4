package org.noduletrack.dicom.robustness;
public final class PathologicalAccess {
    public static byte[] get(String name) {
        return switch (name) {
            case "zeros1g" -> Pathological.deflateZeros(1024);
            case "zeros1m" -> Pathological.deflateZeros(1);
            case "bigob" -> Pathological.deflateOneBigValue(0x1FFFFFF0L, 512);
            case "fourob" -> Pathological.deflateManyBigValues(4);
            case "delims" -> Pathological.deflateRepeated(Pathological.delimiterPattern(), 1024);
            case "nested" -> Pathological.nestedExplicit(10_000, true);
            case "sib160" -> Pathological.siblingSequences(160_000);
            case "bigvalue" -> DicomBytes.part10(DicomBytes.EXPLICIT_LE).explicitText(0x00080060, "CS", "CT").explicitHeader(0x00091010, "OB", 0x1FFFFFF0L).raw(new byte[100]).toByteArray();
            case "charset" -> Pathological.charsetAndSequences(30_000, 20_000);
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static void count() throws Exception {
        System.setProperty("noduletrack.shared.data", "/work/shared/data");
        MutationCorpusTest t = new MutationCorpusTest();
        java.lang.reflect.Method m = MutationCorpusTest.class.getDeclaredMethod("loadSeeds");
        m.setAccessible(true);
        m.invoke(t);
        java.lang.reflect.Field f = MutationCorpusTest.class.getDeclaredField("seeds");
        f.setAccessible(true);
        for (MutationCorpusTest.Seed s : (java.util.List<MutationCorpusTest.Seed>) f.get(t)) {
            int[] n = new int[3];
            MutationCorpusTest.truncationsOf(s.name(), s.bytes(), s.layout(), null, c -> n[0]++);
            MutationCorpusTest.lengthMutations(s.name(), s.bytes(), s.layout(), null, c -> n[1]++);
            if (s.deflated()) {
                MutationCorpusTest.truncationsOf(s.name(), s.body(), s.bodyLayout(), s, c -> n[0]++);
                MutationCorpusTest.lengthMutations(s.name(), s.body(), s.bodyLayout(), s, c -> n[1]++);
            }
            System.out.println(s.name() + " len=" + s.bytes().length + " boundaries=" + s.layout().boundaries().size() + " lengthFields=" + s.layout().lengthFields().size()
                + (s.deflated() ? " body boundaries=" + s.bodyLayout().boundaries().size() + " bodyLF=" + s.bodyLayout().lengthFields().size() : "")
                + " headerEnd=" + s.layout().headerEnd(s.bytes().length) + " trunc=" + n[0] + " len=" + n[1]);
        }
    }
}
