package org.noduletrack.app.cli.nodules;

import picocli.CommandLine.Option;

/** The {@code --threads N} option of the commands that load series (default: every core). */
public final class ThreadsOption {
    @Option(names = "--threads", description = "threads for loading (default: all cores)")
    Integer threads;

    public int resolve() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
