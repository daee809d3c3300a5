// What a comment is about, on any text: no crash or hang; a reading is consistent (a subject
// only with kind Subject, a problem only of that subject); a phrase read as a label is 1-5
// words; the grouping features are finite.
#include "aggregator/themes/engine.hpp"
#include "common/utf8.hpp"
#include "fuzz_check.hpp"

#include <cmath>
#include <cstdint>
#include <string_view>

using namespace wardvoice;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    auto text = common::utf8::normalise(raw);
    if (!text) {
        return 0;
    }
    static themes::TextPipeline pipeline;
    const auto tokens = pipeline.tokenise(text.value());
    const auto& lexicon = themes::SubjectLexicon::standard();
    for (int side = 0; side < 3; ++side) {
        const themes::SubjectReading r = lexicon.read(tokens, side);
        FUZZ_CHECK((r.kind == themes::CommentKind::Subject) == (r.subject >= 0));
        if (r.subject >= 0) {
            FUZZ_CHECK(static_cast<std::size_t>(r.subject) < lexicon.subjects().size());
            const auto& s = lexicon.subjects()[static_cast<std::size_t>(r.subject)];
            FUZZ_CHECK(r.problem < static_cast<int>(s.problems.size()));
        } else {
            FUZZ_CHECK(r.problem < 0);
        }
        FUZZ_CHECK(!r.nothingToSay || r.kind == themes::CommentKind::General);
    }
    if (themes::isReadableLabel(text.value())) {
        std::size_t words = 0;
        bool inWord = false;
        for (char c : text.value()) {
            words += !inWord && c != ' ' ? 1 : 0;
            inWord = c != ' ';
        }
        FUZZ_CHECK(words >= 1 && words <= 5);
    }
    for (const auto& [id, count] : themes::groupingFeatures(pipeline, tokens)) {
        FUZZ_CHECK(std::isfinite(count) && count > 0);
    }
    return 0;
}
