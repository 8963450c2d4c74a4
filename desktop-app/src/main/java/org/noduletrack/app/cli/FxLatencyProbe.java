package org.noduletrack.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * How long the FX thread makes events wait: a background thread posts a no-op every 10 ms and records the delay until
 * it runs. Long delays are what a user feels as a frozen window (a blocking read or render on the FX thread would show
 * here); the same probe on an idle window in the same run is the baseline.
 */
final class FxLatencyProbe implements AutoCloseable {
    private final List<Double> delaysMs = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread poster;

    FxLatencyProbe() {
        poster = Thread.ofPlatform().daemon().name("fx-latency-probe").start(() -> {
            while (running.get()) {
                long posted = System.nanoTime();
                java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
                Platform.runLater(() -> {
                    synchronized (delaysMs) {
                        delaysMs.add((System.nanoTime() - posted) / 1e6);
                    }
                    ran.countDown();
                });
                try {
                    ran.await(); // one ping in flight: a stall is measured once, not queued up many times
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Stops the probe; the delays seen: count, median, p99 and max (ms). */
    @Override
    public void close() {
        running.set(false);
        poster.interrupt();
    }

    java.util.Map<String, Object> stats() {
        List<Double> s;
        synchronized (delaysMs) {
            s = delaysMs.stream().sorted().toList();
        }
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("events", s.size());
        if (!s.isEmpty()) {
            m.put("median_ms", round(s.get(s.size() / 2)));
            m.put("p99_ms", round(s.get((int) Math.ceil(0.99 * s.size()) - 1)));
            m.put("max_ms", round(s.getLast()));
        }
        return m;
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }
}
