package org.noduletrack.app.viewmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.noduletrack.app.Settings;
import org.noduletrack.app.workspace.LibraryFolder;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.engine.RenderEngines;

/**
 * The settings dialog: window presets as typed (checked as they change), language, the layout a new window starts
 * with, cine rate, renderer and library location (the chosen folder checked in the background). Applying saves to
 * the settings file and puts presets and cine rate into effect at once; a new language or library is left to the
 * window ({@link Applied}). Works without the toolkit.
 */
public final class SettingsViewModel {
    /** What applying asks of the running workstation beyond the settings file. */
    public interface Effects {
        void setCineFps(double fps);

        /** Rebuilds the window in {@code locale} (the open series closes). */
        void switchLanguage(Locale locale);

        /** Closes the workstation and opens it again on {@code library}, in the same window. */
        void reopenOn(Path library);
    }

    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    /** A preset row's field. */
    public enum Field { NAME, LEVEL, WIDTH }

    /** Why the presets cannot be applied: a resource key with its arguments, and the row and field to mark. */
    public record Problem(String messageKey, List<Object> args, PresetRow row, Field field) {}

    /** Saved; what is left for the window: a language to switch to, a library to reopen on (now or at next start). */
    public record Applied(Optional<Locale> newLanguage, Optional<Path> newLibrary) {}

    /** What the dialog says about the library location. */
    public enum LibraryStatus {
        /** The library open now. */
        CURRENT, CHECKING, LIBRARY, EMPTY, NEW, IS_A_FILE, NOT_WRITABLE, NOT_EMPTY,
        /** The library could not be created or opened there ({@link #libraryFailureProperty}). */
        FAILED;

        public boolean usable() { return this == CURRENT || this == LIBRARY || this == EMPTY || this == NEW; }

        public String messageKey() { return "settings.library." + name().toLowerCase(Locale.ROOT); }

        static LibraryStatus of(LibraryFolder.State s) { return valueOf(s.name()); }
    }

    /** One row of the presets table, as typed. */
    public static final class PresetRow {
        private final StringProperty name = new SimpleStringProperty(this, "name", "");
        private final StringProperty level = new SimpleStringProperty(this, "level", "");
        private final StringProperty width = new SimpleStringProperty(this, "width", "");
        /** The built-in preset whose localised name the row shows: the name stays localised unless edited. */
        private final WindowPreset builtIn;
        private final String shownName;

        PresetRow(WindowPreset p, UnaryOperator<String> localise) {
            builtIn = p != null && p.localised() ? p : null;
            shownName = p == null ? "" : p.displayName(localise);
            name.set(shownName);
            WindowLevel w = p == null ? WindowPreset.MEDIASTINUM.window() : p.window();
            level.set(Long.toString(Math.round(w.center())));
            width.set(Long.toString(Math.round(w.width())));
        }

        public StringProperty nameProperty() { return name; }

        public StringProperty levelProperty() { return level; }

        public StringProperty widthProperty() { return width; }

        Observable[] observables() { return new Observable[] {name, level, width}; }

        /** The preset typed (valid rows only). */
        WindowPreset preset() {
            WindowLevel w = new WindowLevel(number(width.get()).orElseThrow(), number(level.get()).orElseThrow());
            String typed = name.get().replaceAll("\\p{Cntrl}", " ").strip();
            return builtIn != null && typed.equals(shownName.strip()) ? builtIn.withWindow(w) : WindowPreset.named(typed, w);
        }
    }

    private final Settings settings;
    private final ObjectProperty<WindowPresets> active;
    private final Path currentLibrary;
    private final Executor background;
    private final Executor ui;
    private final UnaryOperator<String> localise;
    private final Effects effects;
    private final Locale currentLanguage;

    private final ObservableList<PresetRow> presets = FXCollections.observableArrayList(PresetRow::observables);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>(this, "problem");
    private final ObjectProperty<Locale> language = new SimpleObjectProperty<>(this, "language");
    /** Empty: a new window starts with the layout used last. */
    private final ObjectProperty<Optional<Layout>> defaultLayout = new SimpleObjectProperty<>(this, "defaultLayout");
    private final ObjectProperty<RenderEngines.Preference> renderer = new SimpleObjectProperty<>(this, "renderer");
    private final ObjectProperty<Integer> cineFps = new SimpleObjectProperty<>(this, "cineFps");
    private final ObjectProperty<Path> library = new SimpleObjectProperty<>(this, "library");
    private final ReadOnlyObjectWrapper<LibraryStatus> libraryStatus = new ReadOnlyObjectWrapper<>(this, "libraryStatus",
            LibraryStatus.CURRENT);
    private final StringProperty libraryFailure = new SimpleStringProperty(this, "libraryFailure", "");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanBinding canApply;

    /**
     * @param active         the workstation's presets (toolbar, View menu, digit keys); set on apply
     * @param currentLibrary the library open now
     * @param background     where library folders are checked and created (never the FX thread)
     * @param ui             the FX thread
     * @param localise       resource key to text (built-in preset names)
     */
    public SettingsViewModel(Settings settings, ObjectProperty<WindowPresets> active, Path currentLibrary,
                             Executor background, Executor ui, UnaryOperator<String> localise, Effects effects) {
        this.settings = settings;
        this.active = active;
        this.currentLibrary = currentLibrary.toAbsolutePath().normalize();
        this.background = background;
        this.ui = ui;
        this.localise = localise;
        this.effects = effects;
        Locale saved = settings.locale();
        this.currentLanguage = saved.getLanguage().equals("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        presets.addListener((javafx.collections.ListChangeListener<PresetRow>) c -> problem.set(check()));
        canApply = Bindings.createBooleanBinding(() -> problem.get() == null && !busy.get()
                && libraryStatus.get().usable(), problem, busy, libraryStatus);
        language.set(currentLanguage);
        defaultLayout.set(settings.defaultLayout());
        renderer.set(settings.renderPreference().orElse(RenderEngines.Preference.GPU_THEN_CPU));
        cineFps.set((int) Math.round(settings.cineFps()));
        library.set(this.currentLibrary);
        setPresets(active.get());
    }

    public ObservableList<PresetRow> presets() { return presets; }

    /** The first reason the presets cannot be applied; null when they can. */
    public ReadOnlyObjectProperty<Problem> problemProperty() { return problem.getReadOnlyProperty(); }

    public ObjectProperty<Locale> languageProperty() { return language; }

    public ObjectProperty<Optional<Layout>> defaultLayoutProperty() { return defaultLayout; }

    public ObjectProperty<RenderEngines.Preference> rendererProperty() { return renderer; }

    /** Frames per second, 1–60. */
    public ObjectProperty<Integer> cineFpsProperty() { return cineFps; }

    /** The chosen library folder (the current one until another is chosen). */
    public ReadOnlyObjectProperty<Path> libraryProperty() { return library; }

    public ReadOnlyObjectProperty<LibraryStatus> libraryStatusProperty() { return libraryStatus.getReadOnlyProperty(); }

    /** Why the library could not be created there, when {@link LibraryStatus#FAILED}. */
    public StringProperty libraryFailureProperty() { return libraryFailure; }

    public Path currentLibrary() { return currentLibrary; }

    /** Applying (a new library being created). */
    public BooleanProperty busyProperty() { return busy; }

    /** Whether OK may be pressed: valid presets, a usable library folder, nothing running. */
    public BooleanBinding canApplyProperty() { return canApply; }

    public boolean canAddPreset() { return presets.size() < WindowPresets.MAX; }

    /** A new preset on the next free digit key (the name still to be typed). */
    public Optional<PresetRow> addPreset() {
        if (!canAddPreset()) {
            return Optional.empty();
        }
        PresetRow r = new PresetRow(null, localise);
        presets.add(r);
        return Optional.of(r);
    }

    /** Removes a preset (the keys after it move down by one); the last one stays. */
    public void removePreset(PresetRow row) {
        if (presets.size() > 1) {
            presets.remove(row);
        }
    }

    public void resetPresets() {
        setPresets(WindowPresets.DEFAULTS);
    }

    private void setPresets(WindowPresets p) {
        presets.setAll(p.list().stream().map(w -> new PresetRow(w, localise)).toList());
    }

    /** The presets as typed; only when there is no {@link #problemProperty problem}. */
    public WindowPresets typedPresets() {
        return new WindowPresets(presets.stream().map(PresetRow::preset).toList());
    }

    private Problem check() {
        if (presets.isEmpty()) {
            return new Problem("settings.presets.none", List.of(), null, null);
        }
        for (int i = 0; i < presets.size(); i++) {
            PresetRow r = presets.get(i);
            int key = i + 1;
            if (r.name.get().strip().isEmpty()) {
                return new Problem("settings.presets.nameBlank", List.of(key), r, Field.NAME);
            }
            Optional<Integer> level = number(r.level.get());
            if (level.isEmpty()) {
                return new Problem("settings.presets.levelNumber", List.of(key), r, Field.LEVEL);
            }
            if (level.get() < WindowPreset.MIN_LEVEL || level.get() > WindowPreset.MAX_LEVEL) {
                return new Problem("settings.presets.levelRange", List.of(key, WindowPreset.MIN_LEVEL,
                        WindowPreset.MAX_LEVEL), r, Field.LEVEL);
            }
            Optional<Integer> width = number(r.width.get());
            if (width.isEmpty()) {
                return new Problem("settings.presets.widthNumber", List.of(key), r, Field.WIDTH);
            }
            if (width.get() < WindowPreset.MIN_WIDTH || width.get() > WindowPreset.MAX_WIDTH) {
                return new Problem("settings.presets.widthRange", List.of(key, WindowPreset.MIN_WIDTH,
                        WindowPreset.MAX_WIDTH), r, Field.WIDTH);
            }
        }
        return null;
    }

    /** A whole number of HU as typed: spaces around, a leading + or a typographic minus sign are fine. */
    static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip().replace('\u2212', '-')));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Proposes another library folder; it is checked in the background. */
    public CompletableFuture<LibraryStatus> chooseLibrary(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        library.set(p);
        libraryFailure.set("");
        if (p.equals(currentLibrary)) {
            libraryStatus.set(LibraryStatus.CURRENT);
            return CompletableFuture.completedFuture(LibraryStatus.CURRENT);
        }
        libraryStatus.set(LibraryStatus.CHECKING);
        CompletableFuture<LibraryStatus> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> new LibraryFolder(p).inspect(), background).whenCompleteAsync((s, e) -> {
            LibraryStatus status = e == null ? LibraryStatus.of(s) : LibraryStatus.NOT_WRITABLE;
            if (p.equals(library.get())) { // a later choice wins over a slow check of an earlier one
                libraryStatus.set(status);
            }
            done.complete(status);
        }, ui);
        return done;
    }

    /** Back to the library open now. */
    public void keepCurrentLibrary() {
        chooseLibrary(currentLibrary);
    }

    /**
     * Saves everything and puts presets and cine rate into effect. A new library is created first (in the background);
     * when that fails nothing is applied and the status says why.
     */
    public CompletableFuture<Applied> apply() {
        if (!canApply.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("settings not applicable: " + problem.get()));
        }
        busy.set(true);
        Path chosen = library.get();
        boolean newLibrary = !chosen.equals(currentLibrary);
        CompletableFuture<Void> created = newLibrary ? CompletableFuture.runAsync(() -> {
            try {
                new LibraryFolder(chosen).create();
            } catch (ArchiveException e) {
                throw new CompletionException(e);
            }
        }, background) : CompletableFuture.completedFuture(null);
        return created.handleAsync((v, e) -> {
            busy.set(false);
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                libraryFailure.set(String.valueOf(cause.getMessage()));
                libraryStatus.set(LibraryStatus.FAILED);
                throw new CompletionException(cause);
            }
            return save(newLibrary ? Optional.of(chosen) : Optional.empty());
        }, ui);
    }

    private Applied save(Optional<Path> newLibrary) {
        WindowPresets p = typedPresets();
        settings.putWindowPresets(p);
        active.set(p);
        int fps = (int) Math.clamp(cineFps.get() == null ? Settings.DEFAULT_CINE_FPS : cineFps.get(),
                Settings.MIN_CINE_FPS, Settings.MAX_CINE_FPS);
        settings.put(Settings.CINE_FPS, Integer.toString(fps));
        effects.setCineFps(fps);
        settings.putDefaultLayout(defaultLayout.get());
        settings.putRenderPreference(renderer.get());
        Optional<Locale> newLanguage = language.get().getLanguage().equals(currentLanguage.getLanguage())
                ? Optional.empty() : Optional.of(language.get());
        newLanguage.ifPresent(l -> settings.put(Settings.LANGUAGE, l.toLanguageTag()));
        newLibrary.ifPresent(l -> settings.put(Settings.LAST_LIBRARY, l.toString()));
        return new Applied(newLanguage, newLibrary);
    }

    /** After {@link #apply}: reopens on the new library when the user wants it now, else switches the language. */
    public void finish(Applied applied, boolean reopenNow) {
        if (reopenNow && applied.newLibrary().isPresent()) {
            effects.reopenOn(applied.newLibrary().get());
        } else {
            applied.newLanguage().ifPresent(effects::switchLanguage);
        }
    }
}
