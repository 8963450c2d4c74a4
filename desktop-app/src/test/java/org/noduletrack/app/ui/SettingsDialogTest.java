package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.Settings;
import org.noduletrack.app.cli.render.SyntheticCt;
import org.noduletrack.app.view.SettingsDialog;
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.archive.Library;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.engine.RenderEngines;
import org.noduletrack.render.geom.PlaneLps;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * File ▸ Settings… as a user works it, on JavaFX's headless platform: a preset edited in the dialog drives digit key 1
 * (window and rendered grey levels of a synthetic CT with known HU) and survives a restart; the language switches the
 * menus to Chinese; a file as the library location is refused and the library kept; a new folder reopens the
 * workstation there.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SettingsDialogTest {
    /** Lung parenchyma and soft tissue of {@link SyntheticCt}'s phantom (plus up to 4 HU of texture). */
    static final Vec3 LUNG = new Vec3(75, -5, 0), BODY = new Vec3(0, 100, 0);
    static final double LUNG_HU = -850, BODY_HU = 40;

    @TempDir
    Path temp;
    /** The folder the (replaced) folder chooser answers with. */
    final AtomicReference<Path> chosenFolder = new AtomicReference<>();
    /** The workstation now showing (reopening on another library replaces it). */
    final AtomicReference<App> app = new AtomicReference<>();
    Stage stage;

    @Start
    void start(Stage primary) {
        // each test opens its own workstation on its own stage
    }

    @AfterEach
    void closeApp() throws Exception {
        closeWorkstation();
    }

    private void closeWorkstation() throws Exception {
        if (stage != null) {
            FxSnapshots.onFx(() -> {
                Window.getWindows().stream().filter(w -> w != stage && w instanceof Stage).toList()
                        .forEach(w -> ((Stage) w).close()); // dialogs, before their owner
                stage.close();
            });
            stage = null;
        }
        if (app.get() != null) {
            app.get().close();
            app.set(null);
        }
    }

    private App openWorkstation() throws Exception {
        SourceChooser chooser = new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) { return Optional.ofNullable(chosenFolder.get()); }

            @Override
            public Optional<Path> chooseZip(Window owner, String title) { return Optional.empty(); }
        };
        App a = App.open(new App.Options(temp.resolve("library"), false, RenderEngines.Preference.CPU,
                temp.resolve("settings.properties"), chooser));
        a.onReplaced(app::set);
        app.set(a);
        FxSnapshots.onFx(() -> {
            stage = new Stage();
            stage.setX(0);
            stage.setY(0);
            a.show(stage);
        });
        return a;
    }

    /** File ▸ Settings… with the mouse. */
    private SettingsDialog openSettings(FxRobot robot, String fileMenu) throws Exception {
        Node file = robot.lookup(".menu-bar .menu-button").match((MenuButton m) -> fileMenu.equals(m.getText())).query();
        robot.clickOn(file);
        robot.clickOn("#menu-settings");
        FxSnapshots.await(() -> app.get().settingsDialog().isPresent(), 10_000, "settings dialog");
        return app.get().settingsDialog().orElseThrow();
    }

    private static void replaceText(FxRobot robot, SettingsDialog d, String id, String text) {
        TextField f = robot.from(d.stage().getScene().getRoot()).lookup(id).queryAs(TextField.class);
        robot.clickOn(f).push(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN)).write(text);
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void anEditedPresetDrivesDigitKeyOneAndSurvivesARestart(FxRobot robot) throws Exception {
        Path ct = temp.resolve("ct");
        SyntheticCt.write(ct, 12);
        openWorkstation();
        SliceView axial = openImported(robot, ct);

        SettingsDialog d = openSettings(robot, "File");
        assertThat(d.stage().getModality()).as("work goes on while it is open").isEqualTo(javafx.stage.Modality.NONE);
        replaceText(robot, d, "#settings-preset-1-width", "0");
        Label problem = robot.lookup("#settings-presets-problem").queryAs(Label.class);
        Button ok = robot.lookup("#settings-ok").queryButton();
        FxSnapshots.await(() -> ok.isDisabled() && problem.isVisible(), 5_000, "invalid width refused");
        assertThat(problem.getText()).isEqualTo("Preset 1: the width must be between 1 and 20000 HU.");
        FxSnapshots.savePng(d.stage().getScene(), Path.of("target/ui-settings-invalid.png"));
        replaceText(robot, d, "#settings-preset-1-width", "1200");
        replaceText(robot, d, "#settings-preset-1-level", "-500");
        FxSnapshots.await(() -> !ok.isDisabled() && !problem.isVisible(), 5_000, "valid again");
        robot.clickOn(ok);
        FxSnapshots.await(() -> !d.stage().isShowing(), 10_000, "dialog closed on OK");
        assertThat(robot.lookup("#preset-1").queryButton().getText()).isEqualTo("1 Lung");

        // another preset first, so that key 1 visibly changes the window
        robot.clickOn(axial).type(KeyCode.DIGIT2);
        Label wl = robot.from(axial).lookup("#overlay-bottom-right").queryAs(Label.class);
        FxSnapshots.await(() -> wl.getText().startsWith("W 400  L 40"), 5_000, "mediastinal window: " + wl.getText());
        WorkstationFlowTest.waitRendered(axial);
        assertThat(grey(axial, BODY)).isCloseTo(new WindowLevel(400, 40).grey8(BODY_HU + 2), offsetOf(2));
        robot.type(KeyCode.DIGIT1);
        FxSnapshots.await(() -> wl.getText().startsWith("W 1200  L -500"), 5_000, "the user's lung window: " + wl.getText());
        assertThat(FxSnapshots.onFx(() -> axial.viewModel().windowProperty().get())).isEqualTo(new WindowLevel(1200, -500));
        WorkstationFlowTest.waitRendered(axial);
        WindowLevel user = new WindowLevel(1200, -500);
        assertThat(user.grey8(LUNG_HU)).as("differs from the default lung window").isNotEqualTo(
                WindowLevel.LUNG.grey8(LUNG_HU));
        assertThat(grey(axial, LUNG)).as("lung, -850 HU").isCloseTo(user.grey8(LUNG_HU + 2), offsetOf(2));
        assertThat(grey(axial, BODY)).as("soft tissue, 40 HU").isCloseTo(user.grey8(BODY_HU + 2), offsetOf(2));
        assertThat(Settings.load(temp.resolve("settings.properties")).windowPresets().forDigit(1).orElseThrow().window())
                .isEqualTo(user);

        // a new start on the same settings file: the preset is still the user's
        closeWorkstation();
        openWorkstation();
        SliceView again = openImported(robot, null);
        assertThat(FxSnapshots.onFx(() -> again.viewModel().windowProperty().get())).as("a series opens in preset 1")
                .isEqualTo(user);
        assertThat(robot.lookup("#preset-1").queryButton().getText()).isEqualTo("1 Lung");
        robot.clickOn(again).type(KeyCode.DIGIT1);
        Label wl2 = robot.from(again).lookup("#overlay-bottom-right").queryAs(Label.class);
        FxSnapshots.await(() -> wl2.getText().startsWith("W 1200  L -500"), 5_000, "after restart: " + wl2.getText());
        WorkstationFlowTest.waitRendered(again);
        assertThat(grey(again, LUNG)).isCloseTo(user.grey8(LUNG_HU + 2), offsetOf(2));
    }

    private static org.assertj.core.data.Offset<Integer> offsetOf(int grey) {
        return org.assertj.core.data.Offset.offset(grey);
    }

    /** Imports {@code ct} (unless null: already in the library) and opens its series; returns the axial view. */
    private SliceView openImported(FxRobot robot, Path ct) throws Exception {
        App a = app.get();
        if (ct != null) {
            FxSnapshots.onFx(() -> a.importOnOpen(List.of(ct))).get(60, TimeUnit.SECONDS);
        }
        var browser = a.window().browser();
        FxSnapshots.await(() -> browser.patientList().getItems().size() == 1, 20_000, "patient listed");
        FxSnapshots.onFx(() -> browser.patientList().getSelectionModel().selectFirst());
        FxSnapshots.await(() -> browser.timeline().shownStudyProperty().get() != null, 20_000, "study listed");
        FxSnapshots.onFx(() -> {
            var study = browser.timeline().shownStudyProperty().get();
            a.window().viewer().open(browser.patientList().getSelectionModel().getSelectedItem(), study.study(),
                    study.series().getFirst(), browser.timeline().studies());
        });
        SliceView axial = a.window().viewer().axialView();
        FxSnapshots.await(axial::hasVolume, 60_000, "series opened");
        WorkstationFlowTest.waitRendered(axial);
        return axial;
    }

    /** The grey level the view shows at a point of the phantom, on the shown slice. */
    private static int grey(SliceView v, Vec3 inPlane) throws Exception {
        return FxSnapshots.onFx(() -> {
            PlaneLps plane = v.viewModel().plane();
            var p = plane.lpsToPlane(new Vec3(inPlane.x(), inPlane.y(), v.viewModel().positionMm()));
            int argb = v.image().getPixelReader().getArgb((int) Math.round(p.x()), (int) Math.round(p.y()));
            return argb >> 16 & 0xFF;
        });
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void chineseChosenInTheDialogRebuildsTheMenusInChinese(FxRobot robot) throws Exception {
        openWorkstation();
        SettingsDialog d = openSettings(robot, "File");
        FxSnapshots.savePng(d.stage().getScene(), Path.of("target/ui-settings.png"));
        robot.clickOn("#settings-language");
        robot.clickOn("简体中文");
        robot.clickOn("#settings-ok");
        FxSnapshots.await(() -> !d.stage().isShowing(), 10_000, "dialog closed");
        FxSnapshots.await(() -> menuTexts(robot).contains("文件"), 10_000, "Chinese menus: " + menuTexts(robot));
        assertThat(menuTexts(robot)).contains("文件", "视图", "语言", "帮助");
        assertThat(robot.lookup("#preset-1").queryButton().getText()).isEqualTo("1 肺窗");
        assertThat(Settings.load(temp.resolve("settings.properties")).locale().getLanguage()).isEqualTo("zh");
        SettingsDialog zh = openSettings(robot, "文件");
        assertThat(zh.stage().getTitle()).isEqualTo("设置");
        FxSnapshots.savePng(zh.stage().getScene(), Path.of("target/ui-settings-zh-CN.png"));
        assertThat(robot.lookup("#settings-preset-1-name").queryAs(TextField.class).getText()).isEqualTo("肺窗");
    }

    private static List<String> menuTexts(FxRobot robot) {
        return robot.lookup(".menu-bar .menu-button").queryAllAs(MenuButton.class).stream().map(MenuButton::getText)
                .toList();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aFileAsTheLibraryLocationIsRefusedAndTheLibraryKept(FxRobot robot) throws Exception {
        App first = openWorkstation();
        Path current = temp.resolve("library").toAbsolutePath().normalize();
        Path file = Files.writeString(temp.resolve("report.pdf"), "not a folder");
        chosenFolder.set(file);
        SettingsDialog d = openSettings(robot, "File");
        robot.clickOn("#settings-library-choose");
        Label status = robot.lookup("#settings-library-status").queryAs(Label.class);
        Button ok = robot.lookup("#settings-ok").queryButton();
        FxSnapshots.await(() -> status.getText().startsWith("This is a file"), 10_000, "refused: " + status.getText());
        assertThat(status.getText()).isEqualTo("This is a file, not a folder. Choose a folder; the current library is kept.");
        assertThat(ok.isDisabled()).isTrue();
        FxSnapshots.savePng(d.stage().getScene(), Path.of("target/ui-settings-refused.png"));
        assertThat(robot.lookup("#settings-library-path").queryAs(TextField.class).getText()).isEqualTo(file.toString());
        robot.clickOn("#settings-library-keep");
        FxSnapshots.await(() -> !ok.isDisabled(), 5_000, "back on the current library");
        assertThat(robot.lookup("#settings-library-path").queryAs(TextField.class).getText()).isEqualTo(current.toString());
        robot.clickOn(ok);
        FxSnapshots.await(() -> !d.stage().isShowing(), 10_000, "dialog closed");
        FxSnapshots.settle(300);
        assertThat(app.get()).as("no reopening").isSameAs(first);
        assertThat(Settings.load(temp.resolve("settings.properties")).get(Settings.LAST_LIBRARY)).contains(current.toString());
        assertThat(robot.lookup("#status-library").queryAs(Label.class).getText()).contains(current.toString());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aNewFolderGetsALibraryAndTheWorkstationRestartsThereAtOnce(FxRobot robot) throws Exception {
        App first = openWorkstation();
        Path second = temp.resolve("second library");
        chosenFolder.set(second);
        openSettings(robot, "File");
        robot.clickOn("#settings-library-choose");
        Label status = robot.lookup("#settings-library-status").queryAs(Label.class);
        FxSnapshots.await(() -> status.getText().startsWith("The folder does not exist yet"), 10_000, status.getText());
        robot.clickOn("#settings-ok");
        FxSnapshots.await(() -> robot.lookup("#settings-reopen-now").tryQuery().isPresent(), 10_000, "restart question");
        assertThat(second.resolve(Library.DATABASE_FILE)).as("created on OK").isRegularFile();
        robot.clickOn("#settings-reopen-now");
        FxSnapshots.await(() -> app.get() != first && app.get().window() != null, 30_000, "reopened");
        Label lib = robot.lookup("#status-library").queryAs(Label.class);
        FxSnapshots.await(() -> lib.getText().contains(second.toString()), 10_000, "status bar: " + lib.getText());
        assertThat(FxSnapshots.onFx(() -> stage.getScene().getRoot().isDisabled())).isFalse();
        assertThat(Settings.load(temp.resolve("settings.properties")).get(Settings.LAST_LIBRARY)).contains(second.toString());
    }
}
