package org.noduletrack.dicom.codec;

import java.util.Map;
import java.util.Optional;
import org.noduletrack.dicom.dict.UidDictionary;

/** Which decoder handles which transfer syntax. Built explicitly (no global registry), so tests can swap decoders. */
public final class CodecRegistry {
    private final Map<String, FrameDecoder> decoders;

    public CodecRegistry(Map<String, FrameDecoder> decoders) {
        this.decoders = Map.copyOf(decoders);
    }

    /** Every syntax this project decodes. */
    public static CodecRegistry standard() {
        FrameDecoder nat = new NativeFrameDecoder();
        FrameDecoder jpeg = new JpegFrameDecoder();
        FrameDecoder j2k = ImageIoFrameDecoder.jpeg2000();
        FrameDecoder jls = new JpegLsFrameDecoder();
        return new CodecRegistry(Map.ofEntries(
                Map.entry("1.2.840.10008.1.2", nat),
                Map.entry("1.2.840.10008.1.2.1", nat),
                Map.entry("1.2.840.10008.1.2.1.99", nat),
                Map.entry("1.2.840.10008.1.2.2", nat),
                Map.entry("1.2.840.10008.1.2.1.98", nat),      // encapsulated uncompressed
                
                Map.entry("1.2.840.10008.1.2.5", new RleFrameDecoder()),
                Map.entry("1.2.840.10008.1.2.4.50", jpeg),     // baseline process 1
                Map.entry("1.2.840.10008.1.2.4.51", jpeg),     // extended process 2 & 4
                Map.entry("1.2.840.10008.1.2.4.57", jpeg),     // lossless process 14
                Map.entry("1.2.840.10008.1.2.4.70", jpeg),     // lossless process 14 SV1
                Map.entry("1.2.840.10008.1.2.4.80", jls),
                Map.entry("1.2.840.10008.1.2.4.81", jls),
                Map.entry("1.2.840.10008.1.2.4.90", j2k),
                Map.entry("1.2.840.10008.1.2.4.91", j2k),
                Map.entry("1.2.840.10008.1.2.4.92", j2k),
                Map.entry("1.2.840.10008.1.2.4.93", j2k)));
    }

    public Optional<FrameDecoder> decoderFor(String transferSyntaxUid) {
        return Optional.ofNullable(decoders.get(transferSyntaxUid));
    }

    /** A human name for a transfer syntax, for error messages. */
    public static String nameOf(String uid) {
        return UidDictionary.standard().lookup(uid).map(e -> e.name()).orElse("unknown transfer syntax");
    }
}
