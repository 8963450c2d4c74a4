package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.app.viewmodel.PacsServersViewModel;
import org.noduletrack.archive.dicomweb.OrthancExtension;
import org.noduletrack.archive.dicomweb.OrthancServer;

/**
 * The PACS servers dialog's model against a real Orthanc: a wrong password fails the connection test with the
 * server's 401 and saves nothing; the right one connects, saves the profile with its secret in an owner-only file;
 * editing with the password left empty keeps the stored secret; delete removes both.
 */
@ExtendWith(OrthancExtension.class)
class PacsServersViewModelTest {
    @Test
    void testSaveEditAndDeleteAServer(OrthancServer server, @TempDir Path tmp) throws Exception {
        PacsProfiles profiles = new PacsProfiles(tmp.resolve("config"));
        PacsServersViewModel vm = new PacsServersViewModel(profiles, Runnable::run, Runnable::run);
        vm.startNew();
        vm.nameProperty().set("hospital");
        vm.urlProperty().set(server.dicomWebRoot().toString());
        vm.authProperty().set(PacsProfile.AuthKind.BASIC);
        vm.userProperty().set(OrthancServer.USER);
        vm.secretProperty().set("not-the-password");

        assertThatThrownBy(() -> vm.testConnection().get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(vm.statusProperty().get().ok()).isFalse();
        assertThat(vm.statusProperty().get().detail()).contains("401");
        assertThat(profiles.list()).as("a test saves nothing").isEmpty();

        vm.secretProperty().set(server.password());
        assertThat(vm.testConnection().get(30, TimeUnit.SECONDS)).isEqualTo(1); // LIDC-IDRI-0001's study
        assertThat(vm.statusProperty().get().messageKey()).isEqualTo("pacsServers.connected");
        vm.save().get(10, TimeUnit.SECONDS);
        assertThat(vm.names()).containsExactly("hospital");
        assertThat(vm.secretProperty().get()).as("the typed secret is not kept in the form").isEmpty();
        Path secretFile = tmp.resolve("config/pacs-secrets/hospital");
        assertThat(Files.readString(secretFile)).isEqualTo(server.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
        assertThat(Files.readString(tmp.resolve("config").resolve(PacsProfiles.FILE))).doesNotContain(server.password());

        // edit the URL with the password field left empty: the stored secret still signs in
        vm.select("hospital").get(10, TimeUnit.SECONDS);
        assertThat(vm.secretStoredProperty().get()).isTrue();
        assertThat(vm.secretProperty().get()).isEmpty();
        vm.urlProperty().set(server.dicomWebRoot().toString().replaceAll("/+$", "") + "/");
        vm.save().get(10, TimeUnit.SECONDS);
        assertThat(vm.testConnection().get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(Files.readString(secretFile)).isEqualTo(server.password());

        vm.urlProperty().set("ftp://example.org");
        assertThatThrownBy(() -> vm.save().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(vm.statusProperty().get().messageKey()).isEqualTo("pacsServers.invalid");

        vm.delete().get(10, TimeUnit.SECONDS);
        assertThat(vm.names()).isEmpty();
        assertThat(secretFile).doesNotExist();
    }
}
