package org.noduletrack.app.viewmodel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.noduletrack.app.followup.NoduleMaskEstimator;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.mesh.MarchingCubes;
import org.noduletrack.nodule.mesh.ScalarField;
import org.noduletrack.nodule.mesh.SurfaceMesh;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * The 3D view's content for one nodule: a marching-cubes surface per date, every prior's brought into the current
 * scan's frame (rotated by the registration, centred on the current nodule's centroid, so that growth and shape change
 * show as surfaces around one centre), and the neighbouring vessels of the current scan (an iso-surface of HU around
 * the nodule, the nodule itself cut out). Pure; blocking (tens of milliseconds): call off the FX thread.
 */
public final class NoduleMeshes {
    /** Vessel surface level: between aerated lung (about −850 HU) and unenhanced vessel (about +40 HU). */
    static final double VESSEL_ISO_HU = -500;
    /** Vessels are shown this far around the nodule's surface. */
    static final double VESSEL_MARGIN_MM = 10;

    /** One date's surface in current-scan LPS mm, with the segmentation's measured volume (the table's number). */
    public record DatedMesh(LocalDate date, boolean current, SurfaceMesh surfaceLps, double measuredVolumeMm3) {}

    /** Every date's surface (oldest first) and the vessels; all centred in the current scan's frame. */
    public record Scene(Vec3 centreLps, List<DatedMesh> nodule, SurfaceMesh vesselsLps) {
        public Scene {
            nodule = List.copyOf(nodule);
        }
    }

    private final NoduleMaskEstimator masks = new NoduleMaskEstimator();
    private final MarchingCubes cubes = new MarchingCubes();

    /**
     * @param volumes     each date's volume
     * @param toPriorLps  current LPS → prior LPS per prior date
     */
    public Scene build(NoduleTrack track, LocalDate currentDate, Map<LocalDate, ShortVolume> volumes,
                       Map<LocalDate, Affine3> toPriorLps) {
        Segmentation cur = track.at(currentDate).flatMap(NoduleTrack.AtDate::segmentation).orElseThrow(
                () -> new IllegalArgumentException("no segmentation on the current scan"));
        Vec3 centre = cur.measurement().centroidLps();
        List<DatedMesh> out = new ArrayList<>();
        for (NoduleTrack.AtDate a : track.dates()) {
            if (a.measurement().isEmpty() || !volumes.containsKey(a.date())) {
                continue;
            }
            Segmentation s = a.segmentation().orElseThrow();
            SurfaceMesh m = cubes.extract(masks.estimate(volumes.get(a.date()), s));
            boolean isCurrent = a.date().equals(currentDate);
            if (!isCurrent) {
                Affine3 t = toPriorLps.get(a.date());
                if (t == null) {
                    continue;
                }
                m = toCurrentFrame(m, s.measurement().centroidLps(), centre, t.inverse());
            }
            out.add(new DatedMesh(a.date(), isCurrent, m, s.measurement().volumeMm3()));
        }
        return new Scene(centre, out, vessels(volumes.get(currentDate), cur));
    }

    /** v ↦ R⁻¹·(v − prior centroid) + current centroid, normals rotated alike. */
    static SurfaceMesh toCurrentFrame(SurfaceMesh m, Vec3 priorCentre, Vec3 currentCentre, Affine3 priorToCurrent) {
        float[] v = m.verticesLps(), n = m.normalsLps();
        for (int i = 0; i < v.length; i += 3) {
            Vec3 p = priorToCurrent.applyToVector(new Vec3(v[i] - priorCentre.x(), v[i + 1] - priorCentre.y(), v[i + 2] - priorCentre.z()))
                    .plus(currentCentre);
            Vec3 q = priorToCurrent.applyToVector(new Vec3(n[i], n[i + 1], n[i + 2]));
            v[i] = (float) p.x();
            v[i + 1] = (float) p.y();
            v[i + 2] = (float) p.z();
            n[i] = (float) q.x();
            n[i + 1] = (float) q.y();
            n[i + 2] = (float) q.z();
        }
        return new SurfaceMesh(v, n, m.triangles());
    }

    private SurfaceMesh vessels(ShortVolume v, Segmentation s) {
        VolumeGeometry g = v.geometry();
        Vec3 c = s.measurement().centroidLps();
        double r = s.measurement().max3dDiameterMm() / 2, half = r + VESSEL_MARGIN_MM;
        Vec3 ijk = g.lpsToVoxel(c);
        int i0 = Math.max(0, (int) Math.floor(ijk.x() - half / g.spacingMm().x()));
        int i1 = Math.min(g.extent().nx() - 1, (int) Math.ceil(ijk.x() + half / g.spacingMm().x()));
        int j0 = Math.max(0, (int) Math.floor(ijk.y() - half / g.spacingMm().y()));
        int j1 = Math.min(g.extent().ny() - 1, (int) Math.ceil(ijk.y() + half / g.spacingMm().y()));
        int k0 = Math.max(0, (int) Math.floor(ijk.z() - half / g.spacingMm().z()));
        int k1 = Math.min(g.extent().nz() - 1, (int) Math.ceil(ijk.z() + half / g.spacingMm().z()));
        int nx = i1 - i0 + 1, ny = j1 - j0 + 1, nz = k1 - k0 + 1;
        float[] f = new float[nx * ny * nz];
        int idx = 0;
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    Vec3 p = g.voxelToLps(i, j, k);
                    double d = p.distanceTo(c);
                    // inside a sphere around the box centre only (a box shows corners of chest wall); the nodule cut out
                    f[idx++] = d > half || d <= r + 0.5 ? -1000f : (float) v.modalityValue(i, j, k);
                }
            }
        }
        Affine3 boxToLps = g.ijkToLps().after(Affine3.fromColumns(new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1),
                new Vec3(i0, j0, k0)));
        return cubes.extract(new ScalarField(nx, ny, nz, boxToLps, f), VESSEL_ISO_HU);
    }
}
