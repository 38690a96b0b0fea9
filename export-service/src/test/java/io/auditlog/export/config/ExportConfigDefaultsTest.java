package io.auditlog.export.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The settings an operator gets without setting anything: every application.properties on the classpath (the
 * service's own and the tests' overrides) read in the prod profile, where the tests' {@code %test.} overrides do
 * not apply. The tests run with 2 KB files; production splits at 100 MB.
 */
class ExportConfigDefaultsTest {

    @Test
    void productionDefaultsAreThePromisedOnes() {
        List<ConfigSource> files = PropertiesConfigSourceLoader.inClassPath("application.properties", 250,
                Thread.currentThread().getContextClassLoader());
        assertTrue(files.size() >= 2, "the service's properties and the tests' overrides: " + files);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod").withSources(files)
                .withMapping(ExportConfig.class).build();
        ExportConfig export = config.getConfigMapping(ExportConfig.class);

        assertEquals(100L * 1024 * 1024, export.maxFileBytes(), "files split at 100 MB");
        assertEquals(1024 * 1024, export.chunkBytes());
        assertEquals(Duration.ofDays(7), export.retention(), "reports live 7 days");
        assertEquals(Duration.ofDays(90), export.lookback());
        assertEquals(Duration.ofSeconds(30), export.worker().staleAfter());
        assertEquals("1h", export.worker().purgeEvery());

        SmallRyeConfig test = new SmallRyeConfigBuilder().withProfile("test").withSources(files)
                .withMapping(ExportConfig.class).build();
        assertEquals(2048, test.getConfigMapping(ExportConfig.class).maxFileBytes(),
                "the tests' own limit comes from src/test/resources");
    }
}
