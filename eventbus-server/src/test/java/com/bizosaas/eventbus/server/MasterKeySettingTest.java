package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySettingTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void neitherVariableMeansNoEncryption() {
        assertThat(MasterKeySetting.fromEnvironment(Map.of())).isNull();
        assertThat(MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY", " "))).isNull();
    }

    @Test
    void theKeyComesFromTheVariableOrFromTheFileAndIsNeverPrinted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master.key");
        Files.writeString(file, KEY + "\n");

        assertThat(MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY", KEY))).isNotNull();
        assertThat(MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY_FILE", file.toString()))
                .toString()).doesNotContain(KEY);
    }

    @Test
    void badSettingsAreRefusedNamingTheVariable(@TempDir Path dir) {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY", short16)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("EVENTBUS_MASTER_KEY")
                .hasMessageContaining("16 bytes").hasMessageNotContaining(short16);
        assertThatThrownBy(() -> MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY", "not base64!")))
                .hasMessageContaining("base64");
        assertThatThrownBy(() -> MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY", KEY,
                "EVENTBUS_MASTER_KEY_FILE", "/x"))).hasMessageContaining("not both");
        assertThatThrownBy(() -> MasterKeySetting.fromEnvironment(Map.of("EVENTBUS_MASTER_KEY_FILE",
                dir.resolve("missing").toString()))).hasMessageContaining("EVENTBUS_MASTER_KEY_FILE");
    }
}
