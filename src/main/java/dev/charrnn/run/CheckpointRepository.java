package dev.charrnn.run;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface CheckpointRepository extends JpaRepository<Checkpoint, Long> {

    @Query("select c.iteration from Checkpoint c where c.runId = :runId")
    Optional<Integer> findIteration(@Param("runId") long runId);
}
