// The live theme model: fitted in the background, stored with stable ids, and used at ingest to
// give every comment its category, sentiment and theme. Views read what it stored and never fit.
//
// One worker thread does the background work, one step at a time, so that a stop request is
// seen within a second: fit a model (at start-up when there is none, when enough comments fell
// outside every theme, on a schedule, or when asked), write the themes of every comment under it
// in batches (ingest writes those of new comments itself), make it the active model, and remove
// what is left of the model it replaced.
#pragma once

#include "aggregator/store/store.hpp"
#include "aggregator/themes/comment_model.hpp"
#include "aggregator/themes/engine.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace wardvoice::aggregator {

struct ThemeServiceOptions {
    std::size_t fitComments = 40'000; ///< a fit reads at most this many of the newest comments
    /// A new fit once this many comments arrived that no theme admits (and this share of the
    /// comments the model was fitted on)...
    std::size_t refitPool = 50;
    double refitPoolShare = 0.05;
    /// ...but not sooner than this after the last fit.
    std::chrono::seconds minFitGap{600};
    std::chrono::seconds refitEvery{24 * 3600}; ///< and at least this often while comments arrive
    std::size_t batch =
        500; ///< comments per background write (the writer's lock is held that long)
    unsigned fitThreads = 1; ///< leave the other core to the requests
    bool log = true;         ///< say on stderr when a model is fitted
};

/// A theme model views and ingest use: its stored version and state, and an index over it.
struct LiveTheme {
    std::int64_t version = 0;
    themes::ThemeState state;
    std::unique_ptr<themes::ThemeIndex> index;
    std::int64_t createdAt = 0;
    std::int64_t fittedComments = 0;
};

class ThemeService {
public:
    ThemeService(Store& store, const themes::CommentModel& model, ThemeServiceOptions options = {});
    ThemeService(const ThemeService&) = delete;
    ThemeService& operator=(const ThemeService&) = delete;
    ~ThemeService();

    /// Loads the stored models, attaches the ingest analyser and starts the worker.
    common::Status start();
    /// Stops the worker at its next checkpoint (a fit in progress is abandoned) and detaches
    /// the analyser. Idempotent.
    void stop();

    /// The active model, or null while the first one is being built.
    std::shared_ptr<const LiveTheme> active() const;
    const themes::CommentModel& model() const { return m_model; }

    /// Asks for a new fit now (an admin's "refit", or the CLI).
    void requestFit();
    /// Asks for a fit and waits (up to `timeout`) until its model is active with every comment
    /// stored so far placed: for tests and the admin's "refit now". False on timeout.
    bool refitAndWait(std::chrono::milliseconds timeout);
    /// Does the background work in the caller's thread until there is an active model that
    /// every comment has its theme under (the CLI and tests; the worker must not be running).
    common::Status settle();
    /// For the health and admin views: what the service is doing.
    nlohmann::json status() const;
    /// How long the newest fit in this process took, in seconds (0 before the first).
    double lastFitSeconds() const { return m_lastFitSeconds.load(); }

private:
    struct Models {
        std::shared_ptr<const LiveTheme> active;
        std::shared_ptr<const LiveTheme> building;
    };
    enum class Step { Idle, Worked, Failed };

    std::vector<CommentFindings> analyse(const std::vector<common::Submission>& batch);
    Step step();
    Step assignBatch(const LiveTheme& slot, std::int64_t assignedThrough);
    Step fit();
    bool fitDue(const std::vector<ThemeModelRecord>& live, std::int64_t now) const;
    common::Result<std::shared_ptr<const LiveTheme>> loadSlot(const ThemeModelRecord& record);
    Models models() const;
    void logLine(const std::string& line) const;
    void run();

    Store& m_store;
    const themes::CommentModel& m_model;
    ThemeServiceOptions m_options;
    mutable std::mutex m_modelsMutex;
    Models m_models; ///< guarded by m_modelsMutex
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_fitRequested{false};
    std::atomic<std::uint64_t> m_pooled{0};  ///< comments the active model admitted nowhere
    std::atomic<std::uint64_t> m_arrived{0}; ///< comments analysed at ingest since the last fit
    std::atomic<std::int64_t> m_lastFitAt{0};
    std::atomic<int> m_phase{0};             ///< 0 idle, 1 fitting, 2 assigning
    std::atomic<double> m_lastFitSeconds{0}; ///< how long the newest fit took (0: none yet)
    std::string m_lastError;                 ///< guarded by m_modelsMutex
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    std::thread m_worker;
    std::shared_ptr<const IngestAnalyser> m_analyser; ///< what the store calls at ingest
};

} // namespace wardvoice::aggregator
