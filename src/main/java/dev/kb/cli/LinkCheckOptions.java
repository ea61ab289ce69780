package dev.kb.cli;

import dev.kb.references.CheckSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How external links are checked: for the commands that check them. */
final class LinkCheckOptions {
    @Option(names = "--offline", defaultValue = "${env:KB_OFFLINE:-false}",
            description = "Do not check external links when indexing or serving (env KB_OFFLINE).")
    boolean offline;

    @Option(names = "--link-max-age", paramLabel = "AGE", defaultValue = "${env:KB_LINK_MAX_AGE:-7d}",
            converter = DurationConverter.class,
            description = "Reuse a link check younger than this, e.g. 12h, 7d, 0 to check all again "
                    + "(env KB_LINK_MAX_AGE, default ${DEFAULT-VALUE}).")
    Duration linkMaxAge;

    @Option(names = "--allow-private-links", defaultValue = "${env:KB_ALLOW_PRIVATE_LINKS:-false}",
            description = "Also check links to loopback, private and link-local addresses (off by default: a course "
                    + "could point the checker at internal services; env KB_ALLOW_PRIVATE_LINKS).")
    boolean allowPrivateLinks;

    CheckSettings settings() {
        return CheckSettings.defaults().withMaxAge(linkMaxAge).withAllowPrivate(allowPrivateLinks);
    }
}
