package org.noduletrack.samples.generator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import org.noduletrack.dicom.codec.jpegls.JpegLsEncoder;
import org.noduletrack.dicom.codec.rle.RleEncoder;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.InlineValue;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.samples.bundle.JpegLsTranscoder;

/**
 * Writes one generated axial slice as a CT Image Storage file (PS3.3 A.3) with our own writer, pixel data JPEG-LS
 * lossless (default; ~3x smaller) or RLE lossless. Stored values are HU + 1024 in 12 bits (0..4095 = -1024..3071 HU),
 * unsigned, so the codec sees no sign wrap. Built from scratch (nothing copied from the source but equipment
 * attributes), so no de-identified source artefacts leak into the demo patient.
 */
public final class CtSeriesWriter {
    public enum Codec { JPEG_LS, RLE }

    public static final String RLE_TRANSFER_SYNTAX = "1.2.840.10008.1.2.5";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final Codec codec;
    private final DicomDataset equipment;
    private final DicomWriter writer = new DicomWriter();

    public CtSeriesWriter(Codec codec, DicomDataset equipment) {
        this.codec = codec;
        this.equipment = equipment;
    }

    /** Quantises {@code hu} (one slice, x fastest) and writes it as instance {@code k + 1}. */
    public void write(Path file, SeriesInfo s, VoxelGrid grid, int k, float[] hu, double blurSigmaMm) throws IOException {
        int n = grid.voxelsPerSlice();
        int[] stored = new int[n];
        for (int i = 0; i < n; i++) {
            stored[i] = Math.clamp(Math.round(hu[i]) + 1024, 0, 4095);
        }
        Vec3 ipp = grid.ijkToLps(0, 0, k);
        String sopUid = s.instanceUidPrefix() + "." + (k + 1);
        DatasetBuilder b = DicomDataset.builder();
        for (var e : equipment.elements()) {
            b.put(e);
        }
        String date = DA.format(s.studyDate());
        b.putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 192");
        b.putString(Tags.ImageType, Vr.CS, "DERIVED", "SECONDARY", "AXIAL");
        b.putString(Tags.SOPClassUID, Vr.UI, CT_IMAGE_STORAGE);
        b.putString(Tags.SOPInstanceUID, Vr.UI, sopUid);
        b.putString(Tags.StudyDate, Vr.DA, date);
        b.putString(Tags.SeriesDate, Vr.DA, date);
        b.putString(Tags.ContentDate, Vr.DA, date);
        b.putString(Tags.StudyTime, Vr.TM, "090000");
        b.putString(Tags.SeriesTime, Vr.TM, "090500");
        b.putString(Tags.ContentTime, Vr.TM, "090500");
        b.putString(Tags.AccessionNumber, Vr.SH, s.accessionNumber());
        b.putString(Tags.Modality, Vr.CS, "CT");
        if (!b.contains(Tags.Manufacturer)) {
            b.putString(Tags.Manufacturer, Vr.LO, "NoduleTrack");
        }
        b.putString(Tags.ReferringPhysicianName, Vr.PN, "");
        b.putString(Tags.StudyDescription, Vr.LO, "CT CHEST (synthetic demo)");
        b.putString(Tags.SeriesDescription, Vr.LO, s.seriesDescription());
        b.putString(Tags.PatientName, Vr.PN, s.patientName());
        b.putString(Tags.PatientID, Vr.LO, s.patientId());
        b.putString(Tags.PatientBirthDate, Vr.DA, DA.format(s.birthDate()));
        b.putString(Tags.PatientSex, Vr.CS, s.sex());
        b.putString(Tags.PatientAge, Vr.AS, String.format("%03dY", Period.between(s.birthDate(), s.studyDate()).getYears()));
        b.putString(Tags.BodyPartExamined, Vr.CS, "CHEST");
        b.putString(Tags.SliceThickness, Vr.DS, ds(s.sliceThicknessMm()));
        if (!b.contains(Tags.KVP)) {
            b.putString(Tags.KVP, Vr.DS, "120");
        }
        b.putString(Tags.PatientPosition, Vr.CS, "FFS");
        b.putString(Tags.StudyInstanceUID, Vr.UI, s.studyInstanceUid());
        b.putString(Tags.SeriesInstanceUID, Vr.UI, s.seriesInstanceUid());
        b.putString(Tags.StudyID, Vr.SH, "1");
        b.putString(Tags.SeriesNumber, Vr.IS, Integer.toString(s.seriesNumber()));
        b.putString(Tags.AcquisitionNumber, Vr.IS, "1");
        b.putString(Tags.InstanceNumber, Vr.IS, Integer.toString(k + 1));
        b.putString(Tags.ImagePositionPatient, Vr.DS, ds(ipp.x()), ds(ipp.y()), ds(ipp.z()));
        b.putString(Tags.ImageOrientationPatient, Vr.DS, "1", "0", "0", "0", "1", "0");
        b.putString(Tags.FrameOfReferenceUID, Vr.UI, s.frameOfReferenceUid());
        b.putString(Tags.PositionReferenceIndicator, Vr.LO, "");
        b.putString(Tags.SliceLocation, Vr.DS, ds(ipp.z()));
        b.putInts(Tags.SamplesPerPixel, Vr.US, 1);
        b.putString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2");
        b.putInts(Tags.Rows, Vr.US, grid.ny());
        b.putInts(Tags.Columns, Vr.US, grid.nx());
        b.putString(Tags.PixelSpacing, Vr.DS, ds(grid.spacingYMm()), ds(grid.spacingXMm()));
        b.putInts(Tags.BitsAllocated, Vr.US, 16);
        b.putInts(Tags.BitsStored, Vr.US, 12);
        b.putInts(Tags.HighBit, Vr.US, 11);
        b.putInts(Tags.PixelRepresentation, Vr.US, 0);
        b.putString(Tags.WindowCenter, Vr.DS, "-600");
        b.putString(Tags.WindowWidth, Vr.DS, "1500");
        b.putString(Tags.RescaleIntercept, Vr.DS, "-1024");
        b.putString(Tags.RescaleSlope, Vr.DS, "1");
        b.putString(Tags.RescaleType, Vr.LO, "HU");
        b.putString(Tags.BurnedInAnnotation, Vr.CS, "NO");
        b.putString(Tags.LossyImageCompression, Vr.CS, "00");
        b.putString(Tags.DerivationDescription, Vr.ST, "Synthetic follow-up generated by NoduleTrack from LIDC-IDRI-0001"
                + " (CC BY 3.0): rigid motion, breathing deformation, inserted nodules, added noise"
                + (blurSigmaMm > 0 ? ", Gaussian blur sigma " + ds(blurSigmaMm) + " mm" : ""));
        String ts;
        if (codec == Codec.JPEG_LS) {
            b.put(JpegLsTranscoder.encapsulate(new JpegLsEncoder().encode(grid.nx(), grid.ny(), 12, stored)));
            ts = JpegLsTranscoder.TRANSFER_SYNTAX;
        } else {
            byte[] raw = new byte[2 * n];
            for (int i = 0; i < n; i++) {
                raw[2 * i] = (byte) stored[i];
                raw[2 * i + 1] = (byte) (stored[i] >>> 8);
            }
            byte[] rle = new RleEncoder().encode(raw, grid.ny(), grid.nx(), 1, 16);
            b.put(new FragmentsElement(Tags.PixelData, Vr.OB, InlineValue.of(new byte[0]), java.util.List.of(InlineValue.of(rle))));
            ts = RLE_TRANSFER_SYNTAX;
        }
        writer.write(file, DicomDataset.empty(), b.build(), ts);
    }

    /** Decimal String of at most 16 characters. */
    static String ds(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        if (s.equals("-0")) {
            s = "0";
        }
        return s.length() > 16 ? s.substring(0, 16) : s;
    }
}
