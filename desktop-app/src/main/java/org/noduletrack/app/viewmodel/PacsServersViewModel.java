package org.noduletrack.app.viewmodel;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.QidoQuery;

/**
 * The PACS servers dialog: the profiles, one being edited, save/delete, and a connection test that asks the server
 * for one study (so URL, TLS and credentials are all exercised) before anything is saved. The password field left
 * empty keeps the stored secret; the secret itself is never shown. Works without the toolkit.
 */
public final class PacsServersViewModel {
    /** The outcome of the last action, for the dialog's status line. */
    public record Status(boolean ok, String messageKey, String detail) {}

    private final PacsProfiles profiles;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final ObjectProperty<PacsProfile.AuthKind> auth = new SimpleObjectProperty<>(this, "auth",
            PacsProfile.AuthKind.NONE);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty secret = new SimpleStringProperty(this, "secret", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    /** The profile being edited was loaded from the store (its name is then fixed). */
    private final BooleanProperty existing = new SimpleBooleanProperty(this, "existing");
    private final BooleanProperty secretStored = new SimpleBooleanProperty(this, "secretStored");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(this, "status");

    public PacsServersViewModel(PacsProfiles profiles, Executor background, Executor ui) {
        this.profiles = profiles;
        this.background = background;
        this.ui = ui;
    }

    public ObservableList<String> names() { return names; }

    public StringProperty nameProperty() { return name; }

    public StringProperty urlProperty() { return url; }

    public ObjectProperty<PacsProfile.AuthKind> authProperty() { return auth; }

    public StringProperty userProperty() { return user; }

    public StringProperty secretProperty() { return secret; }

    public StringProperty caFileProperty() { return caFile; }

    public BooleanProperty existingProperty() { return existing; }

    public BooleanProperty secretStoredProperty() { return secretStored; }

    public BooleanProperty busyProperty() { return busy; }

    public ObjectProperty<Status> statusProperty() { return status; }

    /** Reloads the profile names (in the background). */
    public CompletableFuture<List<String>> reload() {
        return run(() -> profiles.list().stream().map(PacsProfile::name).toList(), list -> {
            names.setAll(list);
            return list;
        });
    }

    /** Loads a stored profile into the fields. */
    public CompletableFuture<PacsProfile> select(String profileName) {
        return run(() -> new Loaded(profiles.require(profileName), profiles.hasSecret(profileName)), l -> {
            PacsProfile p = l.profile();
            name.set(p.name());
            url.set(p.url().toString());
            auth.set(p.auth());
            user.set(p.user());
            secret.set("");
            caFile.set(p.caFile().map(Path::toString).orElse(""));
            existing.set(true);
            secretStored.set(l.secretStored());
            status.set(null);
            return p;
        });
    }

    private record Loaded(PacsProfile profile, boolean secretStored) {}

    /** Empty fields for a new profile. */
    public void startNew() {
        name.set("");
        url.set("");
        auth.set(PacsProfile.AuthKind.NONE);
        user.set("");
        secret.set("");
        caFile.set("");
        existing.set(false);
        secretStored.set(false);
        status.set(null);
    }

    /** Saves the fields (a typed password/token replaces the stored one; empty keeps it). */
    public CompletableFuture<PacsProfile> save() {
        PacsProfile p;
        try {
            p = fromFields();
        } catch (IllegalArgumentException e) {
            status.set(new Status(false, "pacsServers.invalid", e.getMessage()));
            return CompletableFuture.failedFuture(e);
        }
        Optional<String> typed = typedSecret();
        boolean replaceExisting = existing.get();
        return run(() -> {
            if (typed.isPresent() || p.auth() == PacsProfile.AuthKind.NONE) {
                profiles.put(p, typed.filter(s -> p.auth() != PacsProfile.AuthKind.NONE), replaceExisting);
            } else {
                profiles.replaceKeepingSecret(p);
            }
            return p;
        }, saved -> {
            existing.set(true);
            secretStored.set(p.auth() != PacsProfile.AuthKind.NONE);
            secret.set("");
            status.set(new Status(true, "pacsServers.saved", saved.name()));
            reload();
            return saved;
        });
    }

    /** Deletes the profile being edited (and its secret). */
    public CompletableFuture<Boolean> delete() {
        String n = name.get();
        return run(() -> profiles.remove(n), removed -> {
            startNew();
            status.set(new Status(true, "pacsServers.deleted", n));
            reload();
            return removed;
        });
    }

    /** Asks the server for one study with the fields as they are (saved or not). */
    public CompletableFuture<Integer> testConnection() {
        PacsProfile p;
        try {
            p = fromFields();
        } catch (IllegalArgumentException e) {
            status.set(new Status(false, "pacsServers.invalid", e.getMessage()));
            return CompletableFuture.failedFuture(e);
        }
        Optional<String> typed = typedSecret();
        return run(() -> {
            try (DicomWebClient c = new DicomWebClient(profiles.endpoint(p, typed))) {
                return c.searchStudies(QidoQuery.all().page(1, 0)).size();
            }
        }, n -> {
            status.set(new Status(true, "pacsServers.connected", p.url().toString()));
            return n;
        });
    }

    private Optional<String> typedSecret() {
        return secret.get().isEmpty() ? Optional.empty() : Optional.of(secret.get());
    }

    private PacsProfile fromFields() {
        URI u;
        try {
            u = URI.create(url.get().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url.get());
        }
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new IllegalArgumentException("the DICOMweb URL must start with http:// or https:// and name a host");
        }
        Optional<Path> ca = caFile.get().isBlank() ? Optional.empty() : Optional.of(Path.of(caFile.get().strip()));
        String usr = auth.get() == PacsProfile.AuthKind.BASIC ? user.get().strip() : "";
        return PacsProfile.of(name.get().strip(), u, auth.get(), usr, ca);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    /** Runs blocking work in the background; the result or the failure lands on the UI thread. */
    private <T, R> CompletableFuture<R> run(Work<T> work, java.util.function.Function<T, R> onUi) {
        busy.set(true);
        CompletableFuture<R> out = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return work.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, background).whenCompleteAsync((r, e) -> {
            busy.set(false);
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                status.set(new Status(false, "pacsServers.failed",
                        c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
                out.completeExceptionally(c);
            } else {
                out.complete(onUi.apply(r));
            }
        }, ui);
        return out;
    }
}
