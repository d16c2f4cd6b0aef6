package dev.charrnn.records;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface BestCheckpointRepository extends JpaRepository<BestCheckpoint, Long> {

    @Query(value = "select iteration from best_checkpoint where run_id = :runId", nativeQuery = true)
    Optional<Integer> findIteration(@Param("runId") long runId);
}
