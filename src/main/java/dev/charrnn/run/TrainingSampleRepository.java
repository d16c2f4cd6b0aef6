package dev.charrnn.run;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface TrainingSampleRepository extends JpaRepository<TrainingSample, Long> {

    List<TrainingSample> findByRunIdOrderByIterationAscIdAsc(long runId);

    /** Samples recorded after the one with id {@code afterId}, in recording order (live events). */
    List<TrainingSample> findByRunIdAndIdGreaterThanOrderByIdAsc(long runId, long afterId);

    @Query("select coalesce(max(s.id), 0) from TrainingSample s where s.runId = :runId")
    long lastId(@Param("runId") long runId);

    @Modifying
    @Query("delete from TrainingSample s where s.runId = :runId and s.iteration >= :from")
    int deleteFrom(@Param("runId") long runId, @Param("from") int from);

    @Modifying
    @Query("delete from TrainingSample s where s.runId = :runId")
    int deleteByRun(@Param("runId") long runId);
}
