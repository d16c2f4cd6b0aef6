package dev.charrnn.records;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface LossChunkRepository extends JpaRepository<LossChunk, LossChunk.Key> {

    @Query(
            value = "select * from loss_chunk where run_id = :runId and first_iteration + point_count > :from "
                    + "order by first_iteration",
            nativeQuery = true)
    List<LossChunk> findFrom(@Param("runId") long runId, @Param("from") int from);

    /** The run's last chunk, if any. */
    @Query(
            value = "select * from loss_chunk where run_id = :runId and first_iteration = "
                    + "(select max(first_iteration) from loss_chunk where run_id = :runId)",
            nativeQuery = true)
    java.util.Optional<LossChunk> findLast(@Param("runId") long runId);

    @Modifying
    @Query(value = "delete from loss_chunk where run_id = :runId and first_iteration >= :from", nativeQuery = true)
    int deleteFrom(@Param("runId") long runId, @Param("from") int from);

    @Modifying
    @Query(value = "delete from loss_chunk where run_id = :runId", nativeQuery = true)
    int deleteByRun(@Param("runId") long runId);
}
