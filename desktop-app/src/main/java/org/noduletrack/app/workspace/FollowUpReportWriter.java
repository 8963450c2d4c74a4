package org.noduletrack.app.workspace;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.NoduleObservation;
import org.noduletrack.app.followup.TrackedNodule;
import org.noduletrack.app.followup.report.FollowUpReport;
import org.noduletrack.app.followup.report.KeyImage;
import org.noduletrack.app.viewmodel.NoduleOutline;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.casefolder.ReportEntry;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.ShortVolume;

/**
 * The workstation's "Report": the follow-up workflow's PDF report of the case on screen, with a key image per nodule
 * and date (axial, lung window, the outline the viewer draws), filed into the patient's case folder. Blocking: run it
 * off the FX thread.
 */
public final class FollowUpReportWriter {
    static final int SIZE_PX = 192;
    private final Library library;
    private final FollowUpReport report;
    private final int threads;
    private final org.noduletrack.app.followup.NoduleMaskEstimator masks = new org.noduletrack.app.followup.NoduleMaskEstimator();

    public FollowUpReportWriter(Library library, FollowUpReport report, int threads) {
        this.library = library;
        this.report = report;
        this.threads = threads;
    }

    /** What the report needs of the screen: the case, each date's volume, each nodule's segmentation per date. */
    public record Input(FollowUpCase followUp, Map<LocalDate, ShortVolume> volumes,
                        Map<String, Map<LocalDate, Segmentation>> segmentations) {
        public Input {
            volumes = Map.copyOf(volumes);
            segmentations = Map.copyOf(segmentations);
        }
    }

    /** Writes the PDF and files it; returns the case folder's entry (its file is the filed copy). */
    public ReportEntry writeAndFile(Input in, Locale locale, LocalDate created) throws IOException, ArchiveException {
        Path tmp = Files.createTempFile("noduletrack-followup-", ".pdf");
        try {
            report.write(in.followUp(), keyImages(in), locale, created, tmp);
            PatientKey patient = in.followUp().patient().key();
            return library.caseFolders().attachReport(patient, tmp, "Nodule follow-up " + in.followUp().current().date(),
                    in.followUp().current().date().toString().replace("-", ""));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The absolute path of a filed report. */
    public Optional<Path> fileOf(ReportEntry e) {
        return e.filePath().map(library::file);
    }

    List<KeyImage> keyImages(Input in) {
        List<KeyImage> out = new ArrayList<>();
        try (CpuReslicer reslicer = new CpuReslicer(threads)) {
            for (TrackedNodule n : in.followUp().nodules()) {
                double diameter = n.observations().stream().flatMap(o -> o.measurement().stream())
                        .mapToDouble(m -> m.max3dDiameterMm()).max().orElse(10);
                double fov = Math.max(30, 3 * diameter);
                for (NoduleObservation o : n.observations()) {
                    ShortVolume v = in.volumes().get(o.study().date());
                    if (v == null) {
                        continue;
                    }
                    Vec3 c = o.centreLps();
                    PlaneLps plane = new PlaneLps(c, new Vec3(1, 0, 0), new Vec3(0, 1, 0), fov / SIZE_PX, SIZE_PX, SIZE_PX);
                    int[] argb = reslicer.renderArgb(v, RenderRequest.of(plane, WindowLevel.LUNG));
                    BufferedImage img = new BufferedImage(SIZE_PX, SIZE_PX, BufferedImage.TYPE_INT_RGB);
                    img.setRGB(0, 0, SIZE_PX, SIZE_PX, argb, 0, SIZE_PX);
                    Segmentation seg = in.segmentations().getOrDefault(n.id(), Map.of()).get(o.study().date());
                    if (seg != null && o.found()) {
                        // the viewer's outline: the cut of the display mask's surface through the key image's plane
                        drawOutline(img, plane, NoduleOutline.onPlane(NoduleOutline.MaskField.of(masks.estimate(v, seg)), c,
                                plane.rowDirection(), plane.columnDirection()));
                    }
                    out.add(new KeyImage(n.id(), o.study(), img, fov));
                }
            }
        }
        return out;
    }

    private static void drawOutline(BufferedImage img, PlaneLps plane, List<NoduleOutline.Segment> segments) {
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0xFF, 0xC0, 0x20));
            g.setStroke(new BasicStroke(1.5f));
            for (NoduleOutline.Segment s : segments) {
                PlaneLps.PlanePoint a = plane.lpsToPlane(s.aLps()), b = plane.lpsToPlane(s.bLps());
                g.draw(new java.awt.geom.Line2D.Double(a.x() + 0.5, a.y() + 0.5, b.x() + 0.5, b.y() + 0.5));
            }
        } finally {
            g.dispose();
        }
    }
}
