package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.tenancy.MasterKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The master key of per-tenant encryption, from {@code EVENTBUS_MASTER_KEY} (base64 of 32 bytes)
 * or {@code EVENTBUS_MASTER_KEY_FILE} (a file holding that, e.g. a mounted Kubernetes secret),
 * never both. Neither: encryption is off. Errors name the variable, never the key. Stateless.
 */
public final class MasterKeySetting {
    public static final String VARIABLE = "EVENTBUS_MASTER_KEY";
    public static final String FILE_VARIABLE = "EVENTBUS_MASTER_KEY_FILE";

    private MasterKeySetting() {
    }

    /** The configured key, or null when neither variable is set. */
    public static MasterKey fromEnvironment(Map<String, String> environment) {
        String inline = blankToNull(environment.get(VARIABLE));
        String file = blankToNull(environment.get(FILE_VARIABLE));
        if (inline != null && file != null) {
            throw invalid(VARIABLE, "set " + VARIABLE + " or " + FILE_VARIABLE + ", not both");
        }
        if (file != null) {
            try {
                return parse(FILE_VARIABLE, Files.readString(Path.of(file), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw invalid(FILE_VARIABLE, FILE_VARIABLE + " names a file that cannot be read: " + file);
            }
        }
        return inline == null ? null : parse(VARIABLE, inline);
    }

    private static MasterKey parse(String variable, String value) {
        try {
            return MasterKey.fromBase64(value);
        } catch (IllegalArgumentException e) {
            throw invalid(variable, variable + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ValidationException invalid(String variable, String message) {
        return new ValidationException("invalid_configuration", message, variable);
    }
}
