package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.noduletrack.app.Messages;
import org.noduletrack.app.Settings;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.SettingsViewModel;
import org.noduletrack.app.viewmodel.SettingsViewModel.LibraryStatus;
import org.noduletrack.app.viewmodel.SettingsViewModel.PresetRow;
import org.noduletrack.app.viewmodel.WindowPreset;
import org.noduletrack.app.viewmodel.WindowPresets;
import org.noduletrack.archive.Library;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.engine.RenderEngines;
import org.slf4j.LoggerFactory;

/** The settings dialog's logic on a real settings file and real folders, without the toolkit. */
class SettingsViewModelTest {
    @TempDir
    Path tmp;

    /** What applying asked of the workstation. */
    final List<String> effects = new ArrayList<>();
    final SettingsViewModel.Effects recorder = new SettingsViewModel.Effects() {
        @Override
        public void setCineFps(double fps) { effects.add("cine " + fps); }

        @Override
        public void switchLanguage(Locale locale) { effects.add("language " + locale.toLanguageTag()); }

        @Override
        public void reopenOn(Path library) { effects.add("reopen " + library); }
    };

    Path settingsFile() { return tmp.resolve("config").resolve("settings.properties"); }

    Path library() throws Exception {
        Path lib = tmp.resolve("library");
        Library.open(lib).close();
        return lib;
    }

    SettingsViewModel vm(Settings settings, ObjectProperty<WindowPresets> active, Locale language) throws Exception {
        Messages msg = new Messages(language);
        return new SettingsViewModel(settings, active, library(), Runnable::run, Runnable::run, msg::get, recorder);
    }

    SettingsViewModel vm() throws Exception {
        Settings s = Settings.load(settingsFile());
        return vm(s, new SimpleObjectProperty<>(s.windowPresets()), Locale.ENGLISH);
    }

    @Test
    void invalidPresetsDisableOkWithTheReasonAndTheField() throws Exception {
        SettingsViewModel vm = vm();
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.canApplyProperty().get()).isTrue();
        PresetRow lung = vm.presets().getFirst();
        PresetRow bone = vm.presets().get(2);

        bone.nameProperty().set("   ");
        assertProblem(vm, "settings.presets.nameBlank", bone, SettingsViewModel.Field.NAME, 3);
        bone.nameProperty().set("Bone");
        lung.widthProperty().set("0");
        assertProblem(vm, "settings.presets.widthRange", lung, SettingsViewModel.Field.WIDTH, 1);
        lung.widthProperty().set("-5");
        assertProblem(vm, "settings.presets.widthRange", lung, SettingsViewModel.Field.WIDTH, 1);
        lung.widthProperty().set("wide");
        assertProblem(vm, "settings.presets.widthNumber", lung, SettingsViewModel.Field.WIDTH, 1);
        lung.widthProperty().set("1");
        assertThat(vm.problemProperty().get()).as("1 HU is the narrowest window").isNull();
        lung.levelProperty().set("-1025");
        assertProblem(vm, "settings.presets.levelRange", lung, SettingsViewModel.Field.LEVEL, 1);
        lung.levelProperty().set("3072");
        assertProblem(vm, "settings.presets.levelRange", lung, SettingsViewModel.Field.LEVEL, 1);
        lung.levelProperty().set("-600.5");
        assertProblem(vm, "settings.presets.levelNumber", lung, SettingsViewModel.Field.LEVEL, 1);
        lung.levelProperty().set(" \u2212500 "); // a typographic minus, as pasted from a protocol document
        lung.widthProperty().set("+1200");
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.canApplyProperty().get()).isTrue();
        assertThat(vm.typedPresets().list().getFirst().window()).isEqualTo(new WindowLevel(1200, -500));

        // the message is readable in both languages with its numbers
        SettingsViewModel.Problem p = new SettingsViewModel.Problem("settings.presets.levelRange",
                List.of(2, WindowPreset.MIN_LEVEL, WindowPreset.MAX_LEVEL), null, null);
        assertThat(new Messages(Locale.ENGLISH).get(p.messageKey(), p.args().toArray()))
                .isEqualTo("Preset 2: the level must be between -1024 and 3071 HU.");
        assertThat(new Messages(Locale.SIMPLIFIED_CHINESE).get(p.messageKey(), p.args().toArray()))
                .isEqualTo("预设 2：窗位必须在 -1024 到 3071 HU 之间。");
    }

    private static void assertProblem(SettingsViewModel vm, String key, PresetRow row, SettingsViewModel.Field field,
                                      int digit) {
        SettingsViewModel.Problem p = vm.problemProperty().get();
        assertThat(p).isNotNull();
        assertThat(p.messageKey()).isEqualTo(key);
        assertThat(p.row()).isSameAs(row);
        assertThat(p.field()).isEqualTo(field);
        assertThat(p.args().getFirst()).isEqualTo(digit);
        assertThat(vm.canApplyProperty().get()).isFalse();
        assertThat(vm.apply()).isCompletedExceptionally();
    }

    @Test
    void upToNinePresetsOnTheDigitKeysAndAtLeastOne() throws Exception {
        SettingsViewModel vm = vm();
        assertThat(vm.presets()).hasSize(4);
        for (int n = 5; n <= 9; n++) {
            PresetRow r = vm.addPreset().orElseThrow();
            assertThat(vm.problemProperty().get().messageKey()).as("a new preset needs its name")
                    .isEqualTo("settings.presets.nameBlank");
            assertThat(vm.problemProperty().get().args()).containsExactly(n);
            r.nameProperty().set("Preset " + n);
            r.levelProperty().set(Integer.toString(n * 10));
        }
        assertThat(vm.presets()).hasSize(9);
        assertThat(vm.canAddPreset()).isFalse();
        assertThat(vm.addPreset()).isEmpty();
        assertThat(vm.presets()).hasSize(9);
        assertThat(vm.problemProperty().get()).isNull();
        WindowPresets nine = vm.typedPresets();
        assertThat(nine.forDigit(9).orElseThrow().name()).isEqualTo("Preset 9");
        assertThat(nine.forDigit(9).orElseThrow().window()).isEqualTo(new WindowLevel(400, 90));
        assertThat(nine.forDigit(10)).isEmpty();

        // removing moves the later presets down one key
        vm.removePreset(vm.presets().get(1));
        assertThat(vm.typedPresets().forDigit(2)).contains(WindowPreset.BONE);
        while (vm.presets().size() > 1) {
            vm.removePreset(vm.presets().getLast());
        }
        vm.removePreset(vm.presets().getFirst());
        assertThat(vm.presets()).as("the last preset stays").hasSize(1);
        assertThat(vm.typedPresets().list()).containsExactly(WindowPreset.LUNG);
    }

    @Test
    void resetBringsBackTheDefaults() throws Exception {
        SettingsViewModel vm = vm();
        vm.presets().getFirst().widthProperty().set("900");
        vm.presets().get(1).nameProperty().set("Heart");
        vm.removePreset(vm.presets().getLast());
        vm.addPreset().orElseThrow();
        assertThat(vm.canApplyProperty().get()).isFalse();
        vm.resetPresets();
        assertThat(vm.typedPresets()).isEqualTo(WindowPresets.DEFAULTS);
        assertThat(vm.presets().stream().map(r -> r.nameProperty().get()))
                .containsExactly("Lung", "Mediastinum", "Bone", "Soft tissue");
        assertThat(vm.canApplyProperty().get()).isTrue();
    }

    @Test
    void presetsRoundTripThroughTheSettingsFile() throws Exception {
        Settings settings = Settings.load(settingsFile());
        ObjectProperty<WindowPresets> active = new SimpleObjectProperty<>(settings.windowPresets());
        SettingsViewModel vm = vm(settings, active, Locale.ENGLISH);
        vm.presets().getFirst().widthProperty().set("1200");
        vm.presets().getFirst().levelProperty().set("-500");
        vm.presets().get(2).nameProperty().set("Bone\twide"); // a control character cannot break the file format
        PresetRow liver = vm.addPreset().orElseThrow();
        liver.nameProperty().set("Liver = \"portal\"; 肝脏 #1");
        liver.levelProperty().set("60");
        liver.widthProperty().set("160");
        vm.cineFpsProperty().set(24);
        vm.defaultLayoutProperty().set(Optional.of(Layout.MPR));
        vm.rendererProperty().set(RenderEngines.Preference.CPU);
        WindowPresets typed = vm.typedPresets();

        SettingsViewModel.Applied applied = vm.apply().get();
        assertThat(applied.newLanguage()).isEmpty();
        assertThat(applied.newLibrary()).isEmpty();
        assertThat(active.get()).as("toolbar, menu and keys follow at once").isEqualTo(typed);
        assertThat(effects).containsExactly("cine 24.0");

        Settings reloaded = Settings.load(settingsFile());
        assertThat(reloaded.windowPresets()).isEqualTo(typed);
        WindowPresets p = reloaded.windowPresets();
        assertThat(p.list()).hasSize(5);
        assertThat(p.forDigit(1).orElseThrow()).as("edited values, name still the localised built-in one")
                .isEqualTo(new WindowPreset("preset.lung", true, new WindowLevel(1200, -500)));
        assertThat(p.forDigit(2)).contains(WindowPreset.MEDIASTINUM);
        assertThat(p.forDigit(3).orElseThrow()).isEqualTo(WindowPreset.named("Bone wide", new WindowLevel(1500, 300)));
        assertThat(p.forDigit(5).orElseThrow().name()).isEqualTo("Liver = \"portal\"; 肝脏 #1");
        assertThat(reloaded.cineFps()).isEqualTo(24);
        assertThat(reloaded.defaultLayout()).contains(Layout.MPR);
        assertThat(reloaded.renderPreference()).contains(RenderEngines.Preference.CPU);

        // a dialog opened on the reloaded file shows what was saved
        SettingsViewModel again = vm(reloaded, new SimpleObjectProperty<>(reloaded.windowPresets()), Locale.ENGLISH);
        assertThat(again.typedPresets()).isEqualTo(typed);
        assertThat(again.presets().getFirst().nameProperty().get()).isEqualTo("Lung");
        assertThat(again.presets().getFirst().levelProperty().get()).isEqualTo("-500");
        assertThat(again.cineFpsProperty().get()).isEqualTo(24);
        assertThat(again.defaultLayoutProperty().get()).contains(Layout.MPR);
        assertThat(again.rendererProperty().get()).isEqualTo(RenderEngines.Preference.CPU);
    }

    @Test
    void builtInNamesFollowTheLanguageUnlessRenamed() throws Exception {
        Settings settings = Settings.load(settingsFile());
        ObjectProperty<WindowPresets> active = new SimpleObjectProperty<>(settings.windowPresets());
        SettingsViewModel zh = vm(settings, active, Locale.SIMPLIFIED_CHINESE);
        assertThat(zh.presets().getFirst().nameProperty().get()).isEqualTo("肺窗");
        zh.presets().getFirst().widthProperty().set("1600");
        zh.presets().get(1).nameProperty().set("心脏");
        zh.apply().get();
        Messages en = new Messages(Locale.ENGLISH);
        WindowPresets saved = Settings.load(settingsFile()).windowPresets();
        assertThat(saved.forDigit(1).orElseThrow().displayName(en::get)).isEqualTo("Lung");
        assertThat(saved.forDigit(2).orElseThrow().displayName(en::get)).isEqualTo("心脏");
        assertThat(saved.forDigit(3).orElseThrow().displayName(new Messages(Locale.SIMPLIFIED_CHINESE)::get))
                .isEqualTo("骨窗");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "-600\t0\tkey:preset.lung", "-600\t1500\tkey:preset.liver",
            "-600\t1500\tname:   ", "-600\t1500", "99999\t1500\tname:High", "x\t1500\tname:X",
            "1\t1\tname:1\n2\t2\tname:2\n3\t3\tname:3\n4\t4\tname:4\n5\t5\tname:5\n6\t6\tname:6\n7\t7\tname:7\n"
                    + "8\t8\tname:8\n9\t9\tname:9\n10\t10\tname:10"})
    void aCorruptedEntryFallsBackToTheDefaultsWithAWarning(String stored) throws Exception {
        Files.createDirectories(settingsFile().getParent());
        java.util.Properties p = new java.util.Properties();
        p.setProperty(Settings.WINDOW_PRESETS, stored);
        p.setProperty(Settings.CINE_FPS, "fast");
        try (var out = Files.newOutputStream(settingsFile())) {
            p.store(out, null);
        }
        Logger log = (Logger) LoggerFactory.getLogger(Settings.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        try {
            Settings s = Settings.load(settingsFile());
            assertThat(s.windowPresets()).isEqualTo(WindowPresets.DEFAULTS);
            assertThat(s.cineFps()).isEqualTo(10);
            assertThat(warnings.list).anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("window presets"));
            SettingsViewModel vm = vm(s, new SimpleObjectProperty<>(s.windowPresets()), Locale.ENGLISH);
            assertThat(vm.typedPresets()).isEqualTo(WindowPresets.DEFAULTS);
            assertThat(vm.canApplyProperty().get()).isTrue();
        } finally {
            log.detachAppender(warnings);
        }
    }

    @Test
    void theLanguageIsLeftToTheWindowAfterSaving() throws Exception {
        SettingsViewModel vm = vm();
        vm.languageProperty().set(Locale.SIMPLIFIED_CHINESE);
        SettingsViewModel.Applied a = vm.apply().get();
        assertThat(a.newLanguage()).contains(Locale.SIMPLIFIED_CHINESE);
        assertThat(Settings.load(settingsFile()).locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        vm.finish(a, false);
        assertThat(effects).containsExactly("cine 10.0", "language zh-CN");
    }

    @Test
    void aFileOrAFolderOfOtherThingsIsRefusedAndTheCurrentLibraryKept() throws Exception {
        SettingsViewModel vm = vm();
        Path current = vm.currentLibrary();
        assertThat(vm.libraryStatusProperty().get()).isEqualTo(LibraryStatus.CURRENT);
        Path file = Files.writeString(tmp.resolve("notes.txt"), "not a library");
        assertThat(vm.chooseLibrary(file).get()).isEqualTo(LibraryStatus.IS_A_FILE);
        assertThat(vm.canApplyProperty().get()).isFalse();
        assertThat(vm.apply()).isCompletedExceptionally();
        assertThat(vm.chooseLibrary(file.resolve("below")).get()).as("a folder under a file").isEqualTo(LibraryStatus.IS_A_FILE);
        Path other = Files.createDirectories(tmp.resolve("documents"));
        Files.writeString(other.resolve("letter.txt"), "x");
        assertThat(vm.chooseLibrary(other).get()).isEqualTo(LibraryStatus.NOT_EMPTY);
        assertThat(vm.canApplyProperty().get()).isFalse();
        vm.keepCurrentLibrary();
        assertThat(vm.libraryStatusProperty().get()).isEqualTo(LibraryStatus.CURRENT);
        assertThat(vm.libraryProperty().get()).isEqualTo(current);
        SettingsViewModel.Applied a = vm.apply().get();
        assertThat(a.newLibrary()).isEmpty();
        assertThat(Settings.load(settingsFile()).get(Settings.LAST_LIBRARY)).isEmpty();
        assertThat(other.resolve(Library.DATABASE_FILE)).doesNotExist();
    }

    @Test
    void aReadOnlyFolderIsRefused() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        Assumptions.assumeTrue(ro.toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as a user who may write anyway (root)");
            SettingsViewModel vm = vm();
            assertThat(vm.chooseLibrary(ro).get()).isEqualTo(LibraryStatus.NOT_WRITABLE);
            assertThat(vm.chooseLibrary(ro.resolve("new")).get()).isEqualTo(LibraryStatus.NOT_WRITABLE);
            assertThat(vm.canApplyProperty().get()).isFalse();
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void anEmptyOrNewFolderGetsANewLibraryUsedAtTheNextStart() throws Exception {
        SettingsViewModel vm = vm();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(vm.chooseLibrary(empty).get()).isEqualTo(LibraryStatus.EMPTY);
        Path fresh = tmp.resolve("new").resolve("library");
        assertThat(vm.chooseLibrary(fresh).get()).isEqualTo(LibraryStatus.NEW);
        assertThat(vm.canApplyProperty().get()).isTrue();
        SettingsViewModel.Applied a = vm.apply().get();
        assertThat(a.newLibrary()).contains(fresh);
        assertThat(fresh.resolve(Library.DATABASE_FILE)).isRegularFile();
        assertThat(Settings.load(settingsFile()).get(Settings.LAST_LIBRARY)).contains(fresh.toString());
        vm.finish(a, false);
        assertThat(effects).as("later: nothing reopens").containsExactly("cine 10.0");
        vm.finish(a, true);
        assertThat(effects).containsExactly("cine 10.0", "reopen " + fresh);
        // an existing library is recognised
        assertThat(vm.chooseLibrary(fresh).get()).isEqualTo(LibraryStatus.LIBRARY);
    }

    @Test
    void aLaterChoiceWinsOverTheSlowCheckOfAnEarlierOne() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        Settings s = Settings.load(settingsFile());
        SettingsViewModel vm = new SettingsViewModel(s, new SimpleObjectProperty<>(s.windowPresets()), library(),
                queued::add, Runnable::run, new Messages(Locale.ENGLISH)::get, recorder);
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        vm.chooseLibrary(file);
        assertThat(vm.libraryStatusProperty().get()).isEqualTo(LibraryStatus.CHECKING);
        assertThat(vm.canApplyProperty().get()).as("not while checking").isFalse();
        vm.chooseLibrary(empty);
        queued.get(1).run();
        queued.get(0).run();
        assertThat(vm.libraryProperty().get()).isEqualTo(empty);
        assertThat(vm.libraryStatusProperty().get()).isEqualTo(LibraryStatus.EMPTY);
    }
}
