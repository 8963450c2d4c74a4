package org.noduletrack.dicom.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.noduletrack.dicom.data.DicomDataset;

/**
 * A parsed Part 10 file (or bare data set).
 *
 * @param fileMeta        group 0002; empty when the input had none
 * @param dataset         the data set proper
 * @param transferSyntax  how the data set was encoded (inferred when there was no meta header)
 * @param source          the file read, when there was one; bulk data references point into it
 * @param issues          tolerated deviations, in the order met
 * @param stoppedAtPixelData true when reading stopped before pixel data as asked
 */
public record DicomFile(DicomDataset fileMeta, DicomDataset dataset, TransferSyntax transferSyntax,
                        Optional<Path> source, List<ParseIssue> issues, boolean stoppedAtPixelData) {
    public DicomFile {
        issues = List.copyOf(issues);
    }
}
