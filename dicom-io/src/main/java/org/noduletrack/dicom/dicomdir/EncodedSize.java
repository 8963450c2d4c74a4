package org.noduletrack.dicom.dicomdir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.TransferSyntax;

/**
 * Byte counts as {@link DicomWriter} encodes them, measured by letting it write into a counter. This keeps the
 * DICOMDIR offsets right by construction, whatever the writer's encoding rules are (its own length arithmetic is
 * package-private in org.noduletrack.dicom.io).
 */
final class EncodedSize {
    private final DicomWriter writer = new DicomWriter();
    private final DicomDataset fileMeta;
    private final long preambleAndMeta;

    /** @param fileMeta the file meta elements the DICOMDIR will be written with */
    EncodedSize(DicomDataset fileMeta) {
        this.fileMeta = fileMeta;
        this.preambleAndMeta = written(DicomDataset.empty());
    }

    /** Bytes before the data set: preamble, "DICM" and the File Meta Information. */
    long preambleAndMeta() { return preambleAndMeta; }

    /**
     * Encoded length of {@code ds} as a data set, or as the content of an item. The data set must not contain SOP
     * Class or Instance UID (0008,0016/0018), which would change the meta header; directory records never do.
     */
    long of(DicomDataset ds) { return written(ds) - preambleAndMeta; }

    private long written(DicomDataset ds) {
        Counter counter = new Counter();
        try {
            writer.write(counter, fileMeta, ds, TransferSyntax.EXPLICIT_VR_LE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a counter never fails; a bulk data reference could, and records have none
        }
        return counter.count;
    }

    private static final class Counter extends OutputStream {
        long count;

        @Override
        public void write(int b) { count++; }

        @Override
        public void write(byte[] b, int off, int len) { count += len; }
    }
}
