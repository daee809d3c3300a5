// `screen`: the safeguarding screen over the comments of a CSV file, for outside tools.
#pragma once

#include "common/result.hpp"
#include "common/safeguarding_model.hpp"

#include <string>
#include <vector>

namespace wardvoice::aggregator {

struct ScreenArgs {
    std::string csv;
    std::string textColumn;
    std::string ratingColumn;
    std::string out;
};

/// Labelled comments for the screen's model: `comment`, `fft_rating` (1-6 or empty) and `class`
/// columns, as in tests/aggregator/fixtures/safeguarding_fft.csv. Errors name the file and line.
common::Result<std::vector<common::ScreenModel::Example>>
loadScreenExamples(const std::string& csv);

struct TrainScreenArgs {
    std::string csv;
    std::string out;
    int folds = 5;
};

/// `train-screen`: cross-validates the model on the labelled file (prints precision and recall
/// of the patterns alone and with the model at several thresholds), chooses the threshold,
/// trains on every row and writes the model. Returns the process exit code.
int runTrainScreen(const TrainScreenArgs& args);

/// Writes `row,flag,class,reason` (row 0-based, flag 1 or 0, class self_harm | harm_abuse |
/// neglect_unsafe | complaint_intent | none), one line per data row, reading the CSV with the
/// same rules and errors as `themes`. Returns the process exit code.
int runScreen(const ScreenArgs& args);

} // namespace wardvoice::aggregator
