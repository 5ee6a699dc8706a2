package io.experienceledger.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --client-config FILE}: Kafka client properties, read for a command, with errors as usage errors. */
final class ClientConfigFile {
    private ClientConfigFile() {
    }

    /** The properties in {@code file}, none when it is null. */
    static Properties load(CommandLine command, Path file) {
        final Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(command, "--client-config: no such file: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command,
                    "--client-config: cannot read " + file + ": " + e.getMessage());
        }
        return properties;
    }
}
