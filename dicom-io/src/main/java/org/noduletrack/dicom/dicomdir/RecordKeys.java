package org.noduletrack.dicom.dicomdir;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.VrLookup;

/**
 * The keys each directory record carries (PS3.3 F.5), copied from the referenced instance. Values are copied as
 * bytes, never re-encoded, so text stays valid under the Specific Character Set that is carried over with it.
 */
final class RecordKeys {
    private RecordKeys() {}

    /** PS3.3 attribute types, as far as the writer acts on them. */
    enum Need {
        /** Type 1: must have a value; written empty and reported when the instance lacks it. */
        VALUE,
        /** Type 2: written empty when the instance lacks it. */
        PRESENT,
        /** Type 1C/3: copied only when the instance has it. */
        IF_PRESENT
    }

    record Key(int tag, Need need) {}

    static final List<Key> PATIENT = List.of(new Key(Tags.PatientName, Need.PRESENT), new Key(Tags.PatientID, Need.VALUE));
    static final List<Key> STUDY = List.of(
            new Key(Tags.StudyDate, Need.VALUE), new Key(Tags.StudyTime, Need.VALUE),
            new Key(Tags.AccessionNumber, Need.PRESENT), new Key(Tags.StudyDescription, Need.PRESENT),
            new Key(Tags.StudyInstanceUID, Need.VALUE), new Key(Tags.StudyID, Need.VALUE));
    static final List<Key> SERIES = List.of(
            new Key(Tags.Modality, Need.VALUE), new Key(Tags.SeriesInstanceUID, Need.VALUE),
            new Key(Tags.SeriesNumber, Need.VALUE));

    private static final Key INSTANCE_NUMBER = new Key(Tags.InstanceNumber, Need.VALUE);
    private static final Key CONTENT_DATE = new Key(Tags.ContentDate, Need.VALUE);
    private static final Key CONTENT_TIME = new Key(Tags.ContentTime, Need.VALUE);
    private static final List<Key> CONTENT_ID = List.of(INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME,
            new Key(Tags.ContentLabel, Need.VALUE), new Key(Tags.ContentDescription, Need.PRESENT),
            new Key(Tags.ContentCreatorName, Need.PRESENT));

    private static final Map<RecordType, List<Key>> INSTANCE = Map.ofEntries(
            Map.entry(RecordType.IMAGE, List.of(INSTANCE_NUMBER)),
            Map.entry(RecordType.RT_DOSE, List.of(INSTANCE_NUMBER, new Key(Tags.DoseSummationType, Need.VALUE))),
            Map.entry(RecordType.RT_STRUCTURE_SET, List.of(INSTANCE_NUMBER, new Key(Tags.StructureSetLabel, Need.VALUE),
                    new Key(Tags.StructureSetDate, Need.PRESENT), new Key(Tags.StructureSetTime, Need.PRESENT))),
            Map.entry(RecordType.RT_PLAN, List.of(INSTANCE_NUMBER, new Key(Tags.RTPlanLabel, Need.VALUE),
                    new Key(Tags.RTPlanDate, Need.PRESENT), new Key(Tags.RTPlanTime, Need.PRESENT))),
            Map.entry(RecordType.RT_TREAT_RECORD, List.of(INSTANCE_NUMBER, new Key(Tags.TreatmentDate, Need.PRESENT),
                    new Key(Tags.TreatmentTime, Need.PRESENT))),
            Map.entry(RecordType.PRESENTATION, List.of(new Key(Tags.PresentationCreationDate, Need.VALUE),
                    new Key(Tags.PresentationCreationTime, Need.VALUE), INSTANCE_NUMBER,
                    new Key(Tags.ContentLabel, Need.VALUE), new Key(Tags.ContentDescription, Need.PRESENT),
                    new Key(Tags.ContentCreatorName, Need.PRESENT))),
            Map.entry(RecordType.WAVEFORM, List.of(INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME)),
            Map.entry(RecordType.RAW_DATA, List.of(INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME)),
            Map.entry(RecordType.SR_DOCUMENT, List.of(INSTANCE_NUMBER, new Key(Tags.CompletionFlag, Need.VALUE),
                    new Key(Tags.VerificationFlag, Need.VALUE), CONTENT_DATE, CONTENT_TIME,
                    new Key(Tags.VerificationDateTime, Need.IF_PRESENT), new Key(Tags.ConceptNameCodeSequence, Need.VALUE))),
            Map.entry(RecordType.KEY_OBJECT_DOC, List.of(INSTANCE_NUMBER, CONTENT_DATE, CONTENT_TIME,
                    new Key(Tags.ConceptNameCodeSequence, Need.VALUE))),
            Map.entry(RecordType.ENCAP_DOC, List.of(new Key(Tags.ContentDate, Need.PRESENT),
                    new Key(Tags.ContentTime, Need.PRESENT), INSTANCE_NUMBER, new Key(Tags.DocumentTitle, Need.PRESENT),
                    new Key(Tags.ConceptNameCodeSequence, Need.PRESENT),
                    new Key(Tags.MIMETypeOfEncapsulatedDocument, Need.VALUE))),
            Map.entry(RecordType.REGISTRATION, CONTENT_ID),
            Map.entry(RecordType.FIDUCIAL, CONTENT_ID),
            Map.entry(RecordType.SPECTROSCOPY, List.of(new Key(Tags.ImageType, Need.VALUE), CONTENT_DATE, CONTENT_TIME,
                    INSTANCE_NUMBER, new Key(Tags.NumberOfFrames, Need.VALUE), new Key(Tags.Rows, Need.VALUE),
                    new Key(Tags.Columns, Need.VALUE), new Key(Tags.DataPointRows, Need.VALUE),
                    new Key(Tags.DataPointColumns, Need.VALUE))));

    /** The instance-level record type for a SOP class (PS3.3 F.4 and the SOP classes' media profiles). */
    static RecordType instanceType(String sopClassUid) {
        String u = sopClassUid;
        String storage = "1.2.840.10008.5.1.4.1.1.";
        if (u.equals(Uids.KeyObjectSelectionDocumentStorage)) {
            return RecordType.KEY_OBJECT_DOC;
        }
        if (u.equals(Uids.RTDoseStorage)) {
            return RecordType.RT_DOSE;
        }
        if (u.equals(Uids.RTStructureSetStorage)) {
            return RecordType.RT_STRUCTURE_SET;
        }
        if (u.equals(Uids.RTPlanStorage) || u.equals(Uids.RTIonPlanStorage)) {
            return RecordType.RT_PLAN;
        }
        if (u.equals(Uids.RTBeamsTreatmentRecordStorage) || u.equals(Uids.RTBrachyTreatmentRecordStorage)
                || u.equals(Uids.RTTreatmentSummaryRecordStorage) || u.equals(Uids.RTIonBeamsTreatmentRecordStorage)) {
            return RecordType.RT_TREAT_RECORD;
        }
        if (u.equals(Uids.SpatialRegistrationStorage) || u.equals(Uids.DeformableSpatialRegistrationStorage)) {
            return RecordType.REGISTRATION;
        }
        if (u.equals(Uids.SpatialFiducialsStorage)) {
            return RecordType.FIDUCIAL;
        }
        if (u.equals(Uids.MRSpectroscopyStorage)) {
            return RecordType.SPECTROSCOPY;
        }
        if (u.equals(storage + "66")) {
            return RecordType.RAW_DATA;
        }
        if (u.startsWith(storage + "88.")) {
            return RecordType.SR_DOCUMENT;
        }
        if (u.startsWith(storage + "11.")) {
            return RecordType.PRESENTATION;
        }
        if (u.startsWith(storage + "9.")) {
            return RecordType.WAVEFORM;
        }
        if (u.startsWith(storage + "104.")) {
            return RecordType.ENCAP_DOC;
        }
        return RecordType.IMAGE;
    }

    static List<Key> forInstance(RecordType type) {
        return INSTANCE.getOrDefault(type, INSTANCE.get(RecordType.IMAGE));
    }

    /**
     * A record data set of {@code type} with {@code keys} copied from {@code source}.
     *
     * @param missing receives the tag of each Type 1 key the source lacks
     */
    static DatasetBuilder copy(RecordType type, DicomDataset source, List<Key> keys, Consumer<Integer> missing) {
        DatasetBuilder b = new DatasetBuilder(source.characterSet());
        b.putString(Tags.DirectoryRecordType, Vr.CS, type.code());
        boolean needsCharacterSet = false;
        for (Key k : keys) {
            DicomElement e = source.get(k.tag()).orElse(null);
            if (e == null || isEmpty(e)) {
                if (k.need() == Need.VALUE) {
                    missing.accept(k.tag());
                }
                if (k.need() != Need.IF_PRESENT) {
                    b.put(empty(k.tag()));
                }
                continue;
            }
            b.put(evenLength(e));
            needsCharacterSet |= usesCharacterSet(e);
        }
        if (needsCharacterSet) {
            source.get(Tags.SpecificCharacterSet).ifPresent(cs -> b.put(evenLength(cs)));
        }
        return b;
    }

    private static boolean isEmpty(DicomElement e) {
        return e instanceof ValueElement v && v.length() == 0
                || e instanceof SequenceElement s && s.items().isEmpty();
    }

    private static DicomElement empty(int tag) {
        Vr vr = VrLookup.standard().dictionaryVr(tag);
        return vr == Vr.SQ ? new SequenceElement(tag, Vr.SQ, List.of()) : ValueElement.of(tag, vr == null ? Vr.UN : vr, new byte[0]);
    }

    /** Values are stored padded in the file; padding here too makes the written tree equal to the one read back. */
    private static DicomElement evenLength(DicomElement e) {
        if (e instanceof ValueElement v && (v.length() & 1) == 1) {
            byte[] b = Arrays.copyOf(v.bytes(), v.length() + 1);
            b[b.length - 1] = (byte) v.vr().paddingByte();
            return ValueElement.of(v.tag(), v.vr(), b);
        }
        return e;
    }

    /** Text whose bytes depend on (0008,0005), so the record must say which character set they are in. */
    private static boolean usesCharacterSet(DicomElement e) {
        return switch (e.vr()) {
            case SH, LO, ST, LT, PN, UC, UT, SQ -> true;
            default -> false;
        };
    }
}
