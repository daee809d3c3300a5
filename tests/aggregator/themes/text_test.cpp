// Tokeniser and feature cases: case folding, apostrophes, negation, stems, misspellings.
#include "aggregator/themes/text.hpp"
#include "aggregator/themes/vectorizer.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace wardvoice::themes {
namespace {

std::vector<std::string> surfaces(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) {
        out.push_back(t.surface);
    }
    return out;
}

const Token* find(const std::vector<Token>& tokens, const std::string& surface) {
    for (const auto& t : tokens) {
        if (t.surface == surface) {
            return &t;
        }
    }
    return nullptr;
}

TEST(Tokeniser, FoldsCaseAndSplitsOnPunctuation) {
    TextPipeline p;
    EXPECT_EQ(surfaces(p.tokenise("The NURSES were Kind,friendly!")),
              (std::vector<std::string>{"the", "nurses", "were", "kind", "friendly"}));
}

TEST(Tokeniser, KeepsApostrophesInsideWordsIncludingCurlyOnes) {
    TextPipeline p;
    EXPECT_EQ(surfaces(p.tokenise("wasn\xE2\x80\x99t dad's 'quoted'")),
              (std::vector<std::string>{"wasn't", "dad's", "quoted"}));
}

TEST(Tokeniser, FoldsWelshPolishAndCyrillicLetters) {
    TextPipeline p;
    EXPECT_EQ(
        surfaces(p.tokenise(
            "\xC5\xB4YR \xC5\x81\xC3\x93\xC5\xBBKO \xD0\x9B\xD0\x86\xD0\x9A\xD0\x90\xD0\xA0")),
        (std::vector<std::string>{"\xC5\xB5yr", "\xC5\x82\xC3\xB3\xC5\xBCko",
                                  "\xD0\xBB\xD1\x96\xD0\xBA\xD0\xB0\xD1\x80"}));
}

TEST(Tokeniser, InvalidBytesSeparateWordsInsteadOfCrashing) {
    TextPipeline p;
    EXPECT_EQ(surfaces(p.tokenise("good\xFF\xFEward\xC3")),
              (std::vector<std::string>{"good", "ward"}));
}

TEST(Tokeniser, StemsWithSnowballEnglish) {
    TextPipeline p;
    const auto tokens = p.tokenise("nurses waiting dispensers");
    ASSERT_EQ(tokens.size(), 3u);
    EXPECT_EQ(tokens[0].stem, "nurs");
    EXPECT_EQ(tokens[1].stem, "wait");
    EXPECT_EQ(tokens[2].stem, "dispens");
}

TEST(Tokeniser, MarksStopWordsAndNegationCues) {
    TextPipeline p;
    const auto tokens = p.tokenise("the ward was not clean");
    EXPECT_TRUE(find(tokens, "the")->stop);
    EXPECT_FALSE(find(tokens, "ward")->stop);
    EXPECT_TRUE(find(tokens, "not")->negation);
    EXPECT_TRUE(isNegationCue("didn't"));
    EXPECT_TRUE(isNegationCue("never"));
    EXPECT_FALSE(isNegationCue("note"));
}

TEST(Tokeniser, NegationReachesTheNextContentWordsOfTheClauseOnly) {
    TextPipeline p;
    const auto tokens = p.tokenise("not very clean. Staff kind");
    EXPECT_TRUE(find(tokens, "clean")->negated);
    EXPECT_FALSE(find(tokens, "staff")->negated) << "a full stop ends the scope";
    const auto butTokens = p.tokenise("not noisy but cold");
    EXPECT_TRUE(find(butTokens, "noisy")->negated);
    EXPECT_FALSE(find(butTokens, "cold")->negated) << "\"but\" ends the scope";
}

TEST(Features, NotCleanDiffersFromClean) {
    TextPipeline p;
    const FeatureOptions words{false, false, false, false};
    const auto clean = p.features(p.tokenise("clean"), words);
    const auto notClean = p.features(p.tokenise("not clean"), words);
    ASSERT_EQ(clean.size(), 1u);
    bool sharesClean = false;
    for (const auto& [id, count] : notClean) {
        sharesClean = sharesClean || id == clean[0].first;
    }
    EXPECT_FALSE(sharesClean);
}

TEST(Features, BigramsJoinAdjacentContentWordsWithinAClause) {
    TextPipeline p;
    const FeatureOptions withBigrams{true, false, false, false};
    const auto f = p.features(p.tokenise("hand gel. empty"), withBigrams);
    const auto has = [&](FeatureId id) {
        for (const auto& [fid, c] : f) {
            if (fid == id) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(has(hashFeature('b', "hand gel")));
    EXPECT_FALSE(has(hashFeature('b', "gel empti"))) << "no bigram across a full stop";
}

TEST(Features, CharacterNgramsLinkAMisspellingToTheWord) {
    TextPipeline p;
    FeatureOptions words{false, false, false, false};
    FeatureOptions chars{false, true, false, false};
    auto similarity = [&](const FeatureOptions& o) {
        const std::vector<FeatureCounts> docs = {p.features(p.tokenise("dispenser"), o),
                                                 p.features(p.tokenise("dispensor"), o)};
        const auto vocabulary = Vocabulary::fit(docs, 1);
        return dot(vocabulary.transform(docs[0]), vocabulary.transform(docs[1]));
    };
    EXPECT_FLOAT_EQ(similarity(words), 0.0f);
    EXPECT_GT(similarity(chars), 0.3f);
}

TEST(Vectorizer, SublinearTfIdfIsUnitLengthAndDropsRareFeatures) {
    const std::vector<FeatureCounts> docs = {{{1, 4.0f}, {2, 1.0f}}, {{1, 1.0f}}, {{3, 1.0f}}};
    const auto vocabulary = Vocabulary::fit(docs, 2);
    ASSERT_EQ(vocabulary.size(), 1u) << "features 2 and 3 occur in one document only";
    const auto v = vocabulary.transform(docs[0]);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_FLOAT_EQ(v.value[0], 1.0f);
    const auto all = Vocabulary::fit(docs, 1);
    // idf = ln((1 + 3) / (1 + df)) + 1
    EXPECT_NEAR(all.idf()[*all.find(1)], std::log(4.0 / 3.0) + 1.0, 1e-6);
    EXPECT_NEAR(all.idf()[*all.find(2)], std::log(2.0) + 1.0, 1e-6);
    const auto w = all.transform(docs[0]);
    const float a = (1.0f + std::log(4.0f)) * all.idf()[*all.find(1)];
    const float b = all.idf()[*all.find(2)];
    EXPECT_NEAR(w.value[0] / w.value[1], a / b, 1e-5);
}

} // namespace
} // namespace wardvoice::themes
