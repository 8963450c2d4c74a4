package org.noduletrack.nodule.reference;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * elastix as an independent reference for our rigid registration: writes both volumes as MetaImage (.mhd/.raw, HU,
 * physical space = our LPS millimetres: Offset = voxel (0,0,0), TransformMatrix = the axis directions), runs elastix
 * with a multi-resolution rigid EulerTransform on AdvancedMattesMutualInformation, and maps points with transformix
 * (so no Euler-angle convention has to be re-implemented here). elastix's transform maps fixed-image points to
 * moving-image points, as ours does.
 */
public final class ElastixRigid {
    /**
     * @param movingPointsLps   the given fixed points mapped into the moving image, in order
     * @param registrationSeconds wall time of the elastix process alone
     * @param exportSeconds     writing both volumes as MetaImage
     * @param version           the first line of {@code elastix --version}
     */
    public record Run(List<Vec3> movingPointsLps, double registrationSeconds, double exportSeconds, String version) {
        public Run {
            movingPointsLps = List.copyOf(movingPointsLps);
        }
    }

    /** Rigid registration settings (elastix parameter file syntax); four levels, the usual rigid CT set-up. */
    static final String PARAMETERS = """
            (FixedInternalImagePixelType "float")
            (MovingInternalImagePixelType "float")
            (FixedImageDimension 3)
            (MovingImageDimension 3)
            (UseDirectionCosines "true")
            (Registration "MultiResolutionRegistration")
            (Interpolator "BSplineInterpolator")
            (ResampleInterpolator "FinalBSplineInterpolator")
            (Resampler "DefaultResampler")
            (FixedImagePyramid "FixedSmoothingImagePyramid")
            (MovingImagePyramid "MovingSmoothingImagePyramid")
            (Optimizer "AdaptiveStochasticGradientDescent")
            (Transform "EulerTransform")
            (Metric "AdvancedMattesMutualInformation")
            (AutomaticScalesEstimation "true")
            (AutomaticTransformInitialization "true")
            (AutomaticTransformInitializationMethod "CenterOfGravity")
            (HowToCombineTransforms "Compose")
            (NumberOfHistogramBins 32)
            (NumberOfResolutions 4)
            (MaximumNumberOfIterations 500)
            (NumberOfSpatialSamples 4096)
            (NewSamplesEveryIteration "true")
            (ImageSampler "RandomCoordinate")
            (BSplineInterpolationOrder 1)
            (FinalBSplineInterpolationOrder 3)
            (DefaultPixelValue -1000)
            (WriteResultImage "false")
            (ResultImagePixelType "short")
            (ResultImageFormat "mhd")
            """;

    private final Path elastix, transformix;
    private final int threads;

    public ElastixRigid(Path elastix, Path transformix, int threads) {
        this.elastix = elastix;
        this.transformix = transformix;
        this.threads = threads;
    }

    /** elastix and transformix from the PATH, when both are there. */
    public static Optional<ElastixRigid> fromPath(int threads) {
        Optional<Path> e = which("elastix"), t = which("transformix");
        return e.isPresent() && t.isPresent() ? Optional.of(new ElastixRigid(e.get(), t.get(), threads)) : Optional.empty();
    }

    private static Optional<Path> which(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Registers {@code moving} to {@code fixed} in {@code workDir} (created; left for inspection) and maps the points. */
    public Run register(ShortVolume fixed, ShortVolume moving, List<Vec3> fixedPointsLps, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        long t0 = System.nanoTime();
        writeMetaImage(fixed, workDir.resolve("fixed.mhd"));
        writeMetaImage(moving, workDir.resolve("moving.mhd"));
        double export = (System.nanoTime() - t0) / 1e9;
        Files.writeString(workDir.resolve("rigid.txt"), PARAMETERS);
        Path out = workDir.resolve("elastix-out");
        Files.createDirectories(out);
        long t1 = System.nanoTime();
        exec(workDir.resolve("elastix.log"), elastix.toString(), "-f", workDir.resolve("fixed.mhd").toString(), "-m",
                workDir.resolve("moving.mhd").toString(), "-p", workDir.resolve("rigid.txt").toString(), "-out", out.toString(),
                "-threads", Integer.toString(threads));
        double seconds = (System.nanoTime() - t1) / 1e9;
        Path points = workDir.resolve("points.txt");
        Files.writeString(points, pointSet(fixedPointsLps));
        Path tOut = workDir.resolve("transformix-out");
        Files.createDirectories(tOut);
        exec(workDir.resolve("transformix.log"), transformix.toString(), "-def", points.toString(), "-tp",
                out.resolve("TransformParameters.0.txt").toString(), "-out", tOut.toString());
        List<Vec3> mapped = readOutputPoints(Files.readString(tOut.resolve("outputpoints.txt")));
        if (mapped.size() != fixedPointsLps.size()) {
            throw new IOException("transformix mapped " + mapped.size() + " of " + fixedPointsLps.size() + " points");
        }
        Path versionLog = workDir.resolve("version.log");
        exec(versionLog, elastix.toString(), "--version");
        String version = Files.readAllLines(versionLog).stream().filter(l -> !l.isBlank()).findFirst().orElse("?").strip();
        return new Run(mapped, seconds, export, version);
    }

    private static void exec(Path log, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(cmd[0] + " did not finish in 30 minutes (log: " + log + ")");
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd[0] + " exited with " + p.exitValue() + " (log: " + log + ")");
        }
    }

    /** MetaImage header + little-endian signed 16-bit HU raw file beside it. */
    static void writeMetaImage(ShortVolume v, Path mhd) throws IOException {
        VolumeGeometry g = v.geometry();
        Extent e = g.extent();
        String raw = mhd.getFileName().toString().replaceFirst("\\.mhd$", "") + ".raw";
        Vec3 o = g.voxelToLps(0, 0, 0);
        Vec3 ax = g.voxelToLps(1, 0, 0).minus(o), ay = g.voxelToLps(0, 1, 0).minus(o), az = g.voxelToLps(0, 0, 1).minus(o);
        double sx = ax.length(), sy = ay.length(), sz = az.length();
        String header = String.format(Locale.ROOT, """
                ObjectType = Image
                NDims = 3
                BinaryData = True
                BinaryDataByteOrderMSB = False
                CompressedData = False
                TransformMatrix = %s %s %s %s %s %s %s %s %s
                Offset = %s %s %s
                CenterOfRotation = 0 0 0
                AnatomicalOrientation = RAI
                ElementSpacing = %s %s %s
                DimSize = %d %d %d
                ElementType = MET_SHORT
                ElementDataFile = %s
                """, n(ax.x() / sx), n(ax.y() / sx), n(ax.z() / sx), n(ay.x() / sy), n(ay.y() / sy), n(ay.z() / sy),
                n(az.x() / sz), n(az.y() / sz), n(az.z() / sz), n(o.x()), n(o.y()), n(o.z()), n(sx), n(sy), n(sz),
                e.nx(), e.ny(), e.nz(), raw);
        Files.writeString(mhd, header);
        ByteBuffer row = ByteBuffer.allocate(e.nx() * 2).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(mhd.resolveSibling(raw)), 1 << 20)) {
            for (int k = 0; k < e.nz(); k++) {
                for (int j = 0; j < e.ny(); j++) {
                    row.clear();
                    for (int i = 0; i < e.nx(); i++) {
                        row.putShort((short) Math.clamp(Math.round(v.modalityValue(i, j, k)), Short.MIN_VALUE, Short.MAX_VALUE));
                    }
                    out.write(row.array());
                }
            }
        }
    }

    private static String n(double v) { return Double.toString(Math.abs(v) < 1e-12 ? 0 : v); }

    static String pointSet(List<Vec3> pts) {
        StringBuilder b = new StringBuilder("point\n").append(pts.size()).append('\n');
        for (Vec3 p : pts) b.append(n(p.x())).append(' ').append(n(p.y())).append(' ').append(n(p.z())).append('\n');
        return b.toString();
    }

    private static final Pattern OUTPUT_POINT = Pattern.compile("OutputPoint\\s*=\\s*\\[\\s*(\\S+)\\s+(\\S+)\\s+(\\S+)\\s*]");

    /** The {@code OutputPoint = [ x y z ]} of each line of transformix's outputpoints.txt. */
    static List<Vec3> readOutputPoints(String text) throws IOException {
        List<Vec3> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            Matcher m = OUTPUT_POINT.matcher(line);
            if (!m.find()) throw new IOException("no OutputPoint in transformix line: " + line);
            out.add(new Vec3(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))));
        }
        return out;
    }
}
