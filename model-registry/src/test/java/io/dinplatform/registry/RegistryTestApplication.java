package io.dinplatform.registry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The registry on its own: its auto-configurations, the pool and Flyway, nothing else. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RegistryTestApplication {
}
