package dev.charrnn.records;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TrainingSampleRepository extends JpaRepository<TrainingSample, Long> {

    List<TrainingSample> findByRunIdOrderByIterationAscIdAsc(long runId);

    /** Samples recorded after the one with id {@code afterId}, in recording order (live events). */
    List<TrainingSample> findByRunIdAndIdGreaterThanOrderByIdAsc(long runId, long afterId);

    @Query(value = "select coalesce(max(id), 0) from training_sample where run_id = :runId", nativeQuery = true)
    long lastId(@Param("runId") long runId);

    @Modifying
    @Query(value = "delete from training_sample where run_id = :runId and iteration >= :from", nativeQuery = true)
    int deleteFrom(@Param("runId") long runId, @Param("from") int from);

    @Modifying
    @Query(value = "delete from training_sample where run_id = :runId", nativeQuery = true)
    int deleteByRun(@Param("runId") long runId);
}
