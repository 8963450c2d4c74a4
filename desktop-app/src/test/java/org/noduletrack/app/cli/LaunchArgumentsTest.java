package org.noduletrack.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the desktop launcher passes (a folder, a medium's DICOMDIR, a .dcm from the file association) becomes the import
 * the workstation starts with; checked without a window, since resolving happens before the toolkit starts.
 */
class LaunchArgumentsTest {
    private static final Path DICOMDIR_MEDIUM = CliTest.sharedData().resolve("pydicom-dicomdir");

    private static CommandLine.Model.CommandSpec spec() {
        return new CommandLine(new NoduleTrackCli()).getCommandSpec();
    }

    @Test
    void aDicomDirFileStandsForItsMedium() {
        Path dicomdir = DICOMDIR_MEDIUM.resolve("DICOMDIR");
        assertThat(dicomdir).isRegularFile();

        assertThat(WorkstationCommand.importSources(List.of(dicomdir), spec()))
                .containsExactly(DICOMDIR_MEDIUM.toAbsolutePath().normalize());
    }

    @Test
    void foldersAndDicomFilesAreImportedAsGiven(@TempDir Path tmp) throws Exception {
        Path dcm = Files.writeString(tmp.resolve("image.dcm"), "not read here");
        Path folder = Files.createDirectory(tmp.resolve("cd"));

        assertThat(WorkstationCommand.importSources(List.of(dcm, folder), spec()))
                .containsExactly(dcm.toAbsolutePath(), folder.toAbsolutePath());
    }

    @Test
    void aMissingPathIsAUsageErrorBeforeAnyWindowOpens(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-cd");

        assertThatThrownBy(() -> WorkstationCommand.importSources(List.of(missing), spec()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("no-such-cd");
        CliTest.Run bare = CliTest.run(missing.toString()); // 2: picocli's usage error
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("no such command, file or folder: " + missing);
        CliTest.Run workstation = CliTest.run("workstation", missing.toString());
        assertThat(workstation.code()).isEqualTo(2);
    }

    @Test
    void subcommandsStillWinOverPaths() {
        CliTest.Run r = CliTest.run("ls", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: noduletrack ls");
    }

    @Test
    void theRendererChosenInSettingsAppliesUnlessCpuOrTheEnvironmentSaysOtherwise() {
        var cpu = org.noduletrack.render.engine.RenderEngines.Preference.CPU;
        var gpu = org.noduletrack.render.engine.RenderEngines.Preference.GPU_THEN_CPU;
        assertThat(WorkstationCommand.preference(false, null, java.util.Optional.empty())).isEqualTo(gpu);
        assertThat(WorkstationCommand.preference(false, null, java.util.Optional.of(cpu))).isEqualTo(cpu);
        assertThat(WorkstationCommand.preference(false, " ", java.util.Optional.of(cpu))).isEqualTo(cpu);
        assertThat(WorkstationCommand.preference(false, "gpu", java.util.Optional.of(cpu))).isEqualTo(gpu);
        assertThat(WorkstationCommand.preference(false, "CPU", java.util.Optional.of(gpu))).isEqualTo(cpu);
        assertThat(WorkstationCommand.preference(true, "gpu", java.util.Optional.of(gpu))).isEqualTo(cpu);
    }
}
