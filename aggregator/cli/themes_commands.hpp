// The themes engine's sub-commands: train (the comment model) and themes (offline grouping).
#pragma once

#include "aggregator/store/store.hpp"
#include "aggregator/themes/comment_model.hpp"
#include "common/result.hpp"

#include <optional>
#include <string>

namespace wardvoice::aggregator {

/// Reads the labelled FFT file (v6 framework columns): comment text from "FFT answer",
/// sentiment from "Comment sentiment", rating from "FFT categorical answer", and every column
/// after "Comment sentiment" as a framework category. Errors name the file and line.
common::Result<themes::TrainingSet> loadTrainingSet(const std::string& csvPath);

struct TrainArgs {
    std::string csv;
    std::string out;
    int folds = 5;
    bool charNgrams = true;
    /// Comments staff corrected (`train --corrections`): trained on with the CSV's rows (the
    /// cross-validation scores the CSV alone, so that its figures stay comparable).
    std::vector<Store::CorrectedComment> corrections;
    /// The model the corrected comments were read with: names the categories staff left as
    /// they were.
    std::string currentModel;
};

/// The corrected comments as training rows of `data` (whose category names they must use);
/// fails naming a category the CSV does not have.
common::Status addCorrections(themes::TrainingSet& data,
                              const std::vector<Store::CorrectedComment>& corrections,
                              const std::vector<std::string>& modelCategories);

/// `train`: cross-validates (prints micro/macro-F1, top-1, sentiment F1), then trains on all
/// rows and writes the model file. Returns the process exit code.
int runTrain(const TrainArgs& args);

struct ThemesArgs {
    std::string csv;
    std::string textColumn;
    std::string out;
    std::optional<int> themes;
    std::string model;
    std::string ratingColumn;
    std::string state;
    bool quiet = false;
};

/// `themes`: groups the comments of a CSV file and writes row,theme_id,theme_label,category,
/// sentiment. Returns the process exit code.
int runThemes(const ThemesArgs& args);

} // namespace wardvoice::aggregator
