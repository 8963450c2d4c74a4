package org.noduletrack.app.cli.library;

import java.io.PrintWriter;
import java.time.Duration;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportProgress;

/**
 * Import progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise (logs, pipes, CI).
 */
public final class ProgressPrinter implements ImportListener {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private final long plainIntervalNanos;
    private long last;
    private boolean drew;

    public ProgressPrinter(PrintWriter err, boolean terminal, Duration plainInterval) {
        this.err = err;
        this.terminal = terminal;
        this.plainIntervalNanos = plainInterval.toNanos();
    }

    /** True when stderr is an interactive terminal. */
    public static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void onProgress(ImportProgress p) {
        long now = System.nanoTime();
        boolean finished = p.filesDone() >= p.filesTotal();
        if (terminal) {
            int filled = (int) Math.round(p.fraction() * WIDTH);
            String line = String.format("\r[%s%s] %d/%d files %s %.0f files/s ETA %s %s", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), p.filesDone(), p.filesTotal(), mb(p.bytesDone()), p.filesPerSecond(),
                    p.eta().map(ProgressPrinter::format).orElse("--:--"), shorten(p.currentSeries()));
            err.print(line + "\u001b[K");
            err.flush();
            drew = true;
        } else if (now - last >= plainIntervalNanos || (finished && last != 0)) {
            err.printf("import: %d/%d files, %s, %.0f files/s, ETA %s%n", p.filesDone(), p.filesTotal(), mb(p.bytesDone()),
                    p.filesPerSecond(), p.eta().map(ProgressPrinter::format).orElse("--:--"));
            err.flush();
        }
        if (last == 0 || now - last >= plainIntervalNanos) {
            last = now;
        }
    }

    /** Ends the bar's line so later output starts on a fresh one. */
    public void finish() {
        if (drew) {
            err.println();
            err.flush();
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    private static String shorten(String s) {
        return s.length() <= 30 ? s : s.substring(0, 29) + "…";
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format("%02d:%02d", s / 60, s % 60);
    }
}
