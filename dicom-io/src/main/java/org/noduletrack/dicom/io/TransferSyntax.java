package org.noduletrack.dicom.io;

/**
 * How a data set is encoded: VR explicit or implicit, byte order, deflate, and whether pixel data is encapsulated.
 */
public record TransferSyntax(String uid, boolean explicitVr, boolean bigEndian, boolean deflated, boolean encapsulated) {
    public static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LE = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BE = "1.2.840.10008.1.2.2";
    public static final String ENCAPSULATED_UNCOMPRESSED_LE = "1.2.840.10008.1.2.1.98";

    public static final TransferSyntax IMPLICIT_LITTLE = new TransferSyntax(IMPLICIT_VR_LE, false, false, false, false);
    public static final TransferSyntax EXPLICIT_LITTLE = new TransferSyntax(EXPLICIT_VR_LE, true, false, false, false);
    public static final TransferSyntax EXPLICIT_BIG = new TransferSyntax(EXPLICIT_VR_BE, true, true, false, false);
    public static final TransferSyntax DEFLATED = new TransferSyntax(DEFLATED_EXPLICIT_VR_LE, true, false, true, false);

    /**
     * Every syntax not listed above is explicit VR little endian with encapsulated pixel data (PS3.5 A.4): this holds
     * for all compressed syntaxes, including ones newer than this code.
     */
    public static TransferSyntax of(String uid) {
        return switch (uid) {
            case IMPLICIT_VR_LE -> IMPLICIT_LITTLE;
            case EXPLICIT_VR_LE -> EXPLICIT_LITTLE;
            case EXPLICIT_VR_BE -> EXPLICIT_BIG;
            case DEFLATED_EXPLICIT_VR_LE -> DEFLATED;
            // Deflated image frame compression (2024) deflates frames, not the data set.
            default -> new TransferSyntax(uid, true, false, false, true);
        };
    }

    /** True for the syntaxes whose pixel data is stored uncompressed in the data set. */
    public boolean isNative() { return !encapsulated; }
}
