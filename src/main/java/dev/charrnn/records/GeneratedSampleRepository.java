package dev.charrnn.records;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface GeneratedSampleRepository extends JpaRepository<GeneratedSample, GeneratedSample.Key> {

    List<GeneratedSample> findByRunIdOrderBySampleId(long runId);

    @Modifying
    @Query(value = "delete from generated_sample where run_id = :runId", nativeQuery = true)
    int deleteByRun(@Param("runId") long runId);
}
