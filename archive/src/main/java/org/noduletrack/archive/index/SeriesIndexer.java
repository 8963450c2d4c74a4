package org.noduletrack.archive.index;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.dicom.charset.PersonName;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.io.DicomFile;

/**
 * Turns a header-only read into the {@link InstanceHeader} the index keeps. Stateless and thread-safe.
 */
public final class SeriesIndexer {

    /** Thrown for a DICOM file that is not a storable instance (no SOP Instance, Study or Series UID). */
    public static final class NotAnInstanceException extends ArchiveException {
        public NotAnInstanceException(String message) {
            super(Reason.CORRUPT, message);
        }
    }

    public InstanceHeader extract(DicomFile file) throws NotAnInstanceException {
        DicomDataset ds = file.dataset();
        DicomDataset meta = file.fileMeta();
        String sop = ds.string(Tags.SOPInstanceUID).or(() -> meta.string(Tags.MediaStorageSOPInstanceUID)).orElse("");
        String sopClass = ds.string(Tags.SOPClassUID).or(() -> meta.string(Tags.MediaStorageSOPClassUID)).orElse("");
        if (sopClass.equals("1.2.840.10008.1.3.10")) {
            throw new NotAnInstanceException("a media directory (DICOMDIR), not an instance");
        }
        String study = ds.string(Tags.StudyInstanceUID).orElse("");
        String series = ds.string(Tags.SeriesInstanceUID).orElse("");
        if (sop.isBlank() || study.isBlank() || series.isBlank()) {
            throw new NotAnInstanceException("no " + (sop.isBlank() ? "SOP Instance UID" : study.isBlank()
                    ? "Study Instance UID" : "Series Instance UID") + ": not a storable instance");
        }
        PersonName name = PersonName.parse(ds.text(Tags.PatientName).orElse(""));
        double[] spacing = ds.doubles(Tags.PixelSpacing);
        Optional<SliceGeometry> geometry = safeGeometry(ds);
        OptionalDouble position = geometry.map(g -> OptionalDouble.of(g.positionAlongNormal())).orElse(OptionalDouble.empty());
        String orientation = ds.text(Tags.ImageOrientationPatient).orElse("");
        return new InstanceHeader(
                ds.string(Tags.PatientID, "").strip(), ds.string(Tags.IssuerOfPatientID, "").strip(), name,
                ds.string(Tags.PatientBirthDate, ""), ds.string(Tags.PatientSex, ""),
                new StudyUid(study), ds.string(Tags.StudyDate, ""), ds.string(Tags.StudyTime, ""),
                ds.string(Tags.AccessionNumber, ""), ds.string(Tags.StudyID, ""), ds.string(Tags.StudyDescription, ""),
                new SeriesUid(series), ds.string(Tags.Modality, ""), optInt(ds, Tags.SeriesNumber),
                ds.string(Tags.SeriesDate, ""), ds.string(Tags.SeriesDescription, ""),
                ds.string(Tags.BodyPartExamined, ""), kernel(ds), ds.string(Tags.FrameOfReferenceUID, ""),
                ds.intValue(Tags.Rows, 0), ds.intValue(Tags.Columns, 0),
                spacing.length >= 2 ? spacing[0] : Double.NaN, spacing.length >= 2 ? spacing[1] : Double.NaN,
                ds.doubleValue(Tags.SliceThickness).orElse(Double.NaN), orientation,
                new SopInstanceUid(sop), sopClass, optInt(ds, Tags.InstanceNumber),
                file.transferSyntax().uid(), position, Math.max(1, ds.intValue(Tags.NumberOfFrames, 1)),
                ds.string(Tags.ContentDate, ""), documentTitle(ds));
    }

    /** Convolution Kernel (0018,1210); a multi-valued one ("Br64d\\3") reads with spaces ("Br64d 3"). */
    static String kernel(DicomDataset ds) {
        return ds.text(Tags.ConvolutionKernel).map(k -> String.join(" ", k.strip().split("\\\\")).strip()).orElse("");
    }

    private static Optional<SliceGeometry> safeGeometry(DicomDataset ds) {
        try {
            return SliceGeometry.of(ds);
        } catch (RuntimeException e) {
            return Optional.empty(); // degenerate orientation etc.: the instance is still indexed, without a position
        }
    }

    private static OptionalInt optInt(DicomDataset ds, int tag) {
        try {
            return ds.intValue(tag);
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** Document Title, else the SR concept name's meaning: what a report is called in the case folder. */
    private static String documentTitle(DicomDataset ds) {
        Optional<String> title = ds.string(Tags.DocumentTitle);
        if (title.isPresent()) {
            return title.get();
        }
        List<DicomDataset> concept = ds.sequence(Tags.ConceptNameCodeSequence);
        return concept.isEmpty() ? "" : concept.getFirst().string(Tags.CodeMeaning, "");
    }
}
