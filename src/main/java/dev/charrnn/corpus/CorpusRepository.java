package dev.charrnn.corpus;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Corpora; the queries that do not need the text leave it in the database. */
public interface CorpusRepository extends JpaRepository<Corpus, Long> {

    // Native SQL: see TrainingRunRepository.
    @Query(
            value = "select id, sha256, characters, vocabulary_size as \"vocabularySize\" from corpus where id = :id",
            nativeQuery = true)
    Optional<CorpusInfo> findInfo(@Param("id") long id);

    @Query(
            value = "select id, sha256, characters, vocabulary_size as \"vocabularySize\" from corpus "
                    + "where sha256 = :sha256",
            nativeQuery = true)
    Optional<CorpusInfo> findInfoBySha256(@Param("sha256") String sha256);

    @Query(value = "select vocabulary from corpus where id = :id", nativeQuery = true)
    Optional<byte[]> findVocabularyUtf8(@Param("id") long id);

    @Query(value = "select content from corpus where id = :id", nativeQuery = true)
    Optional<byte[]> findContentUtf8(@Param("id") long id);
}
