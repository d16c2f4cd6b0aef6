package dev.charrnn.runs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Runs; state changes are conditional updates so concurrent writers (instances, cancel, worker) never clash. */
public interface TrainingRunRepository extends JpaRepository<TrainingRun, Long> {

    Page<TrainingRun> findAllByOrderByIdDesc(Pageable pageable);

    Page<TrainingRun> findByStatusOrderByIdDesc(RunStatus status, Pageable pageable);

    Optional<TrainingRun> findByIdempotencyKey(String idempotencyKey);

    long countByStatus(RunStatus status);

    // Native SQL throughout: a JPQL string is parsed twice at start-up (by Spring Data and by Hibernate), which was
    // a fifth of the start-up's profile. Statuses travel as their names, the column's values.

    @Query(value = "select count(*) from training_run where status = :queued and id < :id", nativeQuery = true)
    long countQueuedBefore(@Param("id") long id, @Param("queued") String queued);

    default long countQueuedBefore(long id, RunStatus queued) {
        return countQueuedBefore(id, queued.name());
    }

    @Modifying
    @Query(
            value = "update training_run set status = :running, started_at = coalesce(started_at, :now) "
                    + "where id = :id and status in (:queued, :running)",
            nativeQuery = true)
    int markRunning(
            @Param("id") long id,
            @Param("now") Instant now,
            @Param("queued") String queued,
            @Param("running") String running);

    default int markRunning(long id, Instant now, RunStatus queued, RunStatus running) {
        return markRunning(id, now, queued.name(), running.name());
    }

    @Modifying
    @Query(value = "update training_run set status = :queued where id = :id and status = :running", nativeQuery = true)
    int markQueued(@Param("id") long id, @Param("running") String running, @Param("queued") String queued);

    default int markQueued(long id, RunStatus running, RunStatus queued) {
        return markQueued(id, running.name(), queued.name());
    }

    // The casts give a null parameter a type: PostgreSQL cannot infer one for an untyped null.
    @Modifying
    @Query(
            value = "update training_run set iteration = :iteration, "
                    + "smooth_loss = cast(:smoothLoss as double precision), "
                    + "chars_per_second = cast(:charsPerSecond as double precision), training_millis = :trainingMillis "
                    + "where id = :id",
            nativeQuery = true)
    int updateProgress(
            @Param("id") long id,
            @Param("iteration") int iteration,
            @Param("smoothLoss") Double smoothLoss,
            @Param("charsPerSecond") Double charsPerSecond,
            @Param("trainingMillis") long trainingMillis);

    // Clears the persistence context so a run read after it in the same transaction (cancel's answer) is current.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(
            value = "update training_run set status = :status, finished_at = :now, "
                    + "final_loss = cast(:finalLoss as double precision), min_loss = cast(:minLoss as double precision), "
                    + "num_steps = cast(:numSteps as integer), error = cast(:error as varchar(2000)) "
                    + "where id = :id and status in (:from1, :from2)",
            nativeQuery = true)
    int finish(
            @Param("id") long id,
            @Param("status") String status,
            @Param("now") Instant now,
            @Param("finalLoss") Double finalLoss,
            @Param("minLoss") Double minLoss,
            @Param("numSteps") Integer numSteps,
            @Param("error") String error,
            @Param("from1") String from1,
            @Param("from2") String from2);

    /** Ends the run if its status is still {@code from1} or {@code from2}; 1 if it did. */
    default int finish(
            long id,
            RunStatus status,
            Instant now,
            Double finalLoss,
            Double minLoss,
            Integer numSteps,
            String error,
            RunStatus from1,
            RunStatus from2) {
        return finish(id, status.name(), now, finalLoss, minLoss, numSteps, error, from1.name(), from2.name());
    }

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(
            value = "update training_run set cancel_requested = true where id = :id and status in (:from1, :from2)",
            nativeQuery = true)
    int requestCancel(@Param("id") long id, @Param("from1") String from1, @Param("from2") String from2);

    default int requestCancel(long id, RunStatus from1, RunStatus from2) {
        return requestCancel(id, from1.name(), from2.name());
    }

    @Query(value = "select id from training_run where cancel_requested = true and id in (:ids)", nativeQuery = true)
    List<Long> findCancelRequested(@Param("ids") Collection<Long> ids);

    @Modifying
    @Query(
            value = "update training_run set best_validation_loss_per_char = :loss, "
                    + "best_validation_iteration = :iteration where id = :id",
            nativeQuery = true)
    int recordBestValidation(@Param("id") long id, @Param("loss") double loss, @Param("iteration") int iteration);

    /**
     * Unfinished runs that start from the final weights of run {@code sourceId} and still need them: they read
     * them whenever they start without a checkpoint of their own.
     */
    @Query(
            value = "select id from training_run r where init_run_id = :sourceId and status in (:queued, :running) "
                    + "and not exists (select 1 from checkpoint c where c.run_id = r.id) order by id",
            nativeQuery = true)
    List<Long> findUnfinishedContinuationsOf(
            @Param("sourceId") long sourceId, @Param("queued") String queued, @Param("running") String running);

    @Modifying
    @Query(
            value = "update training_run set stop_reason = :reason, stop_iteration = cast(:iteration as integer) "
                    + "where id = :id",
            nativeQuery = true)
    int recordStop(@Param("id") long id, @Param("reason") String reason, @Param("iteration") Integer iteration);

    default int recordStop(long id, StopReason reason, Integer iteration) {
        return recordStop(id, reason.name(), iteration);
    }

    /** What people write about a run; the casts give a null parameter a type (PostgreSQL). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(
            value = "update training_run set name = cast(:name as varchar(400)), "
                    + "notes = cast(:notes as varchar(20000)) where id = :id",
            nativeQuery = true)
    int describe(@Param("id") long id, @Param("name") String name, @Param("notes") String notes);

    /** As {@link #recordStop(long, String, Integer)}, keeping a reason recorded with the cancel request. */
    @Modifying
    @Query(
            value = "update training_run set stop_reason = coalesce(stop_reason, :reason), "
                    + "stop_iteration = case when stop_reason is null then cast(:iteration as integer) "
                    + "else stop_iteration end where id = :id",
            nativeQuery = true)
    int recordStopUnlessRequested(
            @Param("id") long id, @Param("reason") String reason, @Param("iteration") Integer iteration);
}
