package dev.charrnn.records;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ValidationPointRepository extends JpaRepository<ValidationPoint, ValidationPoint.Key> {

    @Query(
            value = "select * from validation_point where run_id = :runId and iteration >= :from order by iteration",
            nativeQuery = true)
    List<ValidationPoint> findFrom(@Param("runId") long runId, @Param("from") int from);

    /** The points of several runs, by run and iteration (an empty collection is not allowed). */
    @Query(
            value = "select * from validation_point where run_id in (:runIds) order by run_id, iteration",
            nativeQuery = true)
    List<ValidationPoint> findByRuns(@Param("runIds") Collection<Long> runIds);

    /** The lowest loss, the earliest of equals. */
    Optional<ValidationPoint> findFirstByRunIdOrderByLossPerCharAscIterationAsc(long runId);

    @Modifying
    @Query(value = "delete from validation_point where run_id = :runId and iteration >= :from", nativeQuery = true)
    int deleteFrom(@Param("runId") long runId, @Param("from") int from);
}
