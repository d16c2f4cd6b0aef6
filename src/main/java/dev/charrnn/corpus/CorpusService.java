package dev.charrnn.corpus;

import dev.charrnn.nn.Vocabulary;
import dev.charrnn.system.ApiException;
import dev.charrnn.system.CharrnnProperties;
import dev.charrnn.system.Utf8Text;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Stores training texts once (by SHA-256) and checks that a text can be trained on. */
@Service
public class CorpusService {
    private final CorpusRepository corpora;
    private final CharrnnProperties properties;
    private final TransactionTemplate ownTransaction;

    public CorpusService(
            CorpusRepository corpora, CharrnnProperties properties, PlatformTransactionManager transactions) {
        this.corpora = corpora;
        this.properties = properties;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Stores {@code text} unless an identical text is stored already; either way returns the stored corpus. Called
     * alone, the insert is a transaction of its own, so that when concurrent requests store the same new text, the
     * ones whose insert loses the race on the unique hash read the winner's row instead of failing. Within a
     * caller's transaction (a run submission, serialized by the admission gate) it joins it: a second connection
     * per request could exhaust the pool while the gate's holder waits for one.
     */
    public CorpusInfo store(String text) {
        checkTrainable(text);
        String sha = sha256(text.getBytes(StandardCharsets.UTF_8));
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return findOrInsert(sha, text);
        }
        try {
            return ownTransaction.execute(status -> findOrInsert(sha, text));
        } catch (DataAccessException raced) {
            return ownTransaction
                    .execute(status -> corpora.findInfoBySha256(sha))
                    .orElseThrow(() -> raced);
        }
    }

    private CorpusInfo findOrInsert(String sha, String text) {
        return corpora.findInfoBySha256(sha).orElseGet(() -> insert(sha, text));
    }

    private CorpusInfo insert(String sha, String text) {
        Vocabulary vocabulary = Vocabulary.of(text);
        Corpus corpus = corpora.saveAndFlush(new Corpus(
                sha,
                text,
                text.codePointCount(0, text.length()),
                String.join("", vocabulary.characters()),
                vocabulary.size(),
                Instant.now()));
        return new CorpusInfo(corpus.getId(), sha, corpus.getCharacters(), corpus.getVocabularySize());
    }

    /** Decodes an upload as strict UTF-8 (a leading byte-order mark is dropped). */
    public String decodeUtf8(byte[] bytes) {
        checkSize(bytes.length);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the corpus is not valid UTF-8 text");
        }
    }

    @Transactional(readOnly = true)
    public CorpusInfo get(long id) {
        return corpora.findInfo(id).orElseThrow(() -> ApiException.notFound("corpus", id));
    }

    @Transactional(readOnly = true)
    public String text(long id) {
        return corpora.findContentUtf8(id).map(Utf8Text::decode).orElseThrow(() -> ApiException.notFound("corpus", id));
    }

    /** The corpus' characters in index order (as {@code Vocabulary.of(text)} would give them). */
    @Transactional(readOnly = true)
    public Vocabulary vocabulary(long id) {
        String stored = corpora.findVocabularyUtf8(id).map(Utf8Text::decode).orElse(null);
        if (stored == null) {
            return Vocabulary.of(text(id));
        }
        return Vocabulary.ofCharacters(
                stored.codePoints().mapToObj(Character::toString).toList());
    }

    private void checkTrainable(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiException.badRequest("the corpus is empty: a model needs text to learn from");
        }
        // UTF-8 takes at most 3 bytes per UTF-16 unit: only a text that might be too large is encoded to measure it
        if ((long) text.length() * 3 > properties.maxCorpusBytes().toBytes()) {
            checkSize(text.getBytes(StandardCharsets.UTF_8).length);
        }
        if (text.codePoints().distinct().limit(2).count() < 2) {
            throw ApiException.badRequest("the corpus has a single distinct character: there is nothing to predict");
        }
    }

    private void checkSize(long bytes) {
        long max = properties.maxCorpusBytes().toBytes();
        if (bytes > max) {
            throw new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the corpus has " + bytes + " bytes; the limit (charrnn.max-corpus-bytes) is " + max);
        }
    }

    /** Lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
