/**
 * Pure-Java JPEG-LS decoder (ITU-T T.87 | ISO/IEC 14495-1) for the DICOM transfer syntaxes
 * 1.2.840.10008.1.2.4.80 (lossless) and .81 (near-lossless).
 *
 * <p>{@link org.noduletrack.dicom.codec.jpegls.JpegLsDecoder} turns one codestream (SOI..EOI, i.e. the
 * concatenated fragments of one frame) into a {@link org.noduletrack.dicom.codec.jpegls.JpegLsImage};
 * every failure is a {@link org.noduletrack.dicom.codec.jpegls.JpegLsException} naming the byte offset.
 * Package-private helpers: marker-segment parsing ({@code CodestreamReader}, {@code FrameHeader},
 * {@code ScanHeader}, {@code PresetParameters}), the entropy-coded data reader ({@code BitReader}), the
 * adaptive context state ({@code ContextState}) and the per-scan pixel decoder ({@code ScanDecoder}).
 */
package org.noduletrack.dicom.codec.jpegls;
