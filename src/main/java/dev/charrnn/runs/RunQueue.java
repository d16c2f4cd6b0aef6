package dev.charrnn.runs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The run queue is db-scheduler's table: one execution of {@link #TRAINING_TASK} per run, keyed by the run id.
 * Scheduling joins the caller's transaction, so a run and its execution are stored together or not at all.
 */
@Component
public class RunQueue {
    public static final TaskDescriptor<Void> TRAINING_TASK = TaskDescriptor.of("training-run");

    private final SchedulerClient scheduler;
    private final Runnable wakeUp;

    public RunQueue(SchedulerClient scheduler, QueueWakeUp wakeUp) {
        this.scheduler = scheduler;
        this.wakeUp = wakeUp::wakeUp;
    }

    /** Queues a run; executions start in submission order. */
    public void enqueue(long runId) {
        scheduler.scheduleIfNotExists(
                TRAINING_TASK.instance(Long.toString(runId)).build(), Instant.now());
        // The scheduler's own wake-up fires before this transaction commits and would find nothing yet.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUp.run();
                }
            });
        } else {
            wakeUp.run();
        }
    }

    /** Removes a queued run's execution; false when it is not waiting (already picked or gone). */
    public boolean removeWaiting(long runId) {
        var id = TRAINING_TASK.instanceId(Long.toString(runId));
        var execution = scheduler.getScheduledExecution(id);
        if (execution.isEmpty() || execution.get().isPicked()) {
            return false;
        }
        try {
            scheduler.cancel(id);
            return true;
        } catch (RuntimeException raced) {
            return false;
        }
    }

    /** Something that makes the local scheduler look for due runs now. */
    public interface QueueWakeUp {
        void wakeUp();
    }
}
