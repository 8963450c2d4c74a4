package org.noduletrack.app.workspace;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders a PDF report's pages to pixels inside the workstation (PDFBox), so a report from a CD or the case folder is
 * readable offline with no PDF viewer installed. Runs off the FX thread; the view only copies the pixels.
 */
public final class ReportPages {
    /** Enough for a consult letter or a follow-up report; longer documents say how many pages were left out. */
    public static final int MAX_PAGES = 30;

    private final float dpi;

    /** @param dpi rendering resolution (96–150 suits a screen) */
    public ReportPages(float dpi) {
        this.dpi = dpi;
    }

    /** One rendered page: ARGB pixels, row by row. */
    public record Page(int width, int height, int[] argb) {}

    /** The rendered pages and the document's page count (more than the pages when it was cut at {@link #MAX_PAGES}). */
    public record Rendered(List<Page> pages, int pageCount) {
        public Rendered {
            pages = List.copyOf(pages);
        }
    }

    public Rendered render(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(doc);
            int n = doc.getNumberOfPages();
            List<Page> pages = new ArrayList<>();
            for (int i = 0; i < Math.min(n, MAX_PAGES); i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("rendering cancelled");
                }
                BufferedImage img = renderer.renderImageWithDPI(i, dpi, ImageType.RGB);
                int w = img.getWidth(), h = img.getHeight();
                pages.add(new Page(w, h, img.getRGB(0, 0, w, h, null, 0, w)));
            }
            return new Rendered(pages, n);
        }
    }
}
