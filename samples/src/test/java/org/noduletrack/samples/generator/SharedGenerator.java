package org.noduletrack.samples.generator;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Loads the bundled source CT once per test JVM (decoding 133 slices takes a second or two). */
final class SharedGenerator {
    private static final class Holder {
        static final DemoPatientGenerator GENERATOR = load();

        private static DemoPatientGenerator load() {
            try {
                return DemoPatientGenerator.fromBundledSample();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SharedGenerator() {}

    static DemoPatientGenerator get() { return Holder.GENERATOR; }
}
