// The hand-written ward comments fixture, shared by the themes tests.
#pragma once

#include "aggregator/cli/csv.hpp"
#include "aggregator/themes/comment_model.hpp"

#include <gtest/gtest.h>
#include <map>
#include <string>

namespace wardvoice::themes::testing {

inline std::string fixturePath() {
    return std::string(WARDVOICE_SOURCE_DIR) +
           "/tests/aggregator/themes/fixtures/ward_comments.csv";
}

/// The fixture as a training set: the expected theme is the category, the rating gives the
/// sentiment label (1-2 positive, 3 mixed, 4-5 negative).
inline TrainingSet fixtureSet() {
    auto table = aggregator::readCsvFile(fixturePath());
    EXPECT_TRUE(table.ok());
    TrainingSet set;
    std::map<std::string, std::uint16_t> index;
    for (const auto& row : table.value().rows) {
        const std::string& expected = row[3];
        if (!index.count(expected)) {
            index[expected] = static_cast<std::uint16_t>(set.categoryNames.size());
            set.categoryNames.push_back(expected);
        }
        const int rating = std::stoi(row[2]);
        set.texts.push_back(row[1]);
        set.categories.push_back({index[expected]});
        set.ratings.push_back(rating);
        set.sentiment.push_back(rating <= 2 ? 1 : rating == 3 ? 3 : 5);
    }
    return set;
}

} // namespace wardvoice::themes::testing
