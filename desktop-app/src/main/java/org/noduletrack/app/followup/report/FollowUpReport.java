package org.noduletrack.app.followup.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.FollowUpStudy;
import org.noduletrack.app.followup.GuidelineResult;
import org.noduletrack.app.followup.NoduleGrowth;
import org.noduletrack.app.followup.NoduleObservation;
import org.noduletrack.app.followup.TrackedNodule;
import org.noduletrack.nodule.measurement.Rounding;
import org.noduletrack.nodule.model.Measurement;

/**
 * The follow-up report as a PDF (Apache PDFBox): patient and study identifiers, key images of each nodule at each date
 * side by side, the measurement table, a volume-over-time chart drawn as vector graphics, the guideline result with its
 * plain-language explanation, and "decision support" on every page. English, or Simplified Chinese with an installed
 * CJK font ({@link CjkFontLocator}). Written to a temporary file and moved into place, so a failure leaves no partial PDF.
 */
public final class FollowUpReport {
    static final float MARGIN = 40, WIDTH = PDRectangle.A4.getWidth(), HEIGHT = PDRectangle.A4.getHeight();
    static final Color[] SERIES = {new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x9467BD),
            new Color(0xFF7F0E), new Color(0x8C564B), new Color(0xE377C2), new Color(0x17BECF)};

    private final CjkFontLocator fonts;

    public FollowUpReport(CjkFontLocator fonts) {
        this.fonts = fonts;
    }

    /**
     * @param images key images per nodule and date ({@link KeyImageRenderer}); a missing one leaves its place empty
     * @param created report date
     * @throws IOException when the file cannot be written, or zh-CN is asked for without a CJK font
     */
    public void write(FollowUpCase c, List<KeyImage> images, Locale locale, LocalDate created, Path out) throws IOException {
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".report-", ".pdf.tmp");
        try (PDDocument doc = new PDDocument()) {
            new Writer(doc, c, images, locale, created).run();
            doc.save(tmp.toFile());
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private final class Writer {
        final PDDocument doc;
        final FollowUpCase c;
        final List<KeyImage> images;
        final Locale locale;
        final LocalDate created;
        final ResourceBundle text;
        final PDFont regular, bold;
        final Optional<PDFont> fallback;
        final List<PDPage> pages = new ArrayList<>();
        PDPageContentStream cs;
        float y;

        Writer(PDDocument doc, FollowUpCase c, List<KeyImage> images, Locale locale, LocalDate created) throws IOException {
            this.doc = doc;
            this.c = c;
            this.images = images;
            this.locale = locale;
            this.created = created;
            this.text = ResourceBundle.getBundle("org.noduletrack.app.followup.report.report", locale);
            Optional<Path> cjk = fonts.find();
            boolean zh = locale.getLanguage().equals("zh");
            if (zh && cjk.isEmpty()) {
                throw new IOException("a Simplified Chinese report needs a CJK TrueType font; none is installed"
                        + " (set -Dnoduletrack.cjkFont=FILE)");
            }
            fallback = cjk.isPresent() ? Optional.of(PDType0Font.load(doc, cjk.get().toFile())) : Optional.empty();
            regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        }

        String t(String key, Object... args) {
            String s = text.getString(key);
            return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
        }

        void run() throws IOException {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(t("title"));
            info.setCreator("NoduleTrack");
            newPage();
            header();
            for (TrackedNodule n : c.nodules()) {
                keyImages(n);
            }
            table();
            chart();
            guideline();
            cs.close();
            footers();
        }

        void newPage() throws IOException {
            if (cs != null) cs.close();
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            pages.add(p);
            cs = new PDPageContentStream(doc, p);
            y = HEIGHT - MARGIN;
        }

        void need(float height) throws IOException {
            if (y - height < MARGIN + 30) newPage();
        }

        /**
         * Text in Helvetica, with the characters Helvetica cannot encode (Chinese) in the CJK font: CJK fallback fonts
         * often lack Latin glyphs, so every run takes the font that has it. Without a CJK font they show as '?'.
         */
        void text(String s, float x, float baseline, float size, boolean isBold) throws IOException {
            float at = x;
            for (Run r : runs(s, isBold)) {
                cs.beginText();
                cs.setFont(r.font(), size);
                cs.newLineAtOffset(at, baseline);
                cs.showText(r.text());
                cs.endText();
                at += r.font().getStringWidth(r.text()) / 1000 * size;
            }
        }

        record Run(PDFont font, String text) {}

        List<Run> runs(String s, boolean isBold) {
            PDFont latin = isBold ? bold : regular;
            List<Run> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            PDFont curFont = null;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String c0 = Character.toString(cp);
                i += Character.charCount(cp);
                PDFont f = encodable(latin, c0) ? latin : fallback.filter(fb -> encodable(fb, c0)).orElse(latin);
                String ch = f == latin && !encodable(latin, c0) ? "?" : c0;
                if (curFont != null && f != curFont) {
                    out.add(new Run(curFont, cur.toString()));
                    cur.setLength(0);
                }
                curFont = f;
                cur.append(ch);
            }
            if (curFont != null && !cur.isEmpty()) out.add(new Run(curFont, cur.toString()));
            return out;
        }

        boolean encodable(PDFont f, String s) {
            try {
                f.encode(s);
                return f.getStringWidth(s) > 0 || s.isBlank();
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                return false;
            }
        }

        float width(String s, float size, boolean isBold) throws IOException {
            float w = 0;
            for (Run r : runs(s, isBold)) w += r.font().getStringWidth(r.text()) / 1000 * size;
            return w;
        }

        /** Wraps at spaces, or anywhere for CJK text; returns the height used. */
        float paragraph(String s, float x, float maxWidth, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            boolean cjk = locale.getLanguage().equals("zh");
            String[] tokens = cjk ? s.split("") : s.split(" ");
            for (String tok : tokens) {
                String candidate = line.isEmpty() ? tok : line + (cjk ? "" : " ") + tok;
                if (width(candidate, size, false) > maxWidth && !line.isEmpty()) {
                    lines.add(line.toString());
                    line = new StringBuilder(tok);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            if (!line.isEmpty()) lines.add(line.toString());
            float lead = size * 1.35f;
            for (String l : lines) {
                need(lead);
                text(l, x, y - size, size, false);
                y -= lead;
            }
            return lines.size() * lead;
        }

        void heading(String s) throws IOException {
            need(40);
            y -= 10;
            text(s, MARGIN, y - 12, 12, true);
            y -= 20;
        }

        void header() throws IOException {
            text(t("title"), MARGIN, y - 18, 18, true);
            y -= 26;
            text(t("subtitle"), MARGIN, y - 10, 10, false);
            y -= 22;
            var p = c.patient();
            String name = p.name().alphabetic().replace('^', ' ').strip();
            text(t("patient") + ": " + name + "    " + t("patientId") + ": " + p.patientId() + "    " + t("born") + ": "
                    + date(p.birthDate()) + "    " + t("sex") + ": " + p.sex(), MARGIN, y - 10, 10, false);
            y -= 18;
            text(t("studies") + ":", MARGIN, y - 10, 10, true);
            y -= 15;
            for (FollowUpStudy s : c.studies()) {
                String line = s.date() + "   " + t("slices", s.slices(), mm(s.sliceThicknessMm())) + "   "
                        + s.studyUid().value() + (s.equals(c.current()) ? "   (" + t("current") + ")" : "");
                text(line, MARGIN + 10, y - 9, 9, false);
                y -= 13;
            }
            text(t("created", created.toString()), MARGIN, y - 9, 9, false);
            y -= 16;
        }

        void keyImages(TrackedNodule n) throws IOException {
            List<NoduleObservation> obs = n.observations();
            int cols = Math.min(4, obs.size());
            float gap = 10, size = Math.min(120, (WIDTH - 2 * MARGIN - (cols - 1) * gap) / cols);
            int rows = (obs.size() + cols - 1) / cols;
            need(30 + rows * (size + 28));
            Measurement now = n.current().measurement().orElse(null);
            String title = t("nodule") + " " + n.id() + (now == null ? ""
                    : " — " + t(now.type().name()) + ", " + fmt1(Rounding.lungRadsMeanMm(now.longAxisMm(), now.shortAxisMm())) + " mm");
            heading(title);
            text(t("keyImages"), MARGIN, y - 8, 8, false);
            y -= 12;
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols && r * cols + col < obs.size(); col++) {
                    NoduleObservation o = obs.get(r * cols + col);
                    float x = MARGIN + col * (size + gap);
                    Optional<KeyImage> img = images.stream()
                            .filter(k -> k.noduleId().equals(n.id()) && k.study().equals(o.study())).findFirst();
                    if (img.isPresent()) {
                        PDImageXObject xo = LosslessFactory.createFromImage(doc, img.get().image());
                        cs.drawImage(xo, x, y - size, size, size);
                    }
                    cs.setStrokingColor(Color.GRAY);
                    cs.addRect(x, y - size, size, size);
                    cs.stroke();
                    String label = o.study().date() + "  " + o.measurement().map(m -> fmt1(m.volumeMm3()) + " mm³")
                            .orElse(t("notFound"));
                    text(label, x, y - size - 11, 8, false);
                }
                y -= size + 22;
            }
        }

        void table() throws IOException {
            List<FollowUpStudy> studies = c.studies();
            heading(t("table"));
            float[] widths = new float[4 + studies.size()];
            widths[0] = 38;
            float rest = WIDTH - 2 * MARGIN - widths[0];
            float dateW = Math.min(110, (rest - 3 * 62) / studies.size());
            for (int i = 0; i < studies.size(); i++) widths[1 + i] = dateW;
            widths[1 + studies.size()] = 62;
            widths[2 + studies.size()] = 62;
            widths[3 + studies.size()] = 62;
            List<String> head = new ArrayList<>();
            head.add(t("nodule"));
            studies.forEach(s -> head.add(s.date().toString()));
            head.add(t("growth"));
            head.add(t("vdt"));
            head.add(t("category"));
            need(16);
            row(head, widths, true);
            text(t("volume") + " / " + t("diameter") + " / " + t("type"), MARGIN + widths[0], y - 7, 7, false);
            y -= 11;
            for (TrackedNodule n : c.nodules()) {
                List<String> cells = new ArrayList<>();
                cells.add(n.id());
                for (NoduleObservation o : n.observations()) {
                    cells.add(o.measurement().map(m -> fmt1(m.volumeMm3()) + " / "
                            + fmt1(Rounding.lungRadsMeanMm(m.longAxisMm(), m.shortAxisMm())) + " / " + t(m.type().name() + ".short"))
                            .orElse("—"));
                }
                NoduleGrowth g = n.growth().orElse(null);
                cells.add(g == null ? "—" : String.format(Locale.ROOT, "%+.1f %%%s", g.volumeChangePercent(),
                        g.withinVariability() ? " *" : ""));
                cells.add(g == null || g.vdtDays().isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f", g.vdtDays().getAsDouble()));
                cells.add(n.guideline().map(GuidelineResult::category).filter(s -> !s.isEmpty()).orElse("—"));
                need(14);
                row(cells, widths, false);
            }
            text("* " + t("variability") + " (±25 %)", MARGIN, y - 8, 8, false);
            y -= 14;
        }

        void row(List<String> cells, float[] widths, boolean isBold) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < cells.size(); i++) {
                text(cells.get(i), x + 2, y - 9, 8.5f, isBold);
                x += widths[i];
            }
            cs.setStrokingColor(Color.LIGHT_GRAY);
            cs.moveTo(MARGIN, y - 12);
            cs.lineTo(x, y - 12);
            cs.stroke();
            y -= 14;
        }

        void chart() throws IOException {
            float h = 170, w = WIDTH - 2 * MARGIN - 90;
            need(h + 60);
            heading(t("chart"));
            float x0 = MARGIN + 45, y0 = y - h;
            List<FollowUpStudy> studies = c.studies();
            LocalDate first = studies.getFirst().date(), last = studies.getLast().date();
            double span = Math.max(1, last.toEpochDay() - first.toEpochDay());
            double vmax = c.nodules().stream().flatMap(n -> n.observations().stream()).flatMap(o -> o.measurement().stream())
                    .mapToDouble(Measurement::volumeMm3).max().orElse(1) * 1.1;
            double step = niceStep(vmax / 5);
            cs.setStrokingColor(Color.BLACK);
            cs.setLineWidth(0.8f);
            cs.moveTo(x0, y0 + h);
            cs.lineTo(x0, y0);
            cs.lineTo(x0 + w, y0);
            cs.stroke();
            cs.setLineWidth(0.3f);
            for (double v = step; v <= vmax; v += step) {
                float yy = (float) (y0 + v / vmax * h);
                cs.setStrokingColor(Color.LIGHT_GRAY);
                cs.moveTo(x0, yy);
                cs.lineTo(x0 + w, yy);
                cs.stroke();
                String label = String.format(Locale.ROOT, "%.0f", v);
                text(label, x0 - 4 - width(label, 7, false), yy - 2.5f, 7, false);
            }
            for (FollowUpStudy s : studies) {
                float xx = (float) (x0 + (s.date().toEpochDay() - first.toEpochDay()) / span * (w - 20) + 10);
                String label = s.date().toString();
                text(label, xx - width(label, 7, false) / 2, y0 - 10, 7, false);
            }
            int k = 0;
            for (TrackedNodule n : c.nodules()) {
                Color colour = SERIES[k++ % SERIES.length];
                cs.setStrokingColor(colour);
                cs.setNonStrokingColor(colour);
                cs.setLineWidth(1.4f);
                boolean started = false;
                float lx = 0, ly = 0;
                for (NoduleObservation o : n.observations()) {
                    if (o.measurement().isEmpty()) continue;
                    float xx = (float) (x0 + (o.study().date().toEpochDay() - first.toEpochDay()) / span * (w - 20) + 10);
                    float yy = (float) (y0 + o.measurement().get().volumeMm3() / vmax * h);
                    if (started) {
                        cs.moveTo(lx, ly);
                        cs.lineTo(xx, yy);
                        cs.stroke();
                    }
                    cs.addRect(xx - 2, yy - 2, 4, 4);
                    cs.fill();
                    lx = xx;
                    ly = yy;
                    started = true;
                }
                float ly2 = y0 + h - 12 * k;
                cs.addRect(x0 + w + 8, ly2, 10, 3);
                cs.fill();
                cs.setNonStrokingColor(Color.BLACK);
                text(n.id(), x0 + w + 22, ly2 - 1, 8, false);
            }
            cs.setNonStrokingColor(Color.BLACK);
            cs.setStrokingColor(Color.BLACK);
            cs.setLineWidth(1);
            y = y0 - 22;
        }

        void guideline() throws IOException {
            heading(t("guideline"));
            if (c.exam().isEmpty()) {
                paragraph(t("noGuideline"), MARGIN, WIDTH - 2 * MARGIN, 9);
                return;
            }
            GuidelineResult e = c.exam().get();
            need(50);
            text(t("exam") + ": " + e.guideline() + "   " + t("category") + ": " + (e.category().isEmpty() ? "—" : e.category())
                    + "   " + t("interval") + ": " + e.interval().text(locale), MARGIN, y - 10, 10, true);
            y -= 16;
            text(t("rule") + ": " + e.ruleId(), MARGIN, y - 9, 9, false);
            y -= 15;
            paragraph(e.explanation(locale), MARGIN, WIDTH - 2 * MARGIN, 9);
            y -= 6;
            for (TrackedNodule n : c.nodules()) {
                if (n.guideline().isEmpty()) continue;
                GuidelineResult g = n.guideline().get();
                need(30);
                text(n.id() + ": " + t("category") + " " + (g.category().isEmpty() ? "—" : g.category()) + ", "
                        + t("interval") + ": " + g.interval().text(locale) + " (" + g.ruleId() + ")", MARGIN, y - 9, 9, true);
                y -= 13;
                if (e.guideline().startsWith("Lung-RADS")) {
                    paragraph(g.explanation(locale), MARGIN + 10, WIDTH - 2 * MARGIN - 10, 8);
                }
            }
        }

        void footers() throws IOException {
            for (int i = 0; i < pages.size(); i++) {
                try (PDPageContentStream f = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
                    cs = f;
                    cs.setNonStrokingColor(Color.DARK_GRAY);
                    text(t("footer"), MARGIN, 24, 8, true);
                    String page = t("page", i + 1, pages.size());
                    text(page, WIDTH - MARGIN - width(page, 8, false), 24, 8, false);
                }
            }
        }
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    static String fmt1(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "?";
    }

    /** Millimetres as DICOM gives them: 2.5, 1.25, 0.625 (up to three decimals, no trailing zeros). */
    static String mm(double v) {
        return Double.isFinite(v) ? java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() : "?";
    }

    static String date(String da) {
        return da.length() == 8 ? da.substring(0, 4) + "-" + da.substring(4, 6) + "-" + da.substring(6) : da;
    }
}
