// The subject vocabulary: compiling its patterns and reading comments with them.
#include "aggregator/themes/subjects.hpp"

#include "aggregator/themes/subject_lexicon.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace wardvoice::themes {

namespace {

constexpr std::size_t kProblemWindow = 8; ///< words either side of a mention a problem may be

// One word of a pattern: exact, or a prefix ("bell*"), with the words allowed before it.
struct WordSpec {
    std::string text;
    bool prefix = false;
    std::size_t gapBefore = 0;
};

using Alternative = std::vector<WordSpec>;

std::string normaliseWord(std::string_view word) {
    return withoutApostrophes(word);
}

// The space-separated words of `text`.
std::vector<std::string> splitWords(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') {
            ++j;
        }
        if (j > i) {
            out.emplace_back(text.substr(i, j - i));
        }
        i = j;
    }
    return out;
}

// "a b|c* ~2 d" -> alternatives of word specs. Hyphens and slashes separate words, as the
// tokeniser splits them.
std::vector<Alternative> parsePatterns(std::string_view text) {
    std::vector<Alternative> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t bar = text.find('|', start);
        if (bar == std::string_view::npos) {
            bar = text.size();
        }
        std::string alt(text.substr(start, bar - start));
        std::replace(alt.begin(), alt.end(), '-', ' ');
        std::replace(alt.begin(), alt.end(), '/', ' ');
        std::replace(alt.begin(), alt.end(), '&', ' ');
        Alternative words;
        std::size_t gap = 0;
        for (std::string& word : splitWords(alt)) {
            if (word[0] == '~') {
                gap = static_cast<std::size_t>(std::stoul(word.substr(1)));
                continue;
            }
            WordSpec spec;
            spec.prefix = word.back() == '*';
            if (spec.prefix) {
                word.pop_back();
            }
            spec.text = normaliseWord(word);
            spec.gapBefore = gap;
            gap = 0;
            if (!spec.text.empty()) {
                words.push_back(std::move(spec));
            }
        }
        if (!words.empty()) {
            out.push_back(std::move(words));
        }
        start = bar + 1;
    }
    return out;
}

bool wordMatches(const WordSpec& spec, const std::string& word) {
    return spec.prefix ? word.compare(0, spec.text.size(), spec.text) == 0 : word == spec.text;
}

// A set of alternatives indexed by their first word, for fast matching over a comment.
class PatternSet {
public:
    void add(const std::vector<Alternative>& alternatives, int owner) {
        for (const auto& alt : alternatives) {
            const std::size_t id = m_alternatives.size();
            m_alternatives.push_back({alt, owner});
            const auto& first = alt.front();
            (first.prefix ? m_byPrefix : m_byWord)[first.text].push_back(id);
            m_longestPrefix = std::max(m_longestPrefix, first.text.size());
        }
    }

    struct Hit {
        int owner = -1;
        std::size_t begin = 0;
        std::size_t end = 0; ///< one past the last word
        std::size_t words = 0;
    };

    // Every match starting at word `at`.
    template <typename F>
    void matchAt(const std::vector<std::string>& words, std::size_t at, F&& onHit) const {
        for (std::size_t id : candidates(words[at])) {
            const auto& [alt, owner] = m_alternatives[id];
            std::size_t end = 0;
            if (matchRest(alt, words, at, end)) {
                onHit(Hit{owner, at, end, alt.size()});
            }
        }
    }

    // True when some alternative matches inside words [from, to).
    bool anyWithin(const std::vector<std::string>& words, std::size_t from, std::size_t to,
                   int owner) const {
        bool found = false;
        for (std::size_t i = from; i < to && !found; ++i) {
            matchAt(words, i, [&](const Hit& h) {
                if (h.owner == owner && h.end <= to) {
                    found = true;
                }
            });
        }
        return found;
    }

private:
    // The alternatives whose first word fits `word`, remembered per thread (a comment's words
    // repeat across a corpus, so this is one hash lookup a word).
    const std::vector<std::size_t>& candidates(const std::string& word) const {
        thread_local std::unordered_map<const PatternSet*,
                                        std::unordered_map<std::string, std::vector<std::size_t>>>
            caches;
        auto& cache = caches[this];
        if (auto it = cache.find(word); it != cache.end()) {
            return it->second;
        }
        if (cache.size() > 200'000) {
            cache.clear();
        }
        std::vector<std::size_t> found;
        if (auto it = m_byWord.find(word); it != m_byWord.end()) {
            found = it->second;
        }
        const std::size_t longest = std::min(m_longestPrefix, word.size());
        for (std::size_t n = 1; n <= longest; ++n) {
            if (auto it = m_byPrefix.find(word.substr(0, n)); it != m_byPrefix.end()) {
                found.insert(found.end(), it->second.begin(), it->second.end());
            }
        }
        return cache.emplace(word, std::move(found)).first->second;
    }

    static bool matchRest(const Alternative& alt, const std::vector<std::string>& words,
                          std::size_t at, std::size_t& end) {
        std::size_t pos = at + 1;
        for (std::size_t k = 1; k < alt.size(); ++k) {
            const auto& spec = alt[k];
            bool found = false;
            for (std::size_t skip = 0; skip <= spec.gapBefore && pos + skip < words.size();
                 ++skip) {
                if (wordMatches(spec, words[pos + skip])) {
                    pos += skip + 1;
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        end = pos;
        return true;
    }

    std::vector<std::pair<Alternative, int>> m_alternatives;
    std::unordered_map<std::string, std::vector<std::size_t>> m_byWord;
    std::unordered_map<std::string, std::vector<std::size_t>> m_byPrefix;
    std::size_t m_longestPrefix = 0;
};

// A space-separated word list, with `*` prefixes.
struct WordList {
    std::unordered_set<std::string> exact;
    std::vector<std::string> prefixes;

    explicit WordList(std::string_view text) {
        for (const std::string& written : splitWords(text)) {
            std::string word = normaliseWord(written);
            if (!word.empty() && word.back() == '*') {
                word.pop_back();
                prefixes.push_back(word);
            } else {
                exact.insert(word);
            }
        }
    }

    bool contains(std::string_view word) const {
        if (exact.count(std::string(word)) != 0) {
            return true;
        }
        return std::any_of(prefixes.begin(), prefixes.end(),
                           [&](const std::string& p) { return word.compare(0, p.size(), p) == 0; });
    }
};

} // namespace

struct SubjectLexicon::Compiled {
    std::vector<Subject> subjects;
    std::unordered_map<std::string, int> byKey;
    std::unordered_map<std::string, int> byLabel;
    PatternSet terms;                 ///< owner: subject index
    std::vector<PatternSet> problems; ///< per subject; owner: problem index
    PatternSet nothing;               ///< owner 0
    WordList general{kGeneralWords};
    WordList evaluative{kEvaluativeWords};
    WordList nonLabel{kNonLabelWords};
    std::unordered_map<std::string, std::string> categoryLabels;
    int overall = -1;
};

SubjectLexicon::SubjectLexicon() : m(std::make_unique<Compiled>()) {
    for (std::size_t s = 0; s < kSubjectTextCount; ++s) {
        const SubjectText& text = kSubjectTexts[s];
        Subject subject;
        subject.key = text.key;
        subject.label = text.label;
        subject.tier = text.tier;
        m->terms.add(parsePatterns(text.terms), static_cast<int>(s));
        PatternSet problems;
        std::string_view rest = text.problems;
        while (!rest.empty()) {
            const std::size_t semi = rest.find(';');
            const std::string_view one = rest.substr(0, semi);
            const std::size_t eq = one.find('=');
            if (eq != std::string_view::npos) {
                problems.add(parsePatterns(one.substr(eq + 1)),
                             static_cast<int>(subject.problems.size()));
                subject.problems.push_back({std::string(one.substr(0, eq))});
            }
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        }
        m->problems.push_back(std::move(problems));
        m->byKey[subject.key] = static_cast<int>(s);
        m->byLabel[subject.label] = static_cast<int>(s);
        m->subjects.push_back(std::move(subject));
    }
    m->overall = m->byKey.at(kOverallSubject);
    for (std::size_t c = 0; c < kSubjectCategoryCount; ++c) {
        m->subjects[static_cast<std::size_t>(m->byKey.at(kSubjectCategories[c].key))].category =
            kSubjectCategories[c].category;
    }
    m->nothing.add(parsePatterns(kNothingPatterns), 0);
    for (std::size_t c = 0; c < kCategoryTextCount; ++c) {
        m->categoryLabels[kCategoryTexts[c].category] = kCategoryTexts[c].label;
    }
}

SubjectLexicon::~SubjectLexicon() = default;

const SubjectLexicon& SubjectLexicon::standard() {
    static const SubjectLexicon lexicon;
    return lexicon;
}

const std::vector<Subject>& SubjectLexicon::subjects() const {
    return m->subjects;
}

std::optional<int> SubjectLexicon::find(std::string_view key) const {
    if (auto it = m->byKey.find(std::string(key)); it != m->byKey.end()) {
        return it->second;
    }
    return std::nullopt;
}

const std::string& SubjectLexicon::subjectCategory(int subject) const {
    return m->subjects[static_cast<std::size_t>(subject)].category;
}

std::optional<int> SubjectLexicon::findByLabel(std::string_view label) const {
    if (auto it = m->byLabel.find(std::string(label)); it != m->byLabel.end()) {
        return it->second;
    }
    return std::nullopt;
}

bool SubjectLexicon::isEvaluative(std::string_view word) const {
    return m->evaluative.contains(normaliseWord(word));
}

bool SubjectLexicon::isGeneralWord(std::string_view word) const {
    return m->general.contains(normaliseWord(word));
}

bool SubjectLexicon::isLabelWord(std::string_view word) const {
    const std::string w = normaliseWord(word);
    return w.size() > 1 && !isStopWord(word) && !isNegationCue(word) &&
           !m->evaluative.contains(w) && !m->nonLabel.contains(w);
}

std::string SubjectLexicon::categoryLabel(std::string_view category) const {
    if (auto it = m->categoryLabels.find(std::string(category)); it != m->categoryLabels.end()) {
        return it->second;
    }
    return "";
}

SubjectReading SubjectLexicon::read(const std::vector<Token>& tokens, int sentimentClass) const {
    SubjectReading reading;
    if (tokens.empty()) {
        reading.kind = CommentKind::General;
        reading.nothingToSay = true;
        return reading;
    }
    std::vector<std::string> words;
    words.reserve(tokens.size());
    for (const auto& t : tokens) {
        words.push_back(normaliseWord(t.surface));
    }
    // Every mention; where two overlap, the longer one stands ("blood pressure" over "blood").
    std::vector<PatternSet::Hit> hits;
    for (std::size_t i = 0; i < words.size(); ++i) {
        m->terms.matchAt(words, i, [&](const PatternSet::Hit& h) { hits.push_back(h); });
    }
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) {
        if (a.words != b.words) {
            return a.words > b.words;
        }
        return a.begin != b.begin ? a.begin < b.begin : a.owner < b.owner;
    });
    std::vector<PatternSet::Hit> kept;
    for (const auto& h : hits) {
        const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const auto& k) {
            return h.begin < k.end && k.begin < h.end && k.owner != h.owner;
        });
        if (!overlaps) {
            kept.push_back(h);
        }
    }
    // The content words that are not general ones tell praise from a specific comment.
    std::size_t content = 0;
    std::size_t specific = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].stop || tokens[i].negation) {
            continue;
        }
        ++content;
        if (!m->general.contains(words[i]) && !m->evaluative.contains(words[i])) {
            ++specific;
        }
    }
    // "Nothing", "n/a", "all good", "did not answer", "couldn't find fault": short, and
    // nothing specific in it.
    if (kept.empty() && specific <= 1 && tokens.size() <= 24) {
        bool nothing = false;
        for (std::size_t begin = 0; begin < words.size() && !nothing; ++begin) {
            m->nothing.matchAt(words, begin, [&](const PatternSet::Hit&) { nothing = true; });
        }
        if (nothing && (specific == 0 || sentimentClass != 2)) {
            reading.kind = CommentKind::General;
            reading.nothingToSay = true;
            return reading;
        }
    }
    if (kept.empty()) {
        // No subject: praise (or a remark) in general words is the general bucket, and so is
        // praise with a stray word or two; a complaint in general words is about the
        // experience as a whole; anything else is grouped by its words.
        if (specific == 0) {
            if (sentimentClass == 2) {
                reading.kind = CommentKind::Subject;
                reading.subject = m->overall;
                if (m->problems[static_cast<std::size_t>(m->overall)].anyWithin(words, 0,
                                                                                words.size(), 0)) {
                    reading.problem = 0;
                }
            } else {
                reading.kind = CommentKind::General;
            }
            return reading;
        }
        if (sentimentClass == 0 && specific * 4 <= content) {
            reading.kind = CommentKind::General;
            return reading;
        }
        reading.kind = CommentKind::Other;
        return reading;
    }
    // The leading subject: the more specific, then one with a problem named in a complaint,
    // then the longer mention, then the first.
    struct Scored {
        const PatternSet::Hit* hit;
        int problem;
    };
    std::vector<Scored> scored;
    for (const auto& h : kept) {
        const auto s = static_cast<std::size_t>(h.owner);
        const std::size_t from = h.begin > kProblemWindow ? h.begin - kProblemWindow : 0;
        const std::size_t to = std::min(words.size(), h.end + kProblemWindow);
        int problem = -1;
        for (std::size_t p = 0; p < m->subjects[s].problems.size() && problem < 0; ++p) {
            // the words of the mention itself may carry the problem ("more staff")
            if (m->problems[s].anyWithin(words, from, to, static_cast<int>(p))) {
                problem = static_cast<int>(p);
            }
        }
        scored.push_back({&h, problem});
    }
    const bool complaint = sentimentClass == 2;
    const auto best =
        std::min_element(scored.begin(), scored.end(), [&](const auto& a, const auto& b) {
            const int at = m->subjects[static_cast<std::size_t>(a.hit->owner)].tier;
            const int bt = m->subjects[static_cast<std::size_t>(b.hit->owner)].tier;
            if (at != bt) {
                return at > bt;
            }
            const bool ap = complaint && a.problem >= 0;
            const bool bp = complaint && b.problem >= 0;
            if (ap != bp) {
                return ap;
            }
            if (a.hit->words != b.hit->words) {
                return a.hit->words > b.hit->words;
            }
            return a.hit->begin < b.hit->begin;
        });
    reading.kind = CommentKind::Subject;
    reading.subject = best->hit->owner;
    reading.problem = best->problem;
    return reading;
}

bool isReadableLabel(std::string_view label) {
    const auto& lexicon = SubjectLexicon::standard();
    std::vector<std::string> words = splitWords(label);
    for (auto& w : words) {
        for (char& c : w) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (words.empty() || words.size() > 5) {
        return false;
    }
    for (const auto& w : words) {
        if (lexicon.isEvaluative(w)) {
            return false;
        }
    }
    // both ends carry meaning: "call bells", "noise at night", never "expensive for daily"
    return lexicon.isLabelWord(words.front()) && lexicon.isLabelWord(words.back());
}

} // namespace wardvoice::themes
