// Text pipeline for the themes engine: comment text -> word tokens -> hashed features.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wardvoice::themes {

/// One word of a comment as the pipeline sees it.
struct Token {
    std::string surface;      ///< case-folded word as written ("wasn't", "nurses")
    std::string stem;         ///< Snowball English stem of `surface` ("nurs")
    bool stop = false;        ///< an English or healthcare stop word
    bool negated = false;     ///< inside the scope of a negation ("not" ... up to punctuation)
    bool negation = false;    ///< the word is itself a negation cue ("not", "never", "didn't")
    bool sentenceEnd = false; ///< punctuation that ends a clause follows this word
};

/// Which features a comment turns into.
struct FeatureOptions {
    bool bigrams = true;       ///< adjacent content-word pairs
    bool charNgrams = false;   ///< 3-5 character n-grams inside words, for misspellings
    bool stopWords = false;    ///< stop words as unigrams too (they carry tone: "very", "but")
    bool lengthBucket = false; ///< one feature for the comment's length in words
    bool markNegation =
        true; ///< "not_" on negated words (grouping wants "no hand gel" near "hand gel")
};

/// A feature id: a 64-bit hash of the feature's kind and text (collisions are negligible).
using FeatureId = std::uint64_t;

/// Case folding for Latin (incl. Latin-1 and Extended-A), Greek and Cyrillic letters.
char32_t foldCase(char32_t c);

/// `word` with its apostrophes taken out ("didn't" -> "didnt").
std::string withoutApostrophes(std::string_view word);

/// True when `word` (case-folded) is an English or healthcare stop word.
bool isStopWord(std::string_view word);

/// True when `word` (case-folded) is a negation cue: not, no, never, without, "...n't".
bool isNegationCue(std::string_view word);

/// Tokeniser + stemmer. Stems are cached, so one instance per thread.
class TextPipeline {
public:
    TextPipeline();
    ~TextPipeline();
    TextPipeline(TextPipeline&&) noexcept;
    TextPipeline& operator=(TextPipeline&&) noexcept;
    TextPipeline(const TextPipeline&) = delete;
    TextPipeline& operator=(const TextPipeline&) = delete;

    /// Words of valid UTF-8 `text`, case-folded, stemmed, with stop words and negation marked.
    /// Invalid UTF-8 bytes are treated as separators (inputs are validated before this).
    std::vector<Token> tokenise(std::string_view text);

    /// Hashed features with their raw counts (unsorted, ids unique): stems of content words
    /// ("not_" prefixed inside a negation), bigrams of adjacent content words within a clause,
    /// and optionally character n-grams.
    std::vector<std::pair<FeatureId, float>> features(const std::vector<Token>& tokens,
                                                      const FeatureOptions& options) const;

    /// Stem of one case-folded word (cached).
    const std::string& stem(const std::string& word);

private:
    struct Stemmer;
    std::unique_ptr<Stemmer> m_stemmer;
    std::unordered_map<std::string, std::string> m_cache;
};

/// FNV-1a 64 of `text`, seeded by `kind` so that word, bigram and n-gram spaces never collide.
FeatureId hashFeature(char kind, std::string_view text);

} // namespace wardvoice::themes
