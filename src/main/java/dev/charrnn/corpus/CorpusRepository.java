package dev.charrnn.corpus;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CorpusRepository extends JpaRepository<Corpus, Long> {

    Optional<Corpus> findBySha256(String sha256);
}
