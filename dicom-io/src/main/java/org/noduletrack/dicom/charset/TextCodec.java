package org.noduletrack.dicom.charset;

/** Turns the bytes of one text value into a String and back, under one Specific Character Set. */
sealed interface TextCodec permits Iso2022Codec, StandaloneCodec {

    /** Decodes leniently: malformed or unmapped input becomes U+FFFD, never an exception. */
    String decode(byte[] value, boolean personName);

    /** Encodes; characters the set lacks become '?' and make the result {@linkplain Encoded#lossless() lossy}. */
    Encoded encode(String text, boolean personName);

    /** Encoded bytes, and whether every character survived. */
    record Encoded(byte[] bytes, boolean lossless) {}
}
