/**
 * DICOM RLE Lossless (PS3.5 Annex G, transfer syntax 1.2.840.10008.1.2.5): one fragment per frame,
 * decoded by {@link org.noduletrack.dicom.codec.rle.RleDecoder} into native little-endian bytes
 * (colour-by-plane for three samples per pixel) and produced by
 * {@link org.noduletrack.dicom.codec.rle.RleEncoder}.
 */
package org.noduletrack.dicom.codec.rle;
