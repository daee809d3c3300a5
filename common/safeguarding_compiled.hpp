// The safeguarding screen's compiled lexicons (internal to common/): patterns as word
// alternatives and gaps, indexed by their first word; cues and defusers by language.
#pragma once

#include "common/safeguarding.hpp"

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace wardvoice::common {
namespace safeguarding {

struct WordPattern {
    std::string_view text;
    bool prefix = false;
    bool matches(std::string_view word) const {
        return prefix ? word.substr(0, text.size()) == text : word == text;
    }
};

struct Element {
    int gap = -1;                                  ///< >= 0: up to `gap` words of anything
    std::vector<std::vector<WordPattern>> choices; ///< one of these word sequences
};

enum class PartKind { Words, Delay, Discharge };

struct Part {
    PartKind kind = PartKind::Words;
    std::vector<Element> elements;
};

struct Rule {
    std::size_t language = 0;
    ConcernClass concern = ConcernClass::None;
    bool weak = false; ///< counts only without a rating or with a rating of 3 or worse
    std::vector<Part> parts;
};

struct Defuser {
    std::size_t language = 0;
    unsigned concerns = 0; ///< bit per ConcernClass
    Part part;
    int before = 0;
};

struct Cues {
    std::unordered_set<std::string> negations;
    std::vector<std::string> negationPrefixes;
    std::unordered_set<std::string> clauseBreaks;
    std::unordered_set<std::string> negationStops;
};

struct PartRef {
    std::size_t rule;
    std::size_t part;
};

inline unsigned bit(ConcernClass c) {
    return 1u << static_cast<unsigned>(c);
}

} // namespace safeguarding

struct SafeguardingScreen::Compiled {
    using Part = safeguarding::Part;
    std::deque<std::string> strings; // stable storage behind every string_view below
    std::vector<std::string> languageNames;
    std::vector<safeguarding::Cues> cues;
    std::vector<safeguarding::Rule> rules;
    std::vector<safeguarding::Defuser> defusers;
    std::unordered_map<std::string_view, std::vector<safeguarding::PartRef>> exactIndex;
    std::unordered_map<std::string_view, std::vector<safeguarding::PartRef>> prefixIndex;
    std::vector<safeguarding::PartRef> specialParts; // @delay and @discharge
    std::size_t longestPrefix = 0;
    std::vector<std::string> problems;

    /// Copies `s` into `strings` and returns a view of the copy.
    std::string_view keep(std::string s);
    /// The index of language `name`, adding it the first time.
    std::size_t languageIndex(std::string_view name);
    /// One part of a pattern (between " && "); none after noting a problem.
    std::optional<Part> compilePart(std::string_view text, const std::string& where);
    static std::vector<std::string_view> splitWords(const char* list);
    /// Reads every lexicon of safeguarding_lexicon.cpp.
    void compile();
};

} // namespace wardvoice::common
