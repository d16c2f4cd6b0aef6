package dev.charrnn.run;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ValidationPointRepository extends JpaRepository<ValidationPoint, ValidationPoint.Key> {

    @Query("select p from ValidationPoint p where p.runId = :runId and p.iteration >= :from order by p.iteration")
    List<ValidationPoint> findFrom(@Param("runId") long runId, @Param("from") int from);

    /** The lowest loss, the earliest of equals. */
    Optional<ValidationPoint> findFirstByRunIdOrderByLossPerCharAscIterationAsc(long runId);

    @Modifying
    @Query("delete from ValidationPoint p where p.runId = :runId and p.iteration >= :from")
    int deleteFrom(@Param("runId") long runId, @Param("from") int from);
}
