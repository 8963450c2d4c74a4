package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.viewmodel.BrowserViewModel;
import org.noduletrack.app.viewmodel.ImportViewModel;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.ImportReport;

/** Import and browser view-models on a real library, without the JavaFX toolkit. */
class ImportViewModelTest {
    @TempDir
    Path temp;

    @Test
    void importsReportsCancelsAndTheBrowserFindsThePatient() throws Exception {
        ExecutorService queries = Executors.newSingleThreadExecutor(), imports = Executors.newSingleThreadExecutor();
        try (Library library = Library.open(temp.resolve("lib"))) {
            LibraryService service = new LibraryService(library, queries, imports);
            ImportViewModel vm = new ImportViewModel(service, Runnable::run);

            // cancelled at once: the report says so, and what was imported stays
            var started = vm.start(List.of(WorkstationFlowTest.LIDC));
            vm.cancel();
            assertThat(vm.start(List.of(WorkstationFlowTest.LIDC))).as("one import at a time").isCompletedExceptionally();
            ImportReport r1 = started.get(60, TimeUnit.SECONDS);
            awaitIdle(vm);
            assertThat(vm.reportProperty().get()).isEqualTo(r1);
            assertThat(r1.cancelled()).isTrue();
            assertThat(r1.imported()).isLessThan(133);

            ImportReport r2 = vm.start(List.of(WorkstationFlowTest.LIDC)).get(60, TimeUnit.SECONDS);
            awaitIdle(vm);
            assertThat(r2.cancelled()).isFalse();
            assertThat(r2.imported() + r2.duplicates()).isEqualTo(133);
            assertThat(vm.progressProperty().get()).isEqualTo(1.0);

            BrowserViewModel browser = new BrowserViewModel(service, Runnable::run);
            browser.refresh();
            long end = System.nanoTime() + 10_000_000_000L;
            while (browser.patients().isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(browser.patients()).hasSize(1);
            browser.searchProperty().set("idri-0001");
            assertThat(browser.patients()).hasSize(1);
            browser.searchProperty().set("someone else");
            assertThat(browser.patients()).isEmpty();
        } finally {
            queries.shutdownNow();
            imports.shutdownNow();
        }
    }

    private static void awaitIdle(ImportViewModel vm) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (vm.runningProperty().get() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(vm.runningProperty().get()).isFalse();
    }
}
