package com.bizosaas.eventbus.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The curl convention for an option's value: the text itself, {@code @file} for a file's
 * contents, or {@code -} for standard input. A file that cannot be read is a usage error.
 */
final class InputText {
    private InputText() {
    }

    static String read(CommandLine.Model.CommandSpec spec, String option, String value, InputStream stdin) {
        try {
            if ("-".equals(value)) {
                return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (value.startsWith("@")) {
                return Files.readString(Path.of(value.substring(1)));
            }
            return value;
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": cannot read " + value + ": " + e);
        }
    }
}
