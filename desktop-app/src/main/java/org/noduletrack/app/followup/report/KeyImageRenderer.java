package org.noduletrack.app.followup.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.FollowUpSession;
import org.noduletrack.app.followup.NoduleObservation;
import org.noduletrack.app.followup.TrackedNodule;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.mesh.VoxelMask;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.PlaneLps;

/**
 * Renders the report's key images with the CPU reference reslicer: per nodule and date, an axial plane through the
 * centroid (the registered position where the nodule was not found), {@value #SIZE_PX}² pixels over a field of view
 * of three nodule diameters (at least 30 mm), lung window, the nodule's outline in {@link #OUTLINE}.
 */
public final class KeyImageRenderer {
    static final int SIZE_PX = 192;
    static final int OUTLINE = 0xFFFFC020;
    private final CpuReslicer reslicer;

    public KeyImageRenderer(CpuReslicer reslicer) {
        this.reslicer = reslicer;
    }

    public List<KeyImage> render(FollowUpSession session, FollowUpCase c) {
        List<KeyImage> out = new ArrayList<>();
        for (TrackedNodule n : c.nodules()) {
            double diameter = n.observations().stream().flatMap(o -> o.measurement().stream())
                    .mapToDouble(m -> m.max3dDiameterMm()).max().orElse(10);
            double fov = Math.max(30, 3 * diameter);
            for (NoduleObservation o : n.observations()) {
                Vec3 centre = o.centreLps();
                PlaneLps plane = new PlaneLps(centre, new Vec3(1, 0, 0), new Vec3(0, 1, 0), fov / SIZE_PX, SIZE_PX, SIZE_PX);
                int[] argb = reslicer.renderArgb(session.volume(o.study()), RenderRequest.of(plane, WindowLevel.LUNG));
                Optional<VoxelMask> mask = session.mask(n.id(), o.study());
                mask.ifPresent(m -> outline(argb, plane, m));
                BufferedImage img = new BufferedImage(SIZE_PX, SIZE_PX, BufferedImage.TYPE_INT_RGB);
                img.setRGB(0, 0, SIZE_PX, SIZE_PX, argb, 0, SIZE_PX);
                out.add(new KeyImage(n.id(), o.study(), img, fov));
            }
        }
        return out;
    }

    /** Marks the pixels inside the mask that touch a pixel outside it (4-neighbourhood). */
    static void outline(int[] argb, PlaneLps plane, VoxelMask mask) {
        int w = plane.width(), h = plane.height();
        boolean[] in = new boolean[w * h];
        var lpsToIjk = mask.ijkToLps().inverse();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Vec3 v = lpsToIjk.applyToPoint(plane.pixelToLps(x, y));
                in[y * w + x] = mask.contains((int) Math.round(v.x()), (int) Math.round(v.y()), (int) Math.round(v.z()));
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!in[y * w + x]) continue;
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 || !in[y * w + x - 1] || !in[y * w + x + 1]
                        || !in[(y - 1) * w + x] || !in[(y + 1) * w + x];
                if (edge) argb[y * w + x] = OUTLINE;
            }
        }
    }
}
