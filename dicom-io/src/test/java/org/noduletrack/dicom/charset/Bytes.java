package org.noduletrack.dicom.charset;

import java.util.Arrays;
import java.util.HexFormat;

/** Test helpers to write byte sequences the way the standard and other toolkits print them. */
final class Bytes {

    private Bytes() {
    }

    /** Hex bytes, optionally separated by spaces or written with "0x": "1B 24 42" or "0x1B 0x24". */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace("0x", "").replace(" ", ""));
    }

    /** PS3.5's column/row notation, e.g. "05/09 06/01 01/11" (each byte as column/row of the code table). */
    static byte[] columnRow(String notation) {
        String[] cells = notation.trim().split("\\s+");
        byte[] bytes = new byte[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String[] cell = cells[i].split("/");
            bytes[i] = (byte) (Integer.parseInt(cell[0]) * 16 + Integer.parseInt(cell[1]));
        }
        return bytes;
    }

    static String toHex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] part : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + part.length);
            System.arraycopy(part, 0, all, at, part.length);
        }
        return all;
    }
}
