package org.noduletrack.app.followup.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds an installed TrueType font with Simplified Chinese glyphs for zh-CN reports. NoduleTrack ships no CJK font
 * (licence and size); it uses the system's: the file named by {@code -Dnoduletrack.cjkFont}, else a known path
 * (Droid Sans Fallback, Apache-2.0; WenQuanYi; Noto Sans CJK as .ttf), else what fontconfig's {@code fc-match} names.
 * TrueType collections (.ttc) are not used.
 */
public final class CjkFontLocator {
    static final List<String> KNOWN = List.of(
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttf",
            "/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf",
            "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
            "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
            "C:\\Windows\\Fonts\\simhei.ttf");

    public Optional<Path> find() {
        String configured = System.getProperty("noduletrack.cjkFont");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (String k : KNOWN) {
            Path p = Path.of(k);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return fcMatch();
    }

    private static Optional<Path> fcMatch() {
        try {
            Process p = new ProcessBuilder("fc-match", "-f", "%{file}", ":lang=zh-cn").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String file = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            Path path = Path.of(file);
            return p.exitValue() == 0 && (file.endsWith(".ttf") || file.endsWith(".otf")) && Files.isRegularFile(path)
                    ? Optional.of(path) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
