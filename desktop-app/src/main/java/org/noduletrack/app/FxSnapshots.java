package org.noduletrack.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javax.imageio.ImageIO;

/** Helpers for driving the UI from another thread: run on the FX thread and wait, poll a condition, save PNGs. */
public final class FxSnapshots {
    private FxSnapshots() {}

    /** Runs {@code c} on the FX thread and waits for its result. */
    public static <T> T onFx(Callable<T> c) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return c.call();
        }
        FutureTask<T> t = new FutureTask<>(c);
        Platform.runLater(t);
        return t.get(60, TimeUnit.SECONDS);
    }

    public static void onFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    /** Polls {@code condition} on the FX thread until it holds. */
    public static void await(BooleanSupplier condition, long timeoutMillis, String what) throws Exception {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    /** Lets pending pulses and renders settle. */
    public static void settle(long millis) throws Exception {
        Thread.sleep(millis);
        onFx(() -> { });
    }

    /** Snapshot of a scene as a PNG. */
    public static Path savePng(Scene scene, Path file) throws Exception {
        Image img = onFx(() -> scene.snapshot(null));
        return savePng(img, file);
    }

    public static Path savePng(Image img, Path file) throws IOException {
        int w = (int) img.getWidth(), h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = img.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(out, "png", file.toFile());
        return file;
    }
}
