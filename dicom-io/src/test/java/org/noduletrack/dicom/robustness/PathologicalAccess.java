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
            default -> throw new IllegalArgumentException(name);
        };
    }
}
