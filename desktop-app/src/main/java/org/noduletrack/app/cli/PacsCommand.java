package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.DicomWebException;
import org.noduletrack.dicom.web.QidoQuery;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pacs", mixinStandardHelpOptions = true,
        description = {"DICOMweb connection profiles (kept in the configuration folder; secrets in owner-only files),"
                + " study search (QIDO-RS) and sending files (STOW-RS).",
                "Import a study with: noduletrack import dicomweb://NAME/studies/UID[/series/UID]"},
        subcommands = {PacsCommand.Add.class, PacsCommand.Ls.class, PacsCommand.Rm.class, PacsCommand.Find.class,
                PacsCommand.Send.class})
final class PacsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static PacsProfiles profiles() {
        return new PacsProfiles(PacsProfiles.defaultDir());
    }

    /** One line on stderr; exit 3 for a missing profile or file, 1 for server/network failures. */
    static int fail(CommandSpec spec, IOException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        PrintWriter err = spec.commandLine().getErr();
        err.println("noduletrack " + spec.qualifiedName().replace("noduletrack ", "") + ": " + msg.replace('\n', ' '));
        err.flush();
        return e instanceof DicomWebException ? ExitCodes.FAILURE : ExitCodes.BAD_INPUT;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a DICOMweb server profile.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "DICOMweb root, e.g. https://pacs.example.org/dicom-web")
        URI url;

        @ArgGroup(exclusive = true)
        Credentials credentials;

        static final class Credentials {
            @ArgGroup(exclusive = false)
            Basic basic;

            @Option(names = "--token-file", paramLabel = "F", description = "file holding a bearer token (first line)")
            Path tokenFile;
        }

        static final class Basic {
            @Option(names = "--user", required = true, paramLabel = "U")
            String user;

            @Option(names = "--password-file", required = true, paramLabel = "F",
                    description = "file holding the password (first line); never given on the command line")
            Path passwordFile;
        }

        @Option(names = "--ca", paramLabel = "FILE", description = "PEM file of a private CA to trust besides the system's")
        Path ca;

        @Option(names = "--timeout", paramLabel = "S", defaultValue = "60", description = "read timeout in seconds")
        int timeout;

        @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
                description = "retries after 5xx or a lost connection (exponential backoff)")
        int retries;

        @Option(names = "--replace", description = "replace a profile of that name")
        boolean replace;

        @Override
        public Integer call() {
            try {
                PacsProfile.AuthKind kind = PacsProfile.AuthKind.NONE;
                String user = "";
                Optional<String> secret = Optional.empty();
                if (credentials != null && credentials.basic != null) {
                    kind = PacsProfile.AuthKind.BASIC;
                    user = credentials.basic.user;
                    secret = Optional.of(PacsProfiles.readSecretFile(credentials.basic.passwordFile));
                } else if (credentials != null && credentials.tokenFile != null) {
                    kind = PacsProfile.AuthKind.BEARER;
                    secret = Optional.of(PacsProfiles.readSecretFile(credentials.tokenFile));
                }
                if (ca != null && !java.nio.file.Files.isRegularFile(ca)) {
                    throw new java.io.FileNotFoundException("no such CA file: " + ca);
                }
                PacsProfile p = new PacsProfile(name, url, kind, user, Optional.ofNullable(ca).map(Path::toAbsolutePath),
                        10, timeout, retries);
                org.noduletrack.dicom.web.DicomWebEndpoint.of(url, org.noduletrack.dicom.web.DicomWebAuth.none()); // URL check
                profiles().put(p, secret, replace);
                spec.commandLine().getOut().println("added PACS profile " + name + " (" + url + ", " + kind.name()
                        .toLowerCase(java.util.Locale.ROOT) + ")");
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("noduletrack pacs add: " + e.getMessage());
                return 2;
            } catch (IOException e) {
                return fail(spec, e);
            }
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the profiles (never their secrets).")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<PacsProfile> all;
            try {
                all = profiles().list();
            } catch (IOException e) {
                return fail(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ArrayNode arr = m.createArrayNode();
                for (PacsProfile p : all) {
                    ObjectNode o = arr.addObject();
                    o.put("name", p.name());
                    o.put("url", p.url().toString());
                    o.put("auth", p.auth().name().toLowerCase(java.util.Locale.ROOT));
                    o.put("user", p.user());
                    o.put("ca", p.caFile().map(Path::toString).orElse(null));
                }
                out.println(m.writeValueAsString(arr));
            } else {
                for (PacsProfile p : all) {
                    out.printf("%-16s %-50s %-6s %s%n", p.name(), p.url(), p.auth().name().toLowerCase(java.util.Locale.ROOT),
                            p.user());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes a profile and its secret.")
    static final class Rm implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try {
                profiles().require(name);
                profiles().remove(name);
                spec.commandLine().getOut().println("removed PACS profile " + name);
                return ExitCodes.OK;
            } catch (IOException e) {
                return fail(spec, e);
            }
        }
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Searches studies on a server (QIDO-RS); '*' and '?' are wildcards.")
    static final class Find implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "profile")
        String name;

        @Option(names = "--patient-id", paramLabel = "ID")
        String patientId;

        @Option(names = "--name", paramLabel = "N", description = "patient name, e.g. 'doe*' (fuzzy where the server can)")
        String patientName;

        @Option(names = "--modality", paramLabel = "M", description = "modality in study, e.g. CT")
        String modality;

        @Option(names = "--date", paramLabel = "D", description = "study date YYYYMMDD or range YYYYMMDD-YYYYMMDD")
        String date;

        @Option(names = "--limit", defaultValue = "100")
        int limit;

        @Option(names = "--offset", defaultValue = "0")
        int offset;

        @Option(names = "--json")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<DicomDataset> studies;
            try {
                PacsProfiles store = profiles();
                PacsProfile p = store.require(name);
                QidoQuery q = QidoQuery.all().with("PatientID", patientId).with("PatientName", patientName)
                        .with("ModalitiesInStudy", modality).with("StudyDate", date).fuzzy(patientName != null)
                        .include("NumberOfStudyRelatedInstances", "ModalitiesInStudy", "StudyDescription")
                        .page(limit, offset);
                try (DicomWebClient c = new DicomWebClient(store.endpoint(p))) {
                    studies = c.searchStudies(q);
                }
            } catch (IOException e) {
                return fail(spec, e);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectMapper m = new ObjectMapper();
                ArrayNode arr = m.createArrayNode();
                for (DicomDataset d : studies) {
                    ObjectNode o = arr.addObject();
                    o.put("studyUid", d.string(Tags.StudyInstanceUID).orElse(""));
                    o.put("patientId", d.string(Tags.PatientID).orElse(""));
                    o.put("patientName", d.string(Tags.PatientName).orElse(""));
                    o.put("studyDate", d.string(Tags.StudyDate).orElse(""));
                    o.put("description", d.string(Tags.StudyDescription).orElse(""));
                    o.put("accessionNumber", d.string(Tags.AccessionNumber).orElse(""));
                    ArrayNode mods = o.putArray("modalities");
                    for (String s : d.strings(Tags.ModalitiesInStudy)) {
                        mods.add(s);
                    }
                    d.intValue(Tags.NumberOfStudyRelatedInstances).ifPresent(n -> o.put("instances", n));
                }
                out.println(m.writeValueAsString(arr));
            } else {
                for (DicomDataset d : studies) {
                    out.printf("%s  %-8s %-16s %-24s %-6s %5s  %s%n", d.string(Tags.StudyInstanceUID).orElse(""),
                            d.string(Tags.StudyDate).orElse(""), d.string(Tags.PatientID).orElse(""),
                            d.string(Tags.PatientName).orElse(""), String.join("/", d.strings(Tags.ModalitiesInStudy)),
                            d.string(Tags.NumberOfStudyRelatedInstances).orElse(""),
                            d.string(Tags.StudyDescription).orElse(""));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = "Sends DICOM files to a server (STOW-RS).")
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "profile")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            try {
                for (Path f : files) {
                    if (!java.nio.file.Files.isRegularFile(f)) {
                        throw new java.io.FileNotFoundException("no such file: " + f);
                    }
                }
                PacsProfiles store = profiles();
                PacsProfile p = store.require(name);
                DicomWebClient.StowResult r;
                try (DicomWebClient c = new DicomWebClient(store.endpoint(p))) {
                    r = c.store(files);
                }
                PrintWriter out = spec.commandLine().getOut();
                r.stored().forEach(uid -> out.println("stored " + uid));
                r.failed().forEach(f -> out.println("failed " + f));
                out.flush();
                if (!r.failed().isEmpty()) {
                    spec.commandLine().getErr().println("noduletrack pacs send: " + r.failed().size() + " of "
                            + files.size() + " file(s) were refused by the server");
                    return ExitCodes.FAILURE;
                }
                return ExitCodes.OK;
            } catch (IOException e) {
                return fail(spec, e);
            }
        }
    }
}
