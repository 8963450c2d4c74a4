package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.app.cli.nodules.CliSupport;
import org.noduletrack.app.cli.nodules.SeriesVolume;
import org.noduletrack.app.cli.nodules.ThreadsOption;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.nodule.registration.RigidTransform;
import org.noduletrack.render.geom.Affine3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack register}: rigid registration of two CT series. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Rigidly registers the --moving CT series to the --fixed one (normalised cross-correlation of HU inside"
                + " the body, multi-resolution, deterministic) and prints the 4x4 row-major matrix mapping fixed LPS to"
                + " moving LPS. With --point, also refines it locally (40 mm box) around each fixed-space point and gives the"
                + " corresponding moving-space point with a confidence (NCC peak times its sharpness)."})
public final class RegisterCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--fixed", required = true, paramLabel = "DIR")
    Path fixed;

    @Option(names = "--moving", required = true, paramLabel = "DIR")
    Path moving;

    @Option(names = "--point", paramLabel = "x,y,z", description = "fixed-space point (LPS mm) for a local refinement (repeatable)")
    List<String> points = new ArrayList<>();

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            List<Vec3> local = CliSupport.parsePoints(points);
            int n = threadsOption.resolve();
            try (SeriesVolume f = SeriesVolume.load(fixed, n); SeriesVolume m = SeriesVolume.load(moving, n)) {
                RigidRegistration reg = new RigidRegistration();
                long t0 = System.nanoTime();
                RigidRegistration.Result r = reg.register(f.volume(), m.volume());
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("matrix", matrix(r.fixedToMoving()));
                res.put("seconds", CliSupport.round(seconds, 3));
                res.put("ncc", CliSupport.round(r.ncc(), 5));
                res.put("fixed_frame_of_reference_uid", f.ref().frameOfReferenceUid());
                res.put("moving_frame_of_reference_uid", m.ref().frameOfReferenceUid());
                List<Map<String, Object>> locals = new ArrayList<>();
                for (Vec3 p : local) {
                    long t1 = System.nanoTime();
                    RigidRegistration.LocalMatch l = reg.locate(f.volume(), m.volume(), p, r.fixedToMoving());
                    Map<String, Object> lr = new LinkedHashMap<>();
                    lr.put("point", CliSupport.point(p));
                    lr.put("mapped", CliSupport.point(l.movingPointLps()));
                    lr.put("ncc", CliSupport.round(l.ncc(), 4));
                    lr.put("sharpness", CliSupport.round(l.sharpness(), 4));
                    lr.put("confidence", CliSupport.round(l.confidence(), 3));
                    lr.put("matrix", matrix(l.fixedToMovingLocal()));
                    lr.put("seconds", CliSupport.round((System.nanoTime() - t1) / 1e9, 3));
                    locals.add(lr);
                }
                if (!locals.isEmpty()) res.put("local", locals);
                if (json) {
                    CliSupport.printJson(out, res);
                } else {
                    double[] mm = RigidTransform.matrix4x4RowMajor(r.fixedToMoving());
                    out.println("fixed LPS -> moving LPS (row-major 4x4):");
                    for (int i = 0; i < 4; i++) {
                        out.printf("  % .6f % .6f % .6f % .4f%n", mm[i * 4], mm[i * 4 + 1], mm[i * 4 + 2], mm[i * 4 + 3]);
                    }
                    out.printf("%.2f s, NCC %.4f%n", seconds, r.ncc());
                    for (Map<String, Object> lr : locals) {
                        out.printf("point %s -> %s (local refinement, confidence %s)%n", lr.get("point"), lr.get("mapped"),
                                lr.get("confidence"));
                    }
                    out.flush();
                }
            }
            return CliSupport.OK;
        } catch (Exception e) {
            return CliSupport.fail(err, e);
        }
    }

    static List<Double> matrix(Affine3 a) {
        List<Double> l = new ArrayList<>();
        for (double v : RigidTransform.matrix4x4RowMajor(a)) l.add(v);
        return l;
    }
}
