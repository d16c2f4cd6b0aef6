package dev.charrnn.run;

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

    @Query("select count(r) from TrainingRun r where r.status = :queued and r.id < :id")
    long countQueuedBefore(@Param("id") long id, @Param("queued") RunStatus queued);

    @Modifying
    @Query("update TrainingRun r set r.status = :running, r.startedAt = coalesce(r.startedAt, :now) "
            + "where r.id = :id and r.status in (:queued, :running)")
    int markRunning(@Param("id") long id, @Param("now") Instant now, @Param("queued") RunStatus queued,
            @Param("running") RunStatus running);

    @Modifying
    @Query("update TrainingRun r set r.iteration = :iteration, r.smoothLoss = :smoothLoss, "
            + "r.charsPerSecond = :charsPerSecond, r.trainingMillis = :trainingMillis where r.id = :id")
    int updateProgress(@Param("id") long id, @Param("iteration") int iteration,
            @Param("smoothLoss") Double smoothLoss, @Param("charsPerSecond") Double charsPerSecond,
            @Param("trainingMillis") long trainingMillis);

    // Clears the persistence context so a run read after it in the same transaction (cancel's answer) is current.
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update TrainingRun r set r.status = :status, r.finishedAt = :now, r.finalLoss = :finalLoss, "
            + "r.minLoss = :minLoss, r.numSteps = :numSteps, r.error = :error "
            + "where r.id = :id and r.status in (:queued, :running)")
    int finish(@Param("id") long id, @Param("status") RunStatus status, @Param("now") Instant now,
            @Param("finalLoss") Double finalLoss, @Param("minLoss") Double minLoss,
            @Param("numSteps") Integer numSteps, @Param("error") String error, @Param("queued") RunStatus queued,
            @Param("running") RunStatus running);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update TrainingRun r set r.cancelRequested = true where r.id = :id and r.status in (:queued, :running)")
    int requestCancel(@Param("id") long id, @Param("queued") RunStatus queued, @Param("running") RunStatus running);

    @Query("select r.id from TrainingRun r where r.cancelRequested = true and r.id in :ids")
    List<Long> findCancelRequested(@Param("ids") Collection<Long> ids);

    @Modifying
    @Query("update TrainingRun r set r.bestValidationLossPerChar = :loss, r.bestValidationIteration = :iteration "
            + "where r.id = :id")
    int recordBestValidation(@Param("id") long id, @Param("loss") double loss, @Param("iteration") int iteration);
}
