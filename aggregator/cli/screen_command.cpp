// `screen`: the safeguarding screen over the comments of a CSV file, for outside tools.
#include "aggregator/cli/screen_command.hpp"

#include "aggregator/cli/csv.hpp"
#include "common/safeguarding.hpp"

#include <cstdio>
#include <iostream>

namespace wardvoice::aggregator {

common::Result<std::vector<common::ScreenModel::Example>>
loadScreenExamples(const std::string& csv) {
    auto table = readCsvFile(csv);
    if (!table) {
        return table.error();
    }
    auto columns = commentColumns(table.value(), csv, "comment", "fft_rating");
    if (!columns) {
        return columns.error();
    }
    const int label = table->column("class");
    if (label < 0) {
        return common::makeError("bad_csv", csv + ":1: no column named \"class\"");
    }
    std::vector<common::ScreenModel::Example> out;
    for (std::size_t r = 0; r < table->rows.size(); ++r) {
        const std::string& cell = table->rows[r][static_cast<std::size_t>(label)];
        const auto concern = common::concernClassFromString(cell);
        if (!concern) {
            return common::makeError("bad_csv", csv + ":" + std::to_string(table->lines[r]) +
                                                    ": class \"" + cell +
                                                    "\" is not self_harm, harm_abuse, "
                                                    "neglect_unsafe, complaint_intent or none");
        }
        out.push_back({columns->texts[r], columns->ratings[r], *concern});
    }
    return out;
}

int runTrainScreen(const TrainScreenArgs& args) {
    auto examples = loadScreenExamples(args.csv);
    if (!examples) {
        std::cerr << "wardvoice-aggregator: " << examples.error().message << "\n";
        return 1;
    }
    const common::ScreenModel::TrainOptions options;
    const auto held = common::ScreenModel::crossValidate(examples.value(), args.folds, options);
    struct Score {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int added = 0;
        int addedRight = 0;
    };
    auto score = [&](double threshold) {
        Score s;
        for (std::size_t i = 0; i < held.size(); ++i) {
            const bool gold = examples.value()[i].label != common::ConcernClass::None;
            const bool byModel = !held[i].lexicon.flagged && held[i].concern >= threshold;
            const bool flag = held[i].lexicon.flagged || byModel;
            s.tp += gold && flag;
            s.fp += !gold && flag;
            s.fn += gold && !flag;
            s.added += byModel;
            s.addedRight += byModel && gold;
        }
        return s;
    };
    auto line = [](const char* what, const Score& s) {
        std::printf("  %-22s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d; the model adds "
                    "%d, %d right)\n",
                    what, s.tp + s.fp ? double(s.tp) / (s.tp + s.fp) : 1.0,
                    s.tp + s.fn ? double(s.tp) / (s.tp + s.fn) : 1.0, s.tp, s.fp, s.fn, s.added,
                    s.addedRight);
    };
    std::printf("%d-fold cross-validation on %zu labelled comments:\n", args.folds,
                examples->size());
    const Score lexiconOnly = score(2.0);
    line("patterns alone", lexiconOnly);
    const double lexiconPrecision =
        double(lexiconOnly.tp) / std::max(1, lexiconOnly.tp + lexiconOnly.fp);
    // The lowest threshold whose additions are right at least a third of the time (recall
    // first: a missed disclosure costs far more than a false alert) and that keeps the
    // precision a ward needs to go on reading its alerts.
    double chosen = 1.01;
    for (const double t : {0.5, 0.6, 0.7, 0.8, 0.9, 0.95}) {
        const Score s = score(t);
        char what[40];
        std::snprintf(what, sizeof(what), "with model at %.2f", t);
        line(what, s);
        const double precision = double(s.tp) / std::max(1, s.tp + s.fp);
        if (chosen > 1 && s.addedRight > 0 && 3 * s.addedRight >= s.added &&
            precision >= std::min(0.88, lexiconPrecision - 0.05)) {
            chosen = t;
        }
    }
    if (chosen > 1) {
        std::printf("no threshold adds flags at that precision: the model stays silent\n");
    } else {
        std::printf("threshold %.2f\n", chosen);
    }
    auto model = common::ScreenModel::train(examples.value(), options);
    model.setThreshold(chosen);
    if (auto s = model.save(args.out); !s) {
        std::cerr << "wardvoice-aggregator: " << s.error().message << "\n";
        return 1;
    }
    std::printf("wrote %s\n", args.out.c_str());
    return 0;
}

int runScreen(const ScreenArgs& args) {
    auto columns = readCommentColumns(args.csv, args.textColumn, args.ratingColumn);
    if (!columns) {
        std::cerr << "wardvoice-aggregator: " << columns.error().message << "\n";
        return 1;
    }
    std::size_t flagged = 0;
    const auto written = writeFileAtomically(args.out, [&](std::ostream& out) {
        out << "row,flag,class,reason\r\n";
        for (std::size_t i = 0; i < columns->texts.size(); ++i) {
            common::ScreenInput input;
            input.comment = columns->texts[i];
            input.rating = columns->ratings[i];
            const common::ScreenResult r = common::screenComment(input);
            flagged += r.flagged ? 1 : 0;
            out << i << ',' << (r.flagged ? '1' : '0') << ',' << common::toString(r.concern) << ','
                << csvField(r.reason) << "\r\n";
        }
    });
    if (!written) {
        std::cerr << "wardvoice-aggregator: " << written.error().message << "\n";
        return 1;
    }
    std::cerr << columns->texts.size() << " comments, " << flagged << " flagged -> " << args.out
              << "\n";
    return 0;
}

} // namespace wardvoice::aggregator
