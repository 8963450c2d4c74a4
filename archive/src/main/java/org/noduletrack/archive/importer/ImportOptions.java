package org.noduletrack.archive.importer;

/**
 * @param parallelism files read, hashed and copied at the same time
 * @param batchSize   instances indexed per transaction
 * @param fsyncFiles  fsync every copy before its rows commit (default). Without it, a process crash (kill -9) is still
 *                    safe (the page cache survives it) but a power loss may leave committed rows naming files whose
 *                    content did not reach the disk; only for benchmarks or disposable libraries.
 */
public record ImportOptions(int parallelism, int batchSize, boolean fsyncFiles) {
    public ImportOptions(int parallelism, int batchSize) {
        this(parallelism, batchSize, true);
    }

    public ImportOptions {
        if (parallelism < 1 || batchSize < 1) {
            throw new IllegalArgumentException("parallelism and batch size must be positive");
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors())), 128);
    }
}
