package org.noduletrack.render.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.cpu.CpuBackend;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

class RenderEngineTest {
    @Test
    void fallsBackToTheNextBackendAndSaysWhy() throws Exception {
        RenderEngine.BackendFactory noGpu = () -> {
            throw new RenderException("no usable OpenGL 3.3 context: test");
        };
        try (RenderEngine engine = RenderEngine.open(List.of(noGpu, () -> new CpuBackend(new CpuReslicer(1))))) {
            assertThat(engine.usingFallback()).isTrue();
            assertThat(engine.fallbackReason()).hasValueSatisfying(r -> assertThat(r).contains("OpenGL 3.3"));
            assertThat(engine.backend().name()).isEqualTo("cpu");
            List<Frame> seen = new CopyOnWriteArrayList<>();
            engine.addFrameListener(seen::add);
            VolumeGeometry g = new VolumeGeometry(new Extent(8, 8, 8), new SpacingMm(1, 1, 1), Vec3.ZERO, new Vec3(1, 0, 0),
                    new Vec3(0, 1, 0), new Vec3(0, 0, 1));
            try (ShortVolume v = ShortVolume.filled(g, ValueScale.IDENTITY, (short) 0, (i, j, k) -> (short) 100)) {
                Frame f = engine.render(v, RenderRequest.of(g.planeThrough(ViewOrientation.AXIAL, g.centerLps()),
                        new WindowLevel(200, 100))).get(10, TimeUnit.SECONDS);
                assertThat(f.grey8(3, 3)).isEqualTo(128);
                assertThat(seen).containsExactly(f);
            }
        }
        assertThatThrownBy(() -> RenderEngine.open(List.of(noGpu))).isInstanceOf(RenderException.class).hasMessageContaining("test");
    }
}
