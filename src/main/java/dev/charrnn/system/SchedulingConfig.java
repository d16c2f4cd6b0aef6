package dev.charrnn.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Enables {@code @Scheduled} housekeeping (cancel polling, event fan-out); runs themselves go through db-scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}
