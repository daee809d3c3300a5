// The safeguarding screen's learned second opinion (see safeguarding_model.hpp).
#include "common/safeguarding_model.hpp"

#include "common/safeguarding_lexicon.hpp"
#include "common/screen_text.hpp"
#include "common/signing.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

namespace wardvoice::common {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(ConcernClass::None);

std::size_t bucketOf(std::string_view kind, std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const std::string_view part : {kind, std::string_view(":"), text}) {
        for (const char c : part) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
    }
    return static_cast<std::size_t>(h % ScreenModel::kBuckets);
}

/// The comment's features, each once: words, word pairs within a sentence, and the rating. The
/// patterns' own answer is left out on purpose: with it the model learns to repeat them, and
/// adds nothing they missed.
std::vector<std::size_t> featuresOf(std::string_view text, std::optional<int> rating) {
    const auto words = screen_text::tokenise(text);
    std::vector<std::size_t> out;
    out.reserve(words.size() * 2 + 2);
    for (std::size_t i = 0; i < words.size(); ++i) {
        out.push_back(bucketOf("w", words[i].text));
        if (i + 1 < words.size() && words[i + 1].sentence == words[i].sentence) {
            out.push_back(bucketOf("b", words[i].text + " " + words[i + 1].text));
        }
    }
    out.push_back(bucketOf("rating", rating ? std::to_string(*rating) : "none"));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// A small deterministic generator (splitmix64) for the training order.
std::uint64_t nextRandom(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace

std::string ScreenModel::lexiconFingerprint() {
    std::string all;
    for (const auto& t : safeguarding::triggers()) {
        all += std::string(t.language) + std::to_string(static_cast<int>(t.concern)) + t.pattern +
               "\n";
    }
    for (const auto& d : safeguarding::defusers()) {
        all += std::string(d.language) + d.concerns + d.pattern + std::to_string(d.before) + "\n";
    }
    for (const auto& c : safeguarding::cues()) {
        all += std::string(c.language) + c.negations + c.clauseBreaks + c.negationStops + "\n";
    }
    return sha256Hex(all).substr(0, 16);
}

std::array<double, ScreenModel::kClasses> ScreenModel::predict(std::string_view text,
                                                               std::optional<int> rating) const {
    std::array<double, kClasses> z{};
    for (std::size_t k = 0; k < kClasses; ++k) {
        z[k] = m_bias[k];
    }
    if (!m_weights.empty()) {
        for (const std::size_t f : featuresOf(text, rating)) {
            for (std::size_t k = 0; k < kClasses; ++k) {
                z[k] += m_weights[f * kClasses + k];
            }
        }
    }
    const double top = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (double& v : z) {
        v = std::exp(v - top);
        sum += v;
    }
    for (double& v : z) {
        v /= sum;
    }
    return z;
}

std::vector<std::string> ScreenModel::strongestWords(std::string_view text, ConcernClass concern,
                                                     std::size_t n) const {
    std::vector<std::pair<double, std::string>> scored;
    if (m_weights.empty()) {
        return {};
    }
    const std::size_t k = static_cast<std::size_t>(concern);
    for (const auto& w : screen_text::tokenise(text)) {
        const std::size_t f = bucketOf("w", w.text);
        const double lift = m_weights[f * kClasses + k] - m_weights[f * kClasses + kNone];
        const std::string original(text.substr(w.begin, w.end - w.begin));
        if (w.number || w.text.size() < 4) {
            continue; // "in", "had", "4": true of the data, no help to the person reading
        }
        if (lift > 0 && std::none_of(scored.begin(), scored.end(),
                                     [&](const auto& s) { return s.second == original; })) {
            scored.emplace_back(lift, original);
        }
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a > b; });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < scored.size() && i < n; ++i) {
        out.push_back(scored[i].second);
    }
    return out;
}

ScreenModel ScreenModel::train(const std::vector<Example>& examples, const TrainOptions& options) {
    ScreenModel m;
    m.m_weights.assign(kBuckets * kClasses, 0.0f);
    std::vector<std::vector<std::size_t>> docs;
    std::array<double, kClasses> counts{};
    for (const auto& e : examples) {
        docs.push_back(featuresOf(e.text, e.rating));
        counts[static_cast<std::size_t>(e.label)] += 1;
    }
    // Rare classes weigh more (square root of the imbalance, at most 10 times).
    std::array<double, kClasses> weight{};
    for (std::size_t k = 0; k < kClasses; ++k) {
        weight[k] = counts[k] == 0 ? 1.0
                                   : std::min(10.0, std::sqrt(static_cast<double>(docs.size()) /
                                                              (kClasses * counts[k])));
    }
    std::vector<std::size_t> order(docs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::uint64_t state = options.seed;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) {
            std::swap(order[i - 1], order[nextRandom(state) % i]);
        }
        const double rate = options.rate / (1.0 + 0.1 * epoch);
        for (const std::size_t d : order) {
            std::array<double, kClasses> z{};
            for (std::size_t k = 0; k < kClasses; ++k) {
                z[k] = m.m_bias[k];
                for (const std::size_t f : docs[d]) {
                    z[k] += m.m_weights[f * kClasses + k];
                }
            }
            const double top = *std::max_element(z.begin(), z.end());
            double sum = 0;
            for (double& v : z) {
                v = std::exp(v - top);
                sum += v;
            }
            const std::size_t gold = static_cast<std::size_t>(examples[d].label);
            for (std::size_t k = 0; k < kClasses; ++k) {
                const double g = weight[gold] * (z[k] / sum - (k == gold ? 1.0 : 0.0));
                m.m_bias[k] -= static_cast<float>(rate * g);
                for (const std::size_t f : docs[d]) {
                    float& w = m.m_weights[f * kClasses + k];
                    w -= static_cast<float>(rate * (g + options.l2 * w));
                }
            }
        }
    }
    return m;
}

std::vector<ScreenModel::HeldOut> ScreenModel::crossValidate(const std::vector<Example>& examples,
                                                             int folds,
                                                             const TrainOptions& options) {
    std::vector<HeldOut> out(examples.size());
    const auto& screen = SafeguardingScreen::standard();
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<Example> training;
        for (std::size_t i = 0; i < examples.size(); ++i) {
            if (static_cast<int>(i % static_cast<std::size_t>(folds)) != fold) {
                training.push_back(examples[i]);
            }
        }
        const ScreenModel m = train(training, options);
        for (std::size_t i = static_cast<std::size_t>(fold); i < examples.size();
             i += static_cast<std::size_t>(folds)) {
            ScreenInput in;
            in.comment = examples[i].text;
            in.rating = examples[i].rating;
            out[i].lexicon = screen.screenLexicon(in);
            const auto p = m.predict(examples[i].text, examples[i].rating);
            out[i].concern = 1.0 - p[kNone];
            std::size_t best = 0;
            for (std::size_t k = 1; k < kNone; ++k) {
                best = p[k] > p[best] ? k : best;
            }
            out[i].likely = static_cast<ConcernClass>(best);
        }
    }
    return out;
}

Status ScreenModel::save(const std::string& path) const {
    std::ofstream out(path + ".tmp", std::ios::trunc);
    if (!out) {
        return makeError("io", "cannot write " + path + ".tmp");
    }
    out << "wardvoice-screen-model 1\nfingerprint " << lexiconFingerprint() << "\nthreshold "
        << m_threshold << "\nbias";
    out.precision(7);
    for (const float b : m_bias) {
        out << ' ' << b;
    }
    out << '\n';
    for (std::size_t i = 0; i < m_weights.size(); ++i) {
        if (std::fabs(m_weights[i]) > 5e-3f) {
            out << i / kClasses << ' ' << i % kClasses << ' ' << m_weights[i] << '\n';
        }
    }
    out.flush();
    if (!out) {
        return makeError("io", "cannot write " + path + ".tmp");
    }
    out.close();
    if (std::rename((path + ".tmp").c_str(), path.c_str()) != 0) {
        return makeError("io", "cannot rename " + path + ".tmp");
    }
    return {};
}

Result<ScreenModel> ScreenModel::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return makeError("io", "cannot read the safeguarding model " + path);
    }
    auto bad = [&](const std::string& what) { return makeError("bad_model", path + ": " + what); };
    std::string magic;
    int version = 0;
    std::string key;
    std::string fingerprint;
    ScreenModel m;
    if (!(in >> magic >> version) || magic != "wardvoice-screen-model" || version != 1) {
        return bad("not a safeguarding model (version 1)");
    }
    if (!(in >> key >> fingerprint) || key != "fingerprint") {
        return bad("no fingerprint");
    }
    if (fingerprint != lexiconFingerprint()) {
        return bad("trained with other lexicons; retrain it with wardvoice-aggregator "
                   "train-screen");
    }
    if (!(in >> key >> m.m_threshold) || key != "threshold" || !(m.m_threshold > 0)) {
        return bad("no threshold");
    }
    if (!(in >> key) || key != "bias") {
        return bad("no bias");
    }
    for (float& b : m.m_bias) {
        if (!(in >> b) || !std::isfinite(b)) {
            return bad("bad bias");
        }
    }
    m.m_weights.assign(kBuckets * kClasses, 0.0f);
    std::size_t bucket = 0;
    std::size_t k = 0;
    float w = 0;
    while (in >> bucket >> k >> w) {
        if (bucket >= kBuckets || k >= kClasses || !std::isfinite(w)) {
            return bad("a weight out of range");
        }
        m.m_weights[bucket * kClasses + k] = w;
    }
    if (!in.eof()) {
        return bad("unreadable weights");
    }
    return m;
}

} // namespace wardvoice::common
