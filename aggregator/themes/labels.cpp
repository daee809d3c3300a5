// Readable theme labels: class-based TF-IDF over 1-3 word phrases that occur in the comments.
#include "aggregator/themes/labels.hpp"

#include "aggregator/themes/text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace wardvoice::themes {

namespace {

struct Phrase {
    std::string stems;   ///< identity: stems joined by spaces, so "gels" and "gel" count as one
    std::string surface; ///< one way people wrote it
    int words = 1;
};

// Every 1-3 word phrase of a comment, once each.
std::vector<Phrase> phrasesOf(TextPipeline& pipeline, std::string_view text,
                              const std::function<bool(std::string_view)>& labelWord) {
    const auto tokens = pipeline.tokenise(text);
    std::vector<Phrase> out;
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& first = tokens[i];
        if (first.stop && !first.negation) {
            continue;
        }
        std::string stems;
        std::string surface;
        for (std::size_t n = 0; n < 3 && i + n < tokens.size(); ++n) {
            const auto& t = tokens[i + n];
            if (n > 0) {
                stems += ' ';
                surface += ' ';
            }
            stems += t.stem;
            surface += t.surface;
            const bool content = !t.stop && !t.negation && t.surface.size() > 1;
            if (content && labelWord && !labelWord(t.surface)) {
                break; // no phrase holds a word the caller refuses
            }
            if (content && seen.insert(stems).second) {
                out.push_back({stems, surface, static_cast<int>(n + 1)});
            }
            if (t.sentenceEnd) {
                break;
            }
        }
    }
    return out;
}

struct Candidate {
    std::string stems;
    std::size_t inGroup = 0;
    std::map<std::string, std::size_t> surfaces; // ordered: ties break alphabetically
    int words = 1;
};

const std::string& commonestSurface(const Candidate& c) {
    const std::string* best = nullptr;
    std::size_t count = 0;
    for (const auto& [surface, n] : c.surfaces) {
        if (n > count) {
            best = &surface;
            count = n;
        }
    }
    return *best;
}

bool containsPhrase(const std::string& longer, const std::string& shorter) {
    const std::string padded = ' ' + longer + ' ';
    return padded.find(' ' + shorter + ' ') != std::string::npos;
}

} // namespace

std::vector<GroupLabel> labelGroups(const std::vector<std::string_view>& texts,
                                    const std::vector<int>& group,
                                    const std::vector<float>& similarity, std::size_t groups,
                                    std::size_t maxCommentsPerGroup,
                                    const std::function<bool(std::string_view)>& labelWord) {
    // Members of each group, evenly thinned to at most maxCommentsPerGroup.
    std::vector<std::vector<std::size_t>> members(groups);
    for (std::size_t i = 0; i < group.size(); ++i) {
        if (group[i] >= 0) {
            members[static_cast<std::size_t>(group[i])].push_back(i);
        }
    }
    for (auto& m : members) {
        if (m.size() > maxCommentsPerGroup) {
            std::vector<std::size_t> thinned;
            for (std::size_t j = 0; j < maxCommentsPerGroup; ++j) {
                thinned.push_back(m[j * m.size() / maxCommentsPerGroup]);
            }
            m = std::move(thinned);
        }
    }
    TextPipeline pipeline;
    std::vector<std::unordered_map<std::string, Candidate>> perGroup(groups);
    std::unordered_map<std::string, std::size_t> everywhere;
    std::vector<std::vector<std::vector<std::string>>> phraseKeys(groups);
    for (std::size_t g = 0; g < groups; ++g) {
        for (std::size_t i : members[g]) {
            std::vector<std::string> keys;
            for (auto& p : phrasesOf(pipeline, texts[i], labelWord)) {
                auto& c = perGroup[g][p.stems];
                c.stems = p.stems;
                c.words = p.words;
                ++c.inGroup;
                ++c.surfaces[p.surface];
                ++everywhere[p.stems];
                keys.push_back(p.stems);
            }
            phraseKeys[g].push_back(std::move(keys));
        }
    }
    double average = 0;
    for (const auto& m : members) {
        average += static_cast<double>(m.size());
    }
    average /= static_cast<double>(std::max<std::size_t>(1, groups));

    std::vector<GroupLabel> labels(groups);
    for (std::size_t g = 0; g < groups; ++g) {
        const double size = static_cast<double>(members[g].size());
        const std::size_t minSupport = std::max<std::size_t>(members[g].size() >= 20 ? 2 : 1,
                                                             static_cast<std::size_t>(0.03 * size));
        auto score = [&](const Candidate& c) {
            const double tf = static_cast<double>(c.inGroup) / size;
            const double idf = std::log(1.0 + average / static_cast<double>(everywhere[c.stems]));
            // Coverage counts twice: a label must speak for the theme, not for a corner of it.
            return tf * tf * idf * (1.0 + 0.15 * (c.words - 1));
        };
        // A label should speak for a good part of the theme: phrases held by at least 15% of
        // its comments when there are any, else by at least minSupport.
        const std::size_t broad =
            std::max(minSupport, static_cast<std::size_t>(std::ceil(0.15 * size)));
        const bool anyBroad =
            std::any_of(perGroup[g].begin(), perGroup[g].end(),
                        [&](const auto& kv) { return kv.second.inGroup >= broad; });
        const std::size_t floor = anyBroad ? broad : minSupport;
        // Phrases of two or three words held by a quarter of the theme read best ("visiting
        // hours" rather than "work"); single words only when there is no such phrase.
        const std::size_t phraseFloor =
            std::max(minSupport, static_cast<std::size_t>(std::ceil(0.25 * size)));
        const bool anyPhrase =
            std::any_of(perGroup[g].begin(), perGroup[g].end(), [&](const auto& kv) {
                return kv.second.words >= 2 && kv.second.inGroup >= phraseFloor;
            });
        const Candidate* best = nullptr;
        double bestScore = -1;
        for (const auto& [key, c] : perGroup[g]) {
            if (anyPhrase ? (c.words < 2 || c.inGroup < phraseFloor) : c.inGroup < floor) {
                continue;
            }
            const double s = score(c);
            if (s > bestScore || (s == bestScore && best && c.stems < best->stems)) {
                best = &c;
                bestScore = s;
            }
        }
        if (best == nullptr) {
            continue;
        }
        // Prefer a longer phrase holding a third of the support ("cold" -> "food was cold").
        for (int round = 0; round < 2; ++round) {
            const Candidate* longer = nullptr;
            for (const auto& [key, c] : perGroup[g]) {
                if (c.words > best->words && c.inGroup * 3 >= best->inGroup && c.inGroup >= floor &&
                    containsPhrase(c.stems, best->stems) &&
                    (longer == nullptr || c.inGroup > longer->inGroup ||
                     (c.inGroup == longer->inGroup && c.stems < longer->stems))) {
                    longer = &c;
                }
            }
            if (longer == nullptr) {
                break;
            }
            best = longer;
        }
        labels[g].label = commonestSurface(*best);
        labels[g].support = static_cast<double>(best->inGroup) / size;
        // The example: closest to the centre among comments holding the phrase.
        long example = -1;
        float exampleSim = -2.0f;
        for (std::size_t j = 0; j < members[g].size(); ++j) {
            const auto& keys = phraseKeys[g][j];
            if (std::find(keys.begin(), keys.end(), best->stems) == keys.end()) {
                continue;
            }
            const std::size_t i = members[g][j];
            if (similarity[i] > exampleSim) {
                exampleSim = similarity[i];
                example = static_cast<long>(i);
            }
        }
        labels[g].example = example;
    }
    // Groups without a phrase still get their closest comment as the example.
    for (std::size_t g = 0; g < groups; ++g) {
        if (labels[g].example < 0 && !members[g].empty()) {
            std::size_t bestIndex = members[g][0];
            for (std::size_t i : members[g]) {
                if (similarity[i] > similarity[bestIndex]) {
                    bestIndex = i;
                }
            }
            labels[g].example = static_cast<long>(bestIndex);
        }
    }
    return labels;
}

} // namespace wardvoice::themes
