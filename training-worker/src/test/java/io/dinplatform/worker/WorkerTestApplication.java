package io.dinplatform.worker;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The catalog, Spring Batch and (where the test enables it) the worker, from their auto-configurations only. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WorkerTestApplication {
}
