package org.noduletrack.app.view;

import java.util.List;
import org.noduletrack.app.viewmodel.NoduleOutline;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.ShortVolume;

/** The nodule outlines a slice view draws on its plane. */
@FunctionalInterface
public interface NoduleOverlay {
    NoduleOverlay NONE = (plane, volume) -> List.of();

    /** One nodule's outline on the plane (no segments when the plane misses it). */
    record Drawn(String id, boolean selected, List<NoduleOutline.Segment> segments) {
        public Drawn {
            segments = List.copyOf(segments);
        }
    }

    List<Drawn> on(PlaneLps plane, ShortVolume shownVolume);
}
