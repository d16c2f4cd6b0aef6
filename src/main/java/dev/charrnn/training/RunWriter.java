package dev.charrnn.training;

import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The thread that persists what training threads record, so training never waits for the database.
 * One thread keeps each run's batches in order (losses before the checkpoint that follows them).
 */
@Component
class RunWriter implements DisposableBean {
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    RunWriter() {
        executor.setThreadNamePrefix("run-writer-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        executor.initialize();
    }

    CompletableFuture<Void> submit(Runnable write) {
        return CompletableFuture.runAsync(write, executor);
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
