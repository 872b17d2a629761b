package io.dinplatform.api.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** The live event streams of training runs and the one small pool that polls for all of them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RunEventsProperties.class)
public class RunEventsConfiguration {

    /** Threads that only poll the catalog briefly, so two serve many open streams; none blocks on a client. */
    private static final int POLLING_THREADS = 2;

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService runEventPolling() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("run-events-");
        threads.setDaemon(true);
        return Executors.newScheduledThreadPool(POLLING_THREADS, threads);
    }
}
