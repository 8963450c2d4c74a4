package org.noduletrack.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.dicomweb.OrthancExtension;
import org.noduletrack.archive.dicomweb.OrthancServer;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.iod.EncapsulatedPdf;

/** {@code noduletrack pacs ...} and {@code import dicomweb://} against a real Orthanc holding LIDC-IDRI-0001. */
@ExtendWith(OrthancExtension.class)
class PacsCliTest {
    static final String STUDY = "1.3.6.1.4.1.14519.5.2.1.6279.6001.298806137288633453246975630178";

    @TempDir
    Path tmp;
    private String previousConfig;

    @BeforeEach
    void ownConfigFolder() {
        previousConfig = System.getProperty("noduletrack.config");
        System.setProperty("noduletrack.config", tmp.resolve("config").toString());
    }

    @AfterEach
    void restore() {
        if (previousConfig == null) {
            System.clearProperty("noduletrack.config");
        } else {
            System.setProperty("noduletrack.config", previousConfig);
        }
    }

    private CliTest.Run addProfile(OrthancServer server, String name, String password) throws Exception {
        Path pw = tmp.resolve(name + ".pw");
        Files.writeString(pw, password + "\n");
        return CliTest.run("pacs", "add", name, server.dicomWebRoot().toString(), "--user", OrthancServer.USER,
                "--password-file", pw.toString(), "--retries", "1");
    }

    @Test
    void profileKeepsTheSecretApartAndOwnerOnly(OrthancServer server) throws Exception {
        CliTest.Run add = addProfile(server, "orthanc", server.password());
        assertThat(add.code()).as(add.err()).isZero();
        Path config = tmp.resolve("config");
        assertThat(Files.readString(config.resolve("pacs-profiles.json"))).contains("\"user\" : \"noduletrack\"")
                .doesNotContain(server.password());
        Path secret = config.resolve("pacs-secrets/orthanc");
        assertThat(Files.readString(secret)).isEqualTo(server.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret.getParent()))).isEqualTo("rwx------");
        CliTest.Run ls = CliTest.run("pacs", "ls", "--json");
        assertThat(ls.code()).isZero();
        assertThat(ls.out()).contains("orthanc").doesNotContain(server.password());
        assertThat(addProfile(server, "orthanc", "x").code()).as("no silent overwrite").isNotZero();
        assertThat(CliTest.run("pacs", "rm", "orthanc").code()).isZero();
        assertThat(Files.exists(secret)).isFalse();
        assertThat(CliTest.run("pacs", "rm", "orthanc").err()).contains("no PACS profile named 'orthanc'");
    }

    @Test
    void findPrintsTheStudyAndImportFetchesIt(OrthancServer server) throws Exception {
        addProfile(server, "orthanc", server.password());
        CliTest.Run find = CliTest.run("pacs", "find", "orthanc", "--patient-id", "LIDC-IDRI-0001", "--modality", "CT",
                "--json");
        assertThat(find.code()).as(find.err()).isZero();
        JsonNode studies = new ObjectMapper().readTree(find.out());
        assertThat(studies).hasSize(1);
        assertThat(studies.get(0).get("studyUid").asText()).isEqualTo(STUDY);
        assertThat(studies.get(0).get("instances").asInt()).isEqualTo(133);

        Path lib = tmp.resolve("lib");
        CliTest.Run imp = CliTest.run("import", "dicomweb://orthanc/studies/" + STUDY, "--library", lib.toString(),
                "--json");
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(new ObjectMapper().readTree(imp.out()).get("imported").asInt()).isEqualTo(133);
        CliTest.Run again = CliTest.run("import", "dicomweb://orthanc/studies/" + STUDY, "--library", lib.toString(),
                "--json");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("133 instance(s) already in the library were not fetched again");
    }

    @Test
    void wrongPasswordAndUnknownProfileAreOneLineErrors(OrthancServer server) throws Exception {
        addProfile(server, "bad", "wrong");
        CliTest.Run find = CliTest.run("pacs", "find", "bad", "--patient-id", "LIDC-IDRI-0001");
        assertThat(find.code()).isEqualTo(1);
        assertThat(find.err().strip()).startsWith("noduletrack pacs find: search studies: 127.0.0.1:")
                .contains("refused the credentials (HTTP 401)").doesNotContain("\n");
        Path lib = tmp.resolve("lib");
        CliTest.Run imp = CliTest.run("import", "dicomweb://bad/studies/" + STUDY, "--library", lib.toString());
        assertThat(imp.code()).isEqualTo(1);
        assertThat(imp.err()).contains("HTTP 401");
        CliTest.Run unknown = CliTest.run("import", "dicomweb://nope/studies/" + STUDY, "--library", lib.toString());
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err()).contains("no PACS profile named 'nope'").contains("bad");
        CliTest.Run malformed = CliTest.run("import", "dicomweb://bad/series/1.2", "--library", lib.toString());
        assertThat(malformed.code()).isEqualTo(3);
        assertThat(malformed.err()).contains("expected studies/STUDY_UID");
    }

    @Test
    void sendStoresAReportInTheStudy(OrthancServer server) throws Exception {
        addProfile(server, "orthanc", server.password());
        Path lidc = OrthancServer.dicomFiles(CliTest.sharedData().resolve("lidc-idri-0001")).getFirst();
        DicomDataset header = new DicomReader(ReadOptions.headerOnly()).read(lidc).dataset();
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes();
        DicomDataset doc = EncapsulatedPdf.build(header, pdf, "Follow-up report");
        String sop = doc.string(Tags.SOPInstanceUID).orElseThrow();
        Path file = tmp.resolve("report.dcm");
        EncapsulatedPdf.write(doc, file);
        try {
            CliTest.Run send = CliTest.run("pacs", "send", "orthanc", file.toString());
            assertThat(send.code()).as(send.err()).isZero();
            assertThat(send.out()).contains("stored " + sop);
            assertThat(server.get("/dicom-web/studies/" + STUDY + "/instances?SOPInstanceUID=" + sop).body()).contains(sop);
        } finally {
            server.deleteInstance(sop);
        }
    }
}
