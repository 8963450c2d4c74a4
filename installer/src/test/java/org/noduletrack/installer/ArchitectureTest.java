package org.noduletrack.installer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the developers' guide, checked on the built classes of every module (this module sees them all):
 * desktop-app → nodule-tools → render-engine → dicom-io, archive → dicom-io; JavaFX only in desktop-app; LWJGL only in
 * render-engine's gl package; nodule-tools never uses the GL package.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.noduletrack");
        // The rules below are only meaningful if every module's classes were found.
        for (String p : new String[] {"org.noduletrack.dicom.io", "org.noduletrack.archive", "org.noduletrack.render.gl",
                "org.noduletrack.nodule.segmentation", "org.noduletrack.app.view", "org.noduletrack.samples"}) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage(p)).as("classes of %s imported", p).isTrue();
        }
    }

    @Test
    void javafxOnlyInTheDesktopApp() {
        noClasses().that().resideOutsideOfPackage("org.noduletrack.app..")
                .should().dependOnClassesThat().resideInAPackage("javafx..").check(classes);
    }

    @Test
    void lwjglOnlyInTheGlPackage() {
        noClasses().that().resideOutsideOfPackage("org.noduletrack.render.gl..")
                .should().dependOnClassesThat().resideInAPackage("org.lwjgl..").check(classes);
    }

    @Test
    void dicomIoDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.noduletrack.dicom..")
                .should().dependOnClassesThat().resideInAnyPackage("org.noduletrack.archive..", "org.noduletrack.render..",
                        "org.noduletrack.nodule..", "org.noduletrack.app..", "org.noduletrack.samples..")
                .check(classes);
    }

    @Test
    void archiveAndRenderEngineStayApart() {
        noClasses().that().resideInAPackage("org.noduletrack.archive..")
                .should().dependOnClassesThat().resideInAnyPackage("org.noduletrack.render..", "org.noduletrack.nodule..",
                        "org.noduletrack.app..")
                .check(classes);
        noClasses().that().resideInAPackage("org.noduletrack.render..")
                .should().dependOnClassesThat().resideInAnyPackage("org.noduletrack.archive..", "org.noduletrack.nodule..",
                        "org.noduletrack.app..")
                .check(classes);
    }

    @Test
    void noduleToolsUseVolumesNotTheGlRenderer() {
        noClasses().that().resideInAPackage("org.noduletrack.nodule..")
                .should().dependOnClassesThat().resideInAnyPackage("org.noduletrack.render.gl..", "org.noduletrack.app..",
                        "org.noduletrack.archive..")
                .check(classes);
    }
}
