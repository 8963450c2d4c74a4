package org.noduletrack.app.cli;

import picocli.CommandLine;

/**
 * Version from the jar manifest (set by the build), so it always matches the reactor version; and which Java runs it
 * (the installed app's own runtime, or a JDK), for support.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = NoduleTrackCli.class.getPackage().getImplementationVersion();
        return new String[] {"noduletrack " + (v == null ? "development build" : v),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") in " + System.getProperty("java.home")};
    }
}
