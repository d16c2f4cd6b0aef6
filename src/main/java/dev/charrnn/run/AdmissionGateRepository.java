package dev.charrnn.run;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AdmissionGateRepository extends JpaRepository<AdmissionGate, Integer> {

    /** Holds the gate until the caller's transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from AdmissionGate g where g.id = :id")
    Optional<AdmissionGate> lock(@Param("id") int id);
}
