package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.app.viewmodel.PacsViewModel;
import org.noduletrack.archive.dicomweb.OrthancExtension;
import org.noduletrack.archive.dicomweb.OrthancServer;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.UidGenerator;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.iod.EncapsulatedPdf;

/** The PACS view-model without the toolkit, against a real Orthanc: search by name and ID, paging with "More". */
@ExtendWith(OrthancExtension.class)
class PacsViewModelTest {
    @Test
    void searchesAndPagesThroughTheStudies(OrthancServer server, @TempDir Path tmp) throws Exception {
        String second = UidGenerator.newUid();
        DicomDataset named = DicomDataset.builder().putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 192")
                .putString(Tags.PatientName, Vr.PN, "Zhang^Wei").putString(Tags.PatientID, Vr.LO, "NT-PAGING")
                .putString(Tags.StudyInstanceUID, Vr.UI, second).putString(Tags.StudyDate, Vr.DA, "20250301").build();
        DicomDataset doc = EncapsulatedPdf.build(named, "%PDF-1.4\n%%EOF\n".getBytes(), "Paging");
        Path file = tmp.resolve("second.dcm");
        EncapsulatedPdf.write(doc, file);
        server.upload(List.of(file));
        try {
            PacsProfiles profiles = new PacsProfiles(tmp.resolve("config"));
            profiles.put(PacsProfile.of("orthanc", server.dicomWebRoot(), PacsProfile.AuthKind.BASIC, OrthancServer.USER,
                    Optional.empty()), Optional.of(server.password()), false);
            PacsViewModel vm = new PacsViewModel(profiles, null, Runnable::run, Runnable::run, 1);
            vm.reloadProfiles().get(10, TimeUnit.SECONDS);
            assertThat(vm.profileProperty().get()).isEqualTo("orthanc");

            vm.search().get(20, TimeUnit.SECONDS);
            assertThat(vm.results()).hasSize(1);
            assertThat(vm.moreAvailableProperty().get()).isTrue();
            vm.searchMore().get(20, TimeUnit.SECONDS);
            assertThat(vm.results()).extracting(PacsViewModel.StudyRow::patientId)
                    .containsExactlyInAnyOrder("LIDC-IDRI-0001", "NT-PAGING");
            vm.searchMore().get(20, TimeUnit.SECONDS);
            assertThat(vm.results()).hasSize(2);
            assertThat(vm.moreAvailableProperty().get()).isFalse();

            vm.patientNameProperty().set("zhang*");
            vm.search().get(20, TimeUnit.SECONDS);
            assertThat(vm.results()).extracting(PacsViewModel.StudyRow::patientName).containsExactly("Zhang Wei");
            assertThat(vm.results().getFirst().studyDate()).isEqualTo("20250301");
            assertThat(vm.errorProperty().get()).isEmpty();
        } finally {
            server.deleteInstance(doc.string(Tags.SOPInstanceUID).orElseThrow());
        }
    }
}
