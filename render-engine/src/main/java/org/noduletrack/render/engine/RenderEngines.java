package org.noduletrack.render.engine;

import java.util.List;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.api.RenderEngine;
import org.noduletrack.render.cpu.CpuBackend;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.gl.GlBackend;

/** Wires the standard backends into a {@link RenderEngine}; the composition root calls this once. */
public final class RenderEngines {
    private RenderEngines() {}

    /** Which backend to use. */
    public enum Preference {
        /** The GPU when a GL 3.3 context can be made, else the CPU (flagged as a fallback). */
        GPU_THEN_CPU,
        /** The CPU reference only. */
        CPU
    }

    public static RenderEngine create(Preference preference, int cpuThreads) throws RenderException {
        RenderEngine.BackendFactory cpu = () -> new CpuBackend(new CpuReslicer(cpuThreads));
        return switch (preference) {
            case GPU_THEN_CPU -> RenderEngine.open(List.of(GlBackend::create, cpu));
            case CPU -> RenderEngine.open(List.of(cpu));
        };
    }
}
