package org.noduletrack.dicom.codec.jpegls;

import java.util.Arrays;

/**
 * The adaptive state of T.87 A.2.1: per-context counters A, B, C, N for the 365 regular-mode contexts
 * (indexed by |Q|, so index 0 is only used by sample-interleaved scans) and the two run-interruption
 * contexts (RItype 0 and 1), which also keep Nn. Fields are package-visible arrays because the scan
 * decoder's inner loop reads them directly.
 */
final class ContextState {

    static final int REGULAR_CONTEXTS = 365;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;

    /** Accumulated |error|; a long because with a large RESET it can exceed 2^31. */
    final long[] a = new long[REGULAR_CONTEXTS];
    final int[] b = new int[REGULAR_CONTEXTS];
    final int[] c = new int[REGULAR_CONTEXTS];
    final int[] n = new int[REGULAR_CONTEXTS];

    final long[] runA = new long[2];
    final int[] runN = new int[2];
    final int[] runNn = new int[2];

    private final int reset;
    private final int initialA;

    ContextState(int range, int reset) {
        this.reset = reset;
        this.initialA = Math.max(2, (range + 32) / 64);
        init();
    }

    /** (Re)initialises all contexts, at scan start and after each restart marker. */
    void init() {
        Arrays.fill(a, initialA);
        Arrays.fill(b, 0);
        Arrays.fill(c, 0);
        Arrays.fill(n, 1);
        Arrays.fill(runA, initialA);
        Arrays.fill(runN, 1);
        Arrays.fill(runNn, 0);
    }

    /** Regular-mode update after decoding {@code errval} in context {@code q} (T.87 A.6.1 and A.6.2). */
    void updateRegular(int q, int errval, int qstep) {
        int bq = b[q] + errval * qstep;
        long aq = a[q] + Math.abs(errval);
        int nq = n[q];
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1; // arithmetic shift rounds towards -infinity, as A.6.1 requires for negative B
            nq >>= 1;
        }
        nq++;
        a[q] = aq;
        n[q] = nq;
        // bias correction keeps B in (-N, 0] by nudging C
        if (bq + nq <= 0) {
            bq += nq;
            if (bq + nq <= 0) {
                bq = -nq + 1;
            }
            if (c[q] > MIN_C) {
                c[q]--;
            }
        } else if (bq > 0) {
            bq -= nq;
            if (bq > 0) {
                bq = 0;
            }
            if (c[q] < MAX_C) {
                c[q]++;
            }
        }
        b[q] = bq;
    }

    /** Run-interruption update (T.87 A.7.2.2). */
    void updateRunInterruption(int riType, int errval, int emErrval) {
        if (errval < 0) {
            runNn[riType]++;
        }
        runA[riType] += (emErrval + 1 - riType) >> 1;
        if (runN[riType] == reset) {
            runA[riType] >>= 1;
            runN[riType] >>= 1;
            runNn[riType] >>= 1;
        }
        runN[riType]++;
    }
}
