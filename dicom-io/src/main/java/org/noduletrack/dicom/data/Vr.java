package org.noduletrack.dicom.data;

/**
 * DICOM value representations (PS3.5 section 6.2) with the encoding traits the reader and writer need,
 * so callers never switch on the two-letter code.
 */
public enum Vr {
    AE(Kind.TEXT, 0, false, ' '),
    AS(Kind.TEXT, 0, false, ' '),
    AT(Kind.BINARY, 2, false, 0),   // pairs of 16-bit values: swapped per half in big endian
    CS(Kind.TEXT, 0, false, ' '),
    DA(Kind.TEXT, 0, false, ' '),
    DS(Kind.TEXT, 0, false, ' '),
    DT(Kind.TEXT, 0, false, ' '),
    FD(Kind.BINARY, 8, false, 0),
    FL(Kind.BINARY, 4, false, 0),
    IS(Kind.TEXT, 0, false, ' '),
    LO(Kind.TEXT, 0, false, ' '),
    LT(Kind.TEXT, 0, false, ' '),
    OB(Kind.BINARY, 1, true, 0),
    OD(Kind.BINARY, 8, true, 0),
    OF(Kind.BINARY, 4, true, 0),
    OL(Kind.BINARY, 4, true, 0),
    OV(Kind.BINARY, 8, true, 0),
    OW(Kind.BINARY, 2, true, 0),
    PN(Kind.TEXT, 0, false, ' '),
    SH(Kind.TEXT, 0, false, ' '),
    SL(Kind.BINARY, 4, false, 0),
    SQ(Kind.SEQUENCE, 0, true, 0),
    SS(Kind.BINARY, 2, false, 0),
    ST(Kind.TEXT, 0, false, ' '),
    SV(Kind.BINARY, 8, true, 0),
    TM(Kind.TEXT, 0, false, ' '),
    UC(Kind.TEXT, 0, true, ' '),
    UI(Kind.TEXT, 0, false, 0),
    UL(Kind.BINARY, 4, false, 0),
    UN(Kind.BINARY, 1, true, 0),
    UR(Kind.TEXT, 0, true, ' '),
    US(Kind.BINARY, 2, false, 0),
    UT(Kind.TEXT, 0, true, ' '),
    UV(Kind.BINARY, 8, true, 0);

    /** How a value of this VR is stored. */
    public enum Kind { TEXT, BINARY, SEQUENCE }

    private final Kind kind;
    private final int bytesPerUnit;
    private final boolean longHeader;
    private final int paddingByte;

    Vr(Kind kind, int bytesPerUnit, boolean longHeader, int paddingByte) {
        this.kind = kind;
        this.bytesPerUnit = bytesPerUnit;
        this.longHeader = longHeader;
        this.paddingByte = paddingByte;
    }

    public Kind kind() { return kind; }

    public boolean isText() { return kind == Kind.TEXT; }

    /** Size of the unit that must be byte-swapped between little and big endian (1 = never swapped). */
    public int swapUnit() { return kind == Kind.BINARY ? bytesPerUnit : 1; }

    /** Explicit VR encoding uses 2 reserved bytes and a 32-bit length for this VR (PS3.5 7.1.2). */
    public boolean hasLongHeader() { return longHeader; }

    /** Byte that pads a value to even length. */
    public int paddingByte() { return paddingByte; }

    /** Text VRs whose values may hold several values separated by backslash. */
    public boolean isMultiValuedText() {
        return isText() && this != LT && this != ST && this != UT && this != UR;
    }

    /** Parses the two bytes of an explicit VR field; returns null when they are not a known VR. */
    public static Vr fromCode(int b0, int b1) {
        if (b0 < 'A' || b0 > 'Z' || b1 < 'A' || b1 > 'Z') {
            return null;
        }
        return BY_CODE[(b0 - 'A') * 26 + (b1 - 'A')];
    }

    public int code0() { return name().charAt(0); }

    public int code1() { return name().charAt(1); }

    private static final Vr[] BY_CODE = new Vr[26 * 26];

    static {
        for (Vr vr : values()) {
            BY_CODE[(vr.name().charAt(0) - 'A') * 26 + (vr.name().charAt(1) - 'A')] = vr;
        }
    }
}
