package org.noduletrack.dicom.codec;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG (TwelveMonkeys: baseline, extended, lossless process 14 and SV1) and JPEG 2000 (jai-imageio) through ImageIO.
 * Greyscale is read as a raw raster so 12- and 16-bit samples are never colour-converted; colour goes through the
 * reader's YCbCr to RGB conversion, so YBR_FULL(_422) frames come out as RGB.
 */
public final class ImageIoFrameDecoder implements FrameDecoder {
    private final String format;
    private final Predicate<ImageReader> preferred;

    private ImageIoFrameDecoder(String format, Predicate<ImageReader> preferred) {
        this.format = format;
        this.preferred = preferred;
    }

    public static ImageIoFrameDecoder jpeg() {
        // The JDK's own JPEG reader cannot do lossless or 12/16-bit; TwelveMonkeys can.
        return new ImageIoFrameDecoder("jpeg", r -> r.getClass().getName().startsWith("com.twelvemonkeys"));
    }

    public static ImageIoFrameDecoder jpeg2000() {
        return new ImageIoFrameDecoder("jpeg2000", r -> true);
    }

    private ImageReader reader() throws PixelDataException {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
            ImageReader r = it.next();
            if (preferred.test(r)) {
                return r;
            }
            fallback = r;
        }
        if (fallback == null) {
            throw new PixelDataException("no ImageIO reader for " + format + " on the class path");
        }
        return fallback;
    }

    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescriptor d) throws IOException {
        ImageReader reader = reader();
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            reader.setInput(iis, true, true);
            int[] out;
            PixelDescriptor outDesc;
            if (d.samplesPerPixel() == 1) {
                Raster r = reader.readRaster(0, null);
                checkSize(r.getWidth(), r.getHeight(), d);
                out = r.getSamples(0, 0, d.columns(), d.rows(), 0, new int[d.samplesPerFrame()]);
                int bits = d.bitsStored();
                for (int i = 0; i < out.length; i++) {
                    out[i] = NativeFrameDecoder.storedValue(out[i], 0, bits, d.signed());
                }
                outDesc = d;
            } else {
                BufferedImage img = reader.read(0);
                checkSize(img.getWidth(), img.getHeight(), d);
                Raster r = img.getRaster();
                out = r.getPixels(0, 0, d.columns(), d.rows(), new int[d.rows() * d.columns() * r.getNumBands()]);
                if (r.getNumBands() != d.samplesPerPixel()) {
                    throw new PixelDataException("decoded " + r.getNumBands() + " colour bands, expected " + d.samplesPerPixel());
                }
                outDesc = d.withPhotometric("RGB", 0);
            }
            return new DecodedFrame(outDesc, out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PixelDataException p) {
                throw p;
            }
            throw new PixelDataException(format + " decoding failed: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static void checkSize(int w, int h, PixelDescriptor d) throws PixelDataException {
        if (w != d.columns() || h != d.rows()) {
            throw new PixelDataException("codestream is " + w + "x" + h + " but the header says " + d.columns() + "x" + d.rows());
        }
    }
}
