// The live theme model: background fits, assignment at ingest and in batches, activation.
#include "aggregator/agenda/theme_service.hpp"

#include "common/log.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <iostream>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace wardvoice::aggregator {

namespace {

std::optional<int> usableRating(const std::optional<int>& rating) {
    return rating && *rating >= 1 && *rating <= 5 ? rating : std::nullopt;
}

} // namespace

void ThemeService::logLine(const std::string& line) const {
    if (m_options.log) {
        common::log::text(line, {{"component", "themes"}});
    }
}

ThemeService::ThemeService(Store& store, const themes::CommentModel& model,
                           ThemeServiceOptions options)
    : m_store(store), m_model(model), m_options(options) {}

ThemeService::~ThemeService() {
    stop();
}

common::Result<std::shared_ptr<const LiveTheme>>
ThemeService::loadSlot(const ThemeModelRecord& record) {
    auto state =
        themes::ThemeState::fromJson(record.state, "theme model " + std::to_string(record.version));
    if (!state) {
        return state.error();
    }
    auto slot = std::make_shared<LiveTheme>();
    slot->version = record.version;
    slot->state = std::move(state).value();
    slot->index = std::make_unique<themes::ThemeIndex>(m_model, slot->state);
    slot->createdAt = record.createdAt;
    slot->fittedComments = record.fittedComments;
    return std::shared_ptr<const LiveTheme>(std::move(slot));
}

common::Status ThemeService::start() {
    auto live = m_store.liveThemeModels();
    if (!live) {
        return live.error();
    }
    Models loaded;
    for (const auto& record : live.value()) {
        auto slot = loadSlot(record);
        if (!slot) {
            return slot.error();
        }
        (record.status == "active" ? loaded.active : loaded.building) = slot.value();
        if (record.status == "active") {
            m_lastFitAt = record.createdAt;
        }
    }
    {
        std::lock_guard lock(m_modelsMutex);
        m_models = std::move(loaded);
    }
    m_analyser = std::make_shared<const IngestAnalyser>(
        [this](const std::vector<common::Submission>& batch) { return analyse(batch); });
    m_store.setAnalyser(m_analyser);
    m_stopping = false;
    m_worker = std::thread([this] { run(); });
    return {};
}

void ThemeService::stop() {
    m_stopping = true;
    { std::lock_guard lock(m_wakeMutex); }
    m_wake.notify_all();
    if (m_worker.joinable()) {
        m_worker.join();
    }
    if (m_analyser) {
        // no ingest may call into this service once stop() returns: wait for those in progress
        m_store.setAnalyser(nullptr);
        const std::weak_ptr<const IngestAnalyser> last = m_analyser;
        m_analyser.reset();
        while (!last.expired()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
}

ThemeService::Models ThemeService::models() const {
    std::lock_guard lock(m_modelsMutex);
    return m_models;
}

std::shared_ptr<const LiveTheme> ThemeService::active() const {
    std::lock_guard lock(m_modelsMutex);
    return m_models.active;
}

void ThemeService::requestFit() {
    m_fitRequested = true;
    { std::lock_guard lock(m_wakeMutex); }
    m_wake.notify_all();
}

std::vector<CommentFindings> ThemeService::analyse(const std::vector<common::Submission>& batch) {
    const Models now = models();
    thread_local themes::TextPipeline pipeline;
    std::vector<CommentFindings> out(batch.size());
    std::uint64_t pooled = 0;
    std::uint64_t arrived = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const common::Submission& s = batch[i];
        if (s.comment.empty()) {
            continue;
        }
        const auto tokens = pipeline.tokenise(s.comment);
        const auto x = m_model.vectorise(pipeline.features(tokens, m_model.featureOptions()));
        auto analysis = m_model.analyse(x, usableRating(s.rating), s.topic);
        // read once: the subject points the category and places the comment in every slot
        const themes::SubjectReading reading = themes::readSubject(m_model, tokens, analysis);
        CommentFindings& f = out[i];
        f.analysed = true;
        f.category = analysis.category;
        f.sentiment = analysis.sentiment;
        f.sentimentClass = analysis.sentimentClass;
        f.categoryCount = static_cast<int>(analysis.categories.size());
        ++arrived;
        for (const auto* slot : {now.active.get(), now.building.get()}) {
            if (slot != nullptr) {
                const int theme = slot->index->assignRead(pipeline, tokens, analysis, reading);
                f.themes.emplace_back(slot->version, theme);
                if (slot == now.active.get() && theme == themes::kNewPool) {
                    ++pooled;
                }
            }
        }
    }
    m_pooled += pooled;
    m_arrived += arrived;
    if (pooled > 0) {
        m_wake.notify_all(); // the worker looks whether a fit is due
    }
    return out;
}

void ThemeService::run() {
    // below the requests: a fit must never slow a kiosk's upload (Linux: per thread)
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    (void)::setpriority(PRIO_PROCESS, tid, ::getpriority(PRIO_PROCESS, tid) + 10);
    while (!m_stopping) {
        const Step done = step();
        if (done == Step::Worked) {
            continue;
        }
        std::unique_lock lock(m_wakeMutex);
        // after a failure, wait longer before trying again (the store may be full or busy)
        m_wake.wait_for(lock, std::chrono::seconds(done == Step::Failed ? 30 : 2),
                        [this] { return m_stopping.load() || m_fitRequested.load(); });
    }
}

common::Status ThemeService::settle() {
    for (int steps = 0; steps < 1'000'000; ++steps) {
        const Step done = step();
        if (done == Step::Failed) {
            std::lock_guard lock(m_modelsMutex);
            return common::makeError("themes", m_lastError);
        }
        if (done == Step::Idle) {
            return {};
        }
    }
    return common::makeError("themes", "the theme work did not settle");
}

bool ThemeService::fitDue(const std::vector<ThemeModelRecord>& live, std::int64_t now) const {
    if (m_fitRequested) {
        return true;
    }
    const auto active =
        std::find_if(live.begin(), live.end(), [](const auto& m) { return m.status == "active"; });
    if (active == live.end()) {
        return true; // (the caller checked there are comments)
    }
    const std::int64_t sinceFit = now - m_lastFitAt.load();
    // A model fitted on few comments is cheap to fit again, and soon outgrown.
    const auto fitted = static_cast<double>(active->fittedComments);
    const std::int64_t gap = std::min<std::int64_t>(
        m_options.minFitGap.count(), std::max<std::int64_t>(5, active->fittedComments / 100));
    const double poolNeeded =
        std::max(static_cast<double>(m_options.refitPool), m_options.refitPoolShare * fitted);
    // (a model of fewer comments than that is refitted whenever a comment arrives)
    const double arrivedNeeded =
        active->fittedComments < static_cast<std::int64_t>(m_options.refitPool)
            ? 1.0
            : std::max(static_cast<double>(m_options.refitPool), fitted);
    if (sinceFit >= gap && (static_cast<double>(m_pooled.load()) >= poolNeeded ||
                            static_cast<double>(m_arrived.load()) >= arrivedNeeded)) {
        return true;
    }
    return sinceFit >= m_options.refitEvery.count() && m_arrived.load() > 0;
}

ThemeService::Step ThemeService::step() {
    auto fail = [this](const common::Error& e) {
        {
            std::lock_guard lock(m_modelsMutex);
            m_lastError = e.message;
        }
        logLine("error: " + e.message);
        m_phase = 0;
        return Step::Failed;
    };
    // the search index first: many comments a transaction, off the kiosks' path
    auto indexed = m_store.indexForSearch(2'000);
    if (!indexed) {
        return fail(indexed.error());
    }
    if (indexed.value() > 0 && !m_stopping) {
        return Step::Worked;
    }
    auto live = m_store.liveThemeModels();
    auto lastSeq = m_store.lastSubmissionSeq();
    if (!live || !lastSeq) {
        return fail(!live ? live.error() : lastSeq.error());
    }
    // the in-memory slots follow the store (a model added by another process, say)
    Models now = models();
    const ThemeModelRecord* active = nullptr;
    const ThemeModelRecord* building = nullptr;
    for (const auto& record : live.value()) {
        (record.status == "active" ? active : building) = &record;
    }
    bool changed = false;
    for (auto [record, slot] :
         {std::pair{active, &now.active}, std::pair{building, &now.building}}) {
        if (record == nullptr) {
            changed = changed || *slot != nullptr;
            slot->reset();
        } else if (*slot == nullptr || (*slot)->version != record->version) {
            auto loaded = loadSlot(*record);
            if (!loaded) {
                return fail(loaded.error());
            }
            *slot = loaded.value();
            changed = true;
        }
    }
    if (changed) {
        std::lock_guard lock(m_modelsMutex);
        m_models = now;
    }
    if (building != nullptr) {
        if (building->assignedThrough < lastSeq.value()) {
            return assignBatch(*now.building, building->assignedThrough);
        }
        auto activated = m_store.activateThemeModel(building->version, common::nowUnix());
        if (!activated) {
            return fail(activated.error());
        }
        if (activated.value()) {
            {
                std::lock_guard lock(m_modelsMutex);
                m_models.active = now.building;
                m_models.building.reset();
            }
            m_pooled = 0;
            m_phase = 0;
            logLine("model " + std::to_string(building->version) + " is active (" +
                    std::to_string(now.building->state.themes.size()) + " themes)");
        }
        return Step::Worked;
    }
    if (active != nullptr && active->assignedThrough < lastSeq.value()) {
        return assignBatch(*now.active, active->assignedThrough); // comments stored unanalysed
    }
    auto purged = m_store.purgeRetiredModels(5'000);
    if (!purged) {
        return fail(purged.error());
    }
    if (purged.value() > 0) {
        return m_stopping ? Step::Idle : Step::Worked;
    }
    m_phase = 0;
    if (lastSeq.value() == 0 || !fitDue(live.value(), common::nowUnix())) {
        return Step::Idle;
    }
    return fit();
}

ThemeService::Step ThemeService::assignBatch(const LiveTheme& slot, std::int64_t assignedThrough) {
    m_phase = 2;
    auto batch = m_store.commentsAfter(assignedThrough, m_options.batch, slot.version);
    if (!batch) {
        m_phase = 0;
        std::lock_guard lock(m_modelsMutex);
        m_lastError = batch.error().message;
        return Step::Failed;
    }
    themes::TextPipeline pipeline;
    std::vector<ThemeAssignment> assignments;
    for (const CommentRow& row : batch->rows) {
        if (row.assigned) {
            continue;
        }
        if (m_stopping) {
            return Step::Idle; // nothing written: the next start goes on from here
        }
        const auto tokens = pipeline.tokenise(row.comment);
        const auto x = m_model.vectorise(pipeline.features(tokens, m_model.featureOptions()));
        auto analysis = m_model.analyse(x, usableRating(row.rating), row.topic);
        const themes::SubjectReading reading = themes::readSubject(m_model, tokens, analysis);
        ThemeAssignment a;
        a.seq = row.seq;
        a.theme = slot.index->assignRead(pipeline, tokens, analysis, reading);
        a.findings = row.findings;
        if (!a.findings.analysed) {
            a.findings.analysed = true;
            a.findings.category = analysis.category;
            a.findings.sentiment = analysis.sentiment;
            a.findings.sentimentClass = analysis.sentimentClass;
        }
        a.findings.categoryCount = static_cast<int>(analysis.categories.size());
        assignments.push_back(std::move(a));
    }
    if (auto s = m_store.recordAssignments(slot.version, assignments, assignedThrough,
                                           batch->throughSeq);
        !s) {
        m_phase = 0;
        std::lock_guard lock(m_modelsMutex);
        m_lastError = s.error().message;
        return Step::Failed;
    }
    return Step::Worked;
}

ThemeService::Step ThemeService::fit() {
    m_phase = 1;
    m_fitRequested = false;
    const auto started = std::chrono::steady_clock::now();
    auto rows = m_store.recentComments(m_options.fitComments);
    if (!rows) {
        m_phase = 0;
        std::lock_guard lock(m_modelsMutex);
        m_lastError = rows.error().message;
        return Step::Failed;
    }
    std::vector<themes::ThemeComment> comments;
    comments.reserve(rows->size());
    for (const CommentRow& row : rows.value()) {
        comments.push_back({row.comment, row.rating, row.topic});
    }
    rows->clear();
    rows->shrink_to_fit();
    const auto previous = active();
    if (comments.empty()) {
        // feedback without any comment yet: a model with no themes, so that views say so (and
        // the first comments, admitted nowhere, soon ask for a real fit)
        themes::ThemeState none;
        none.nextId = previous ? previous->state.nextId : 1;
        auto version = m_store.addThemeModel(none.toJson(), 0, common::nowUnix());
        m_phase = 0;
        if (!version) {
            std::lock_guard lock(m_modelsMutex);
            m_lastError = version.error().message;
            return Step::Failed;
        }
        m_lastFitAt = common::nowUnix();
        m_arrived = 0;
        return Step::Worked;
    }
    themes::EngineOptions options;
    options.threads = m_options.fitThreads;
    options.grouping.threads = m_options.fitThreads;
    options.cancel = &m_stopping;
    auto run =
        themes::buildThemes(m_model, comments, options, previous ? &previous->state : nullptr);
    if (run.cancelled) {
        m_phase = 0;
        return Step::Idle;
    }
    const std::string state = run.state.toJson();
    const std::size_t fitted = comments.size();
    run = themes::ThemeRun{};
    std::vector<themes::ThemeComment>().swap(comments);
    // A fit allocates and frees hundreds of megabytes in worker threads: give it back now
    // rather than keep it in their malloc arenas.
    malloc_trim(0);
    const std::int64_t now = common::nowUnix();
    auto version = m_store.addThemeModel(state, static_cast<std::int64_t>(fitted), now);
    if (!version) {
        m_phase = 0;
        std::lock_guard lock(m_modelsMutex);
        m_lastError = version.error().message;
        return Step::Failed;
    }
    m_lastFitAt = now;
    m_arrived = 0;
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    m_lastFitSeconds = seconds;
    if (m_options.log) {
        common::log::info("fitted a theme model", {{"component", "themes"},
                                                   {"model", version.value()},
                                                   {"comments", fitted},
                                                   {"seconds", seconds}});
    }
    m_phase = 2;
    return Step::Worked;
}

bool ThemeService::refitAndWait(std::chrono::milliseconds timeout) {
    const auto before = active();
    const std::int64_t beforeVersion = before ? before->version : 0;
    requestFit();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto now = active();
        auto last = m_store.lastSubmissionSeq();
        auto live = m_store.liveThemeModels();
        if (now && now->version > beforeVersion && last && live) {
            for (const auto& record : live.value()) {
                if (record.version == now->version && record.assignedThrough >= last.value()) {
                    return true;
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

nlohmann::json ThemeService::status() const {
    const Models now = models();
    static const char* const kPhases[] = {"idle", "fitting", "assigning"};
    nlohmann::json out = {{"state", kPhases[std::clamp(m_phase.load(), 0, 2)]},
                          {"active_model", now.active ? nlohmann::json(now.active->version)
                                                      : nlohmann::json(nullptr)},
                          {"building_model", now.building ? nlohmann::json(now.building->version)
                                                          : nlohmann::json(nullptr)},
                          {"unplaced_since_fit", m_pooled.load()}};
    if (now.active) {
        out["themes"] = now.active->state.themes.size();
        out["fitted_at"] = common::formatRfc3339(now.active->createdAt);
        out["fitted_comments"] = now.active->fittedComments;
    }
    std::lock_guard lock(m_modelsMutex);
    if (!m_lastError.empty()) {
        out["last_error"] = m_lastError;
    }
    return out;
}

} // namespace wardvoice::aggregator
