package org.noduletrack.app.cli.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.noduletrack.render.api.Frame;

/** Writes a frame as an 8-bit greyscale PNG (the grey level after the window), atomically. */
public final class GreyPng {
    private GreyPng() {}

    public static byte[] greyLevels(Frame f) {
        byte[] g = new byte[f.width() * f.height()];
        int[] argb = f.argb();
        for (int i = 0; i < g.length; i++) {
            g[i] = (byte) (argb[i] >> 16);
        }
        return g;
    }

    public static void write(Frame f, Path target) throws IOException {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, f.width(), f.height(), greyLevels(f));
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
        try {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
