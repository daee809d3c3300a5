// The trained comment model: training, cross-validation, scoring and the model file.
#include "aggregator/themes/comment_model.hpp"

#include "common/signing.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <thread>

namespace wardvoice::themes {

namespace {

constexpr char kMagic[8] = {'W', 'V', 'C', 'M', 'O', 'D', 'E', 'L'};
constexpr std::uint32_t kFormatVersion = 2; ///< 2 added the five-point sentiment model
constexpr std::uint32_t kOldestFormat = 1;
const std::vector<std::string> kFivePoints = {"1", "2", "3", "4", "5"};
/// The sentiment score blends the three-class score with the five-point model's expected value
/// (softmax at this scale): measured on held-out trusts, Spearman 0.669 -> 0.685.
constexpr float kFivePointScale = 3.0f;
constexpr float kFivePointWeight = 0.5f;
constexpr std::size_t kRatingFeatures = 5; // FFT 1 very good .. 5 very poor
const std::vector<std::string> kSentimentClasses = {"positive", "neutral", "negative"};

// Tokenises and counts features of every text on `threads` threads, one pipeline each.
std::vector<FeatureCounts> countFeatures(const std::vector<std::string>& texts,
                                         const FeatureOptions& options, unsigned threads) {
    std::vector<FeatureCounts> out(texts.size());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            TextPipeline pipeline;
            for (std::size_t i = t; i < texts.size(); i += threads) {
                out[i] = pipeline.features(pipeline.tokenise(texts[i]), options);
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    return out;
}

SparseVector withRating(const SparseVector& x, std::optional<int> rating, std::size_t dims) {
    SparseVector out = x;
    if (rating && *rating >= 1 && *rating <= static_cast<int>(kRatingFeatures)) {
        out.index.push_back(
            static_cast<std::uint32_t>(dims + static_cast<std::size_t>(*rating - 1)));
        out.value.push_back(1.0f);
    }
    return out;
}

int argmax(const std::vector<float>& v) {
    return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
}

float sentimentScore(const std::vector<float>& margins) {
    // Softmax of the one-vs-rest margins; P(positive) - P(negative).
    constexpr float kScale = 2.0f;
    const float top = *std::max_element(margins.begin(), margins.end());
    float p[3];
    float sum = 0.0f;
    for (int c = 0; c < 3; ++c) {
        p[c] = std::exp(kScale * (margins[static_cast<std::size_t>(c)] - top));
        sum += p[c];
    }
    return (p[0] - p[2]) / sum;
}

struct Models {
    Vocabulary vocabulary;
    LinearModel category;
    LinearModel sentiment;
    LinearModel sentimentWithRating;
    LinearModel fivePoint; ///< the coders' 1-5, text only: a finer sentiment score
};

// The five-point model's expected value in [-1, 1] (1 very positive), from its margins.
float fivePointScore(const std::vector<float>& margins) {
    const float top = *std::max_element(margins.begin(), margins.end());
    double sum = 0;
    double expected = 0;
    for (std::size_t c = 0; c < margins.size(); ++c) {
        const double p = std::exp(kFivePointScale * (margins[c] - top));
        sum += p;
        expected += p * (1.0 - static_cast<double>(c) / 2.0);
    }
    return static_cast<float>(expected / sum);
}

float blendedScore(float threeClass, const LinearModel& fivePoint, const SparseVector& x) {
    if (fivePoint.classes.size() != kFivePoints.size()) {
        return threeClass; // a format 1 model has none
    }
    std::vector<float> margins;
    fivePoint.scores(x, margins);
    return (1.0f - kFivePointWeight) * threeClass + kFivePointWeight * fivePointScore(margins);
}

Models fit(const TrainingSet& data, const std::vector<FeatureCounts>& counts,
           const std::vector<std::size_t>& rows, const ModelOptions& options) {
    Models m;
    std::vector<FeatureCounts> trainCounts;
    trainCounts.reserve(rows.size());
    for (std::size_t r : rows) {
        trainCounts.push_back(counts[r]);
    }
    m.vocabulary = Vocabulary::fit(trainCounts, options.minDf);
    const std::size_t dims = m.vocabulary.size();
    std::vector<SparseVector> x;
    std::vector<std::vector<std::uint16_t>> y;
    std::vector<SparseVector> xs;
    std::vector<SparseVector> xsr;
    std::vector<std::vector<std::uint16_t>> ys;
    for (std::size_t j = 0; j < rows.size(); ++j) {
        const std::size_t r = rows[j];
        x.push_back(m.vocabulary.transform(trainCounts[j]));
        y.push_back(data.categories[r]);
        if (data.sentiment[r]) {
            xs.push_back(x.back());
            xsr.push_back(withRating(x.back(), data.ratings[r], dims));
            ys.push_back({static_cast<std::uint16_t>(sentimentClass(*data.sentiment[r]))});
        }
    }
    m.category = trainOneVsRest(x, y, data.categoryNames, dims, options.category);
    m.sentiment = trainOneVsRest(xs, ys, kSentimentClasses, dims, options.sentiment);
    m.sentimentWithRating =
        trainOneVsRest(xsr, ys, kSentimentClasses, dims + kRatingFeatures, options.sentiment);
    std::vector<std::vector<std::uint16_t>> five;
    for (std::size_t r : rows) {
        if (data.sentiment[r]) {
            five.push_back({static_cast<std::uint16_t>(*data.sentiment[r] - 1)});
        }
    }
    m.fivePoint = trainOneVsRest(xs, five, kFivePoints, dims, options.sentiment);
    return m;
}

// Per-class confusion counts for F1.
struct Counts {
    std::vector<double> tp, fp, fn;
    explicit Counts(std::size_t k) : tp(k), fp(k), fn(k) {}
    void add(const std::vector<int>& predicted, const std::vector<std::uint16_t>& truth) {
        for (int p : predicted) {
            const bool hit = std::find(truth.begin(), truth.end(), p) != truth.end();
            (hit ? tp : fp)[static_cast<std::size_t>(p)] += 1;
        }
        for (auto t : truth) {
            if (std::find(predicted.begin(), predicted.end(), t) == predicted.end()) {
                fn[t] += 1;
            }
        }
    }
    static double f1(double tp, double fp, double fn) {
        return tp == 0 ? 0.0 : 2 * tp / (2 * tp + fp + fn);
    }
    double micro() const {
        return f1(std::accumulate(tp.begin(), tp.end(), 0.0),
                  std::accumulate(fp.begin(), fp.end(), 0.0),
                  std::accumulate(fn.begin(), fn.end(), 0.0));
    }
    // Mean over classes that occur in the truth.
    double macro() const {
        double sum = 0;
        int n = 0;
        for (std::size_t c = 0; c < tp.size(); ++c) {
            if (tp[c] + fn[c] > 0) {
                sum += f1(tp[c], fp[c], fn[c]);
                ++n;
            }
        }
        return n == 0 ? 0.0 : sum / n;
    }
    double classF1(std::size_t c) const { return f1(tp[c], fp[c], fn[c]); }
};

std::vector<int> predictedCategories(const std::vector<float>& margins, bool hasFeatures) {
    std::vector<int> out;
    if (!hasFeatures) {
        return out;
    }
    const int top = argmax(margins);
    out.push_back(top);
    for (std::size_t c = 0; c < margins.size(); ++c) {
        if (margins[c] > 0 && static_cast<int>(c) != top) {
            out.push_back(static_cast<int>(c));
        }
    }
    return out;
}

// Binary I/O helpers: little-endian hosts only (x86-64 and arm64, what Debian runs here).
template <typename T> void put(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}
template <typename T> void putArray(std::string& out, const std::vector<T>& values) {
    put<std::uint64_t>(out, values.size());
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
}
void putString(std::string& out, const std::string& s) {
    put<std::uint32_t>(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

class Reader {
public:
    explicit Reader(std::string_view data) : m_data(data) {}
    template <typename T> bool get(T& value) {
        if (m_pos + sizeof(T) > m_data.size()) {
            return false;
        }
        std::memcpy(&value, m_data.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return true;
    }
    template <typename T> bool getArray(std::vector<T>& values, std::uint64_t maxCount) {
        std::uint64_t n = 0;
        if (!get(n) || n > maxCount || m_pos + n * sizeof(T) > m_data.size()) {
            return false;
        }
        values.resize(n);
        std::memcpy(values.data(), m_data.data() + m_pos, n * sizeof(T));
        m_pos += n * sizeof(T);
        return true;
    }
    bool getString(std::string& s) {
        std::uint32_t n = 0;
        if (!get(n) || m_pos + n > m_data.size()) {
            return false;
        }
        s.assign(m_data.substr(m_pos, n));
        m_pos += n;
        return true;
    }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

void putLinear(std::string& out, const LinearModel& m) {
    put<std::uint64_t>(out, m.dims);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(m.classes.size()));
    for (const auto& name : m.classes) {
        putString(out, name);
    }
    // Weights as int8 with one scale per class: a quarter of the size of float32, and the
    // margins move by well under 1% of their range (checked by a round-trip test).
    const std::size_t k = m.classes.size();
    std::vector<float> scale(k, 0.0f);
    for (std::size_t f = 0; f < m.dims; ++f) {
        for (std::size_t c = 0; c < k; ++c) {
            scale[c] = std::max(scale[c], std::fabs(m.weights[f * k + c]));
        }
    }
    for (float& s : scale) {
        s = s > 0 ? s / 127.0f : 1.0f;
    }
    std::vector<std::int8_t> q(m.weights.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
        q[i] = static_cast<std::int8_t>(std::lround(m.weights[i] / scale[i % k]));
    }
    putArray(out, scale);
    putArray(out, q);
    putArray(out, m.bias);
}

bool getLinear(Reader& in, LinearModel& m) {
    std::uint32_t k = 0;
    if (!in.get(m.dims) || !in.get(k) || k == 0 || k > 1000 || m.dims > (1ULL << 26)) {
        return false;
    }
    m.classes.resize(k);
    for (auto& name : m.classes) {
        if (!in.getString(name)) {
            return false;
        }
    }
    std::vector<float> scale;
    std::vector<std::int8_t> q;
    if (!in.getArray(scale, k) || scale.size() != k || !in.getArray(q, m.dims * k) ||
        q.size() != m.dims * k || !in.getArray(m.bias, k) || m.bias.size() != k) {
        return false;
    }
    m.weights.resize(q.size());
    for (std::size_t i = 0; i < q.size(); ++i) {
        m.weights[i] = static_cast<float>(q[i]) * scale[i % k];
    }
    return true;
}

} // namespace

int sentimentClass(int label) {
    return label <= 2 ? 0 : label == 3 ? 1 : 2;
}

CommentModel CommentModel::train(const TrainingSet& data, const ModelOptions& options) {
    const auto counts = countFeatures(data.texts, options.features, options.category.threads);
    std::vector<std::size_t> rows(data.texts.size());
    std::iota(rows.begin(), rows.end(), 0);
    Models fitted = fit(data, counts, rows, options);
    CommentModel model;
    model.m_options = options;
    model.m_vocabulary = std::move(fitted.vocabulary);
    model.m_category = std::move(fitted.category);
    model.m_sentiment = std::move(fitted.sentiment);
    model.m_sentimentWithRating = std::move(fitted.sentimentWithRating);
    model.m_fivePoint = std::move(fitted.fivePoint);
    return model;
}

ModelMetrics CommentModel::crossValidate(const TrainingSet& data, const ModelOptions& options,
                                         int folds, std::vector<std::vector<float>>* outOfFold) {
    const std::size_t n = data.texts.size();
    std::vector<int> fold(n);
    {
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        Random random(2024);
        for (std::size_t i = n; i > 1; --i) {
            std::swap(order[i - 1], order[random.below(i)]);
        }
        for (std::size_t i = 0; i < n; ++i) {
            fold[order[i]] = static_cast<int>(i % static_cast<std::size_t>(folds));
        }
    }
    return crossValidateFolds(data, options, fold, outOfFold);
}

ModelMetrics CommentModel::crossValidateFolds(const TrainingSet& data, const ModelOptions& options,
                                              const std::vector<int>& fold,
                                              std::vector<std::vector<float>>* outOfFold) {
    const std::size_t n = data.texts.size();
    const int folds = fold.empty() ? 0 : *std::max_element(fold.begin(), fold.end()) + 1;
    const auto counts = countFeatures(data.texts, options.features, options.category.threads);
    std::vector<double> scoreSeen;
    std::vector<double> scoreTruth;
    const std::size_t k = data.categoryNames.size();
    Counts category(k);
    Counts sentiment(3);
    Counts sentimentRated(3);
    std::size_t top1Hits = 0;
    std::size_t sentimentRows = 0;
    if (outOfFold) {
        outOfFold->assign(n, {});
    }
    for (int f = 0; f < folds; ++f) {
        std::vector<std::size_t> trainRows;
        for (std::size_t i = 0; i < n; ++i) {
            if (fold[i] != f) {
                trainRows.push_back(i);
            }
        }
        const Models m = fit(data, counts, trainRows, options);
        std::vector<float> margins;
        for (std::size_t i = 0; i < n; ++i) {
            if (fold[i] != f) {
                continue;
            }
            const SparseVector x = m.vocabulary.transform(counts[i]);
            m.category.scores(x, margins);
            const auto predicted = predictedCategories(margins, !x.empty());
            category.add(predicted, data.categories[i]);
            if (!predicted.empty() &&
                std::find(data.categories[i].begin(), data.categories[i].end(), predicted[0]) !=
                    data.categories[i].end()) {
                ++top1Hits;
            }
            if (outOfFold) {
                (*outOfFold)[i] = margins;
            }
            if (data.sentiment[i]) {
                const std::vector<std::uint16_t> truth = {
                    static_cast<std::uint16_t>(sentimentClass(*data.sentiment[i]))};
                m.sentiment.scores(x, margins);
                sentiment.add({argmax(margins)}, truth);
                scoreSeen.push_back(blendedScore(sentimentScore(margins), m.fivePoint, x));
                scoreTruth.push_back(6.0 - *data.sentiment[i]); // very positive ranks highest
                m.sentimentWithRating.scores(withRating(x, data.ratings[i], m.vocabulary.size()),
                                             margins);
                sentimentRated.add({argmax(margins)}, truth);
                ++sentimentRows;
            }
        }
    }
    ModelMetrics metrics;
    metrics.comments = n;
    metrics.sentimentLabelled = sentimentRows;
    metrics.categoryMicroF1 = category.micro();
    metrics.categoryMacroF1 = category.macro();
    metrics.categoryTop1 = n == 0 ? 0.0 : static_cast<double>(top1Hits) / static_cast<double>(n);
    metrics.sentimentMacroF1 = sentiment.macro();
    metrics.sentimentNegativeF1 = sentiment.classF1(2);
    metrics.sentimentMacroF1WithRating = sentimentRated.macro();
    metrics.sentimentNegativeF1WithRating = sentimentRated.classF1(2);
    metrics.sentimentSpearman = spearman(scoreSeen, scoreTruth);
    return metrics;
}

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
    auto ranks = [](const std::vector<double>& v) {
        std::vector<std::size_t> order(v.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(),
                  [&](std::size_t x, std::size_t y) { return v[x] < v[y]; });
        std::vector<double> r(v.size());
        for (std::size_t i = 0; i < order.size();) {
            std::size_t j = i;
            while (j + 1 < order.size() && v[order[j + 1]] == v[order[i]]) {
                ++j;
            }
            const double mid = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
            for (std::size_t t = i; t <= j; ++t) {
                r[order[t]] = mid;
            }
            i = j + 1;
        }
        return r;
    };
    if (a.size() != b.size() || a.size() < 2) {
        return 0;
    }
    const auto ra = ranks(a);
    const auto rb = ranks(b);
    const double mean = (static_cast<double>(a.size()) + 1.0) / 2.0;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sab += (ra[i] - mean) * (rb[i] - mean);
        saa += (ra[i] - mean) * (ra[i] - mean);
        sbb += (rb[i] - mean) * (rb[i] - mean);
    }
    return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0.0;
}

SparseVector CommentModel::vectorise(TextPipeline& pipeline, std::string_view text) const {
    return m_vocabulary.transform(pipeline.features(pipeline.tokenise(text), m_options.features));
}

int CommentModel::hintedCategory(common::Topic topic) const {
    const char* name = nullptr;
    switch (topic) {
    case common::Topic::Discharge:
        name = "Discharge";
        break;
    case common::Topic::InfectionControl:
        name = "Cleanliness, tidiness & infection control";
        break;
    case common::Topic::VisitingHours:
        name = "Interaction with family/ carers";
        break;
    case common::Topic::General:
        return -1;
    }
    const auto& names = m_category.classes;
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

CommentAnalysis CommentModel::analyse(const SparseVector& x, std::optional<int> rating,
                                      std::optional<common::Topic> topic) const {
    CommentAnalysis a;
    m_category.scores(x, a.categoryScores);
    if (topic) {
        if (const int hint = hintedCategory(*topic); hint >= 0) {
            a.categoryScores[static_cast<std::size_t>(hint)] += m_options.topicHint;
        }
    }
    a.categories = predictedCategories(a.categoryScores, !x.empty() || topic.has_value());
    if (topic) { // the topic the person chose is always one of the comment's categories
        const int hint = hintedCategory(*topic);
        if (hint >= 0 &&
            std::find(a.categories.begin(), a.categories.end(), hint) == a.categories.end()) {
            a.categories.push_back(hint);
        }
    }
    a.category = a.categories.empty() ? -1 : a.categories[0];
    std::vector<float> margins;
    if (rating && *rating >= 1 && *rating <= static_cast<int>(kRatingFeatures)) {
        m_sentimentWithRating.scores(withRating(x, rating, m_vocabulary.size()), margins);
    } else {
        m_sentiment.scores(x, margins);
    }
    a.sentimentClass = argmax(margins);
    a.sentiment = blendedScore(sentimentScore(margins), m_fivePoint, x);
    respectSentiment(a);
    return a;
}

void CommentModel::hintCategory(CommentAnalysis& a, int category) const {
    if (category < 0 || static_cast<std::size_t>(category) >= a.categoryScores.size()) {
        return;
    }
    a.categoryScores[static_cast<std::size_t>(category)] += m_options.topicHint;
    a.categories = predictedCategories(a.categoryScores, true);
    if (std::find(a.categories.begin(), a.categories.end(), category) == a.categories.end()) {
        a.categories.push_back(category);
    }
    a.category = a.categories[0];
    respectSentiment(a);
}

int CommentModel::categoryIndex(std::string_view name) const {
    const auto& names = m_category.classes;
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

void CommentModel::respectSentiment(CommentAnalysis& a) const {
    // "Positive experience & gratitude" on a complaint (or the negative one on praise) says
    // the opposite of the comment: the next category stands instead.
    const int contrary = a.sentimentClass == 2   ? categoryIndex(kPositiveCategory)
                         : a.sentimentClass == 0 ? categoryIndex(kNegativeCategory)
                                                 : -1;
    if (contrary < 0) {
        return;
    }
    const auto at = std::find(a.categories.begin(), a.categories.end(), contrary);
    if (at == a.categories.end()) {
        return;
    }
    a.categories.erase(at);
    if (a.category == contrary) {
        int next = -1;
        for (std::size_t c = 0; c < a.categoryScores.size(); ++c) {
            if (static_cast<int>(c) != contrary &&
                (next < 0 ||
                 a.categoryScores[c] > a.categoryScores[static_cast<std::size_t>(next)])) {
                next = static_cast<int>(c);
            }
        }
        a.category = next;
        if (next >= 0 &&
            std::find(a.categories.begin(), a.categories.end(), next) == a.categories.end()) {
            a.categories.insert(a.categories.begin(), next);
        }
    }
}

common::Status CommentModel::save(const std::string& path) const {
    std::string out(kMagic, sizeof(kMagic));
    put(out, kFormatVersion);
    put<std::uint8_t>(out, m_options.features.bigrams ? 1 : 0);
    put<std::uint8_t>(out, m_options.features.charNgrams ? 1 : 0);
    put<std::uint8_t>(out, m_options.features.stopWords ? 1 : 0);
    put<std::uint8_t>(out, m_options.features.lengthBucket ? 1 : 0);
    put(out, m_options.topicHint);
    const ModelMetrics& mt = m_metrics;
    for (double v : {mt.categoryMicroF1, mt.categoryMacroF1, mt.categoryTop1, mt.sentimentMacroF1,
                     mt.sentimentNegativeF1, mt.sentimentMacroF1WithRating,
                     mt.sentimentNegativeF1WithRating}) {
        put(out, v);
    }
    put<std::uint64_t>(out, mt.comments);
    put<std::uint64_t>(out, mt.sentimentLabelled);
    putArray(out, m_vocabulary.ids());
    putArray(out, m_vocabulary.idf());
    putLinear(out, m_category);
    putLinear(out, m_sentiment);
    putLinear(out, m_sentimentWithRating);
    putLinear(out, m_fivePoint);
    out += common::sha256Hex(out);
    const std::string temp = path + ".tmp";
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        if (!file.write(out.data(), static_cast<std::streamsize>(out.size())) || !file.flush()) {
            return common::makeError("io", "cannot write " + temp);
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        return common::makeError("io", "cannot rename " + temp + " to " + path);
    }
    return {};
}

common::Result<CommentModel> CommentModel::load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return common::makeError("io", "cannot read model file " + path);
    }
    std::ostringstream buffer;
    buffer << file.rdbuf();
    const std::string data = buffer.str();
    auto bad = [&](const std::string& why) {
        return common::makeError("bad_model", "model file " + path + " " + why);
    };
    if (data.size() < sizeof(kMagic) + 64 ||
        std::memcmp(data.data(), kMagic, sizeof(kMagic)) != 0) {
        return bad("is not a WardVoice comment model");
    }
    const std::string_view body(data.data(), data.size() - 64);
    if (common::sha256Hex(body) != std::string_view(data).substr(data.size() - 64)) {
        return bad("is damaged (checksum mismatch)");
    }
    Reader in(body.substr(sizeof(kMagic)));
    std::uint32_t version = 0;
    std::uint8_t bigrams = 0;
    std::uint8_t charNgrams = 0;
    CommentModel m;
    if (!in.get(version) || version < kOldestFormat || version > kFormatVersion) {
        return bad("has format version " + std::to_string(version) + ", expected " +
                   std::to_string(kOldestFormat) + "-" + std::to_string(kFormatVersion));
    }
    ModelMetrics& mt = m.m_metrics;
    std::uint8_t stopWords = 0;
    std::uint8_t lengthBucket = 0;
    bool ok = in.get(bigrams) && in.get(charNgrams) && in.get(stopWords) && in.get(lengthBucket) &&
              in.get(m.m_options.topicHint);
    for (double* v : {&mt.categoryMicroF1, &mt.categoryMacroF1, &mt.categoryTop1,
                      &mt.sentimentMacroF1, &mt.sentimentNegativeF1, &mt.sentimentMacroF1WithRating,
                      &mt.sentimentNegativeF1WithRating}) {
        ok = ok && in.get(*v);
    }
    std::uint64_t comments = 0;
    std::uint64_t labelled = 0;
    ok = ok && in.get(comments) && in.get(labelled);
    std::vector<FeatureId> ids;
    std::vector<float> idf;
    ok = ok && in.getArray(ids, 1ULL << 26) && in.getArray(idf, 1ULL << 26) &&
         ids.size() == idf.size();
    ok = ok && getLinear(in, m.m_category) && getLinear(in, m.m_sentiment) &&
         getLinear(in, m.m_sentimentWithRating) && (version < 2 || getLinear(in, m.m_fivePoint)) &&
         in.atEnd();
    if (!ok || m.m_category.dims != ids.size() || m.m_sentiment.dims != ids.size() ||
        m.m_sentimentWithRating.dims != ids.size() + kRatingFeatures ||
        m.m_sentiment.classes.size() != 3 || m.m_sentimentWithRating.classes.size() != 3 ||
        (version >= 2 && (m.m_fivePoint.dims != ids.size() || m.m_fivePoint.classes.size() != 5))) {
        return bad("is truncated or inconsistent");
    }
    mt.comments = comments;
    mt.sentimentLabelled = labelled;
    m.m_options.features.bigrams = bigrams != 0;
    m.m_options.features.charNgrams = charNgrams != 0;
    m.m_options.features.stopWords = stopWords != 0;
    m.m_options.features.lengthBucket = lengthBucket != 0;
    m.m_vocabulary = Vocabulary::fromParts(std::move(ids), std::move(idf));
    return m;
}

} // namespace wardvoice::themes
