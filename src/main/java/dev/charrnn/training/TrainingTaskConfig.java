package dev.charrnn.training;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.charrnn.runs.RunQueue;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The db-scheduler task that trains one run per execution (instance id = run id). */
@Configuration(proxyBeanMethods = false)
class TrainingTaskConfig {

    @Bean
    Task<Void> trainingTask(RunTrainer trainer) {
        return Tasks.custom(RunQueue.TRAINING_TASK)
                // An instance that dies leaves its executions picked; another revives them from their checkpoints.
                .onDeadExecutionRevive()
                // Only infrastructure failures (the database gone) get here; training errors fail the run itself.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> trainer.execute(
                        Long.parseLong(instance.getId()),
                        () -> context.getSchedulerState().isShuttingDown()));
    }
}
