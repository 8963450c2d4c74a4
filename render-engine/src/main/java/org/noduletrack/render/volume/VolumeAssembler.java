package org.noduletrack.render.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.ModalityLut;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.codec.PixelDescriptor;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.render.RenderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds volumes from DICOM series: {@link #scan} reads headers only and groups images into stacks, {@link #plan} decides
 * the voxel grid from geometry alone, {@link #startLoading} allocates the off-heap volume at once and streams slices in on
 * background threads — the slice a viewer needs first, then outwards from it — so the first image can be shown long
 * before the series is read. All methods block only as documented and may be called from any thread.
 */
public final class VolumeAssembler {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeAssembler.class);
    /** Slices handed to a loading thread at a time (consecutive, so interpolation reuses decoded neighbours). */
    private static final int CHUNK = 8;

    private final java.util.function.Supplier<PixelDataReader> pixelsSupplier;
    private volatile PixelDataReader pixels;
    private final int threads;

    /**
     * @param pixels  frame decoder (codecs)
     * @param threads threads used to read headers and to decode slices (each load starts its own, then they end)
     */
    public VolumeAssembler(PixelDataReader pixels, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.pixels = java.util.Objects.requireNonNull(pixels);
        this.pixelsSupplier = () -> pixels;
        this.threads = threads;
    }

    /**
     * With the frame decoder made on first use: {@link #scan} and {@link #plan} never call {@code pixels}, so codec
     * set-up (class loading in a fresh JVM) can overlap the header scan, e.g. {@code CompletableFuture::join}.
     */
    public VolumeAssembler(java.util.function.Supplier<PixelDataReader> pixels, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.pixelsSupplier = java.util.Objects.requireNonNull(pixels);
        this.threads = threads;
    }

    private PixelDataReader pixels() {
        PixelDataReader p = pixels;
        if (p == null) {
            synchronized (this) {
                if (pixels == null) {
                    pixels = java.util.Objects.requireNonNull(pixelsSupplier.get(), "pixel data reader");
                }
                p = pixels;
            }
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------- scan

    /** Reads the headers of every file under {@code dirOrFile} (recursively) and groups the images into stacks. */
    public SeriesScan scan(Path dirOrFile) throws IOException {
        List<Path> files;
        if (Files.isDirectory(dirOrFile)) {
            try (Stream<Path> s = Files.walk(dirOrFile)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
        } else if (Files.isRegularFile(dirOrFile)) {
            files = List.of(dirOrFile);
        } else {
            throw new RenderException("no such file or folder: " + dirOrFile);
        }
        return scan(files);
    }

    public SeriesScan scan(List<Path> files) throws IOException {
        List<List<SourceSlice>> perFile = new ArrayList<>(files.size());
        List<String> reasons = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            perFile.add(List.of());
            reasons.add(null);
        }
        runParallel(files.size(), i -> {
            try {
                perFile.set(i, slicesOf(files.get(i)));
            } catch (ExcludedImage e) {
                reasons.set(i, e.getMessage());
            } catch (IOException | RuntimeException e) {
                reasons.set(i, "unreadable");
                LOG.debug("not a readable DICOM image: {}: {}", files.get(i), e.toString());
            }
        });
        List<SourceSlice> all = new ArrayList<>();
        perFile.forEach(all::addAll);
        int unreadable = 0;
        Map<String, Integer> excluded = new LinkedHashMap<>();
        for (String r : reasons) {
            if ("unreadable".equals(r)) {
                unreadable++;
            } else if (r != null) {
                excluded.merge(r, 1, Integer::sum);
            }
        }
        List<AssemblyIssue> issues = new ArrayList<>();
        excluded.forEach((reason, count) -> issues.add(new AssemblyIssue.ImagesExcluded(count, reason)));
        return new SeriesScan(StackSplitter.split(all), unreadable, issues);
    }

    /**
     * The scan of a regular series from its library index and three headers (first, middle, last), instead of every
     * header; empty when the index cannot vouch for the simple case (see {@link IndexedScan}), and then {@link #scan}
     * is the way. Each slice's own header is still checked against the plan when it loads: a mismatch fails the load.
     */
    public Optional<SeriesScan> scanFromIndex(List<IndexedImage> images) throws IOException {
        return IndexedScan.of(images, file -> {
            try {
                return slicesOf(file);
            } catch (ExcludedImage e) {
                return List.of(); // not a volume slice: the full scan reports why
            }
        });
    }

    /** An image that is DICOM but cannot be part of a volume; the message is the reason. */
    private static final class ExcludedImage extends Exception {
        ExcludedImage(String reason) {
            super(reason, null, false, false);
        }
    }

    static List<SourceSlice> slicesOf(Path file) throws IOException, ExcludedImage {
        DicomFile f = new DicomReader(ReadOptions.headerOnly()).read(file);
        DicomDataset ds = f.dataset();
        if (!ds.contains(Tags.Rows) || !ds.contains(Tags.Columns)) {
            throw new ExcludedImage("not an image");
        }
        PixelDescriptor pd;
        try {
            pd = PixelDescriptor.of(ds);
        } catch (IllegalArgumentException e) {
            throw new ExcludedImage("invalid pixel description");
        }
        if (pd.samplesPerPixel() != 1 || !pd.isMonochrome()) {
            throw new ExcludedImage("colour image");
        }
        if (pd.bitsAllocated() != 8 && pd.bitsAllocated() != 16) {
            throw new ExcludedImage(pd.bitsAllocated() + "-bit pixels");
        }
        String[] imageType = ds.strings(Tags.ImageType);
        boolean localizer = imageType.length > 2 && "LOCALIZER".equalsIgnoreCase(imageType[2].strip());
        String series = ds.string(Tags.SeriesInstanceUID, "");
        String modality = ds.string(Tags.Modality, "OT");
        String frameOfReference = ds.string(Tags.FrameOfReferenceUID, "");
        int instance = ds.intValue(Tags.InstanceNumber, 0);
        boolean unsigned16 = !pd.signed() && pd.bitsStored() == 16;
        List<SourceSlice> out = new ArrayList<>(pd.frames());
        for (int frame = 0; frame < pd.frames(); frame++) {
            SliceGeometry g = SliceGeometry.ofFrame(ds, frame).orElseThrow(() -> new ExcludedImage("no image plane geometry"));
            out.add(new SourceSlice(file, frame, pd.frames(), g, modalityLutOfFrame(ds, frame), series, modality,
                    frameOfReference, pd.bitsStored(), pd.signed(), unsigned16, localizer, instance));
        }
        return out;
    }

    /** Rescale of one frame: Pixel Value Transformation in the per-frame, then shared functional groups, then top level. */
    static ModalityLut modalityLutOfFrame(DicomDataset ds, int frame) {
        for (DicomDataset group : new DicomDataset[] {item(ds.sequence(Tags.PerFrameFunctionalGroupsSequence), frame),
                item(ds.sequence(Tags.SharedFunctionalGroupsSequence), 0)}) {
            List<DicomDataset> pvt = group.sequence(Tags.PixelValueTransformationSequence);
            if (!pvt.isEmpty() && pvt.get(0).contains(Tags.RescaleIntercept)) {
                return ModalityLut.of(pvt.get(0));
            }
        }
        return ModalityLut.of(ds);
    }

    private static DicomDataset item(List<DicomDataset> seq, int i) {
        return i < seq.size() ? seq.get(i) : DicomDataset.empty();
    }

    // ---------------------------------------------------------------------------------------------- plan

    /** The voxel grid and per-slice recipes for a stack, from headers only. */
    public AssemblyPlan plan(SliceStack stack) throws RenderException {
        return AssemblyPlanner.plan(stack);
    }

    // ---------------------------------------------------------------------------------------------- load

    /**
     * Allocates the volume and starts filling it on background threads; returns at once. Slice {@code firstK} (clamped)
     * and its two neighbours (what a trilinear plane near {@code firstK} needs) load first, then the others outwards from
     * it. Watch {@link ShortVolume#progress()}; a decode failure is reported there. Closing the volume stops the loading.
     */
    public ShortVolume startLoading(AssemblyPlan plan, int firstK) {
        return startLoading(plan, firstK, null);
    }

    /** Same, with a listener registered before the first slice can arrive (may be null). */
    public ShortVolume startLoading(AssemblyPlan plan, int firstK, LoadProgress.Listener listener) {
        int nz = plan.geometry().extent().nz();
        int p = Math.clamp(firstK, 0, nz - 1);
        return startLoading(plan, new SliceRange(Math.max(0, p - 1), Math.min(nz - 1, p + 1)), p, listener);
    }

    /**
     * Progressive loading for a first view: every slice of {@code first} (clamped; e.g.
     * {@link VolumeGeometry#slicesTouchedBy} of the first plane) is loaded before any other, its middle slice first and
     * then outwards, each on its own so all threads work on them at once; the rest then streams in outwards from the
     * range, nearest slices first. {@link LoadProgress.Listener#sliceLoaded} is called in load order, so a viewer can
     * render as soon as its plane's slices are in and re-render as more arrive (slices not yet loaded read as
     * background: air for CT, so a coronal or sagittal plane of a partly loaded volume shows the loaded band of the body
     * and background above and below it).
     *
     * <p>While the rest streams in, one thread fewer decodes (when there are more than one), so the thread that renders
     * the first image and the UI keep a core.
     */
    public ShortVolume startLoading(AssemblyPlan plan, SliceRange first, LoadProgress.Listener listener) {
        int nz = plan.geometry().extent().nz();
        int a = Math.clamp(first.firstK(), 0, nz - 1), b = Math.clamp(first.lastK(), 0, nz - 1);
        return startLoading(plan, new SliceRange(a, b), (a + b) / 2, listener);
    }

    /** Chunks in load order, each {from, to, step}: first one chunk per slice of {@code first}, then runs of up to 8. */
    static List<int[]> loadOrder(int nz, SliceRange first, int centre) {
        int a = first.firstK(), b = first.lastK();
        List<int[]> chunks = new ArrayList<>();
        chunks.add(new int[] {centre, centre, 1});
        for (int d = 1; centre - d >= a || centre + d <= b; d++) {
            if (centre - d >= a) {
                chunks.add(new int[] {centre - d, centre - d, 1});
            }
            if (centre + d <= b) {
                chunks.add(new int[] {centre + d, centre + d, 1});
            }
        }
        List<int[]> rest = new ArrayList<>();
        for (int hi = a - 1; hi >= 0; hi -= CHUNK) {
            rest.add(new int[] {hi, Math.max(0, hi - CHUNK + 1), -1}); // downwards: nearest slice first
        }
        for (int lo = b + 1; lo < nz; lo += CHUNK) {
            rest.add(new int[] {lo, Math.min(nz - 1, lo + CHUNK - 1), 1});
        }
        rest.sort(Comparator.comparingInt((int[] ch) -> ch[2] > 0 ? ch[0] - b : a - ch[0]));
        chunks.addAll(rest);
        return chunks;
    }

    private ShortVolume startLoading(AssemblyPlan plan, SliceRange first, int centre, LoadProgress.Listener listener) {
        ShortVolume volume = ShortVolume.forLoading(plan.geometry(), plan.valueScale(), plan.backgroundStored());
        if (listener != null) {
            volume.progress().addListener(listener);
        }
        int nz = plan.geometry().extent().nz();
        List<int[]> chunks = loadOrder(nz, first, centre);
        int priorityChunks = first.count();
        AtomicInteger next = new AtomicInteger();
        Map<Path, DicomFile> multiFrameFiles = new ConcurrentHashMap<>();
        int n = Math.min(threads, chunks.size());
        for (int w = 0; w < n; w++) {
            // the last worker only helps with the first view's slices, then leaves a core to the renderer and the UI
            int limit = n > 1 && w == n - 1 ? priorityChunks : chunks.size();
            Thread.ofPlatform().name("volume-load-" + w).daemon().start(() -> {
                SliceWorker worker = new SliceWorker(plan, volume, multiFrameFiles);
                try {
                    for (int c; !volume.progress().failure().isPresent() && next.get() < limit
                            && (c = next.getAndIncrement()) < chunks.size(); ) {
                        int[] ch = chunks.get(c);
                        for (int k = ch[0]; ; k += ch[2]) {
                            worker.build(k);
                            volume.progress().markLoaded(k);
                            if (k == ch[1]) {
                                break;
                            }
                        }
                    }
                } catch (IllegalStateException closed) {
                    LOG.debug("volume closed while loading; loading stopped");
                } catch (IOException | RuntimeException e) {
                    LOG.warn("volume loading failed for series stack '{}': {}", plan.stack().label(), e.toString());
                    volume.progress().fail(e);
                }
            });
        }
        return volume;
    }

    /** Loads the whole stack and waits for it. */
    public ShortVolume load(AssemblyPlan plan) throws RenderException, InterruptedException {
        ShortVolume v = startLoading(plan, plan.geometry().extent().nz() / 2);
        try {
            v.progress().awaitComplete(1, TimeUnit.HOURS);
        } catch (RenderException | InterruptedException e) {
            v.close();
            throw e;
        }
        return v;
    }

    /** Decodes source slices and applies recipes; one per loading thread, keeps the last decoded sources for reuse. */
    private final class SliceWorker {
        private final AssemblyPlan plan;
        private final ShortVolume volume;
        private final Map<Path, DicomFile> multiFrameFiles;
        private final int nx, ny;
        private final short[] out;
        private final double unsignedOffset;
        private int cachedA = -1, cachedB = -1;
        private short[] valuesA, valuesB;

        SliceWorker(AssemblyPlan plan, ShortVolume volume, Map<Path, DicomFile> multiFrameFiles) {
            this.plan = plan;
            this.volume = volume;
            this.multiFrameFiles = multiFrameFiles;
            this.nx = plan.geometry().extent().nx();
            this.ny = plan.geometry().extent().ny();
            this.out = new short[nx * ny];
            this.unsignedOffset = plan.sources().stream().anyMatch(SourceSlice::unsigned16) ? 32768 : 0;
        }

        void build(int k) throws IOException {
            SliceRecipe r = plan.recipes().get(k);
            short[] a = source(r.sourceA());
            if (r.directCopy()) {
                volume.writeSlice(k, a);
                return;
            }
            short[] b = r.weightB() > 0 ? source(r.sourceB()) : a;
            float bg = plan.backgroundStored();
            double w = r.weightB();
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    double v = sample(a, i + r.colShiftA(), j + r.rowShiftA(), bg);
                    if (w > 0) {
                        v = v * (1 - w) + w * sample(b, i + r.colShiftB(), j + r.rowShiftB(), bg);
                    }
                    out[j * nx + i] = (short) Math.clamp(Math.round(v), Short.MIN_VALUE, Short.MAX_VALUE);
                }
            }
            volume.writeSlice(k, out);
        }

        /** Bilinear sample of a source slice at (x, y) in its pixel coordinates; outside the image: background. */
        private double sample(short[] img, double x, double y, float bg) {
            if (x < -0.5 || y < -0.5 || x > nx - 0.5 || y > ny - 0.5) {
                return bg;
            }
            x = Math.clamp(x, 0, nx - 1);
            y = Math.clamp(y, 0, ny - 1);
            int x0 = (int) x, y0 = (int) y;
            int x1 = Math.min(x0 + 1, nx - 1), y1 = Math.min(y0 + 1, ny - 1);
            double fx = x - x0, fy = y - y0;
            double top = img[y0 * nx + x0] * (1 - fx) + img[y0 * nx + x1] * fx;
            double bottom = img[y1 * nx + x0] * (1 - fx) + img[y1 * nx + x1] * fx;
            return top * (1 - fy) + bottom * fy;
        }

        private short[] source(int s) throws IOException {
            if (s == cachedA) {
                return valuesA;
            }
            if (s == cachedB) {
                return valuesB;
            }
            short[] v = decode(plan.sources().get(s));
            cachedB = cachedA;
            valuesB = valuesA;
            cachedA = s;
            valuesA = v;
            return v;
        }

        private short[] decode(SourceSlice src) throws IOException {
            DicomFile f = src.frameCount() > 1
                    ? multiFrameFiles.computeIfAbsent(src.file(), this::readUnchecked)
                    : new DicomReader(ReadOptions.defaults()).read(src.file());
            checkHeader(f.dataset(), src);
            DecodedFrame d = pixels().decodeFrame(f, src.frame());
            if (d.width() != nx || d.height() != ny || d.descriptor().samplesPerPixel() != 1) {
                throw new RenderException("slice " + src.file().getFileName() + " frame " + src.frame() + " is "
                        + d.width() + "x" + d.height() + ", expected " + nx + "x" + ny);
            }
            int[] st = d.samples();
            short[] v = new short[st.length];
            ValueScale scale = plan.valueScale();
            ModalityLut lut = src.modalityLut();
            double offset = unsignedOffset;
            if (lut.table().isEmpty() && lut.slope() == scale.slope() && lut.intercept() + offset * scale.slope() == scale.intercept()) {
                int off = (int) offset;
                for (int i = 0; i < st.length; i++) {
                    v[i] = (short) Math.clamp(st[i] - off, Short.MIN_VALUE, Short.MAX_VALUE);
                }
            } else {
                for (int i = 0; i < st.length; i++) {
                    v[i] = scale.toStored(lut.apply(st[i]));
                }
            }
            return v;
        }


        /** The slice's own header must still say what the plan assumed (it may come from the library index). */
        private void checkHeader(DicomDataset ds, SourceSlice src) throws RenderException {
            SliceGeometry planned = src.geometry();
            SliceGeometry actual = SliceGeometry.ofFrame(ds, src.frame()).orElse(null);
            ModalityLut lut = modalityLutOfFrame(ds, src.frame());
            String why = actual == null ? "no image plane geometry"
                    : actual.originLps().minus(planned.originLps()).length() > IndexedScan.POSITION_TOLERANCE_MM
                            ? "Image Position " + actual.originLps() + " instead of " + planned.originLps()
                    : actual.rowDirection().minus(planned.rowDirection()).length() > IndexedScan.DIRECTION_TOLERANCE
                            || actual.columnDirection().minus(planned.columnDirection()).length() > IndexedScan.DIRECTION_TOLERANCE
                            ? "another Image Orientation"
                    : actual.rows() != planned.rows() || actual.columns() != planned.columns()
                            || actual.rowSpacingMm() != planned.rowSpacingMm() || actual.columnSpacingMm() != planned.columnSpacingMm()
                            ? "another matrix or Pixel Spacing"
                    : lut.slope() != src.modalityLut().slope() || lut.intercept() != src.modalityLut().intercept()
                            || lut.table().isPresent() != src.modalityLut().table().isPresent()
                            ? "another Rescale Slope/Intercept" : null;
            if (why != null) {
                throw new RenderException("slice " + src.file().getFileName() + " does not match the planned volume (" + why
                        + "): the library index is out of date for this series; open it again");
            }
        }

        private DicomFile readUnchecked(Path p) {
            try {
                return new DicomReader(ReadOptions.defaults()).read(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- threads

    private interface IndexTask {
        void run(int i);
    }

    private void runParallel(int count, IndexTask task) throws RenderException {
        AtomicInteger next = new AtomicInteger();
        int n = Math.max(1, Math.min(threads, count));
        CountDownLatch done = new CountDownLatch(n);
        for (int w = 0; w < n; w++) {
            Thread.ofPlatform().name("volume-scan-" + w).daemon().start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        task.run(i);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while scanning", e);
        }
    }
}
