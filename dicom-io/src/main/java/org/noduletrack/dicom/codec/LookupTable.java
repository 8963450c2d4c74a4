package org.noduletrack.dicom.codec;

import java.util.Optional;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;

/**
 * A LUT from a Modality or VOI LUT Sequence item (PS3.3 C.11.1.1): descriptor (entries, first mapped value, bits) and data.
 */
public record LookupTable(int firstMapped, int bits, int[] data, String explanation) {
    public LookupTable {
        data = data.clone();
    }

    /** Empty when the item's descriptor or data are missing or inconsistent. */
    static Optional<LookupTable> of(DicomDataset item) {
        int[] desc = item.ints(Tags.LUTDescriptor);
        int[] data = item.ints(Tags.LUTData);
        if (desc.length != 3 || data.length == 0) {
            return Optional.empty();
        }
        int entries = desc[0] == 0 ? 65536 : desc[0] & 0xFFFF; // 0 means 2^16 (PS3.3 C.11.1.1.1)
        if (data.length < entries) {
            return Optional.empty();
        }
        int first = item.get(Tags.LUTDescriptor).map(e -> e.vr()).orElse(null) == org.noduletrack.dicom.data.Vr.SS
                ? (short) desc[1] : desc[1];
        int[] values = java.util.Arrays.copyOf(data, entries);
        return Optional.of(new LookupTable(first, desc[2], values, item.string(Tags.LUTExplanation, "")));
    }

    @Override
    public int[] data() { return data.clone(); }

    /** Values below the first mapped value take the first entry, above the range the last (PS3.3 C.11.1.1). */
    public int lookup(int stored) {
        int i = Math.clamp(stored - firstMapped, 0, data.length - 1);
        return data[i];
    }
}
