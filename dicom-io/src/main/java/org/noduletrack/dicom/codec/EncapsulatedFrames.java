package org.noduletrack.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.dict.Tags;

/**
 * Maps frames to fragments of encapsulated pixel data (PS3.5 A.4), in the order of trust: Extended Offset Table,
 * Basic Offset Table, one fragment per frame, then JPEG start-of-image markers. Only the fragments of the requested
 * frame are read from the file.
 */
final class EncapsulatedFrames {
    private EncapsulatedFrames() {}

    /** Groups of fragment indexes, one group per frame. */
    static List<int[]> frameFragments(DicomDataset ds, FragmentsElement px, int frames) throws IOException {
        List<BinaryValue> frags = px.fragments();
        if (frags.isEmpty()) {
            throw new PixelDataException("encapsulated pixel data has no fragments");
        }
        long[] itemOffsets = itemOffsets(frags);
        long[] eot = ds.contains(Tags.ExtendedOffsetTable) ? ds.longs(Tags.ExtendedOffsetTable) : null;
        if (eot != null && eot.length == frames) {
            return byOffsets(eot, itemOffsets, "Extended Offset Table");
        }
        byte[] botBytes = px.basicOffsetTable().bytes();
        if (botBytes.length >= 4) {
            ByteBuffer bb = ByteBuffer.wrap(botBytes).order(ByteOrder.LITTLE_ENDIAN);
            long[] bot = new long[botBytes.length / 4];
            for (int i = 0; i < bot.length; i++) {
                bot[i] = bb.getInt(4 * i) & 0xFFFFFFFFL;
            }
            if (bot.length == frames) {
                return byOffsets(bot, itemOffsets, "Basic Offset Table");
            }
        }
        if (frames == 1) {
            int[] all = new int[frags.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return List.of(all);
        }
        if (frags.size() == frames) {
            List<int[]> out = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                out.add(new int[] {i});
            }
            return out;
        }
        return byStartMarkers(frags, frames);
    }

    /** Offsets are from the first fragment's item tag to each frame's first item tag. */
    private static List<int[]> byOffsets(long[] offsets, long[] itemOffsets, String table) throws PixelDataException {
        List<int[]> out = new ArrayList<>();
        for (int f = 0; f < offsets.length; f++) {
            long start = offsets[f];
            long end = f + 1 < offsets.length ? offsets[f + 1] : Long.MAX_VALUE;
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < itemOffsets.length; i++) {
                if (itemOffsets[i] >= start && itemOffsets[i] < end) {
                    idx.add(i);
                }
            }
            if (idx.isEmpty() || itemOffsets[idx.get(0)] != start) {
                throw new PixelDataException(table + " entry " + f + " (" + start + ") does not point at a fragment");
            }
            out.add(idx.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static long[] itemOffsets(List<BinaryValue> frags) {
        long[] off = new long[frags.size()];
        long pos = 0;
        for (int i = 0; i < off.length; i++) {
            off[i] = pos;
            pos += 8 + frags.get(i).length();
        }
        return off;
    }

    /** Without tables, a JPEG family frame starts with an SOI marker (FFD8); other codecs cannot be split. */
    private static List<int[]> byStartMarkers(List<BinaryValue> frags, int frames) throws IOException {
        List<int[]> out = new ArrayList<>();
        List<Integer> current = null;
        for (int i = 0; i < frags.size(); i++) {
            BinaryValue v = frags.get(i);
            byte[] head = v instanceof org.noduletrack.dicom.data.BulkDataRef r
                    ? r.read(0, (int) Math.min(2, r.length())) : v.bytes();
            boolean soi = head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8;
            boolean j2k = head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x4F;
            if (soi || j2k || current == null) {
                if (current != null) {
                    out.add(current.stream().mapToInt(Integer::intValue).toArray());
                }
                current = new ArrayList<>();
            }
            current.add(i);
        }
        out.add(current.stream().mapToInt(Integer::intValue).toArray());
        if (out.size() != frames) {
            throw new PixelDataException("cannot split " + frags.size() + " fragments into " + frames
                    + " frames: no offset table and " + out.size() + " frame start markers");
        }
        return out;
    }

    static byte[] concat(List<BinaryValue> frags, int[] indexes) throws IOException {
        if (indexes.length == 1) {
            return frags.get(indexes[0]).bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i : indexes) {
            out.write(frags.get(i).bytes());
        }
        return out.toByteArray();
    }
}
