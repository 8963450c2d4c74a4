/**
 * Character sets of DICOM text: {@link org.noduletrack.dicom.charset.SpecificCharacterSet} decodes and encodes
 * values under Specific Character Set (0008,0005), including ISO 2022 code extensions for Japanese, Korean and
 * Chinese (PS3.5 6.1 and Annexes H-K); {@link org.noduletrack.dicom.charset.PersonName} splits a decoded PN
 * value into its component groups.
 *
 * <p>The JDK supplies the code tables (x-JIS0208, JIS_X0212-1990, EUC-KR, GB2312, ISO-8859-n, TIS-620 from the
 * jdk.charsets module); the escape-sequence state machine is our own because DICOM's rules (reset at
 * delimiters, G1 sets, JIS X 0201) match none of the JDK's ISO-2022 codecs.
 */
package org.noduletrack.dicom.charset;
