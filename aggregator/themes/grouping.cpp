// Spherical k-means (Dhillon & Modha 2001) with k-means++ seeding and restarts, fitted on a
// sample, then over-clusters merged so that a group is the size a panel can discuss.
#include "aggregator/themes/grouping.hpp"

#include "aggregator/themes/linear.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <thread>

namespace wardvoice::themes {

namespace {

// Centroids stored feature-major (row f holds every centre's weight for feature f), so that
// scoring a sparse document reads one contiguous row per feature.
struct Centres {
    std::size_t dims = 0;
    std::size_t k = 0;
    std::vector<float> w;

    void fromDense(const std::vector<std::vector<float>>& centroids, std::size_t d) {
        dims = d;
        k = centroids.size();
        w.assign(dims * k, 0.0f);
        for (std::size_t j = 0; j < k; ++j) {
            for (std::size_t f = 0; f < dims; ++f) {
                w[f * k + j] = centroids[j][f];
            }
        }
    }
    // Best centre and its cosine.
    std::pair<int, float> nearest(const SparseVector& x, std::vector<float>& scratch) const {
        scratch.assign(k, 0.0f);
        for (std::size_t i = 0; i < x.index.size(); ++i) {
            const float v = x.value[i];
            const float* row = &w[static_cast<std::size_t>(x.index[i]) * k];
            for (std::size_t j = 0; j < k; ++j) {
                scratch[j] += v * row[j];
            }
        }
        const auto best = std::max_element(scratch.begin(), scratch.end());
        return {static_cast<int>(best - scratch.begin()), *best};
    }
};

template <typename F> void parallelFor(std::size_t n, unsigned threads, F&& body) {
    threads = std::max(1u, threads);
    if (threads == 1 || n < 2000) {
        body(0, n);
        return;
    }
    std::vector<std::thread> pool;
    const std::size_t chunk = (n + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
        const std::size_t begin = std::min(n, t * chunk);
        const std::size_t end = std::min(n, begin + chunk);
        pool.emplace_back([&body, begin, end] { body(begin, end); });
    }
    for (auto& thread : pool) {
        thread.join();
    }
}

void assignAll(const std::vector<const SparseVector*>& docs, const Centres& centres,
               std::vector<int>& assignment, std::vector<float>& similarity, unsigned threads) {
    assignment.resize(docs.size());
    similarity.resize(docs.size());
    parallelFor(docs.size(), threads, [&](std::size_t begin, std::size_t end) {
        std::vector<float> scratch;
        for (std::size_t i = begin; i < end; ++i) {
            const auto [best, sim] = centres.nearest(*docs[i], scratch);
            assignment[i] = best;
            similarity[i] = sim;
        }
    });
}

std::vector<float> asDense(const SparseVector& x, std::size_t dims) {
    std::vector<float> out(dims, 0.0f);
    for (std::size_t i = 0; i < x.index.size(); ++i) {
        out[x.index[i]] = x.value[i];
    }
    return out;
}

void normaliseDense(std::vector<float>& v) {
    double norm = 0;
    for (float x : v) {
        norm += static_cast<double>(x) * x;
    }
    if (norm > 0) {
        const auto s = static_cast<float>(1.0 / std::sqrt(norm));
        for (float& x : v) {
            x *= s;
        }
    }
}

// Sums of member vectors per group (unnormalised centroids) and group sizes.
void sums(const std::vector<const SparseVector*>& docs, const std::vector<int>& assignment,
          std::size_t k, std::size_t dims, std::vector<std::vector<float>>& total,
          std::vector<std::size_t>& sizes) {
    total.assign(k, std::vector<float>(dims, 0.0f));
    sizes.assign(k, 0);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const auto j = static_cast<std::size_t>(assignment[i]);
        ++sizes[j];
        for (std::size_t e = 0; e < docs[i]->index.size(); ++e) {
            total[j][docs[i]->index[e]] += docs[i]->value[e];
        }
    }
}

// k-means++ seeding: each next centre is drawn with probability proportional to 1 - cos,
// which for unit vectors is half the squared Euclidean distance.
std::vector<std::vector<float>> seed(const std::vector<const SparseVector*>& docs, std::size_t k,
                                     std::size_t dims, Random& random) {
    std::vector<std::vector<float>> centres;
    std::vector<double> best(docs.size(), -1.0);
    std::size_t pick = random.below(docs.size());
    for (std::size_t c = 0; c < k; ++c) {
        centres.push_back(asDense(*docs[pick], dims));
        const auto& centre = centres.back();
        double total = 0;
        for (std::size_t i = 0; i < docs.size(); ++i) {
            double s = 0;
            for (std::size_t e = 0; e < docs[i]->index.size(); ++e) {
                s += centre[docs[i]->index[e]] * docs[i]->value[e];
            }
            best[i] = std::max(best[i], s);
            total += std::max(0.0, 1.0 - best[i]);
        }
        if (total <= 0) {
            pick = random.below(docs.size());
            continue;
        }
        double target = random.unit() * total;
        pick = docs.size() - 1;
        for (std::size_t i = 0; i < docs.size(); ++i) {
            target -= std::max(0.0, 1.0 - best[i]);
            if (target <= 0) {
                pick = i;
                break;
            }
        }
    }
    return centres;
}

struct Fit {
    std::vector<std::vector<float>> centroids;
    double objective = -1;
};

Fit lloyd(const std::vector<const SparseVector*>& docs, std::size_t k, std::size_t dims,
          const GroupingOptions& options, Random& random) {
    Fit fit;
    fit.centroids = seed(docs, k, dims, random);
    std::vector<int> assignment;
    std::vector<int> previous;
    std::vector<float> similarity;
    Centres centres;
    for (int iteration = 0; iteration < options.maxIterations; ++iteration) {
        if (options.cancel != nullptr && options.cancel->load()) {
            break;
        }
        centres.fromDense(fit.centroids, dims);
        assignAll(docs, centres, assignment, similarity, options.threads);
        if (assignment == previous) {
            break;
        }
        std::vector<std::vector<float>> total;
        std::vector<std::size_t> sizes;
        sums(docs, assignment, k, dims, total, sizes);
        for (std::size_t j = 0; j < k; ++j) {
            if (sizes[j] == 0) { // an empty group restarts at the worst-served document
                const auto worst = static_cast<std::size_t>(
                    std::min_element(similarity.begin(), similarity.end()) - similarity.begin());
                total[j] = asDense(*docs[worst], dims);
                similarity[worst] = 1.0f;
            }
            normaliseDense(total[j]);
        }
        fit.centroids = std::move(total);
        previous = assignment;
    }
    centres.fromDense(fit.centroids, dims);
    assignAll(docs, centres, assignment, similarity, options.threads);
    fit.objective = std::accumulate(similarity.begin(), similarity.end(), 0.0);
    return fit;
}

double cosine(const std::vector<float>& a, const std::vector<float>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        s += static_cast<double>(a[i]) * b[i];
    }
    return s;
}

// Merges groups: the closest pair first, while there are more than `target` groups or the
// closest pair is at least `threshold` similar; then groups under `minSize` join their nearest.
void merge(std::vector<std::vector<float>>& total, std::vector<std::size_t>& sizes,
           std::size_t target, double threshold, std::size_t minSize) {
    auto centre = [&](std::size_t j) {
        auto c = total[j];
        normaliseDense(c);
        return c;
    };
    while (total.size() > 1) {
        std::vector<std::vector<float>> unit;
        for (std::size_t j = 0; j < total.size(); ++j) {
            unit.push_back(centre(j));
        }
        double best = -2;
        std::size_t a = 0;
        std::size_t b = 0;
        for (std::size_t i = 0; i < unit.size(); ++i) {
            for (std::size_t j = i + 1; j < unit.size(); ++j) {
                const double s = cosine(unit[i], unit[j]);
                if (s > best) {
                    best = s;
                    a = i;
                    b = j;
                }
            }
        }
        std::size_t smallest =
            static_cast<std::size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
        if (total.size() <= target && best < threshold) {
            if (sizes[smallest] >= minSize) {
                break;
            }
            // Join the smallest group to its nearest neighbour.
            a = smallest;
            best = -2;
            for (std::size_t j = 0; j < unit.size(); ++j) {
                if (j != a && cosine(unit[a], unit[j]) > best) {
                    best = cosine(unit[a], unit[j]);
                    b = j;
                }
            }
            if (a > b) {
                std::swap(a, b);
            }
        }
        for (std::size_t f = 0; f < total[a].size(); ++f) {
            total[a][f] += total[b][f];
        }
        sizes[a] += sizes[b];
        total.erase(total.begin() + static_cast<std::ptrdiff_t>(b));
        sizes.erase(sizes.begin() + static_cast<std::ptrdiff_t>(b));
    }
}

} // namespace

double normalisedMutualInformation(const std::vector<int>& a, const std::vector<int>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    if (n == 0) {
        return 0.0;
    }
    std::map<int, double> ca;
    std::map<int, double> cb;
    std::map<std::pair<int, int>, double> joint;
    for (std::size_t i = 0; i < n; ++i) {
        ca[a[i]] += 1;
        cb[b[i]] += 1;
        joint[{a[i], b[i]}] += 1;
    }
    const double total = static_cast<double>(n);
    auto entropy = [&](const std::map<int, double>& counts) {
        double h = 0;
        for (const auto& [label, c] : counts) {
            h -= c / total * std::log(c / total);
        }
        return h;
    };
    double mi = 0;
    for (const auto& [pair, c] : joint) {
        mi += c / total * std::log(c * total / (ca[pair.first] * cb[pair.second]));
    }
    const double ha = entropy(ca);
    const double hb = entropy(cb);
    if (ha + hb <= 0) {
        return 1.0; // both labellings put everything in one group
    }
    return std::max(0.0, 2.0 * mi / (ha + hb));
}

int overClusterCount(std::size_t documents) {
    const auto k =
        static_cast<int>(std::ceil(2.0 * std::sqrt(static_cast<double>(documents) / 2.0)));
    return std::clamp(k, 2, 100);
}

Grouping groupDocuments(const std::vector<SparseVector>& documents, std::size_t dims,
                        const GroupingOptions& options) {
    Grouping out;
    out.dims = dims;
    out.assignment.assign(documents.size(), -1);
    out.similarity.assign(documents.size(), 0.0f);
    std::vector<std::size_t> nonEmpty;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        if (!documents[i].empty()) {
            nonEmpty.push_back(i);
        }
    }
    if (nonEmpty.empty()) {
        return out;
    }
    // Fit on a deterministic sample.
    Random random(options.seed);
    std::vector<std::size_t> sample = nonEmpty;
    if (sample.size() > options.sampleSize) {
        for (std::size_t i = 0; i < options.sampleSize; ++i) {
            std::swap(sample[i], sample[i + random.below(sample.size() - i)]);
        }
        sample.resize(options.sampleSize);
        std::sort(sample.begin(), sample.end());
    }
    std::vector<const SparseVector*> fitDocs;
    for (std::size_t i : sample) {
        fitDocs.push_back(&documents[i]);
    }
    const std::size_t target =
        options.themes ? static_cast<std::size_t>(*options.themes) : fitDocs.size();
    std::size_t k0 = options.themes ? static_cast<std::size_t>(2 * *options.themes)
                                    : static_cast<std::size_t>(overClusterCount(nonEmpty.size()));
    k0 = std::max<std::size_t>(1, std::min(k0, fitDocs.size()));

    Fit best;
    for (int r = 0; r < std::max(1, options.restarts); ++r) {
        if (r > 0 && options.cancel != nullptr && options.cancel->load()) {
            break;
        }
        Fit fit = lloyd(fitDocs, k0, dims, options, random);
        if (fit.objective > best.objective) {
            best = std::move(fit);
        }
    }
    // Merge on the sample's sums, then polish with a few iterations on the merged centres.
    Centres centres;
    centres.fromDense(best.centroids, dims);
    std::vector<int> assignment;
    std::vector<float> similarity;
    assignAll(fitDocs, centres, assignment, similarity, options.threads);
    std::vector<std::vector<float>> total;
    std::vector<std::size_t> sizes;
    sums(fitDocs, assignment, k0, dims, total, sizes);
    for (std::size_t j = k0; j-- > 0;) { // drop groups that ended empty
        if (sizes[j] == 0) {
            total.erase(total.begin() + static_cast<std::ptrdiff_t>(j));
            sizes.erase(sizes.begin() + static_cast<std::ptrdiff_t>(j));
        }
    }
    const double threshold = options.themes ? 2.0 : options.mergeSimilarity;
    const std::size_t minSize = options.themes ? 0 : options.minGroupSize;
    merge(total, sizes, std::min(target, total.size()), threshold, minSize);
    for (auto& c : total) {
        normaliseDense(c);
    }
    out.centroids = std::move(total);

    std::vector<const SparseVector*> all;
    for (std::size_t i : nonEmpty) {
        all.push_back(&documents[i]);
    }
    for (int polish = 0; polish < 3; ++polish) {
        centres.fromDense(out.centroids, dims);
        assignAll(fitDocs, centres, assignment, similarity, options.threads);
        std::vector<std::vector<float>> polished;
        sums(fitDocs, assignment, out.centroids.size(), dims, polished, sizes);
        for (std::size_t j = 0; j < polished.size(); ++j) {
            if (sizes[j] == 0) {
                polished[j] = out.centroids[j];
            }
            normaliseDense(polished[j]);
        }
        out.centroids = std::move(polished);
    }
    centres.fromDense(out.centroids, dims);
    assignAll(all, centres, assignment, similarity, options.threads);
    for (std::size_t i = 0; i < nonEmpty.size(); ++i) {
        out.assignment[nonEmpty[i]] = assignment[i];
        out.similarity[nonEmpty[i]] = similarity[i];
    }
    return out;
}

} // namespace wardvoice::themes
