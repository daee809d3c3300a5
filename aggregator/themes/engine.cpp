// The themes engine: comments -> category, sentiment, emergent theme with a label and a stable id.
#include "aggregator/themes/engine.hpp"

#include "aggregator/themes/labels.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <thread>

namespace wardvoice::themes {

namespace {

constexpr std::size_t kSignatureWords = 200;
constexpr float kCategorySoftmaxScale = 4.0f;
constexpr float kCategoryMinShare = 0.05f;
/// A group of words is named by a phrase only when this share of its comments holds it.
constexpr double kLabelSupport = 0.4;
/// ...and it has at least this many comments.
constexpr std::size_t kMinGroupTheme = 5;

const FeatureOptions kClusterFeatures{true, false, false, false, false};

using Signature = std::vector<std::pair<FeatureId, float>>;

// The category block: softmax of the margins, entries under 5% dropped, unit length.
std::vector<std::pair<std::size_t, float>> categoryBlock(const std::vector<float>& margins) {
    std::vector<std::pair<std::size_t, float>> out;
    if (margins.empty()) {
        return out;
    }
    const float top = *std::max_element(margins.begin(), margins.end());
    double sum = 0;
    std::vector<double> p(margins.size());
    for (std::size_t c = 0; c < margins.size(); ++c) {
        p[c] = std::exp(kCategorySoftmaxScale * (margins[c] - top));
        sum += p[c];
    }
    double norm = 0;
    for (std::size_t c = 0; c < margins.size(); ++c) {
        const double share = p[c] / sum;
        if (share >= kCategoryMinShare) {
            out.emplace_back(c, static_cast<float>(share));
            norm += share * share;
        }
    }
    for (auto& [c, v] : out) {
        v = static_cast<float>(v / std::sqrt(norm));
    }
    return out;
}

std::optional<int> usableRating(const std::optional<int>& rating) {
    if (rating && *rating >= 1 && *rating <= 5) {
        return rating;
    }
    return std::nullopt;
}

double signatureCosine(const Signature& a, const Signature& b) {
    std::unordered_map<FeatureId, float> map(a.begin(), a.end());
    double s = 0;
    for (const auto& [id, v] : b) {
        if (auto it = map.find(id); it != map.end()) {
            s += static_cast<double>(it->second) * v;
        }
    }
    return s;
}

std::string hex(FeatureId id) {
    char buffer[17];
    std::snprintf(buffer, sizeof(buffer), "%016llx", static_cast<unsigned long long>(id));
    return buffer;
}

std::optional<FeatureId> fromHex(const std::string& s) {
    if (s.size() != 16 || s.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return std::nullopt;
    }
    return static_cast<FeatureId>(std::stoull(s, nullptr, 16));
}

nlohmann::json signatureJson(const Signature& sig) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [id, v] : sig) {
        out[hex(id)] = v;
    }
    return out;
}

bool signatureFromJson(const nlohmann::json& j, Signature& sig) {
    if (!j.is_object()) {
        return false;
    }
    for (const auto& [key, value] : j.items()) {
        const auto id = fromHex(key);
        if (!id || !value.is_number()) {
            return false;
        }
        sig.emplace_back(*id, value.get<float>());
    }
    std::sort(sig.begin(), sig.end());
    return true;
}

// What the per-comment pass keeps of every comment.
struct Prepared {
    FeatureCounts clusterCounts; ///< grouping words, for comments of kind Other only
    std::vector<std::pair<std::size_t, float>> categories;
    SubjectReading reading;
    std::size_t words = 0;
};

void prepareAll(const CommentModel& model, const std::vector<ThemeComment>& comments,
                std::vector<Prepared>& prepared, std::vector<CommentResult>& results,
                unsigned threads, const std::vector<std::vector<float>>* override,
                const ProgressFn& progress, const std::atomic<bool>* cancel) {
    const std::size_t n = comments.size();
    prepared.assign(n, {});
    results.assign(n, {});
    std::atomic<std::size_t> done{0};
    std::vector<std::thread> pool;
    threads = std::max(1u, threads);
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            TextPipeline pipeline;
            const std::size_t begin = n * t / threads;
            const std::size_t end = n * (t + 1) / threads;
            for (std::size_t i = begin; i < end; ++i) {
                const auto tokens = pipeline.tokenise(comments[i].text);
                auto& p = prepared[i];
                p.words = tokens.size();
                const auto x = model.vectorise(pipeline.features(tokens, model.featureOptions()));
                auto a = model.analyse(x, usableRating(comments[i].rating), comments[i].topic);
                p.reading = readSubject(model, tokens, a);
                results[i].category = a.category;
                results[i].sentiment = a.sentiment;
                results[i].sentimentClass = a.sentimentClass;
                results[i].kind = p.reading.kind;
                if (p.reading.kind == CommentKind::Other) {
                    p.categories = categoryBlock(override ? (*override)[i] : a.categoryScores);
                    p.clusterCounts = groupingFeatures(pipeline, tokens);
                }
                if (((i - begin) & 1023) == 1023) {
                    if (cancel != nullptr && cancel->load()) {
                        return;
                    }
                    done += 1024;
                    if (t == 0 && progress) {
                        progress("reading comments", done.load(), n);
                    }
                }
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    if (progress) {
        progress("reading comments", n, n);
    }
}

// A comment's clustering vector: its words (weight 1 - beta) and its category block (beta).
SparseVector combine(SparseVector words,
                     const std::vector<std::pair<std::size_t, float>>& categories,
                     std::size_t wordDims, float categoryWeight) {
    const float wordScale = std::sqrt(1.0f - categoryWeight);
    const float categoryScale = std::sqrt(categoryWeight);
    const bool hasWords = !words.empty();
    for (float& v : words.value) {
        v *= wordScale;
    }
    for (const auto& [c, v] : categories) {
        words.index.push_back(static_cast<std::uint32_t>(wordDims + c));
        words.value.push_back(v * categoryScale);
    }
    if (!hasWords) {
        normalise(words);
    }
    return words;
}

// A theme while it is being put together: its comments and, for groups of words, the centre.
struct Draft {
    std::string subject; ///< vocabulary key, "" for a group of words
    std::string label;
    std::vector<std::size_t> members;
    std::vector<double> centre; ///< dense over the grouping's dims, size-weighted; may be empty
};

// Admission threshold of each theme: the 5th percentile of the similarity of its members that
// were grouped by their words, measured the way ThemeIndex measures a new comment (on up to 200
// members per theme). A theme without such members admits no comment by words alone.
void setAdmission(const CommentModel& model, const std::vector<ThemeComment>& comments,
                  ThemeRun& run, float categoryWeight) {
    std::unordered_map<int, std::size_t> position;
    for (std::size_t t = 0; t < run.state.themes.size(); ++t) {
        position[run.state.themes[t].id] = t;
    }
    std::vector<std::vector<std::size_t>> members(run.state.themes.size());
    for (std::size_t i = 0; i < comments.size(); ++i) {
        if (run.comments[i].kind != CommentKind::Other) {
            continue;
        }
        if (auto it = position.find(run.comments[i].themeId); it != position.end()) {
            members[it->second].push_back(i);
        }
    }
    for (auto& t : run.state.themes) {
        t.admitSimilarity = 0; // admit everything while measuring
    }
    const ThemeIndex index(model, run.state, categoryWeight);
    TextPipeline pipeline;
    for (std::size_t t = 0; t < members.size(); ++t) {
        const auto& m = members[t];
        const std::size_t take = std::min<std::size_t>(200, m.size());
        std::vector<float> sims;
        for (std::size_t j = 0; j < take; ++j) {
            float sim = 0;
            index.similarityTo(pipeline, comments[m[j * m.size() / take]], t, sim);
            sims.push_back(sim);
        }
        if (!sims.empty()) {
            const std::size_t at = sims.size() / 20;
            std::nth_element(sims.begin(), sims.begin() + static_cast<std::ptrdiff_t>(at),
                             sims.end());
            run.state.themes[t].admitSimilarity = sims[at];
        } else {
            run.state.themes[t].admitSimilarity = 1.01f;
        }
    }
}

// Picks up to two examples of one side: comments naming the theme's problem first (when the
// label names one), then those closest to twenty words, then the earliest.
std::vector<std::string> pickExamples(const std::vector<ThemeComment>& comments,
                                      const std::vector<Prepared>& prepared,
                                      const std::vector<std::size_t>& members, int problem) {
    std::vector<std::pair<double, std::size_t>> ranked;
    for (std::size_t i : members) {
        const auto& p = prepared[i];
        const double length = std::abs(static_cast<double>(p.words) - 20.0) / 20.0;
        const double named = problem >= 0 && p.reading.problem == problem ? 0.0 : 1.0;
        ranked.emplace_back(named * 10.0 + length + (p.words < 4 ? 5.0 : 0.0), i);
    }
    const std::size_t take = std::min<std::size_t>(2, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(take),
                      ranked.end());
    std::vector<std::string> out;
    for (std::size_t j = 0; j < take; ++j) {
        out.push_back(comments[ranked[j].second].text);
    }
    return out;
}

// Where a comment of no coherent group goes: the subject its framework category names (a
// complaint or a remark, or praise of a specific thing), else the general bucket (praise) or
// the experience as a whole (a complaint). Shared by the fit and ThemeIndex.
struct Fallback {
    int subject = -1;  ///< a subject of the vocabulary
    std::string label; ///< else a theme named by the category alone; both empty: general
};

Fallback fallbackOf(std::string_view category, int side) {
    const SubjectLexicon& lexicon = SubjectLexicon::standard();
    const std::string label = category.empty() ? std::string() : lexicon.categoryLabel(category);
    const auto subject = lexicon.findByLabel(label);
    const bool specific =
        subject && lexicon.subjects()[static_cast<std::size_t>(*subject)].tier >= 2;
    Fallback to;
    if (label.empty() || (side == kPositive && !specific)) {
        if (side == kNegative) {
            to.subject = *lexicon.find(kOverallSubject);
        }
    } else if (subject) {
        to.subject = *subject;
    } else {
        to.label = label;
    }
    return to;
}

} // namespace

FeatureId categoryFeature(const std::string& name) {
    return hashFeature('k', name);
}

SubjectReading readSubject(const CommentModel& model, const std::vector<Token>& tokens,
                           CommentAnalysis& analysis) {
    const SubjectLexicon& lexicon = SubjectLexicon::standard();
    SubjectReading reading = lexicon.read(tokens, analysis.sentimentClass);
    if (reading.kind == CommentKind::Subject) {
        const std::string& category = lexicon.subjectCategory(reading.subject);
        if (!category.empty()) {
            model.hintCategory(analysis, model.categoryIndex(category));
        }
    }
    return reading;
}

std::vector<std::pair<FeatureId, float>> groupingFeatures(TextPipeline& pipeline,
                                                          const std::vector<Token>& tokens) {
    const SubjectLexicon& lexicon = SubjectLexicon::standard();
    std::vector<Token> kept;
    kept.reserve(tokens.size());
    for (const auto& t : tokens) {
        if (t.stop || t.negation ||
            (!lexicon.isGeneralWord(t.surface) && !lexicon.isEvaluative(t.surface))) {
            kept.push_back(t);
        } else if (!kept.empty() && t.sentenceEnd) {
            kept.back().sentenceEnd = true;
        }
    }
    return pipeline.features(kept, kClusterFeatures);
}

int dominantSide(const std::array<std::size_t, 3>& s) {
    if (s[kNegative] >= s[kNeutral] && s[kNegative] >= s[kPositive]) {
        return kNegative;
    }
    return s[kNeutral] >= s[kPositive] ? kNeutral : kPositive;
}

int Theme::dominantSide() const {
    return themes::dominantSide(bySentiment);
}

ThemeRun buildThemes(const CommentModel& model, const std::vector<ThemeComment>& comments,
                     const EngineOptions& options, const ThemeState* previous,
                     const ProgressFn& progress) {
    ThemeRun run;
    std::vector<Prepared> prepared;
    prepareAll(model, comments, prepared, run.comments, options.threads, options.categoryMargins,
               progress, options.cancel);
    auto stopped = [&] {
        if (options.cancel != nullptr && options.cancel->load()) {
            run = ThemeRun{};
            run.cancelled = true;
            return true;
        }
        return false;
    };
    if (stopped()) {
        return run;
    }
    const std::size_t n = comments.size();
    const auto& categoryNames = model.categoryNames();
    const SubjectLexicon& lexicon = SubjectLexicon::standard();
    const auto& subjects = lexicon.subjects();

    // Themes named by the vocabulary: one per subject people mentioned.
    std::vector<Draft> drafts;
    std::unordered_map<std::string, std::size_t> byLabel; ///< label -> draft
    std::vector<long> subjectDraft(subjects.size(), -1);
    auto subjectTheme = [&](int s) -> Draft& {
        auto& at = subjectDraft[static_cast<std::size_t>(s)];
        if (at < 0) {
            at = static_cast<long>(drafts.size());
            Draft d;
            d.subject = subjects[static_cast<std::size_t>(s)].key;
            d.label = subjects[static_cast<std::size_t>(s)].label;
            byLabel[d.label] = drafts.size();
            drafts.push_back(std::move(d));
        }
        return drafts[static_cast<std::size_t>(at)];
    };
    auto labelTheme = [&](const std::string& label) -> Draft& {
        if (auto it = byLabel.find(label); it != byLabel.end()) {
            return drafts[it->second];
        }
        byLabel[label] = drafts.size();
        Draft d;
        d.label = label;
        drafts.push_back(std::move(d));
        return drafts.back();
    };
    std::vector<std::size_t> others;
    std::vector<std::size_t> general;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& r = prepared[i].reading;
        if (r.kind == CommentKind::Subject) {
            subjectTheme(r.subject).members.push_back(i);
        } else if (r.kind == CommentKind::Other) {
            others.push_back(i);
        } else {
            general.push_back(i);
        }
    }

    // Comments that name something the vocabulary does not know: grouped by their words.
    std::vector<FeatureCounts> counts(others.size());
    for (std::size_t j = 0; j < others.size(); ++j) {
        counts[j] = std::move(prepared[others[j]].clusterCounts);
    }
    const Vocabulary vocabulary = Vocabulary::fit(counts, others.size() >= 200 ? 2 : 1, 0.5);
    const std::size_t wordDims = vocabulary.size();
    const std::size_t dims = wordDims + categoryNames.size();
    std::vector<SparseVector> vectors(others.size());
    for (std::size_t j = 0; j < others.size(); ++j) {
        vectors[j] = combine(vocabulary.transform(counts[j]), prepared[others[j]].categories,
                             wordDims, options.categoryWeight);
        FeatureCounts().swap(counts[j]);
    }
    if (progress) {
        progress("grouping", 0, 1);
    }
    Grouping grouping;
    if (!others.empty()) {
        GroupingOptions groupingOptions = options.grouping;
        groupingOptions.cancel = options.cancel;
        if (groupingOptions.themes) {
            groupingOptions.themes =
                std::max(1, std::min(*groupingOptions.themes, static_cast<int>(others.size())));
        }
        grouping = groupDocuments(vectors, dims, groupingOptions);
    }
    if (stopped()) {
        return run;
    }
    if (progress) {
        progress("labelling", 0, 1);
    }
    const std::size_t k = grouping.centroids.size();
    std::vector<std::string_view> otherTexts;
    otherTexts.reserve(others.size());
    for (std::size_t i : others) {
        otherTexts.emplace_back(comments[i].text);
    }
    const auto labels =
        labelGroups(otherTexts, grouping.assignment, grouping.similarity, k, 2000,
                    [&](std::string_view word) { return lexicon.isLabelWord(word); });
    std::vector<std::vector<std::size_t>> groupMembers(k);
    for (std::size_t j = 0; j < others.size(); ++j) {
        if (grouping.assignment[j] >= 0) {
            groupMembers[static_cast<std::size_t>(grouping.assignment[j])].push_back(others[j]);
        } else {
            general.push_back(others[j]); // nothing left to group it by
            run.comments[others[j]].kind = CommentKind::General;
        }
    }
    auto topCategory = [&](const std::vector<std::size_t>& members) {
        std::vector<std::size_t> votes(categoryNames.size());
        for (std::size_t i : members) {
            if (run.comments[i].category >= 0) {
                ++votes[static_cast<std::size_t>(run.comments[i].category)];
            }
        }
        return votes;
    };
    // Where a comment of no coherent group goes: the subject its framework category names
    // (a complaint or a remark, or praise of a specific thing), else the general bucket
    // (praise) or the experience as a whole (a complaint).
    auto fallback = [&](std::size_t i) {
        const int category = run.comments[i].category;
        const Fallback to = fallbackOf(
            category < 0 ? std::string_view() : categoryNames[static_cast<std::size_t>(category)],
            run.comments[i].sentimentClass);
        if (to.subject >= 0) {
            subjectTheme(to.subject).members.push_back(i);
        } else if (!to.label.empty()) {
            labelTheme(to.label).members.push_back(i);
        } else {
            general.push_back(i);
            run.comments[i].kind = CommentKind::General;
        }
    };
    for (std::size_t g = 0; g < k; ++g) {
        auto& m = groupMembers[g];
        if (m.empty()) {
            continue;
        }
        // A group is a theme of its own when a phrase people wrote names it and a good part
        // of it holds that phrase; its comments go one by one otherwise.
        const std::string& label = labels[g].label;
        if (!isReadableLabel(label) || labels[g].support < kLabelSupport ||
            m.size() < kMinGroupTheme) {
            for (std::size_t i : m) {
                fallback(i);
            }
            continue;
        }
        // One label, one theme: a group named like a subject (or like another group) joins it.
        const auto subject = lexicon.findByLabel(label);
        Draft& d = subject ? subjectTheme(*subject) : labelTheme(label);
        d.members.insert(d.members.end(), m.begin(), m.end());
        if (d.centre.empty()) {
            d.centre.assign(dims, 0.0);
        }
        const auto& c = grouping.centroids[g];
        for (std::size_t x = 0; x < dims; ++x) {
            d.centre[x] += static_cast<double>(c[x]) * static_cast<double>(m.size());
        }
    }
    for (std::size_t i : general) {
        run.comments[i].themeId = kGeneralTheme;
    }
    run.state.general = general.size();

    // Themes with their statistics, labels, examples and signatures.
    std::vector<Theme> themes;
    std::vector<std::size_t> draftOf;
    for (std::size_t di = 0; di < drafts.size(); ++di) {
        Draft& d = drafts[di];
        if (d.members.empty()) {
            continue;
        }
        std::sort(d.members.begin(), d.members.end());
        Theme t;
        t.subject = d.subject;
        t.size = d.members.size();
        std::array<std::vector<std::size_t>, 3> sides;
        for (std::size_t i : d.members) {
            const int side = std::clamp(run.comments[i].sentimentClass, 0, 2);
            ++t.bySentiment[static_cast<std::size_t>(side)];
            sides[static_cast<std::size_t>(side)].push_back(i);
            t.meanSentiment += run.comments[i].sentiment;
        }
        t.meanSentiment /= static_cast<double>(t.size);
        t.negativeShare =
            static_cast<double>(t.bySentiment[kNegative]) / static_cast<double>(t.size);
        const int dominant = t.dominantSide();
        // The category most of its comments have, never the catch-all of the other side.
        auto votes = topCategory(d.members);
        const auto& sideCounts = t.bySentiment;
        const int contrary =
            sideCounts[kNegative] > sideCounts[kPositive]   ? model.categoryIndex(kPositiveCategory)
            : sideCounts[kPositive] > sideCounts[kNegative] ? model.categoryIndex(kNegativeCategory)
                                                            : -1;
        if (contrary >= 0) {
            votes[static_cast<std::size_t>(contrary)] = 0;
        }
        const auto top = std::max_element(votes.begin(), votes.end());
        t.category = top == votes.end() || *top == 0
                         ? ""
                         : categoryNames[static_cast<std::size_t>(top - votes.begin())];
        // The label: the subject, or its problem when most comments complain and a good part
        // of the complaints name the same problem.
        t.label = d.label;
        int problem = -1;
        if (!d.subject.empty() && dominant == kNegative) {
            const auto& subject = subjects[static_cast<std::size_t>(*lexicon.find(d.subject))];
            std::vector<std::size_t> named(subject.problems.size());
            for (std::size_t i : sides[kNegative]) {
                const auto& r = prepared[i].reading;
                if (r.kind == CommentKind::Subject && r.problem >= 0) {
                    ++named[static_cast<std::size_t>(r.problem)];
                }
            }
            const auto most = std::max_element(named.begin(), named.end());
            if (most != named.end() && *most * 10 >= sides[kNegative].size() * 3 && *most >= 2) {
                problem = static_cast<int>(most - named.begin());
                t.label = subject.problems[static_cast<std::size_t>(problem)].label;
            }
        }
        for (int side = 0; side < 3; ++side) {
            t.examples[static_cast<std::size_t>(side)] =
                pickExamples(comments, prepared, sides[static_cast<std::size_t>(side)],
                             side == kNegative ? problem : -1);
        }
        if (!t.examples[static_cast<std::size_t>(dominant)].empty()) {
            t.example = t.examples[static_cast<std::size_t>(dominant)].front();
        }
        // Signature: the strongest words of its groups and the category block (stable feature
        // ids), plus the subject's own feature.
        Signature sig;
        double norm = 0;
        if (!d.centre.empty()) {
            std::vector<std::size_t> order(wordDims);
            std::iota(order.begin(), order.end(), 0);
            const std::size_t keep = std::min(kSignatureWords, wordDims);
            const auto& c = d.centre;
            std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep),
                              order.end(), [&](std::size_t a, std::size_t b) {
                                  return c[a] > c[b] || (c[a] == c[b] && a < b);
                              });
            for (std::size_t j = 0; j < keep; ++j) {
                if (c[order[j]] > 0) {
                    sig.emplace_back(vocabulary.ids()[order[j]], static_cast<float>(c[order[j]]));
                    norm += c[order[j]] * c[order[j]];
                }
            }
            for (std::size_t cat = 0; cat < categoryNames.size(); ++cat) {
                const double v = c[wordDims + cat];
                if (v > 0.01 * static_cast<double>(t.size)) {
                    sig.emplace_back(categoryFeature(categoryNames[cat]), static_cast<float>(v));
                    norm += v * v;
                }
            }
        }
        for (auto& [id, v] : sig) {
            v = static_cast<float>(v / std::sqrt(norm));
        }
        if (!d.subject.empty()) {
            sig.emplace_back(hashFeature('u', d.subject), 1.0f);
        }
        std::sort(sig.begin(), sig.end());
        t.signature = std::move(sig);
        themes.push_back(std::move(t));
        draftOf.push_back(di);
    }
    const std::size_t themeCount = themes.size();
    // Stable ids: a subject keeps its id; groups of words match earlier ones by signature,
    // greedily from the closest pair.
    std::vector<int> ids(themeCount, 0);
    int nextId = previous ? previous->nextId : 1;
    if (previous) {
        std::vector<bool> oldUsed(previous->themes.size(), false);
        std::unordered_map<std::string, std::size_t> oldSubject;
        for (std::size_t p = 0; p < previous->themes.size(); ++p) {
            if (!previous->themes[p].subject.empty()) {
                oldSubject[previous->themes[p].subject] = p;
            }
        }
        for (std::size_t g = 0; g < themeCount; ++g) {
            if (auto it = oldSubject.find(themes[g].subject);
                !themes[g].subject.empty() && it != oldSubject.end()) {
                ids[g] = previous->themes[it->second].id;
                oldUsed[it->second] = true;
            }
        }
        std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
        for (std::size_t g = 0; g < themeCount; ++g) {
            if (ids[g] != 0) {
                continue;
            }
            for (std::size_t p = 0; p < previous->themes.size(); ++p) {
                if (oldUsed[p] || !previous->themes[p].subject.empty()) {
                    continue;
                }
                const double s =
                    signatureCosine(themes[g].signature, previous->themes[p].signature);
                if (s >= options.matchSimilarity) {
                    pairs.emplace_back(-s, g, p);
                }
            }
        }
        std::sort(pairs.begin(), pairs.end());
        for (const auto& [negSim, g, p] : pairs) {
            if (ids[g] == 0 && !oldUsed[p]) {
                ids[g] = previous->themes[p].id;
                oldUsed[p] = true;
            }
        }
    }
    std::vector<std::size_t> bySize(themeCount);
    std::iota(bySize.begin(), bySize.end(), 0);
    std::sort(bySize.begin(), bySize.end(), [&](std::size_t a, std::size_t b) {
        if (themes[a].size != themes[b].size) {
            return themes[a].size > themes[b].size;
        }
        return themes[a].label != themes[b].label ? themes[a].label < themes[b].label : a < b;
    });
    for (std::size_t g : bySize) {
        if (ids[g] == 0) {
            ids[g] = nextId++;
        }
        themes[g].id = ids[g];
        for (std::size_t i : drafts[draftOf[g]].members) {
            run.comments[i].themeId = ids[g];
        }
    }
    run.state.nextId = nextId;
    for (std::size_t g : bySize) {
        run.state.themes.push_back(std::move(themes[g]));
    }
    // idf of every signature word, and the rarest idf for words the run did not keep.
    std::unordered_map<FeatureId, float> idf;
    for (const auto& t : run.state.themes) {
        for (const auto& [id, v] : t.signature) {
            if (auto index = vocabulary.find(id)) {
                idf[id] = vocabulary.idf()[*index];
            }
        }
    }
    run.state.idf.assign(idf.begin(), idf.end());
    std::sort(run.state.idf.begin(), run.state.idf.end());
    setAdmission(model, comments, run, options.categoryWeight);
    if (progress) {
        progress("done", 1, 1);
    }
    return run;
}

std::string ThemeState::toJson() const {
    nlohmann::json j;
    j["format"] = 1;
    j["next_id"] = nextId;
    nlohmann::json idfJson = nlohmann::json::object();
    for (const auto& [id, v] : idf) {
        idfJson[hex(id)] = v;
    }
    j["idf"] = idfJson;
    j["general"] = general;
    j["themes"] = nlohmann::json::array();
    for (const auto& t : themes) {
        j["themes"].push_back({{"id", t.id},
                               {"label", t.label},
                               {"subject", t.subject},
                               {"example", t.example},
                               {"size", t.size},
                               {"category", t.category},
                               {"mean_sentiment", t.meanSentiment},
                               {"negative_share", t.negativeShare},
                               {"sentiment",
                                {{"positive", t.bySentiment[kPositive]},
                                 {"neutral", t.bySentiment[kNeutral]},
                                 {"negative", t.bySentiment[kNegative]}}},
                               {"examples",
                                {{"positive", t.examples[kPositive]},
                                 {"neutral", t.examples[kNeutral]},
                                 {"negative", t.examples[kNegative]}}},
                               {"admit_similarity", t.admitSimilarity},
                               {"signature", signatureJson(t.signature)}});
    }
    return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
}

common::Status ThemeState::save(const std::string& path) const {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        out << toJson() << "\n";
        if (!out.flush()) {
            return common::makeError("io", "cannot write " + temp);
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        return common::makeError("io", "cannot rename " + temp + " to " + path);
    }
    return {};
}

common::Result<ThemeState> ThemeState::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return common::makeError("io", "cannot read theme state " + path);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return fromJson(buffer.str(), path);
}

common::Result<ThemeState> ThemeState::fromJson(const std::string& text, const std::string& path) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    auto bad = [&](const std::string& why) {
        return common::makeError("bad_state", "theme state " + path + ": " + why);
    };
    if (j.is_discarded() || !j.is_object()) {
        return bad("not JSON");
    }
    if (j.value("format", 0) != 1 || !j.contains("themes") || !j["themes"].is_array() ||
        !j.contains("next_id") || !j["next_id"].is_number_integer()) {
        return bad("not format 1 (expected format, next_id, themes)");
    }
    ThemeState state;
    state.nextId = j["next_id"].get<int>();
    if (j.contains("general") && j["general"].is_number_unsigned()) {
        state.general = j["general"].get<std::size_t>();
    }
    Signature idf;
    if (!signatureFromJson(j.value("idf", nlohmann::json::object()), idf)) {
        return bad("bad idf table");
    }
    state.idf = std::move(idf);
    for (const auto& t : j["themes"]) {
        Theme theme;
        try {
            theme.id = t.at("id").get<int>();
            theme.label = t.at("label").get<std::string>();
            theme.example = t.value("example", "");
            theme.size = t.value("size", std::size_t{0});
            theme.category = t.value("category", "");
            theme.meanSentiment = t.value("mean_sentiment", 0.0);
            theme.negativeShare = t.value("negative_share", 0.0);
            theme.admitSimilarity = t.value("admit_similarity", 0.0f);
            theme.subject = t.value("subject", "");
            static constexpr std::array<const char*, 3> kSides = {"positive", "neutral",
                                                                  "negative"};
            const auto counts = t.value("sentiment", nlohmann::json::object());
            const auto examples = t.value("examples", nlohmann::json::object());
            for (std::size_t side = 0; side < kSides.size(); ++side) {
                theme.bySentiment[side] = counts.value(kSides[side], std::size_t{0});
                theme.examples[side] = examples.value(kSides[side], std::vector<std::string>{});
            }
        } catch (const nlohmann::json::exception& e) {
            return bad(std::string("bad theme: ") + e.what());
        }
        if (theme.id <= 0 || theme.id >= state.nextId ||
            !signatureFromJson(t.value("signature", nlohmann::json()), theme.signature)) {
            return bad("theme " + std::to_string(theme.id) + " has a bad id or signature");
        }
        state.themes.push_back(std::move(theme));
    }
    return state;
}

ThemeIndex::ThemeIndex(const CommentModel& model, const ThemeState& state, float categoryWeight)
    : m_model(model), m_state(state), m_categoryWeight(categoryWeight),
      m_idf(state.idf.begin(), state.idf.end()) {
    for (const auto& [id, v] : state.idf) {
        m_rarestIdf = std::max(m_rarestIdf, v);
    }
    for (std::size_t t = 0; t < state.themes.size(); ++t) {
        if (!state.themes[t].subject.empty()) {
            m_bySubject[state.themes[t].subject] = state.themes[t].id;
        } else {
            m_byLabel[state.themes[t].label] = state.themes[t].id;
        }
        for (const auto& [id, v] : state.themes[t].signature) {
            m_postings[id].emplace_back(t, v);
        }
    }
}

CommentAnalysis ThemeIndex::analyseComment(TextPipeline& pipeline, const ThemeComment& comment,
                                           std::vector<Token>& tokens) const {
    tokens = pipeline.tokenise(comment.text);
    const auto x = m_model.vectorise(pipeline.features(tokens, m_model.featureOptions()));
    return m_model.analyse(x, usableRating(comment.rating), comment.topic);
}

void ThemeIndex::similarityTo(TextPipeline& pipeline, const ThemeComment& comment,
                              std::size_t theme, float& similarity) const {
    std::vector<Token> tokens;
    const CommentAnalysis analysis = analyseComment(pipeline, comment, tokens);
    if (tokens.empty()) {
        similarity = 0;
        return;
    }
    std::vector<float> scores;
    scoreAnalysed(pipeline, tokens, analysis, scores);
    similarity = scores[theme];
}

int ThemeIndex::best(const std::vector<float>& scores, float* similarity) const {
    if (scores.empty()) {
        return kNewPool;
    }
    const auto top =
        static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    if (similarity) {
        *similarity = scores[top];
    }
    return scores[top] < m_state.themes[top].admitSimilarity ? kNewPool : m_state.themes[top].id;
}

int ThemeIndex::assign(TextPipeline& pipeline, const ThemeComment& comment,
                       float* similarity) const {
    std::vector<Token> tokens;
    const CommentAnalysis analysis = analyseComment(pipeline, comment, tokens);
    return assignAnalysed(pipeline, tokens, analysis, similarity);
}

int ThemeIndex::assignAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                               const CommentAnalysis& analysis, float* similarity) const {
    return assignRead(pipeline, tokens, analysis,
                      SubjectLexicon::standard().read(tokens, analysis.sentimentClass), similarity);
}

int ThemeIndex::assignRead(TextPipeline& pipeline, const std::vector<Token>& tokens,
                           const CommentAnalysis& analysis, const SubjectReading& reading,
                           float* similarity) const {
    if (similarity) {
        *similarity = 0;
    }
    if (reading.kind == CommentKind::General) {
        return kGeneralTheme;
    }
    const auto& subjects = SubjectLexicon::standard().subjects();
    auto subjectTheme = [&](int subject) {
        const auto it = m_bySubject.find(subjects[static_cast<std::size_t>(subject)].key);
        if (similarity && it != m_bySubject.end()) {
            *similarity = 1.0f;
        }
        return it == m_bySubject.end() ? kNewPool : it->second;
    };
    if (reading.kind == CommentKind::Subject) {
        return subjectTheme(reading.subject);
    }
    std::vector<float> scores;
    scoreAnalysed(pipeline, tokens, analysis, scores);
    const int nearest = best(scores, similarity);
    if (nearest != kNewPool) {
        return nearest;
    }
    // As the fit placed comments of no coherent group: by their category.
    const Fallback to =
        fallbackOf(analysis.category < 0
                       ? std::string_view()
                       : m_model.categoryNames()[static_cast<std::size_t>(analysis.category)],
                   analysis.sentimentClass);
    if (to.subject >= 0) {
        return subjectTheme(to.subject);
    }
    if (!to.label.empty()) {
        const auto it = m_byLabel.find(to.label);
        return it == m_byLabel.end() ? kNewPool : it->second;
    }
    return kGeneralTheme;
}

void ThemeIndex::scoreAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                               const CommentAnalysis& analysis, std::vector<float>& scores) const {
    // Words: sublinear tf * idf; words the themes never saw count as the rarest ones did.
    const float rarest = m_rarestIdf;
    std::vector<std::pair<FeatureId, float>> words;
    double norm = 0;
    for (const auto& [id, count] : groupingFeatures(pipeline, tokens)) {
        const auto it = m_idf.find(id);
        const float w = (1.0f + std::log(count)) * (it == m_idf.end() ? rarest : it->second);
        words.emplace_back(id, w);
        norm += static_cast<double>(w) * w;
    }
    const float wordScale =
        norm > 0 ? static_cast<float>(std::sqrt(1.0 - m_categoryWeight) / std::sqrt(norm)) : 0.0f;
    std::vector<std::pair<FeatureId, float>> vector;
    for (const auto& [id, w] : words) {
        vector.emplace_back(id, w * wordScale);
    }
    // Without words the category block is the whole vector, as in buildThemes.
    const float categoryScale = words.empty() ? 1.0f : std::sqrt(m_categoryWeight);
    for (const auto& [c, v] : categoryBlock(analysis.categoryScores)) {
        vector.emplace_back(categoryFeature(m_model.categoryNames()[c]), v * categoryScale);
    }
    scores.assign(m_state.themes.size(), 0.0f);
    for (const auto& [id, v] : vector) {
        if (auto it = m_postings.find(id); it != m_postings.end()) {
            for (const auto& [t, weight] : it->second) {
                scores[t] += v * weight;
            }
        }
    }
}

} // namespace wardvoice::themes
