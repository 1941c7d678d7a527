package dev.maillab.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.maillab.app.testsupport.AppSettings;
import dev.maillab.net.ServerAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/** The sender's two server settings bind as lab-net's {@link ServerAddress} reads them, with no converter registered. */
class ServerSettingsTest {

    @Test
    void springBindsTheSettingWithNoConverterRegistered() {
        AppProperties props = AppSettings.of(Map.of("resolver", "127.0.0.1:1053", "fallback-host", ""));
        assertThat(props.resolver()).isEqualTo(new ServerAddress("127.0.0.1", 1053));
        assertThat(props.fallbackHost()).isNull();
        assertThat(AppSettings.of(Map.of()).resolver()).isNull();
        assertThat(AppSettings.of(Map.of("fallback-host", "[::1]:2525")).fallbackHost())
                .isEqualTo(new ServerAddress("::1", 2525));
        assertThatThrownBy(() -> AppSettings.of(Map.of("resolver", "host:notaport")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("maillab.app.resolver");
    }
}
