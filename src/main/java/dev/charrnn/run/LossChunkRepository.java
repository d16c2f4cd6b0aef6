package dev.charrnn.run;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface LossChunkRepository extends JpaRepository<LossChunk, LossChunk.Key> {

    @Query("select c from LossChunk c where c.runId = :runId and c.firstIteration + c.pointCount > :from "
            + "order by c.firstIteration")
    List<LossChunk> findFrom(@Param("runId") long runId, @Param("from") int from);

    /** The run's last chunk, if any. */
    @Query("select c from LossChunk c where c.runId = :runId and c.firstIteration = "
            + "(select max(d.firstIteration) from LossChunk d where d.runId = :runId)")
    java.util.Optional<LossChunk> findLast(@Param("runId") long runId);

    @Modifying
    @Query("delete from LossChunk c where c.runId = :runId and c.firstIteration >= :from")
    int deleteFrom(@Param("runId") long runId, @Param("from") int from);

    @Modifying
    @Query("delete from LossChunk c where c.runId = :runId")
    int deleteByRun(@Param("runId") long runId);
}
