package dev.charrnn.sweeps;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SweepRungRepository extends JpaRepository<SweepRung, SweepRung.Key> {

    @Query(value = "select * from sweep_rung where sweep_id = :sweepId order by rung, trial_index", nativeQuery = true)
    List<SweepRung> findBySweep(@Param("sweepId") long sweepId);
}
