package org.noduletrack.dicom.codec.jpegls;

/**
 * The SOF55 frame header. Width and height may be 0 when an LSE oversize-dimension segment supplies
 * them; {@link #withDimensions} then gives the effective header.
 *
 * @param componentIds the component identifiers Ci in frame order; scans refer to components by these ids
 */
record FrameHeader(int bitsPerSample, int height, int width, int[] componentIds) {

    int componentCount() {
        return componentIds.length;
    }

    /** Index of the component with identifier {@code id} in frame order, or -1. */
    int indexOf(int id) {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        return -1;
    }

    FrameHeader withDimensions(int newHeight, int newWidth) {
        return new FrameHeader(bitsPerSample, newHeight, newWidth, componentIds);
    }
}
