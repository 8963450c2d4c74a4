package org.noduletrack.app.cli;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.codec.PixelDescriptor;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pixels", mixinStandardHelpOptions = true,
        description = {"Decodes one frame and writes its stored values (before Rescale Slope/Intercept).",
                ".raw: little-endian samples, 16-bit when Bits Allocated is 16 (8-bit for 8, 32-bit for 32), signed per"
                        + " Pixel Representation, colour interleaved.",
                ".png: 16-bit greyscale (signed data is offset by 2^(Bits Stored-1) so it stays non-negative), or"
                        + " 8-bit RGB for colour."})
final class PixelsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--frame", defaultValue = "0", description = "frame index, from 0 (default ${DEFAULT-VALUE})")
    int frame;

    @Option(names = "--out", required = true, paramLabel = "x.raw|x.png", description = "output file; the extension picks the format")
    Path out;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".raw") && !name.endsWith(".png")) {
            throw new IllegalArgumentException("--out must end in .raw or .png: " + out);
        }
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(file);
        PixelDataReader reader = new PixelDataReader(CodecRegistry.standard());
        DecodedFrame d = reader.decodeFrame(f, frame);
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        try {
            if (name.endsWith(".raw")) {
                writeRaw(d, tmp);
            } else {
                writePng(d, tmp);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        PixelDescriptor pd = d.descriptor();
        spec.commandLine().getErr().printf("frame %d of %d: %dx%d, %d sample(s)/pixel, %d bits stored -> %s%n", frame, pd.frames(),
                pd.columns(), pd.rows(), pd.samplesPerPixel(), pd.bitsStored(), out);
        return ExitCodes.OK;
    }

    static void writeRaw(DecodedFrame d, Path target) throws IOException {
        int bytesPer = switch (d.descriptor().bitsAllocated()) {
            case 1, 8 -> 1;
            case 16 -> 2;
            default -> 4;
        };
        int[] s = d.samples();
        ByteBuffer bb = ByteBuffer.allocate(s.length * bytesPer).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : s) {
            switch (bytesPer) {
                case 1 -> bb.put((byte) v);
                case 2 -> bb.putShort((short) v);
                default -> bb.putInt(v);
            }
        }
        try (OutputStream os = Files.newOutputStream(target)) {
            os.write(bb.array());
        }
    }

    static void writePng(DecodedFrame d, Path target) throws IOException {
        PixelDescriptor pd = d.descriptor();
        int w = pd.columns(), h = pd.rows();
        BufferedImage img;
        if (pd.samplesPerPixel() == 1) {
            img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
            WritableRaster r = img.getRaster();
            int offset = pd.signed() ? 1 << (pd.bitsStored() - 1) : 0;
            int[] s = d.samples();
            int[] px = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                px[i] = Math.clamp((long) s[i] + offset, 0, 65535);
            }
            r.setSamples(0, 0, w, h, 0, px);
        } else {
            img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int shift = Math.max(0, pd.bitsStored() - 8);
            int[] s = d.samples();
            int spp = pd.samplesPerPixel();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * spp;
                    img.setRGB(x, y, (s[i] >> shift & 0xFF) << 16 | (s[i + 1] >> shift & 0xFF) << 8 | (s[i + 2] >> shift & 0xFF));
                }
            }
        }
        if (!ImageIO.write(img, "png", target.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
