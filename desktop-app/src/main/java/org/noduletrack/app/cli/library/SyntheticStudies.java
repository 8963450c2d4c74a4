package org.noduletrack.app.cli.library;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.UidGenerator;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.TransferSyntax;

/**
 * Generates small synthetic CT files with headers only (no pixel data): patients with several studies of one axial
 * series each, with plane geometry, so the whole import pipeline and the index queries can be measured at scale.
 */
public final class SyntheticStudies {
    private final DicomWriter writer = new DicomWriter();

    /** Writes {@code studies} studies of {@code instances / studies} slices for {@code patients} patients; returns files written. */
    public long generate(Path dir, int patients, int studies, int instances) throws IOException {
        int perStudy = Math.max(1, instances / studies);
        long n = 0;
        for (int s = 0; s < studies; s++) {
            int patient = s % patients;
            String studyUid = UidGenerator.newUid();
            String seriesUid = UidGenerator.newUid();
            String date = String.format(Locale.ROOT, "2%03d%02d%02d", 10 + s / patients, 1 + s % 12, 1 + s % 28);
            Path folder = dir.resolve(String.format(Locale.ROOT, "P%04d/S%04d", patient, s));
            Files.createDirectories(folder);
            for (int i = 0; i < perStudy; i++) {
                DicomDataset ds = DicomDataset.builder()
                        .putString(Tags.SOPClassUID, Vr.UI, "1.2.840.10008.5.1.4.1.1.2")
                        .putString(Tags.SOPInstanceUID, Vr.UI, UidGenerator.newUid())
                        .putString(Tags.StudyDate, Vr.DA, date)
                        .putString(Tags.Modality, Vr.CS, "CT")
                        .putString(Tags.StudyDescription, Vr.LO, "SYNTHETIC CHEST")
                        .putString(Tags.SeriesDescription, Vr.LO, "AXIAL 1.25")
                        .putString(Tags.PatientName, Vr.PN, String.format(Locale.ROOT, "SYNTH^PATIENT%04d", patient))
                        .putString(Tags.PatientID, Vr.LO, String.format(Locale.ROOT, "SYN%05d", patient))
                        .putString(Tags.SliceThickness, Vr.DS, "1.25")
                        .putString(Tags.StudyInstanceUID, Vr.UI, studyUid)
                        .putString(Tags.SeriesInstanceUID, Vr.UI, seriesUid)
                        .putString(Tags.SeriesNumber, Vr.IS, "2")
                        .putString(Tags.InstanceNumber, Vr.IS, Integer.toString(i + 1))
                        .putString(Tags.ImagePositionPatient, Vr.DS, "-175", "-175", Double.toString(-i * 1.25))
                        .putString(Tags.ImageOrientationPatient, Vr.DS, "1", "0", "0", "0", "1", "0")
                        .putInts(Tags.Rows, Vr.US, 512)
                        .putInts(Tags.Columns, Vr.US, 512)
                        .putString(Tags.PixelSpacing, Vr.DS, "0.68", "0.68")
                        .build();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
                writer.write(bytes, DicomDataset.empty(), ds, TransferSyntax.EXPLICIT_VR_LE);
                Files.write(folder.resolve(String.format(Locale.ROOT, "IM%05d", i)), bytes.toByteArray());
                n++;
            }
        }
        return n;
    }
}
