package dev.kb.cli;

import dev.kb.common.KbVersion;
import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = KbVersion.current();
        return new String[] {"kb " + (version.equals("development") ? "(development build)" : version)};
    }
}
