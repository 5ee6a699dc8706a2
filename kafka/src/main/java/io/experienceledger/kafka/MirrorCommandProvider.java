package io.experienceledger.kafka;

import io.experienceledger.cli.CommandContext;
import io.experienceledger.cli.CommandProvider;

/** Adds {@code mirror} to the {@code ledger} command (registered in META-INF/services). Not API for applications. */
public final class MirrorCommandProvider implements CommandProvider {
    /** Called by {@link java.util.ServiceLoader}. */
    public MirrorCommandProvider() {
        // nothing to set up: each command line gets its own command
    }

    @Override
    public Object command(CommandContext context) {
        return new MirrorCommand(context);
    }
}
