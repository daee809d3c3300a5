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
    FeatureCounts clusterCounts;
    std::vector<std::pair<std::size_t, float>> categories;
    bool empty = true;
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
                p.empty = tokens.empty();
                const auto x = model.vectorise(pipeline.features(tokens, model.featureOptions()));
                const auto a =
                    model.analyse(x, usableRating(comments[i].rating), comments[i].topic);
                results[i].category = a.category;
                results[i].sentiment = a.sentiment;
                results[i].sentimentClass = a.sentimentClass;
                if (!p.empty) {
                    p.categories = categoryBlock(override ? (*override)[i] : a.categoryScores);
                    p.clusterCounts = pipeline.features(tokens, kClusterFeatures);
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

// Admission threshold of each theme: the 5th percentile of its members' similarity, measured
// the way ThemeIndex measures a new comment (on up to 200 members per theme).
void setAdmission(const CommentModel& model, const std::vector<ThemeComment>& comments,
                  ThemeRun& run, float categoryWeight) {
    std::unordered_map<int, std::size_t> position;
    for (std::size_t t = 0; t < run.state.themes.size(); ++t) {
        position[run.state.themes[t].id] = t;
    }
    std::vector<std::vector<std::size_t>> members(run.state.themes.size());
    for (std::size_t i = 0; i < comments.size(); ++i) {
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
        }
    }
}

} // namespace

FeatureId categoryFeature(const std::string& name) {
    return hashFeature('k', name);
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

    // Vocabulary of this corpus, then every comment's vector.
    std::vector<FeatureCounts> counts(n);
    for (std::size_t i = 0; i < n; ++i) {
        counts[i] = std::move(prepared[i].clusterCounts);
    }
    const Vocabulary vocabulary = Vocabulary::fit(counts, n >= 200 ? 2 : 1, 0.5);
    const std::size_t wordDims = vocabulary.size();
    std::vector<SparseVector> vectors(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!prepared[i].empty) {
            vectors[i] = combine(vocabulary.transform(counts[i]), prepared[i].categories, wordDims,
                                 options.categoryWeight);
        }
        FeatureCounts().swap(counts[i]);
    }
    if (progress) {
        progress("grouping", 0, 1);
    }
    GroupingOptions groupingOptions = options.grouping;
    groupingOptions.cancel = options.cancel;
    const Grouping grouping =
        groupDocuments(vectors, wordDims + categoryNames.size(), groupingOptions);
    if (stopped()) {
        return run;
    }
    const std::size_t k = grouping.centroids.size();
    if (progress) {
        progress("labelling", 0, 1);
    }
    std::vector<std::string_view> texts;
    texts.reserve(n);
    for (const auto& c : comments) {
        texts.emplace_back(c.text);
    }
    const auto labels = labelGroups(texts, grouping.assignment, grouping.similarity, k);

    // Themes with their statistics and signatures.
    std::vector<Theme> themes(k);
    std::vector<std::vector<std::size_t>> categoryVotes(
        k, std::vector<std::size_t>(categoryNames.size()));
    for (std::size_t i = 0; i < n; ++i) {
        const int g = grouping.assignment[i];
        if (g < 0) {
            continue;
        }
        auto& t = themes[static_cast<std::size_t>(g)];
        ++t.size;
        t.meanSentiment += run.comments[i].sentiment;
        t.negativeShare += run.comments[i].sentimentClass == 2 ? 1.0 : 0.0;
        if (run.comments[i].category >= 0) {
            ++categoryVotes[static_cast<std::size_t>(g)]
                           [static_cast<std::size_t>(run.comments[i].category)];
        }
    }
    for (std::size_t g = 0; g < k; ++g) {
        auto& t = themes[g];
        if (t.size > 0) {
            t.meanSentiment /= static_cast<double>(t.size);
            t.negativeShare /= static_cast<double>(t.size);
        }
        const auto& votes = categoryVotes[g];
        const auto top = std::max_element(votes.begin(), votes.end()) - votes.begin();
        t.category = votes.empty() ? "" : categoryNames[static_cast<std::size_t>(top)];
        t.label = labels[g].label.empty() ? t.category : labels[g].label;
        if (labels[g].example >= 0) {
            t.example = comments[static_cast<std::size_t>(labels[g].example)].text;
        }
        // Signature: the strongest words, then the category block, as stable feature ids.
        const auto& c = grouping.centroids[g];
        std::vector<std::size_t> order(wordDims);
        std::iota(order.begin(), order.end(), 0);
        const std::size_t keep = std::min(kSignatureWords, wordDims);
        std::partial_sort(
            order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
            [&](std::size_t a, std::size_t b) { return c[a] > c[b] || (c[a] == c[b] && a < b); });
        Signature sig;
        double norm = 0;
        for (std::size_t j = 0; j < keep; ++j) {
            if (c[order[j]] > 0) {
                sig.emplace_back(vocabulary.ids()[order[j]], c[order[j]]);
                norm += static_cast<double>(c[order[j]]) * c[order[j]];
            }
        }
        for (std::size_t cat = 0; cat < categoryNames.size(); ++cat) {
            if (c[wordDims + cat] > 0.01f) {
                sig.emplace_back(categoryFeature(categoryNames[cat]), c[wordDims + cat]);
                norm += static_cast<double>(c[wordDims + cat]) * c[wordDims + cat];
            }
        }
        for (auto& [id, v] : sig) {
            v = static_cast<float>(v / std::sqrt(norm));
        }
        std::sort(sig.begin(), sig.end());
        t.signature = std::move(sig);
    }
    // Stable ids: match earlier themes by signature, greedily from the closest pair.
    std::vector<int> ids(k, 0);
    int nextId = previous ? previous->nextId : 1;
    if (previous) {
        std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
        for (std::size_t g = 0; g < k; ++g) {
            for (std::size_t p = 0; p < previous->themes.size(); ++p) {
                const double s =
                    signatureCosine(themes[g].signature, previous->themes[p].signature);
                if (s >= options.matchSimilarity) {
                    pairs.emplace_back(-s, g, p);
                }
            }
        }
        std::sort(pairs.begin(), pairs.end());
        std::vector<bool> oldUsed(previous->themes.size(), false);
        for (const auto& [negSim, g, p] : pairs) {
            if (ids[g] == 0 && !oldUsed[p]) {
                ids[g] = previous->themes[p].id;
                oldUsed[p] = true;
            }
        }
    }
    std::vector<std::size_t> bySize(k);
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
    }
    for (std::size_t i = 0; i < n; ++i) {
        const int g = grouping.assignment[i];
        run.comments[i].themeId = g < 0 ? kNoTheme : ids[static_cast<std::size_t>(g)];
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
    j["themes"] = nlohmann::json::array();
    for (const auto& t : themes) {
        j["themes"].push_back({{"id", t.id},
                               {"label", t.label},
                               {"example", t.example},
                               {"size", t.size},
                               {"category", t.category},
                               {"mean_sentiment", t.meanSentiment},
                               {"negative_share", t.negativeShare},
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
        for (const auto& [id, v] : state.themes[t].signature) {
            m_postings[id].emplace_back(t, v);
        }
    }
}

void ThemeIndex::similarityTo(TextPipeline& pipeline, const ThemeComment& comment,
                              std::size_t theme, float& similarity) const {
    std::vector<float> scores;
    similarity = score(pipeline, comment, scores) ? scores[theme] : 0.0f;
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
    if (similarity) {
        *similarity = 0;
    }
    std::vector<float> scores;
    if (!score(pipeline, comment, scores)) {
        return kNoTheme;
    }
    return best(scores, similarity);
}

int ThemeIndex::assignAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                               const CommentAnalysis& analysis, float* similarity) const {
    if (similarity) {
        *similarity = 0;
    }
    if (tokens.empty()) {
        return kNoTheme;
    }
    std::vector<float> scores;
    scoreAnalysed(pipeline, tokens, analysis, scores);
    return best(scores, similarity);
}

bool ThemeIndex::score(TextPipeline& pipeline, const ThemeComment& comment,
                       std::vector<float>& scores) const {
    const auto tokens = pipeline.tokenise(comment.text);
    if (tokens.empty()) {
        return false;
    }
    const auto x = m_model.vectorise(pipeline.features(tokens, m_model.featureOptions()));
    scoreAnalysed(pipeline, tokens, m_model.analyse(x, usableRating(comment.rating), comment.topic),
                  scores);
    return true;
}

void ThemeIndex::scoreAnalysed(TextPipeline& pipeline, const std::vector<Token>& tokens,
                               const CommentAnalysis& analysis, std::vector<float>& scores) const {
    // Words: sublinear tf * idf; words the themes never saw count as the rarest ones did.
    const float rarest = m_rarestIdf;
    std::vector<std::pair<FeatureId, float>> words;
    double norm = 0;
    for (const auto& [id, count] : pipeline.features(tokens, kClusterFeatures)) {
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
