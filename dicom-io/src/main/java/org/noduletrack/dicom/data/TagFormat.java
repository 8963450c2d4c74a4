package org.noduletrack.dicom.data;

/** Tag arithmetic and the conventional (gggg,eeee) notation. Tags are plain ints: group in the high 16 bits. */
public final class TagFormat {
    private TagFormat() {}

    public static int group(int tag) { return tag >>> 16; }

    public static int element(int tag) { return tag & 0xFFFF; }

    public static int of(int group, int element) { return (group << 16) | (element & 0xFFFF); }

    public static boolean isPrivate(int tag) { return (group(tag) & 1) == 1; }

    /** (gggg,00xx) with xx in 10..FF: reserves a block of private elements for a creator. */
    public static boolean isPrivateCreator(int tag) {
        int e = element(tag);
        return isPrivate(tag) && e >= 0x10 && e <= 0xFF;
    }

    public static boolean isGroupLength(int tag) { return element(tag) == 0; }

    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }

    /** Parses "0010,0010", "(0010,0010)" or "00100010". */
    public static int parse(String s) {
        String hex = s.replaceAll("[()\\s,]", "");
        if (hex.length() != 8) {
            throw new IllegalArgumentException("not a tag: " + s);
        }
        return (int) Long.parseLong(hex, 16);
    }
}
