package org.noduletrack.dicom.dicomdir;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Directory Record Type (0004,1430) defined terms (PS3.3 F.5), with the level each sits at in the
 * PATIENT > STUDY > SERIES > instance hierarchy. The level is only used to infer a tree when offsets are missing.
 */
public enum RecordType {
    PATIENT("PATIENT", Level.PATIENT),
    STUDY("STUDY", Level.STUDY),
    SERIES("SERIES", Level.SERIES),
    IMAGE("IMAGE", Level.INSTANCE),
    RT_DOSE("RT DOSE", Level.INSTANCE),
    RT_STRUCTURE_SET("RT STRUCTURE SET", Level.INSTANCE),
    RT_PLAN("RT PLAN", Level.INSTANCE),
    RT_TREAT_RECORD("RT TREAT RECORD", Level.INSTANCE),
    PRESENTATION("PRESENTATION", Level.INSTANCE),
    WAVEFORM("WAVEFORM", Level.INSTANCE),
    SR_DOCUMENT("SR DOCUMENT", Level.INSTANCE),
    KEY_OBJECT_DOC("KEY OBJECT DOC", Level.INSTANCE),
    SPECTROSCOPY("SPECTROSCOPY", Level.INSTANCE),
    RAW_DATA("RAW DATA", Level.INSTANCE),
    REGISTRATION("REGISTRATION", Level.INSTANCE),
    FIDUCIAL("FIDUCIAL", Level.INSTANCE),
    ENCAP_DOC("ENCAP DOC", Level.INSTANCE),
    VALUE_MAP("VALUE MAP", Level.INSTANCE),
    STEREOMETRIC("STEREOMETRIC", Level.INSTANCE),
    PLAN("PLAN", Level.INSTANCE),
    MEASUREMENT("MEASUREMENT", Level.INSTANCE),
    SURFACE("SURFACE", Level.INSTANCE),
    SURFACE_SCAN("SURFACE SCAN", Level.INSTANCE),
    TRACT("TRACT", Level.INSTANCE),
    ASSESSMENT("ASSESSMENT", Level.INSTANCE),
    RADIOTHERAPY("RADIOTHERAPY", Level.INSTANCE),
    ANNOTATION("ANNOTATION", Level.INSTANCE),
    INVENTORY("INVENTORY", Level.INSTANCE),
    HANGING_PROTOCOL("HANGING PROTOCOL", Level.PATIENT),
    PALETTE("PALETTE", Level.PATIENT),
    IMPLANT("IMPLANT", Level.PATIENT),
    IMPLANT_ASSY("IMPLANT ASSY", Level.PATIENT),
    IMPLANT_GROUP("IMPLANT GROUP", Level.PATIENT),
    HL7_STRUC_DOC("HL7 STRUC DOC", Level.PATIENT),
    /** Retired, but still found on old media. */
    TOPIC("TOPIC", Level.PATIENT),
    /** Private record: its place in the hierarchy is not known. */
    PRIVATE("PRIVATE", Level.UNKNOWN),
    /** Any value not defined by the standard (the record keeps its literal code). */
    OTHER("", Level.UNKNOWN);

    /** Where a record type sits when the tree has to be inferred from record order. */
    enum Level {
        PATIENT(1), STUDY(2), SERIES(3), INSTANCE(4), UNKNOWN(0);

        final int depth;

        Level(int depth) { this.depth = depth; }
    }

    private final String code;
    private final Level level;

    RecordType(String code, Level level) {
        this.code = code;
        this.level = level;
    }

    /** The defined term as written in (0004,1430); empty for {@link #OTHER}. */
    public String code() { return code; }

    Level level() { return level; }

    private static final Map<String, RecordType> BY_CODE = Arrays.stream(values())
            .filter(t -> t != OTHER)
            .collect(Collectors.toUnmodifiableMap(RecordType::code, t -> t));

    /** The type for a (0004,1430) value; {@link #OTHER} for anything not defined by the standard. */
    public static RecordType of(String code) {
        String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        return BY_CODE.getOrDefault(c, OTHER);
    }
}
