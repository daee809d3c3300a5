// Themes engine benchmark: quality on the labelled FFT comments and speed on a million synthetic
// ones, each against a scikit-learn baseline run in the same process tree.
#include "aggregator/cli/csv.hpp"
#include "aggregator/cli/demo_seed.hpp"
#include "aggregator/cli/themes_commands.hpp"
#include "aggregator/themes/engine.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace wardvoice;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

void report(const char* name, double value, const char* unit, double ratio, const char* baseline) {
    std::printf("bench: %s %.3f %s (%.2f x %s)\n", name, value, unit, ratio, baseline);
    std::fflush(stdout);
}

struct ChildResult {
    int status = -1;
    double seconds = 0;
    long maxRssKb = 0;
    std::string output;
};

// Runs argv, capturing stdout; measures wall time and peak resident memory of the child.
ChildResult runChild(const std::vector<std::string>& argv) {
    ChildResult r;
    int pipeFd[2];
    if (pipe(pipeFd) != 0) {
        return r;
    }
    const auto start = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipeFd[1], STDOUT_FILENO);
        close(pipeFd[0]);
        close(pipeFd[1]);
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipeFd[1]);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = read(pipeFd[0], buffer, sizeof(buffer))) > 0) {
        r.output.append(buffer, static_cast<std::size_t>(got));
    }
    close(pipeFd[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.maxRssKb = usage.ru_maxrss;
    return r;
}

double field(const std::string& output, const std::string& name) {
    std::istringstream in(output);
    std::string word;
    while (in >> word) {
        if (word == name && in >> word) {
            return std::atof(word.c_str());
        }
    }
    return -1;
}

const std::string kPython = "/usr/bin/python3";
const std::string kBaseline = std::string(WARDVOICE_SOURCE_DIR) + "/tests/bench/themes_baseline.py";

bool haveSklearn() {
    return runChild({kPython, "-c", "import sklearn"}).status == 0;
}

void groupedBench(const std::string& fftPath, const themes::TrainingSet& set, const fs::path& work);
void labelChecks(const char* scope, const themes::ThemeRun& run);

// Quality on the labelled FFT file: classifier scores and grouping NMI against the baseline.
void qualityBench(const std::string& fftPath, const fs::path& work) {
    auto data = aggregator::loadTrainingSet(fftPath);
    if (!data) {
        std::printf("bench: themes quality skipped: %s\n", data.error().message.c_str());
        return;
    }
    const auto& set = data.value();
    themes::ModelOptions modelOptions;
    std::vector<std::vector<float>> outOfFold;
    const auto metrics = themes::CommentModel::crossValidate(set, modelOptions, 5, &outOfFold);
    // The figures the issue names: pxtextmining TF-IDF + SVC (0.71 micro, 0.64 macro) and a
    // TF-IDF + logistic regression sentiment baseline (0.66 macro, 0.75 negative).
    report("category_micro_f1", metrics.categoryMicroF1, "F1", metrics.categoryMicroF1 / 0.71,
           "pxtextmining TF-IDF+SVC 0.71");
    report("category_macro_f1", metrics.categoryMacroF1, "F1", metrics.categoryMacroF1 / 0.64,
           "pxtextmining TF-IDF+SVC 0.64");
    std::printf("bench: category_top1_accuracy %.3f (the top category is one the coders gave)\n",
                metrics.categoryTop1);
    report("sentiment_macro_f1", metrics.sentimentMacroF1, "F1", metrics.sentimentMacroF1 / 0.66,
           "TF-IDF+LR 0.66");
    report("sentiment_negative_f1", metrics.sentimentNegativeF1, "F1",
           metrics.sentimentNegativeF1 / 0.75, "TF-IDF+LR 0.75");
    report("sentiment_macro_f1_with_rating", metrics.sentimentMacroF1WithRating, "F1",
           metrics.sentimentMacroF1WithRating / 0.66, "TF-IDF+LR 0.66");
    if (haveSklearn()) {
        // The same kind of baselines, cross-validated on the same file in this run.
        const auto base = runChild({kPython, kBaseline, "classify", fftPath});
        const double micro = field(base.output, "micro");
        const double macro = field(base.output, "macro");
        const double sMacro = field(base.output, "sentiment_macro");
        const double sNegative = field(base.output, "sentiment_negative");
        if (base.status == 0 && micro > 0 && macro > 0 && sMacro > 0 && sNegative > 0) {
            report("category_micro_f1_same_data", metrics.categoryMicroF1, "F1",
                   metrics.categoryMicroF1 / micro, "sklearn TF-IDF+LinearSVC here");
            report("category_macro_f1_same_data", metrics.categoryMacroF1, "F1",
                   metrics.categoryMacroF1 / macro, "sklearn TF-IDF+LinearSVC here");
            report("sentiment_macro_f1_same_data", metrics.sentimentMacroF1, "F1",
                   metrics.sentimentMacroF1 / sMacro, "sklearn TF-IDF+LR here");
            report("sentiment_negative_f1_same_data", metrics.sentimentNegativeF1, "F1",
                   metrics.sentimentNegativeF1 / sNegative, "sklearn TF-IDF+LR here");
        } else {
            std::printf("bench: classifier baseline failed: %s\n", base.output.c_str());
        }
    }

    groupedBench(fftPath, set, work);
    {
        const auto all = themes::buildThemes(
            themes::CommentModel::train(set, modelOptions),
            [&] {
                std::vector<themes::ThemeComment> c;
                for (const auto& text : set.texts) {
                    c.push_back({text, std::nullopt, std::nullopt});
                }
                return c;
            }(),
            themes::EngineOptions{});
        labelChecks("all_comments", all);
    }

    // Grouping: truth is the coders' category of comments with exactly one category.
    std::vector<int> truth(set.texts.size(), -1);
    std::set<int> distinct;
    for (std::size_t i = 0; i < set.texts.size(); ++i) {
        if (set.categories[i].size() == 1) {
            truth[i] = set.categories[i][0];
            distinct.insert(truth[i]);
        }
    }
    const fs::path truthFile = work / "fft-truth.txt";
    {
        std::ofstream out(truthFile);
        for (int t : truth) {
            out << t << "\n";
        }
    }
    auto model = themes::CommentModel::train(set, modelOptions);
    std::vector<themes::ThemeComment> comments;
    for (const auto& text : set.texts) {
        comments.push_back({text, std::nullopt, std::nullopt});
    }
    std::size_t groupsUsed = 0;
    auto nmiOf = [&](const themes::EngineOptions& options) {
        const auto run = themes::buildThemes(model, comments, options);
        std::vector<int> a;
        std::vector<int> b;
        std::set<int> used;
        for (std::size_t i = 0; i < truth.size(); ++i) {
            if (truth[i] >= 0) {
                a.push_back(truth[i]);
                b.push_back(run.comments[i].themeId);
                used.insert(run.comments[i].themeId);
            }
        }
        groupsUsed = used.size();
        return themes::normalisedMutualInformation(a, b);
    };
    // A new comment placed into existing themes: time per comment.
    {
        const auto run = themes::buildThemes(model, comments, themes::EngineOptions{});
        const themes::ThemeIndex index(model, run.state);
        themes::TextPipeline pipeline;
        std::size_t pooled = 0;
        const auto start = Clock::now();
        for (const auto& c : comments) {
            pooled += index.assign(pipeline, c) == themes::kNewPool ? 1 : 0;
        }
        const double perComment =
            std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
            static_cast<double>(comments.size());
        std::printf("bench: themes automatic: %zu themes for %zu comments; %zu of them would go to "
                    "the new-this-period pool\n",
                    run.state.themes.size(), comments.size(), pooled);
        report("theme_assign_one_comment", perComment, "us", perComment / 1000.0,
               "the 1 ms budget");
    }
    // Automatic mode; the baseline gets the number of groups (themes and the general bucket)
    // our run used on the scored comments.
    themes::EngineOptions options;
    options.categoryMargins = &outOfFold; // no comment is grouped by a model that saw its label
    const double wordsOnly = [&] {
        themes::EngineOptions o = options;
        o.categoryWeight = 0.0f;
        return nmiOf(o);
    }();
    const double ours = nmiOf(options);
    const int k = static_cast<int>(groupsUsed);
    std::printf("bench: themes_nmi on %zu single-category comments: %d groups (coders' "
                "categories: %zu)\n",
                static_cast<std::size_t>(
                    std::count_if(truth.begin(), truth.end(), [](int t) { return t >= 0; })),
                k, distinct.size());
    if (!haveSklearn()) {
        std::printf("bench: themes_nmi %.3f NMI (baseline skipped: python3-sklearn missing)\n",
                    ours);
        return;
    }
    const auto base = runChild(
        {kPython, kBaseline, "nmi", fftPath, "FFT answer", truthFile.string(), std::to_string(k)});
    const double baseNmi = field(base.output, "nmi");
    if (base.status != 0 || baseNmi <= 0) {
        std::printf("bench: themes_nmi baseline failed: %s\n", base.output.c_str());
        return;
    }
    report("themes_nmi", ours, "NMI", ours / baseNmi, "TF-IDF+SVD+k-means");
    report("themes_nmi_words_only", wordsOnly, "NMI", wordsOnly / baseNmi, "TF-IDF+SVD+k-means");
}

std::size_t wordsIn(const std::string& label) {
    std::istringstream in(label);
    std::size_t n = 0;
    std::string w;
    while (in >> w) {
        ++n;
    }
    return n;
}

// The label checks the issue names, on one run: share of theme comments under a 2-5 word
// label, labels that only say how good or bad, duplicate labels, the largest theme's share.
void labelChecks(const char* scope, const themes::ThemeRun& run) {
    const auto& lexicon = themes::SubjectLexicon::standard();
    std::size_t topic = 0;
    std::size_t readable = 0;
    std::size_t sentimentOnly = 0;
    std::size_t largest = 0;
    std::set<std::string> seen;
    std::size_t duplicates = 0;
    for (const auto& t : run.state.themes) {
        topic += t.size;
        const std::size_t w = wordsIn(t.label);
        readable += w >= 2 && w <= 5 ? t.size : 0;
        largest = std::max(largest, t.size);
        duplicates += seen.insert(t.label).second ? 0 : 1;
        std::istringstream in(t.label);
        std::string word;
        bool onlyTone = true;
        while (in >> word) {
            onlyTone = onlyTone && (lexicon.isEvaluative(word) || themes::isStopWord(word));
        }
        if (onlyTone) {
            ++sentimentOnly;
            std::printf("bench: labels_%s: sentiment-only label \"%s\"\n", scope, t.label.c_str());
        }
    }
    const double n = static_cast<double>(std::max<std::size_t>(1, run.comments.size()));
    std::printf("bench: labels_%s: %zu themes; %.3f of theme comments under a 2-5 word label; "
                "%zu sentiment-only labels; %zu duplicate labels; largest theme %.3f of all "
                "comments; general bucket %.3f\n",
                scope, run.state.themes.size(),
                topic == 0 ? 0.0 : static_cast<double>(readable) / static_cast<double>(topic),
                sentimentOnly, duplicates, static_cast<double>(largest) / n,
                static_cast<double>(run.state.general) / n);
}

themes::TrainingSet subsetOf(const themes::TrainingSet& set, const std::vector<std::size_t>& rows) {
    themes::TrainingSet out;
    out.categoryNames = set.categoryNames;
    for (std::size_t i : rows) {
        out.texts.push_back(set.texts[i]);
        out.categories.push_back(set.categories[i]);
        out.sentiment.push_back(set.sentiment[i]);
        out.ratings.push_back(set.ratings[i]);
        out.groups.push_back(set.groups[i]);
    }
    return out;
}

// Grouped by trust: models trained on every trust but one and tested on that one, against the
// same baselines trained and tested the same way in this run.
void groupedBench(const std::string& fftPath, const themes::TrainingSet& set,
                  const fs::path& work) {
    std::map<std::string, int> trustIndex;
    for (const auto& g : set.groups) {
        trustIndex.emplace(g, 0);
    }
    if (trustIndex.size() < 2) {
        std::printf("bench: grouped figures skipped: the file names fewer than two trusts\n");
        return;
    }
    int next = 0;
    for (auto& [name, index] : trustIndex) {
        index = next++;
    }
    std::vector<int> fold;
    for (const auto& g : set.groups) {
        fold.push_back(trustIndex[g]);
    }
    const themes::ModelOptions modelOptions;
    const auto m = themes::CommentModel::crossValidateFolds(set, modelOptions, fold);
    std::printf("bench: grouped by trust (%zu trusts, each held out in turn): category micro %.3f "
                "macro %.3f, sentiment macro %.3f, Spearman %.3f\n",
                trustIndex.size(), m.categoryMicroF1, m.categoryMacroF1, m.sentimentMacroF1,
                m.sentimentSpearman);
    report("grouped_category_macro_f1", m.categoryMacroF1, "F1", m.categoryMacroF1 / 0.64,
           "pxtextmining 0.64 on 4x the data");
    if (haveSklearn()) {
        const auto base = runChild({kPython, kBaseline, "grouped", fftPath});
        const double micro = field(base.output, "micro");
        const double macro = field(base.output, "macro");
        const double sMacro = field(base.output, "sentiment_macro");
        const double rho = field(base.output, "spearman");
        if (base.status == 0 && micro > 0 && macro > 0 && sMacro > 0 && rho > 0) {
            report("grouped_category_micro_f1", m.categoryMicroF1, "F1", m.categoryMicroF1 / micro,
                   "TF-IDF+LinearSVC grouped");
            report("grouped_category_macro_f1_vs_svc", m.categoryMacroF1, "F1",
                   m.categoryMacroF1 / macro, "TF-IDF+LinearSVC grouped");
            report("grouped_sentiment_macro_f1", m.sentimentMacroF1, "F1",
                   m.sentimentMacroF1 / sMacro, "TF-IDF+LR grouped");
            report("grouped_sentiment_spearman", m.sentimentSpearman, "rho",
                   m.sentimentSpearman / rho, "TF-IDF+LR grouped");
        } else {
            std::printf("bench: grouped baseline failed: %s\n", base.output.c_str());
        }
    }
    // Themes of each held-out trust, by a model that never saw it.
    for (const auto& [name, index] : trustIndex) {
        std::vector<std::size_t> train;
        std::vector<std::size_t> test;
        for (std::size_t i = 0; i < set.texts.size(); ++i) {
            (fold[i] == index ? test : train).push_back(i);
        }
        const auto model = themes::CommentModel::train(subsetOf(set, train), modelOptions);
        std::vector<themes::ThemeComment> comments;
        std::vector<int> truth;
        for (std::size_t i : test) {
            comments.push_back({set.texts[i], std::nullopt, std::nullopt});
            truth.push_back(set.categories[i].size() == 1 ? set.categories[i][0] : -1);
        }
        const auto run = themes::buildThemes(model, comments, themes::EngineOptions{});
        labelChecks(("held_out_" + name).c_str(), run);
        std::vector<int> a;
        std::vector<int> b;
        std::set<int> groups;
        for (std::size_t j = 0; j < truth.size(); ++j) {
            if (truth[j] >= 0) {
                a.push_back(truth[j]);
                b.push_back(run.comments[j].themeId);
                groups.insert(run.comments[j].themeId);
            }
        }
        const double ours = themes::normalisedMutualInformation(a, b);
        if (!haveSklearn()) {
            std::printf("bench: held_out_%s themes_nmi %.3f (baseline skipped)\n", name.c_str(),
                        ours);
            continue;
        }
        const fs::path csv = work / ("held-out-" + std::to_string(index) + ".csv");
        const fs::path truthFile = work / ("held-out-" + std::to_string(index) + "-truth.txt");
        {
            std::ofstream out(csv);
            std::ofstream t(truthFile);
            out << "comment\n";
            for (std::size_t j = 0; j < comments.size(); ++j) {
                std::string quoted; // always quoted: an empty comment is a row, not a blank line
                for (char ch : comments[j].text) {
                    quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                }
                out << '"' << quoted << "\"\n";
                t << truth[j] << "\n";
            }
        }
        const auto base = runChild({kPython, kBaseline, "nmi", csv.string(), "comment",
                                    truthFile.string(), std::to_string(groups.size())});
        const double baseNmi = field(base.output, "nmi");
        if (base.status != 0 || baseNmi <= 0) {
            std::printf("bench: held-out NMI baseline failed: %s\n", base.output.c_str());
            continue;
        }
        report(("held_out_" + name + "_themes_nmi").c_str(), ours, "NMI", ours / baseNmi,
               "TF-IDF+SVD+k-means at the same k");
    }
}

// Synthetic ward comments: a theme's phrase, sometimes a second theme, fillers and typos.
struct SyntheticTheme {
    const char* name;
    std::vector<const char*> phrases;
};

const std::vector<SyntheticTheme>& syntheticThemes() {
    static const std::vector<SyntheticTheme> themes = {
        {"hand gel",
         {"the hand gel dispensers were empty", "no hand gel at the entrance",
          "hand gel dispenser by the bed was empty", "could not find any hand sanitiser"}},
        {"discharge letter",
         {"my discharge letter was late", "waited hours for the discharge letter",
          "the discharge paperwork took all day", "discharge was delayed waiting for letters"}},
        {"medicines to take home",
         {"waited for medicines to take home", "pharmacy took hours with my tablets",
          "nobody explained my new medication", "the tablets to take home were wrong"}},
        {"visiting hours",
         {"visiting ends before working relatives arrive", "visiting hours are too short",
          "my husband could not visit after work", "please allow visitors in the evening"}},
        {"friendly staff",
         {"the nurses were kind and friendly", "staff were lovely and caring",
          "friendly staff who made me feel welcome", "the team were kind to my mum"}},
        {"call bell",
         {"waited ages for someone to answer the call bell",
          "nobody came when I pressed the buzzer", "call bell not answered at night",
          "the buzzer rang for twenty minutes"}},
        {"food",
         {"the food was cold", "meals were tasty and hot", "no vegetarian option at lunch",
          "the sandwiches were stale"}},
        {"noise at night",
         {"too noisy at night to sleep", "staff talking loudly at night",
          "machines beeping all night", "could not sleep because of the noise"}},
        {"toilets",
         {"the toilets were dirty", "bathroom was not cleaned all day", "shower was filthy",
          "the toilet floor was wet and dirty"}},
        {"parking",
         {"parking was impossible", "car park too expensive", "could not find a parking space",
          "parking charges are too high"}},
        {"follow up",
         {"nobody told me who to call after I went home", "no follow up appointment was booked",
          "I did not know who to contact after discharge", "waiting for a follow up call"}},
        {"waiting time",
         {"waited four hours to be seen", "long wait in the emergency department",
          "the waiting time was too long", "waited all morning for the doctor"}},
    };
    return themes;
}

void writeSynthetic(const fs::path& csv, const fs::path& truthFile, std::size_t n) {
    static const std::vector<const char*> fillers = {"",
                                                     "",
                                                     "Overall it was ok.",
                                                     "Thank you.",
                                                     "Otherwise good.",
                                                     "Not happy.",
                                                     "Everything else was fine.",
                                                     "Please sort this out.",
                                                     "I was on ward 7."};
    const auto& themes = syntheticThemes();
    themes::Random random(99);
    std::ofstream out(csv, std::ios::binary);
    std::ofstream truth(truthFile);
    out << "id,comment\n";
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t t = random.below(themes.size());
        std::string text = themes[t].phrases[random.below(themes[t].phrases.size())];
        if (random.unit() < 0.25) {
            text = aggregator::keyboardSlip(text, random);
        }
        if (random.unit() < 0.2) {
            const std::size_t other = random.below(themes.size());
            text += " and " + std::string(themes[other].phrases[random.below(4)]);
        }
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        const std::string filler = fillers[random.below(fillers.size())];
        text += ". " + filler;
        out << i << ",\"" << text << "\"\n";
        truth << t << "\n";
    }
}

void speedBench(const fs::path& work, std::size_t n) {
    const fs::path csv = work / ("synthetic-" + std::to_string(n) + ".csv");
    const fs::path truthFile = work / ("synthetic-" + std::to_string(n) + "-truth.txt");
    if (!fs::exists(csv) || !fs::exists(truthFile)) {
        writeSynthetic(csv, truthFile, n);
    }
    const std::string k = std::to_string(syntheticThemes().size());
    const fs::path out = work / "synthetic-themes.csv";
    const auto ours = runChild({std::string(WARDVOICE_BIN_DIR) + "/wardvoice-aggregator", "themes",
                                "--csv", csv.string(), "--text-column", "comment", "--out",
                                out.string(), "--themes", k, "--quiet"});
    if (ours.status != 0) {
        std::printf("bench: themes_speed failed (exit %d)\n", ours.status);
        return;
    }
    // Agreement with the generator's themes, to show the fast run is not a useless one.
    std::vector<int> truth;
    {
        std::ifstream in(truthFile);
        int t = 0;
        while (in >> t) {
            truth.push_back(t);
        }
    }
    std::vector<int> got;
    {
        std::ifstream in(out);
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            const auto comma = line.find(',');
            got.push_back(std::atoi(line.c_str() + comma + 1));
        }
    }
    const double nmi = themes::normalisedMutualInformation(truth, got);
    const std::string label = std::to_string(n / 1000) + "k";
    std::printf("bench: themes_%s_comments %.1f s, peak memory %.0f MB, NMI %.3f vs generator\n",
                label.c_str(), ours.seconds, static_cast<double>(ours.maxRssKb) / 1024.0, nmi);
    report(("themes_" + label + "_seconds").c_str(), ours.seconds, "s", ours.seconds / 60.0,
           "the 60 s target");
    report(("themes_" + label + "_peak_memory").c_str(),
           static_cast<double>(ours.maxRssKb) / 1024.0, "MB",
           static_cast<double>(ours.maxRssKb) / (4096.0 * 1024.0), "the 4 GB target");
    if (!haveSklearn()) {
        std::printf("bench: themes speed baseline skipped: python3-sklearn missing\n");
        return;
    }
    const auto base =
        runChild({kPython, kBaseline, "nmi", csv.string(), "comment", truthFile.string(), k});
    const double baseSeconds = field(base.output, "seconds");
    if (base.status != 0 || baseSeconds <= 0) {
        std::printf("bench: themes speed baseline failed: %s\n", base.output.c_str());
        return;
    }
    std::printf("bench: sklearn baseline on %s: %.1f s (pipeline only, excluding CSV reading), "
                "peak memory %.0f MB, NMI %.3f vs generator\n",
                label.c_str(), baseSeconds, static_cast<double>(base.maxRssKb) / 1024.0,
                field(base.output, "nmi"));
    report(("themes_" + label + "_speedup").c_str(), baseSeconds / ours.seconds, "x",
           baseSeconds / ours.seconds / 5.0, "the 5x target over TF-IDF+SVD+k-means");
}

} // namespace

int main(int argc, char** argv) {
    std::size_t n = 1000000;
    if (const char* env = std::getenv("WARDVOICE_BENCH_COMMENTS")) {
        n = std::strtoul(env, nullptr, 10);
    }
    const fs::path work = fs::path(WARDVOICE_BIN_DIR).parent_path() / "bench-data";
    fs::create_directories(work);
    const std::string fft =
        std::string(WARDVOICE_SOURCE_DIR) + "/../shared/data/fft/v6framework_dev.csv";
    const bool speedOnly = argc > 1 && std::string(argv[1]) == "--speed-only";
    if (!speedOnly) {
        if (fs::exists(fft)) {
            qualityBench(fft, work);
        } else {
            std::printf("bench: themes quality skipped: %s not found (../shared is not beside "
                        "this checkout)\n",
                        fft.c_str());
        }
    }
    if (argc <= 1 || speedOnly) {
        speedBench(work, n);
    }
    return 0;
}
