package dev.charrnn.sweeps;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface SweepTrialRepository extends JpaRepository<SweepTrial, SweepTrial.Key> {

    @Query(value = "select * from sweep_trial where sweep_id = :sweepId order by trial_index", nativeQuery = true)
    List<SweepTrial> findBySweep(@Param("sweepId") long sweepId);

    @Modifying
    @Query(
            value = "update sweep_trial set run_id = :runId, run_name = :runName, run_status = :status "
                    + "where sweep_id = :sweepId and trial_index = :trial and run_id is null",
            nativeQuery = true)
    int assignRun(
            @Param("sweepId") long sweepId,
            @Param("trial") int trial,
            @Param("runId") long runId,
            @Param("runName") String runName,
            @Param("status") String status);

    @Transactional
    @Modifying
    @Query(
            value = "update sweep_trial set run_status = :status where sweep_id = :sweepId and trial_index = :trial",
            nativeQuery = true)
    int updateRunStatus(@Param("sweepId") long sweepId, @Param("trial") int trial, @Param("status") String status);

    @Transactional
    @Modifying
    @Query(
            value = "update sweep_trial set finished = true where sweep_id = :sweepId and trial_index = :trial",
            nativeQuery = true)
    int markFinished(@Param("sweepId") long sweepId, @Param("trial") int trial);

    /** A trial whose run could not be submitted (a request the run queue refuses): finished with its reason. */
    @Transactional
    @Modifying
    @Query(
            value = "update sweep_trial set run_status = 'REFUSED', finished = true, error = :error "
                    + "where sweep_id = :sweepId and trial_index = :trial and run_id is null",
            nativeQuery = true)
    int refuse(@Param("sweepId") long sweepId, @Param("trial") int trial, @Param("error") String error);

    @Transactional
    @Modifying
    @Query(
            value = "update sweep_trial set pruned_at_iteration = :iteration "
                    + "where sweep_id = :sweepId and trial_index = :trial and pruned_at_iteration is null",
            nativeQuery = true)
    int prune(@Param("sweepId") long sweepId, @Param("trial") int trial, @Param("iteration") int iteration);

    /** A pruned trial whose run finished on its own before it could be stopped: not pruned after all. */
    @Transactional
    @Modifying
    @Query(
            value =
                    "update sweep_trial set pruned_at_iteration = null where sweep_id = :sweepId and trial_index = :trial",
            nativeQuery = true)
    int unprune(@Param("sweepId") long sweepId, @Param("trial") int trial);

    @Transactional
    @Modifying
    @Query(
            value = "update sweep_trial set last_checked_iteration = :iteration "
                    + "where sweep_id = :sweepId and trial_index = :trial",
            nativeQuery = true)
    int checked(@Param("sweepId") long sweepId, @Param("trial") int trial, @Param("iteration") int iteration);
}
