package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse throughput over every file of a folder, against plain reading of the same bytes in the same run.",
                "Passes: raw (every byte into memory with Files.readAllBytes; also streamed through a 64 KiB buffer), headers (stop before pixel data), full (everything into memory, every frame"
                        + " decoded). Reports the median of --repeat timed passes after --warmup passes, and pydicom's time"
                        + " for the same files when /usr/bin/python3 has pydicom."})
final class BenchParseCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "folder of DICOM files (searched recursively)")
    Path dir;

    @Option(names = "--repeat", defaultValue = "5")
    int repeat;

    @Option(names = "--warmup", defaultValue = "3")
    int warmup;

    @Option(names = "--out", description = "also write the JSON result to this file")
    Path out;

    @Option(names = "--no-pydicom", description = "skip the pydicom comparison")
    boolean noPydicom;

    @Override
    public Integer call() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(BenchParseCommand::hasPart10Preamble).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no files under " + dir);
        }
        long bytes = 0;
        for (Path p : files) {
            bytes += Files.size(p);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("%d files, %.1f MB; %d warm-up and %d timed passes each%n", files.size(), bytes / 1e6, warmup, repeat);
        DicomReader headers = new DicomReader(ReadOptions.headerOnly());
        DicomReader full = new DicomReader(ReadOptions.everythingInMemory());
        PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
        byte[] buf = new byte[1 << 16];

        double raw = median(() -> {
            long sink = 0;
            for (Path p : files) {
                try (InputStream in = Files.newInputStream(p)) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        sink += n;
                    }
                }
            }
            return sink;
        }, "raw (64 KiB buffer, streamed)");
        double rawAll = median(() -> {
            long sink = 0;
            for (Path p : files) {
                sink += Files.readAllBytes(p).length;
            }
            return sink;
        }, "raw (Files.readAllBytes)");
        double header = median(() -> {
            long sink = 0;
            for (Path p : files) {
                sink += headers.read(p).dataset().size();
            }
            return sink;
        }, "headers");
        double fullRead = median(() -> {
            long sink = 0;
            for (Path p : files) {
                DicomFile f = full.read(p);
                sink += f.dataset().size();
            }
            return sink;
        }, "full (parse with pixel data in memory)");
        double fullDecode = median(() -> {
            long sink = 0;
            for (Path p : files) {
                DicomFile f = full.read(p);
                int frames = pixels.descriptor(f).frames();
                for (int i = 0; i < frames; i++) {
                    sink += pixels.decodeFrame(f, i).samples().length;
                }
            }
            return sink;
        }, "full + decode every frame");

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("benchmark", "parse");
        r.put("data", dir.toAbsolutePath().normalize().toString());
        r.put("files", files.size());
        r.put("bytes", bytes);
        BenchMachine.current().putInto(r, "cpu");
        r.put("rawStreamSeconds", raw);
        r.put("rawReadSeconds", rawAll);
        r.put("headersSeconds", header);
        r.put("fullReadSeconds", fullRead);
        r.put("fullReadDecodeSeconds", fullDecode);
        r.put("headersFilesPerSecond", files.size() / header);
        r.put("rawReadMBPerSecond", bytes / 1e6 / rawAll);
        r.put("fullReadMBPerSecond", bytes / 1e6 / fullRead);
        r.put("fullReadToRawRatio", fullRead / rawAll);
        r.put("fullReadDecodeToRawRatio", fullDecode / rawAll);
        r.put("headersToRawRatio", header / rawAll);
        if (!noPydicom) {
            r.put("pydicom", PydicomTiming.measure(files, err));
        }
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        spec.commandLine().getOut().println(json);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json + "\n");
        }
        return ExitCodes.OK;
    }

    /** Only Part 10 files take part: README, XML and attribution files beside the images are not DICOM. */
    private static boolean hasPart10Preamble(Path p) {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    private interface Pass {
        long run() throws IOException;
    }

    private double median(Pass pass, String name) throws IOException {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += pass.run();
        }
        double[] t = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            sink += pass.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        double m = t[t.length / 2];
        spec.commandLine().getErr().printf("%-40s median %.4f s (min %.4f, max %.4f) [%d]%n", name, m, t[0], t[t.length - 1], sink & 1);
        return m;
    }

    /** Times pydicom on the same files in a subprocess, as an external reference point. */
    static final class PydicomTiming {
        private PydicomTiming() {}

        private static final String SCRIPT = String.join("\n",
                "import sys, time, pydicom",
                "files = [l.strip() for l in sys.stdin if l.strip()]",
                "def run(full):",
                "    for f in files:",
                "        ds = pydicom.dcmread(f, stop_before_pixels=not full, force=True)",
                "        if full and 'PixelData' in ds:",
                "            try: ds.pixel_array",
                "            except Exception: pass",
                "res = {}",
                "for name, full in (('headersSeconds', False), ('fullReadDecodeSeconds', True)):",
                "    run(full)",
                "    ts = []",
                "    for i in range(3):",
                "        t0 = time.perf_counter(); run(full); ts.append(time.perf_counter() - t0)",
                "    res[name] = sorted(ts)[1]",
                "print('%r %r %s' % (res['headersSeconds'], res['fullReadDecodeSeconds'], pydicom.__version__))");

        static Map<String, Object> measure(List<Path> files, PrintWriter err) {
            Map<String, Object> r = new LinkedHashMap<>();
            Path python = Path.of("/usr/bin/python3");
            if (!Files.isExecutable(python)) {
                r.put("skipped", "no /usr/bin/python3");
                return r;
            }
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", SCRIPT).redirectErrorStream(false).start();
                try (var w = p.outputWriter()) {
                    for (Path f : files) {
                        w.write(f.toAbsolutePath() + "\n");
                    }
                }
                String outText = new String(p.getInputStream().readAllBytes()).strip();
                String errText = new String(p.getErrorStream().readAllBytes()).strip();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    r.put("skipped", "pydicom failed: " + (errText.isEmpty() ? "exit " + p.exitValue() : lastLine(errText)));
                    return r;
                }
                String[] parts = outText.split(" ");
                r.put("headersSeconds", Double.parseDouble(parts[0]));
                r.put("fullReadDecodeSeconds", Double.parseDouble(parts[1]));
                r.put("version", parts[2]);
                err.printf("pydicom %s: headers %.4f s, full+decode %.4f s (median of 3)%n", parts[2], Double.parseDouble(parts[0]),
                        Double.parseDouble(parts[1]));
            } catch (IOException | InterruptedException | RuntimeException e) {
                r.put("skipped", "pydicom not usable: " + e.getMessage());
            }
            return r;
        }

        private static String lastLine(String s) {
            String[] lines = s.split("\n");
            return lines[lines.length - 1];
        }
    }

}
