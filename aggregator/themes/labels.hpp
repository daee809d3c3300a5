// Readable theme labels: class-based TF-IDF over 1-3 word phrases that occur in the comments.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wardvoice::themes {

struct GroupLabel {
    std::string label;  ///< a phrase as people wrote it, e.g. "hand gel"; "" for no phrase
    long example = -1;  ///< index of the most representative comment, -1 when none
    double support = 0; ///< share of the group's comments holding the phrase
};

/// Labels `groups` groups: `group[i]` is comment i's group (-1: none) and `similarity[i]` its
/// cosine to the group centre. Each label is the phrase (1-3 words, not starting or ending with
/// a stop word) scoring highest by c-TF-IDF (its share of the group's comments, times
/// ln(1 + average group size / its count in all groups)), preferring a longer phrase that
/// carries a third of a shorter one's support. The example is the comment closest to the centre
/// among those containing the phrase. Deterministic: ties break on the phrase and the index.
/// With `labelWord`, a phrase holding a content word it refuses is never a label.
std::vector<GroupLabel> labelGroups(const std::vector<std::string_view>& texts,
                                    const std::vector<int>& group,
                                    const std::vector<float>& similarity, std::size_t groups,
                                    std::size_t maxCommentsPerGroup = 2000,
                                    const std::function<bool(std::string_view)>& labelWord = {});

} // namespace wardvoice::themes
