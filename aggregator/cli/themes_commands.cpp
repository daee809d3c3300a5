// The themes engine's sub-commands: train (the comment model) and themes (offline grouping).
#include "aggregator/cli/themes_commands.hpp"

#include "aggregator/cli/csv.hpp"
#include "aggregator/themes/engine.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <unordered_map>

namespace wardvoice::aggregator {

namespace {

int fail(const std::string& message) {
    std::cerr << "wardvoice-aggregator: " << message << "\n";
    return 1;
}

std::optional<int> smallInt(const std::string& s) {
    if (s.size() != 1 || s[0] < '0' || s[0] > '9') {
        return std::nullopt;
    }
    return s[0] - '0';
}

} // namespace

common::Result<themes::TrainingSet> loadTrainingSet(const std::string& csvPath) {
    auto table = readCsvFile(csvPath);
    if (!table) {
        return table.error();
    }
    const CsvTable& t = table.value();
    const int text = t.column("FFT answer");
    const int sentiment = t.column("Comment sentiment");
    const int rating = t.column("FFT categorical answer");
    const int trust = t.column("Trust"); // optional: which trust each comment came from
    for (const auto& [index, name] :
         {std::pair{text, "FFT answer"}, std::pair{sentiment, "Comment sentiment"},
          std::pair{rating, "FFT categorical answer"}}) {
        if (index < 0) {
            return common::makeError("bad_csv",
                                     csvPath + ":1: no column \"" + std::string(name) + "\"");
        }
    }
    themes::TrainingSet set;
    const auto firstCategory = static_cast<std::size_t>(sentiment) + 1;
    for (std::size_t c = firstCategory; c < t.header.size(); ++c) {
        set.categoryNames.push_back(t.header[c]);
    }
    if (set.categoryNames.empty() || set.categoryNames.size() > 1000) {
        return common::makeError("bad_csv",
                                 csvPath + ":1: no category columns after \"Comment sentiment\"");
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        const std::string where = csvPath + ":" + std::to_string(t.lines[r]) + ": ";
        std::vector<std::uint16_t> labels;
        for (std::size_t c = firstCategory; c < row.size(); ++c) {
            const auto v = smallInt(row[c]);
            if (!row[c].empty() && (!v || *v > 1)) {
                return common::makeError("bad_csv", where + "category \"" + t.header[c] +
                                                        "\" must be 1, 0 or empty, not \"" +
                                                        row[c] + "\"");
            }
            if (v == 1) {
                labels.push_back(static_cast<std::uint16_t>(c - firstCategory));
            }
        }
        std::optional<int> s;
        if (!row[static_cast<std::size_t>(sentiment)].empty()) {
            s = smallInt(row[static_cast<std::size_t>(sentiment)]);
            if (!s || *s < 1 || *s > 5) {
                return common::makeError("bad_csv",
                                         where + "\"Comment sentiment\" must be 1-5 or empty");
            }
        }
        std::optional<int> fft = smallInt(row[static_cast<std::size_t>(rating)]);
        if (fft && (*fft < 1 || *fft > 5)) {
            fft.reset(); // 6 "don't know" and other codes carry no rating
        }
        set.texts.push_back(row[static_cast<std::size_t>(text)]);
        set.categories.push_back(std::move(labels));
        set.sentiment.push_back(s);
        set.ratings.push_back(fft);
        set.groups.push_back(trust >= 0 ? row[static_cast<std::size_t>(trust)] : std::string());
    }
    if (set.texts.empty()) {
        return common::makeError("bad_csv", csvPath + ": no data rows");
    }
    return set;
}

common::Status addCorrections(themes::TrainingSet& data,
                              const std::vector<Store::CorrectedComment>& corrections,
                              const std::vector<std::string>& modelCategories) {
    for (const Store::CorrectedComment& c : corrections) {
        std::string name = c.categoryName;
        if (name.empty() && c.category && *c.category >= 0 &&
            static_cast<std::size_t>(*c.category) < modelCategories.size()) {
            name = modelCategories[static_cast<std::size_t>(*c.category)];
        }
        std::vector<std::uint16_t> labels;
        if (!name.empty()) {
            const auto it = std::find(data.categoryNames.begin(), data.categoryNames.end(), name);
            if (it == data.categoryNames.end()) {
                return common::makeError("unknown_category",
                                         "a corrected comment's category \"" + name +
                                             "\" is not a column of the training file");
            }
            labels.push_back(static_cast<std::uint16_t>(it - data.categoryNames.begin()));
        }
        data.texts.push_back(c.text);
        data.categories.push_back(std::move(labels));
        // the coders' five points: 2 positive, 3 neutral or mixed, 4 negative
        data.sentiment.push_back(c.sentimentClass ? std::optional<int>(2 + *c.sentimentClass)
                                                  : std::nullopt);
        data.ratings.push_back(c.rating && *c.rating >= 1 && *c.rating <= 5 ? c.rating
                                                                            : std::nullopt);
        data.groups.push_back("staff corrections");
    }
    return {};
}

int runTrain(const TrainArgs& args) {
    auto data = loadTrainingSet(args.csv);
    if (!data) {
        return fail(data.error().message);
    }
    themes::ModelOptions options;
    options.features.charNgrams = args.charNgrams;
    const auto start = std::chrono::steady_clock::now();
    themes::ModelMetrics metrics;
    if (args.folds >= 2) {
        metrics = themes::CommentModel::crossValidate(data.value(), options, args.folds);
        std::printf("%d-fold cross-validation on %zu comments (%zu with a sentiment label):\n",
                    args.folds, metrics.comments, metrics.sentimentLabelled);
        std::printf("  category  micro-F1 %.3f  macro-F1 %.3f  top-1 accuracy %.3f\n",
                    metrics.categoryMicroF1, metrics.categoryMacroF1, metrics.categoryTop1);
        std::printf("  sentiment (text)         3-class macro-F1 %.3f  negative F1 %.3f\n",
                    metrics.sentimentMacroF1, metrics.sentimentNegativeF1);
        std::printf("  sentiment (text+rating)  3-class macro-F1 %.3f  negative F1 %.3f\n",
                    metrics.sentimentMacroF1WithRating, metrics.sentimentNegativeF1WithRating);
    }
    if (!args.corrections.empty()) {
        std::vector<std::string> current;
        if (!args.currentModel.empty()) {
            auto loaded = themes::CommentModel::load(args.currentModel);
            if (!loaded) {
                return fail(loaded.error().message);
            }
            current = loaded->categoryNames();
        }
        std::size_t categories = 0;
        std::size_t sides = 0;
        for (const auto& c : args.corrections) {
            categories += c.categoryCorrected ? 1 : 0;
            sides += c.sentimentCorrected ? 1 : 0;
        }
        if (auto added = addCorrections(data.value(), args.corrections, current); !added) {
            return fail(added.error().message);
        }
        std::printf("training with %zu comment%s staff corrected (%zu categor%s, %zu "
                    "sentiment%s)\n",
                    args.corrections.size(), args.corrections.size() == 1 ? "" : "s", categories,
                    categories == 1 ? "y" : "ies", sides, sides == 1 ? "" : "s");
    }
    auto model = themes::CommentModel::train(data.value(), options);
    metrics.comments = data.value().texts.size();
    model.setMetrics(metrics);
    if (auto saved = model.save(args.out); !saved) {
        return fail(saved.error().message);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("wrote %s: %zu features, %zu categories (%.1f s)\n", args.out.c_str(),
                model.featureCount(), model.categoryNames().size(), seconds);
    return 0;
}

namespace {

// A progress bar on stderr, shown only once a run has taken more than a second.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : m_enabled(enabled), m_start(Clock::now()) {}
    ~ProgressBar() {
        if (m_shown) {
            std::fputc('\n', stderr);
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(const char* stage, std::size_t done, std::size_t total) {
        const auto now = Clock::now();
        if (!m_enabled || now - m_start < std::chrono::seconds(1) ||
            (now - m_last < std::chrono::milliseconds(100) && done != total)) {
            return;
        }
        m_last = now;
        m_shown = true;
        const double share =
            total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
        const int filled = static_cast<int>(share * 30);
        std::fprintf(stderr, "\r%-18s [%-30s] %3d%%  %.0f s", stage,
                     std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     static_cast<int>(share * 100),
                     std::chrono::duration<double>(now - m_start).count());
        std::fflush(stderr);
    }

private:
    using Clock = std::chrono::steady_clock;
    bool m_enabled;
    bool m_shown = false;
    Clock::time_point m_start;
    Clock::time_point m_last{};
};

} // namespace

int runThemes(const ThemesArgs& args) {
    auto model = themes::CommentModel::load(args.model);
    if (!model) {
        return fail(model.error().message);
    }
    auto columns = readCommentColumns(args.csv, args.textColumn, args.ratingColumn);
    if (!columns) {
        return fail(columns.error().message);
    }
    std::optional<themes::ThemeState> previous;
    if (!args.state.empty() && std::filesystem::exists(args.state)) {
        auto loaded = themes::ThemeState::load(args.state);
        if (!loaded) {
            return fail(loaded.error().message);
        }
        previous = std::move(loaded.value());
    }
    std::vector<themes::ThemeComment> comments;
    comments.reserve(columns->texts.size());
    for (std::size_t r = 0; r < columns->texts.size(); ++r) {
        themes::ThemeComment c;
        c.text = std::move(columns->texts[r]);
        c.rating = columns->ratings[r];
        comments.push_back(std::move(c));
    }

    themes::EngineOptions options;
    options.grouping.themes = args.themes;
    ProgressBar bar(!args.quiet);
    const auto run =
        themes::buildThemes(model.value(), comments, options, previous ? &*previous : nullptr,
                            [&](const char* stage, std::size_t done, std::size_t total) {
                                bar.update(stage, done, total);
                            });

    std::unordered_map<int, const themes::Theme*> byId;
    for (const auto& theme : run.state.themes) {
        byId[theme.id] = &theme;
    }
    const auto written = writeFileAtomically(args.out, [&](std::ostream& out) {
        out << "row,theme_id,theme_label,category,sentiment,theme_kind\r\n";
        const auto& names = model.value().categoryNames();
        char number[32];
        for (std::size_t i = 0; i < run.comments.size(); ++i) {
            const auto& c = run.comments[i];
            const auto it = byId.find(c.themeId);
            const std::string label = it != byId.end()                     ? it->second->label
                                      : c.themeId == themes::kGeneralTheme ? "general"
                                                                           : std::string();
            std::snprintf(number, sizeof(number), "%.3f", static_cast<double>(c.sentiment));
            out << i << ',' << c.themeId << ',' << csvField(label) << ','
                << csvField(c.category >= 0 ? names[static_cast<std::size_t>(c.category)] : "")
                << ',' << number << ','
                << (c.themeId == themes::kGeneralTheme ? "general" : "topic") << "\r\n";
        }
    });
    if (!written) {
        return fail(written.error().message);
    }
    if (!args.state.empty()) {
        if (auto saved = run.state.save(args.state); !saved) {
            return fail(saved.error().message);
        }
    }
    if (!args.quiet) {
        std::fprintf(stderr, "%zu comments, %zu themes -> %s\n", run.comments.size(),
                     run.state.themes.size(), args.out.c_str());
    }
    return 0;
}

} // namespace wardvoice::aggregator
