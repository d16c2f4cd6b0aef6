package dev.charrnn.runs;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AdmissionGateRepository extends JpaRepository<AdmissionGate, Integer> {

    /** Holds the gate until the caller's transaction ends. */
    @Query(value = "select * from admission_gate where id = :id for update", nativeQuery = true)
    Optional<AdmissionGate> lock(@Param("id") int id);
}
