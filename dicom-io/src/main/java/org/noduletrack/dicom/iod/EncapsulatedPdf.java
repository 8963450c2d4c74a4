package org.noduletrack.dicom.iod;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.UidGenerator;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomWriter;

/**
 * Encapsulated PDF IOD (PS3.3 A.45.1, SOP Class 1.2.840.10008.5.1.4.1.1.104.1): a report placed in the patient's study
 * so that a PACS files it next to the images. Patient and study attributes are copied from an instance of that study;
 * the document gets its own series (Modality DOC).
 */
public final class EncapsulatedPdf {
    private static final int[] PATIENT_AND_STUDY = {Tags.PatientName, Tags.PatientID, Tags.PatientBirthDate,
            Tags.PatientSex, Tags.StudyInstanceUID, Tags.StudyDate, Tags.StudyTime, Tags.ReferringPhysicianName,
            Tags.StudyID, Tags.AccessionNumber};
    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");

    private EncapsulatedPdf() {}

    /**
     * @param study  any instance of the study the report belongs to (patient and study modules are copied)
     * @param pdf    the document; must start with "%PDF-"
     * @param title  Document Title (0042,0010)
     */
    public static DicomDataset build(DicomDataset study, byte[] pdf, String title, LocalDateTime created,
                                     String seriesUid, String sopUid) {
        if (pdf.length < 5 || !new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            throw new IllegalArgumentException("not a PDF document (no %PDF- header)");
        }
        DatasetBuilder b = DicomDataset.builder();
        b.putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 192");
        for (int tag : PATIENT_AND_STUDY) {
            study.get(tag).ifPresentOrElse(e -> b.put(reencoded(study, tag, e.vr())), () -> b.putBytes(tag,
                    Vr.valueOf(org.noduletrack.dicom.dict.ElementDictionary.standard().primaryVr(tag)), new byte[0]));
        }
        b.putString(Tags.SOPClassUID, Vr.UI, Uids.EncapsulatedPDFStorage);
        b.putString(Tags.SOPInstanceUID, Vr.UI, sopUid);
        b.putString(Tags.Modality, Vr.CS, "DOC");
        b.putString(Tags.SeriesInstanceUID, Vr.UI, seriesUid);
        b.putString(Tags.SeriesNumber, Vr.IS, "9001");
        b.putString(Tags.InstanceNumber, Vr.IS, "1");
        b.putString(Tags.Manufacturer, Vr.LO, "NoduleTrack");
        b.putString(Tags.ConversionType, Vr.CS, "WSD");
        b.putString(Tags.ContentDate, Vr.DA, created.format(DA));
        b.putString(Tags.ContentTime, Vr.TM, created.format(TM));
        b.putString(Tags.AcquisitionDateTime, Vr.DT, created.format(DA) + created.format(TM));
        b.putString(Tags.BurnedInAnnotation, Vr.CS, "YES");
        b.putString(Tags.DocumentTitle, Vr.ST, title);
        b.putSequence(Tags.ConceptNameCodeSequence, List.of());
        b.putString(Tags.MIMETypeOfEncapsulatedDocument, Vr.LO, "application/pdf");
        // OB must have even length: pad with one NUL, and say the real length in (0042,0015)
        b.putOwned(Tags.EncapsulatedDocument, Vr.OB, (pdf.length & 1) == 0 ? pdf.clone() : Arrays.copyOf(pdf, pdf.length + 1));
        b.putInts(Tags.EncapsulatedDocumentLength, Vr.UL, pdf.length);
        return b.build();
    }

    public static DicomDataset build(DicomDataset study, byte[] pdf, String title) {
        return build(study, pdf, title, LocalDateTime.now(), UidGenerator.newUid(), UidGenerator.newUid());
    }

    /** Writes a Part 10 file (explicit VR little endian). */
    public static void write(DicomDataset document, Path file) throws IOException {
        new DicomWriter().write(file, DicomDataset.empty(), document, Uids.ExplicitVRLittleEndian);
    }

    /** Text values are re-encoded in UTF-8 (the document's character set), whatever the source's set was. */
    private static org.noduletrack.dicom.data.DicomElement reencoded(DicomDataset src, int tag, Vr vr) {
        DatasetBuilder one = new DatasetBuilder(org.noduletrack.dicom.charset.SpecificCharacterSet.UTF_8);
        if (vr.isText()) {
            one.putString(tag, vr, src.strings(tag));
        } else {
            src.get(tag).ifPresent(one::put);
        }
        return one.build().get(tag).orElseThrow();
    }
}
