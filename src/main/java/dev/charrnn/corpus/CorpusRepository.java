package dev.charrnn.corpus;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Corpora; the queries that do not need the text leave it in the database. */
public interface CorpusRepository extends JpaRepository<Corpus, Long> {

    @Query("select new dev.charrnn.corpus.CorpusInfo(c.id, c.sha256, c.characters, c.vocabularySize) "
            + "from Corpus c where c.id = :id")
    Optional<CorpusInfo> findInfo(@Param("id") long id);

    @Query("select new dev.charrnn.corpus.CorpusInfo(c.id, c.sha256, c.characters, c.vocabularySize) "
            + "from Corpus c where c.sha256 = :sha256")
    Optional<CorpusInfo> findInfoBySha256(@Param("sha256") String sha256);

    @Query("select c.vocabulary from Corpus c where c.id = :id")
    Optional<String> findVocabulary(@Param("id") long id);

    @Query("select c.content from Corpus c where c.id = :id")
    Optional<String> findContent(@Param("id") long id);
}
