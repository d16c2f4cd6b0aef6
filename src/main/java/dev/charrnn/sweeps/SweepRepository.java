package dev.charrnn.sweeps;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface SweepRepository extends JpaRepository<Sweep, Long> {

    Page<Sweep> findAllByOrderByIdDesc(Pageable pageable);

    @Query(value = "select id from sweep where status = :status order by id", nativeQuery = true)
    List<Long> findIdsByStatus(@Param("status") String status);

    /**
     * Locks a running sweep's row for the rest of the transaction; 0 when it is not running. Submitting a trial
     * and cancelling the sweep both take this row, so a cancel sees every run submitted before it.
     */
    @Modifying
    @Query(value = "update sweep set status = status where id = :id and status = 'RUNNING'", nativeQuery = true)
    int lockRunning(@Param("id") long id);

    /** Ends a running sweep; 1 if it was running. */
    @Transactional
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(
            value = "update sweep set status = :status, finished_at = :now where id = :id and status = 'RUNNING'",
            nativeQuery = true)
    int finish(@Param("id") long id, @Param("status") String status, @Param("now") Instant now);
}
