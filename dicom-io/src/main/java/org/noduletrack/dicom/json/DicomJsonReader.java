package org.noduletrack.dicom.json;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.noduletrack.dicom.charset.SpecificCharacterSet;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomParseException;

/**
 * Reads the DICOM JSON Model (PS3.18 F.2), as QIDO-RS answers with, into {@link DicomDataset}s. JSON text is Unicode,
 * so every data set read is given Specific Character Set ISO_IR 192 (UTF-8) whatever the server reported. Values behind
 * a BulkDataURI are not fetched: such attributes are read as empty. Errors name the attribute
 * ({@link DicomParseException#tag()}); the offset is the index of the data set in the array.
 */
public final class DicomJsonReader {
    private static final String UTF8_TERM = "ISO_IR 192";

    /** A JSON array of data sets (a QIDO-RS response); an empty body is an empty list. */
    public List<DicomDataset> readArray(String json) throws DicomParseException {
        if (json.isBlank()) {
            return List.of();
        }
        Object root = parse(json);
        if (!(root instanceof List<?> items)) {
            throw new DicomParseException("DICOM JSON: expected an array of data sets", 0, DicomParseException.NO_TAG);
        }
        List<DicomDataset> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                throw new DicomParseException("DICOM JSON: array element " + i + " is not an object", i,
                        DicomParseException.NO_TAG);
            }
            out.add(dataset(m, i));
        }
        return out;
    }

    /** One data set (a JSON object). */
    public DicomDataset read(String json) throws DicomParseException {
        if (!(parse(json) instanceof Map<?, ?> m)) {
            throw new DicomParseException("DICOM JSON: expected an object", 0, DicomParseException.NO_TAG);
        }
        return dataset(m, 0);
    }

    private static Object parse(String json) throws DicomParseException {
        try {
            return JsonTree.parse(json);
        } catch (IllegalArgumentException e) {
            throw new DicomParseException("DICOM JSON: " + e.getMessage(), 0, DicomParseException.NO_TAG);
        }
    }

    private DicomDataset dataset(Map<?, ?> json, long index) throws DicomParseException {
        DatasetBuilder b = new DatasetBuilder(SpecificCharacterSet.UTF_8);
        b.putString(Tags.SpecificCharacterSet, Vr.CS, UTF8_TERM);
        for (Map.Entry<?, ?> e : json.entrySet()) {
            String key = String.valueOf(e.getKey());
            int tag;
            try {
                if (key.length() != 8) {
                    throw new NumberFormatException();
                }
                tag = Integer.parseUnsignedInt(key, 16);
            } catch (NumberFormatException ex) {
                throw new DicomParseException("DICOM JSON: attribute name '" + key + "' is not 8 hex digits", index,
                        DicomParseException.NO_TAG);
            }
            if (tag == Tags.SpecificCharacterSet) {
                continue; // the text is already Unicode
            }
            if (!(e.getValue() instanceof Map<?, ?> attr)) {
                throw new DicomParseException("DICOM JSON: attribute is not an object", index, tag);
            }
            try {
                element(b, tag, attr, index);
            } catch (IllegalArgumentException | ClassCastException | ArithmeticException ex) {
                throw new DicomParseException("DICOM JSON: bad value: " + ex.getMessage(), index, tag);
            }
        }
        return b.build();
    }

    private void element(DatasetBuilder b, int tag, Map<?, ?> attr, long index) throws DicomParseException {
        Vr vr;
        try {
            vr = Vr.valueOf(String.valueOf(attr.get("vr")));
        } catch (IllegalArgumentException e) {
            throw new DicomParseException("DICOM JSON: unknown vr '" + attr.get("vr") + "'", index, tag);
        }
        Object inline = attr.get("InlineBinary");
        if (inline != null) {
            b.putOwned(tag, vr, Base64.getDecoder().decode(String.valueOf(inline)));
            return;
        }
        List<?> values = attr.get("Value") instanceof List<?> l ? l : List.of();
        switch (vr.kind()) {
            case SEQUENCE -> {
                List<DicomDataset> items = new ArrayList<>(values.size());
                for (Object item : values) {
                    if (!(item instanceof Map<?, ?> m)) {
                        throw new DicomParseException("DICOM JSON: sequence item is not an object", index, tag);
                    }
                    items.add(dataset(m, index));
                }
                b.putSequence(tag, items);
            }
            case TEXT -> {
                String[] s = new String[values.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = text(vr, values.get(i));
                }
                if (s.length == 0) {
                    b.putOwned(tag, vr, new byte[0]);
                } else {
                    b.putString(tag, vr, s);
                }
            }
            case BINARY -> b.putOwned(tag, vr, binary(vr, values));
        }
    }

    private static String text(Vr vr, Object v) {
        if (v == null) {
            return "";
        }
        if (vr == Vr.PN && v instanceof Map<?, ?> pn) {
            String[] groups = {str(pn.get("Alphabetic")), str(pn.get("Ideographic")), str(pn.get("Phonetic"))};
            int last = groups[2].isEmpty() ? groups[1].isEmpty() ? 0 : 1 : 2;
            return String.join("=", java.util.Arrays.copyOf(groups, last + 1));
        }
        if (v instanceof BigDecimal d) {
            return vr == Vr.IS ? d.toBigIntegerExact().toString() : d.toString();
        }
        return String.valueOf(v);
    }

    private static String str(Object o) { return o == null ? "" : String.valueOf(o); }

    /** Numbers (US, SS, UL, SL, UV, SV, FL, FD) and AT ("GGGGEEEE" strings), little endian. */
    private static byte[] binary(Vr vr, List<?> values) {
        int unit = vr == Vr.AT ? 4 : vr.swapUnit();
        ByteBuffer bb = ByteBuffer.allocate(values.size() * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (Object v : values) {
            switch (vr) {
                case AT -> {
                    int t = Integer.parseUnsignedInt(String.valueOf(v), 16);
                    bb.putShort((short) (t >>> 16)).putShort((short) t);
                }
                case US, SS -> bb.putShort((short) ((BigDecimal) v).intValueExact());
                case UL -> bb.putInt((int) ((BigDecimal) v).longValueExact());
                case SL -> bb.putInt(((BigDecimal) v).intValueExact());
                case UV -> bb.putLong(((BigDecimal) v).toBigIntegerExact().longValue());
                case SV -> bb.putLong(((BigDecimal) v).longValueExact());
                case FL -> bb.putFloat(v == null ? Float.NaN : ((BigDecimal) v).floatValue());
                case FD -> bb.putDouble(v == null ? Double.NaN : ((BigDecimal) v).doubleValue());
                default -> throw new IllegalArgumentException(vr + " values must be InlineBinary or a BulkDataURI");
            }
        }
        return bb.array();
    }
}
