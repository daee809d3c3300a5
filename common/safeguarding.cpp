// The safeguarding screen: tokenises a comment once (case-folded, diacritics removed, byte
// offsets kept for the reason), then matches the compiled lexicons of every language against it,
// with negation and defusing contexts judged in the trigger's own language.
#include "common/safeguarding.hpp"

#include "common/safeguarding_compiled.hpp"
#include "common/safeguarding_lexicon.hpp"
#include "common/safeguarding_model.hpp"
#include "common/screen_text.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unordered_map>
#include <unordered_set>

namespace wardvoice::common {

std::string_view toString(ConcernClass c) {
    switch (c) {
    case ConcernClass::SelfHarm:
        return "self_harm";
    case ConcernClass::HarmAbuse:
        return "harm_abuse";
    case ConcernClass::NeglectUnsafe:
        return "neglect_unsafe";
    case ConcernClass::ComplaintIntent:
        return "complaint_intent";
    case ConcernClass::None:
        break;
    }
    return "none";
}

std::optional<ConcernClass> concernClassFromString(std::string_view s) {
    for (ConcernClass c : kAllConcernClasses) {
        if (toString(c) == s) {
            return c;
        }
    }
    return std::nullopt;
}

namespace {

using namespace safeguarding;
using screen_text::tokenise;
using screen_text::Word;

constexpr std::size_t kClassCount = 4; // the flagged classes, SelfHarm .. ComplaintIntent

} // namespace

namespace {

using Compiled = SafeguardingScreen::Compiled;

struct Span {
    std::size_t first = 0; ///< first word
    std::size_t last = 0;  ///< one past the last word
    std::size_t begin = 0; ///< bytes in the comment (for the reason)
    std::size_t end = 0;
};

/// One comment's words with the clause each word is in, per language.
struct Document {
    std::vector<Word> words;
    std::vector<std::vector<int>> clause; // [language][word]
    /// The language the person wrote in, when known: its negations apply to every language's
    /// triggers, since a word can be shared ("maltrattato" is also Spanish's maltrat*).
    std::optional<std::size_t> language;
};

Document analyse(const Compiled& compiled, std::string_view text) {
    Document doc;
    doc.words = tokenise(text);
    doc.clause.resize(compiled.cues.size());
    for (std::size_t l = 0; l < compiled.cues.size(); ++l) {
        std::vector<int>& clause = doc.clause[l];
        clause.resize(doc.words.size());
        int id = 0;
        for (std::size_t i = 0; i < doc.words.size(); ++i) {
            if (i > 0 && (doc.words[i].sentence != doc.words[i - 1].sentence ||
                          compiled.cues[l].clauseBreaks.count(doc.words[i].text) > 0)) {
                ++id;
            }
            clause[i] = id;
        }
    }
    return doc;
}

/// Matches `part` from element `e` at word `pos`, staying inside clause `clause`.
bool matchFrom(const Part& part, std::size_t e, std::size_t pos, const std::vector<Word>& words,
               const std::vector<int>& clauses, int clause, std::size_t& end) {
    if (e == part.elements.size()) {
        end = pos;
        return true;
    }
    const Element& element = part.elements[e];
    if (element.gap >= 0) {
        for (int k = 0; k <= element.gap; ++k) {
            const std::size_t at = pos + static_cast<std::size_t>(k);
            if (at >= words.size() || clauses[at] != clause) {
                return false;
            }
            if (matchFrom(part, e + 1, at, words, clauses, clause, end)) {
                return true;
            }
        }
        return false;
    }
    for (const auto& sequence : element.choices) {
        std::size_t at = pos;
        bool ok = true;
        for (const WordPattern& w : sequence) {
            if (at >= words.size() || clauses[at] != clause || !w.matches(words[at].text)) {
                ok = false;
                break;
            }
            ++at;
        }
        if (ok && matchFrom(part, e + 1, at, words, clauses, clause, end)) {
            return true;
        }
    }
    return false;
}

bool isNegationCue(const Cues& cues, std::string_view word, bool english) {
    if (cues.negations.count(std::string(word)) > 0) {
        return true;
    }
    if (english && word.size() > 3 && word.substr(word.size() - 3) == "n't") {
        return true;
    }
    return std::any_of(cues.negationPrefixes.begin(), cues.negationPrefixes.end(),
                       [&](const std::string& p) { return word.substr(0, p.size()) == p; });
}

/// True when a negation cue of the language stands up to four words before `first`, in the
/// same clause, with no pause or negation stop between ("I never felt unsafe").
bool negatedIn(const Compiled& compiled, const Document& doc, std::size_t language,
               std::size_t first) {
    const Cues& cues = compiled.cues[language];
    const bool english = compiled.languageNames[language] == "en";
    const std::vector<int>& clauses = doc.clause[language];
    for (std::size_t back = 1; back <= 4 && back <= first; ++back) {
        const std::size_t j = first - back;
        const Word& w = doc.words[j];
        if (clauses[j] != clauses[first] || w.pauseAfter || cues.negationStops.count(w.text) > 0) {
            return false;
        }
        if (isNegationCue(cues, w.text, english)) {
            return true;
        }
    }
    return false;
}

/// Negated in the trigger's language, or in the language the person wrote in.
bool negated(const Compiled& compiled, const Document& doc, std::size_t language,
             std::size_t first) {
    return negatedIn(compiled, doc, language, first) ||
           (doc.language && *doc.language != language &&
            negatedIn(compiled, doc, *doc.language, first));
}

struct DefuserHit {
    std::size_t language;
    unsigned concerns;
    int before;
    std::size_t first;
    std::size_t last;
};

std::vector<DefuserHit> findDefusers(const Compiled& compiled, const Document& doc) {
    std::vector<DefuserHit> hits;
    for (const Defuser& d : compiled.defusers) {
        const std::vector<int>& clauses = doc.clause[d.language];
        for (std::size_t i = 0; i < doc.words.size(); ++i) {
            std::size_t end = 0;
            if (matchFrom(d.part, 0, i, doc.words, clauses, clauses[i], end) &&
                !negated(compiled, doc, d.language, i)) {
                hits.push_back({d.language, d.concerns, d.before, i, end});
            }
        }
    }
    return hits;
}

bool defused(const std::vector<DefuserHit>& hits, const Document& doc, std::size_t language,
             ConcernClass concern, std::size_t first, std::size_t last) {
    const std::vector<int>& clauses = doc.clause[language];
    for (const DefuserHit& h : hits) {
        // Defusers of every language count: a comment mixes languages ("suicidal" in Romanian).
        if ((h.concerns & bit(concern)) == 0 || clauses[h.first] != clauses[first] ||
            (h.first < last && first < h.last)) {
            continue;
        }
        if (h.before == 0) {
            return true;
        }
        if (h.before > 0 && h.last <= first &&
            first - h.last <= static_cast<std::size_t>(h.before)) {
            return true;
        }
        if (h.before < 0 && h.first >= last &&
            h.first - last < static_cast<std::size_t>(-h.before)) {
            return true; // "unsafe if ...": the defuser follows the trigger
        }
    }
    return false;
}

std::optional<double> numberWord(std::string_view w) {
    static const std::unordered_map<std::string_view, double> kNumbers = {
        {"one", 1},     {"two", 2},     {"three", 3},   {"four", 4},    {"five", 5},
        {"six", 6},     {"seven", 7},   {"eight", 8},   {"nine", 9},    {"ten", 10},
        {"eleven", 11}, {"twelve", 12}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
        {"fifty", 50},  {"sixty", 60},  {"ninety", 90}, {"an", 1},      {"a", 1},
        {"couple", 2},  {"few", 3},     {"several", 3}, {"many", 3},    {"another", 1}};
    const auto it = kNumbers.find(w);
    return it == kNumbers.end() ? std::nullopt : std::optional<double>(it->second);
}

/// A wait of an hour or more (or 45 minutes or more) that happened: "waited 5 hours",
/// "over an hour", "all night"; not "within 2 hours", "could be up to 3 hours", "half an hour".
std::optional<Span> findDelay(const Document& doc) {
    static const std::unordered_set<std::string_view> kHours = {"hour", "hours", "hr", "hrs", "h"};
    static const std::unordered_set<std::string_view> kMinutes = {"minutes", "mins", "min",
                                                                  "minute"};
    static const std::unordered_set<std::string_view> kEstimate = {
        "within",   "up",       "could",  "would",    "might",     "may",     "estimated",
        "estimate", "expected", "quoted", "advised",  "predicted", "less",    "under",
        "given",    "told",     "said",   "promised", "if",        "thought", "think"};
    const auto& words = doc.words;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string& unit = words[i].text;
        const bool hours = kHours.count(unit) > 0;
        const bool minutes = kMinutes.count(unit) > 0;
        std::size_t start = i;
        bool found = false;
        if (hours || minutes) {
            std::size_t n = i - 1;
            if (words[n].text == "of" && n > 0) {
                --n; // "a couple of hours"
            }
            std::optional<double> value;
            if (words[n].number) {
                value = words[n].value;
            } else {
                value = numberWord(words[n].text);
                if (value && (words[n].text == "a" || words[n].text == "an") && n > 0 &&
                    words[n - 1].text == "half") {
                    value = 0.5;
                }
            }
            if (value && words[n].sentence == words[i].sentence) {
                found = hours ? *value >= 1 : *value >= 45;
                start = n;
            } else if (hours && unit == "hours" &&
                       (words[i - 1].text == "for" || words[i - 1].text == "waited")) {
                found = true; // "waited hours", "left for hours"
                start = i - 1;
            }
        } else if ((unit == "am" || unit == "pm") && i >= 4 && words[i - 1].number &&
                   (words[i - 2].text == "till" || words[i - 2].text == "until" ||
                    words[i - 2].text == "to") &&
                   (words[i - 3].text == "am" || words[i - 3].text == "pm") &&
                   words[i - 4].number) {
            found = true; // "from 8pm till 4am": a clock range is a long wait
            start = i - 4;
        } else if ((unit == "night" && words[i - 1].text == "all") || unit == "overnight" ||
                   ((unit == "day" || unit == "morning") &&
                    (words[i - 1].text == "next" || words[i - 1].text == "following"))) {
            found = true;
            start = unit == "overnight" ? i : i - 1;
        }
        if (!found) {
            continue;
        }
        bool estimate = false;
        for (std::size_t back = 1; back <= 6 && back <= start; ++back) {
            const Word& w = words[start - back];
            if (w.sentence != words[start].sentence) {
                break;
            }
            estimate = estimate || kEstimate.count(w.text) > 0;
        }
        if (!estimate) {
            return Span{start, i + 1, words[start].begin, words[i].end};
        }
    }
    return std::nullopt;
}

std::string quoted(std::string_view comment, const Span& s) {
    std::string text(comment.substr(s.begin, s.end - s.begin));
    std::replace(text.begin(), text.end(), '\n', ' ');
    return "\"" + text + "\"";
}

} // namespace

SafeguardingScreen::SafeguardingScreen() : m_compiled(std::make_unique<Compiled>()) {
    m_compiled->compile();
}

SafeguardingScreen::~SafeguardingScreen() = default;

const SafeguardingScreen& SafeguardingScreen::standard() {
    static const SafeguardingScreen screen;
    return screen;
}

const std::vector<std::string>& SafeguardingScreen::languages() {
    return standard().m_compiled->languageNames;
}

const std::vector<std::string>& SafeguardingScreen::problems() const {
    return m_compiled->problems;
}

Status SafeguardingScreen::loadModel(const std::string& path) {
    auto model = ScreenModel::load(path);
    if (!model) {
        setModel(nullptr);
        return model.error();
    }
    setModel(std::make_shared<const ScreenModel>(std::move(model).value()));
    return {};
}

void SafeguardingScreen::setModel(std::shared_ptr<const ScreenModel> model) {
    standard().m_model.store(std::move(model));
}

std::shared_ptr<const ScreenModel> SafeguardingScreen::model() const {
    return m_model.load();
}

ScreenResult SafeguardingScreen::screen(const ScreenInput& input) const {
    ScreenResult result = screenLexicon(input);
    const auto learned = m_model.load();
    if (result.flagged || !learned || input.comment.empty()) {
        return result;
    }
    const auto p = learned->predict(input.comment, input.rating);
    const double concern = 1.0 - p[static_cast<std::size_t>(ConcernClass::None)];
    if (concern < learned->threshold()) {
        return result;
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k + 1 < p.size(); ++k) {
        best = p[k] > p[best] ? k : best;
    }
    result.flagged = true;
    result.concern = static_cast<ConcernClass>(best);
    char likelihood[16];
    std::snprintf(likelihood, sizeof(likelihood), "%.2f", concern);
    result.reason = std::string("model (") + likelihood + "): ";
    const auto words = learned->strongestWords(input.comment, result.concern, 3);
    for (std::size_t i = 0; i < words.size(); ++i) {
        result.reason += (i == 0 ? "\"" : ", \"") + words[i] + "\"";
    }
    if (words.empty()) {
        result.reason += "the comment as a whole";
    }
    return result;
}

ScreenResult SafeguardingScreen::screenLexicon(const ScreenInput& input) const {
    const Compiled& c = *m_compiled;
    Document doc = analyse(c, input.comment);
    // "pt-BR" is written in "pt"
    const std::string_view base = input.language.substr(0, input.language.find('-'));
    for (std::size_t l = 0; l < c.languageNames.size(); ++l) {
        if (c.languageNames[l] == base) {
            doc.language = l;
        }
    }
    ScreenResult result;
    if (doc.words.empty()) {
        return result;
    }
    const std::vector<DefuserHit> defuserHits = findDefusers(c, doc);
    const std::optional<Span> delay = findDelay(doc);

    // The first valid match of each part of each rule that has a part matching anywhere.
    std::unordered_map<std::size_t, std::vector<std::optional<Span>>> partMatches;
    auto record = [&](const PartRef& ref, const Span& span) {
        auto& slots = partMatches[ref.rule];
        if (slots.empty()) {
            slots.resize(c.rules[ref.rule].parts.size());
        }
        if (!slots[ref.part]) {
            slots[ref.part] = span;
        }
    };
    auto tryPart = [&](const PartRef& ref, std::size_t i) {
        const Rule& rule = c.rules[ref.rule];
        const std::vector<int>& clauses = doc.clause[rule.language];
        std::size_t end = 0;
        if (!matchFrom(rule.parts[ref.part], 0, i, doc.words, clauses, clauses[i], end)) {
            return;
        }
        // Only a rule's last part carries the concern ("crisis" && "nobody answered"): the
        // parts before it are context, which a negation or a defuser does not take away.
        const bool concernPart = ref.part + 1 == rule.parts.size();
        if (concernPart && (negated(c, doc, rule.language, i) ||
                            defused(defuserHits, doc, rule.language, rule.concern, i, end))) {
            return;
        }
        record(ref, Span{i, end, doc.words[i].begin, doc.words[end - 1].end});
    };
    for (std::size_t i = 0; i < doc.words.size(); ++i) {
        const std::string& w = doc.words[i].text;
        if (const auto it = c.exactIndex.find(w); it != c.exactIndex.end()) {
            for (const PartRef& ref : it->second) {
                tryPart(ref, i);
            }
        }
        for (std::size_t k = 1; k <= std::min(w.size(), c.longestPrefix); ++k) {
            if (const auto it = c.prefixIndex.find(std::string_view(w).substr(0, k));
                it != c.prefixIndex.end()) {
                for (const PartRef& ref : it->second) {
                    tryPart(ref, i);
                }
            }
        }
    }
    for (const PartRef& ref : c.specialParts) {
        const Part& part = c.rules[ref.rule].parts[ref.part];
        if (part.kind == PartKind::Delay && delay) {
            record(ref, *delay);
        } else if (part.kind == PartKind::Discharge && input.topic == "discharge") {
            record(ref, Span{});
        }
    }

    // Reasons of each class in the order their words appear in the comment.
    struct Reason {
        std::size_t begin;
        std::size_t end;
        std::string text;
        bool operator<(const Reason& o) const {
            return begin != o.begin ? begin < o.begin : end > o.end; // longest first
        }
    };
    std::array<std::vector<Reason>, kClassCount> reasons;
    // A good rating (1 very good, 2 good) quiets the weak rules: "he was in so much pain, the
    // crew were wonderful" is thanks, not a concern.
    const bool goodRating = input.rating && *input.rating >= 1 && *input.rating <= 2;
    for (const auto& [ruleId, slots] : partMatches) {
        if (goodRating && c.rules[ruleId].weak) {
            continue;
        }
        if (!std::all_of(slots.begin(), slots.end(), [](const auto& s) { return s.has_value(); })) {
            continue;
        }
        std::string reason;
        for (const auto& s : slots) {
            if (s->end == s->begin) {
                continue; // @discharge: nothing in the text to quote
            }
            reason += (reason.empty() ? "" : " with ") + quoted(input.comment, *s);
        }
        auto& list = reasons[static_cast<std::size_t>(c.rules[ruleId].concern)];
        if (std::none_of(list.begin(), list.end(),
                         [&](const Reason& r) { return r.text == reason; })) {
            std::size_t begin = std::string::npos;
            std::size_t end = 0;
            for (const auto& span : slots) {
                if (span->end > span->begin) { // @discharge quotes nothing
                    begin = std::min(begin, span->begin);
                    end = std::max(end, span->end);
                }
            }
            list.push_back({begin == std::string::npos ? 0 : begin, end, std::move(reason)});
        }
    }
    // The most urgent class wins; its words come first, then (named) those of the others.
    // A quote inside one already given is not given again.
    std::vector<Reason> listed;
    for (std::size_t k = 0; k < kClassCount; ++k) {
        std::sort(reasons[k].begin(), reasons[k].end());
        for (const Reason& r : reasons[k]) {
            if (listed.size() == 4 ||
                std::any_of(listed.begin(), listed.end(), [&](const Reason& l) {
                    return l.begin <= r.begin && r.end <= l.end && l.end > l.begin;
                })) {
                continue;
            }
            if (!result.flagged) {
                result.flagged = true;
                result.concern = static_cast<ConcernClass>(k);
            }
            result.reason += (listed.empty() ? "" : "; ") + r.text;
            listed.push_back(r);
            if (static_cast<ConcernClass>(k) != result.concern) {
                result.reason += " (" + std::string(toString(static_cast<ConcernClass>(k))) + ")";
            }
        }
    }
    return result;
}

ScreenResult screenComment(const ScreenInput& input) {
    return SafeguardingScreen::standard().screen(input);
}

} // namespace wardvoice::common
