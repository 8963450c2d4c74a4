package org.noduletrack.nodule.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An LIDC-IDRI reader annotation file ({@code LidcReadMessage}, namespace http://www.nih.gov): up to four reading
 * sessions, each with the reader's nodules. A nodule ≥ 3 mm has one ROI per slice (an outline of pixel coordinates,
 * column x / row y, on the image with {@code imageSOP_UID} at {@code imageZposition}); a nodule &lt; 3 mm has a single
 * one-point ROI. Non-nodules are ignored. Reference data for validation, not clinical input.
 */
public record LidcReadMessage(String seriesInstanceUid, List<ReadingSession> sessions) {
    public LidcReadMessage {
        sessions = List.copyOf(sessions);
    }

    /** One reader's session. */
    public record ReadingSession(String readerId, List<NoduleMark> nodules) {
        public ReadingSession {
            nodules = List.copyOf(nodules);
        }
    }

    /** One reader's mark of one nodule; {@code characteristics} is empty for nodules &lt; 3 mm. */
    public record NoduleMark(String noduleId, Map<String, Integer> characteristics, List<Roi> rois) {
        public NoduleMark {
            characteristics = Map.copyOf(characteristics);
            rois = List.copyOf(rois);
        }

        /** A nodule &lt; 3 mm: marked by its centre only (every ROI is one point). */
        public boolean small() { return rois.stream().allMatch(r -> r.xs().length <= 1); }
    }

    /** One slice of an outline: the pixels of the drawn contour (closed; the first point is not repeated). */
    public record Roi(double zPositionMm, String sopInstanceUid, boolean inclusion, int[] xs, int[] ys) {
        public Roi {
            if (xs.length != ys.length) throw new IllegalArgumentException("x/y count mismatch");
        }
    }

    public static LidcReadMessage parse(Path xml) throws IOException {
        try (InputStream in = Files.newInputStream(xml)) {
            return parse(in);
        }
    }

    public static LidcReadMessage parse(InputStream in) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not an LIDC read message: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("LidcReadMessage")) {
            throw new IOException("not an LIDC read message: root element " + root.getTagName());
        }
        String series = children(root, "ResponseHeader").stream().findFirst()
                .map(h -> text(h, "SeriesInstanceUid")).orElse("");
        List<ReadingSession> sessions = new ArrayList<>();
        for (Element s : children(root, "readingSession")) {
            List<NoduleMark> marks = new ArrayList<>();
            for (Element n : children(s, "unblindedReadNodule")) {
                Map<String, Integer> ch = new LinkedHashMap<>();
                for (Element c : children(n, "characteristics")) {
                    for (Node k = c.getFirstChild(); k != null; k = k.getNextSibling()) {
                        if (k instanceof Element e && !e.getTextContent().isBlank()) {
                            ch.put(e.getTagName(), Integer.parseInt(e.getTextContent().strip()));
                        }
                    }
                }
                List<Roi> rois = new ArrayList<>();
                for (Element r : children(n, "roi")) {
                    List<Element> edges = children(r, "edgeMap");
                    int[] xs = new int[edges.size()], ys = new int[edges.size()];
                    for (int i = 0; i < edges.size(); i++) {
                        xs[i] = Integer.parseInt(text(edges.get(i), "xCoord"));
                        ys[i] = Integer.parseInt(text(edges.get(i), "yCoord"));
                    }
                    rois.add(new Roi(Double.parseDouble(text(r, "imageZposition")), text(r, "imageSOP_UID"),
                            !"FALSE".equalsIgnoreCase(text(r, "inclusion")), xs, ys));
                }
                marks.add(new NoduleMark(text(n, "noduleID"), ch, rois));
            }
            sessions.add(new ReadingSession(text(s, "servicingRadiologistID"), marks));
        }
        return new LidcReadMessage(series, sessions);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node k = parent.getFirstChild(); k != null; k = k.getNextSibling()) {
            if (k instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? "" : c.getFirst().getTextContent().strip();
    }
}
