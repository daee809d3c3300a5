// One-vs-rest linear classifiers trained by dual coordinate descent (Hsieh et al., ICML 2008),
// the method behind LIBLINEAR's default L2-loss SVM.
#include "aggregator/themes/linear.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

namespace wardvoice::themes {

std::uint64_t Random::next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void LinearModel::scores(const SparseVector& x, std::vector<float>& out) const {
    const std::size_t k = classes.size();
    out.assign(bias.begin(), bias.end());
    for (std::size_t i = 0; i < x.index.size(); ++i) {
        const float v = x.value[i];
        const float* row = &weights[static_cast<std::size_t>(x.index[i]) * k];
        for (std::size_t c = 0; c < k; ++c) {
            out[c] += v * row[c];
        }
    }
}

namespace {

// Trains one binary L2-loss SVM with a bias feature of value 1; returns w (dims) and b.
void trainBinary(const std::vector<SparseVector>& x, const std::vector<signed char>& y,
                 std::size_t dims, const TrainOptions& options, std::uint64_t seed,
                 std::vector<float>& w, float& b) {
    const std::size_t n = x.size();
    std::size_t positives = 0;
    for (auto label : y) {
        positives += label > 0 ? 1 : 0;
    }
    const double negatives = static_cast<double>(n - positives);
    const double positiveCost =
        options.balanced && positives > 0
            ? options.c * std::max(1.0, std::sqrt(negatives / static_cast<double>(positives)))
            : options.c;
    std::vector<double> wd(dims, 0.0);
    double bd = 0.0;
    std::vector<double> alpha(n, 0.0);
    std::vector<double> diag(n);
    std::vector<double> qii(n);
    for (std::size_t i = 0; i < n; ++i) {
        diag[i] = 0.5 / (y[i] > 0 ? positiveCost : options.c);
        double sq = 1.0; // the bias feature
        for (float v : x[i].value) {
            sq += static_cast<double>(v) * v;
        }
        qii[i] = sq + diag[i];
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    Random random(seed);
    for (int epoch = 0; epoch < options.maxEpochs; ++epoch) {
        for (std::size_t i = n; i > 1; --i) { // Fisher-Yates, deterministic
            std::swap(order[i - 1], order[random.below(i)]);
        }
        double maxPg = -1e300;
        double minPg = 1e300;
        for (std::size_t i : order) {
            const auto& xi = x[i];
            const double yi = y[i];
            double margin = bd;
            for (std::size_t j = 0; j < xi.index.size(); ++j) {
                margin += wd[xi.index[j]] * xi.value[j];
            }
            const double g = yi * margin - 1.0 + diag[i] * alpha[i];
            const double pg = alpha[i] == 0.0 ? std::min(g, 0.0) : g;
            maxPg = std::max(maxPg, pg);
            minPg = std::min(minPg, pg);
            if (std::fabs(pg) < 1e-12) {
                continue;
            }
            const double old = alpha[i];
            alpha[i] = std::max(alpha[i] - g / qii[i], 0.0);
            const double delta = (alpha[i] - old) * yi;
            for (std::size_t j = 0; j < xi.index.size(); ++j) {
                wd[xi.index[j]] += delta * xi.value[j];
            }
            bd += delta;
        }
        if (maxPg - minPg < options.tolerance) {
            break;
        }
    }
    w.assign(wd.begin(), wd.end());
    b = static_cast<float>(bd);
}

} // namespace

LinearModel trainOneVsRest(const std::vector<SparseVector>& documents,
                           const std::vector<std::vector<std::uint16_t>>& labels,
                           std::vector<std::string> classes, std::size_t dims,
                           const TrainOptions& options) {
    LinearModel model;
    model.dims = dims;
    model.classes = std::move(classes);
    const std::size_t k = model.classes.size();
    model.weights.assign(dims * k, 0.0f);
    model.bias.assign(k, 0.0f);

    auto trainClass = [&](std::size_t c) {
        std::vector<signed char> y(documents.size(), -1);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            for (auto label : labels[i]) {
                if (label == c) {
                    y[i] = 1;
                }
            }
        }
        std::vector<float> w;
        float b = 0.0f;
        trainBinary(documents, y, dims, options, options.seed + c, w, b);
        for (std::size_t f = 0; f < dims; ++f) {
            model.weights[f * k + c] = w[f];
        }
        model.bias[c] = b;
    };
    const unsigned threads =
        std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(k)));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (std::size_t c = t; c < k; c += threads) {
                trainClass(c); // each class writes its own column: no sharing
            }
        });
    }
    for (auto& thread : pool) {
        thread.join();
    }
    return model;
}

} // namespace wardvoice::themes
