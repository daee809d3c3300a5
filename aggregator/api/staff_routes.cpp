// The staff API, part 1: login and sessions, wards, themes and comments. Part 2 (agenda,
// messages, fleet, audit, returns) is in agenda_routes.cpp; both share staff_gate.hpp.
//
// [SECTION] sessions
// [SECTION] wards, themes and comments
#include "aggregator/agenda/suppression.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "common/uuid.hpp"

#include <algorithm>
#include <map>

namespace wardvoice::aggregator {

using namespace staff;

namespace {

/// A ward's FFT answers as shown: the six answers and their total are one group, so no hidden
/// answer follows from the total, the percentages or the others.
json fftFigures(const FftCounts& f) {
    const std::vector<std::int64_t> cells(f.answers.begin(), f.answers.end());
    const GroupSuppression g = suppressGroup(cells, f.total);
    json answers = json::array();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        answers.push_back(shownCount(cells[i], g.cells[i]));
    }
    return json{{"responses", shownTotal(f.total, g)},
                {"percent_positive", shownPercent(cells, g, f.total, {0, 1})},
                {"percent_negative", shownPercent(cells, g, f.total, {3, 4})},
                {"answers", answers}};
}

} // namespace

void ApiServer::staffRoutes() {
    httplib::Server& svr = *m_server;
    // plain variables, not a structured binding: clang 14 cannot capture those in lambdas
    const StaffTools tools = staffTools(m_store, m_views.get());
    const auto staff = tools.staff;
    const auto audit = tools.audit;
    const auto wardsFor = tools.wardsFor;
    const auto scopeOf = tools.scopeOf;
    const bool secureCookies = !m_options.tlsCert.empty();

    // [SECTION] sessions

    // (Argon2id is CPU work: on the view threads, below the kiosks' uploads)
    auto login = [this, secureCookies](const httplib::Request& req, httplib::Response& res) {
        const std::int64_t now = common::nowUnix();
        // Only JSON: a form or text/plain post from another site cannot sign someone in.
        if (!isJsonContentType(req.get_header_value("Content-Type"))) {
            sendError(res, 415, "unsupported_media_type", "send the login as application/json");
            return;
        }
        const auto parsed = common::wire::parseJsonObject(req.body);
        const json body = parsed ? parsed.value() : json();
        if (!parsed || !body.contains("name") || !body.contains("password") ||
            !body["name"].is_string() || !body["password"].is_string()) {
            sendError(res, 400, "bad_shape", "expected {\"name\": ..., \"password\": ...}");
            return;
        }
        const std::string name = body["name"].get<std::string>();
        const std::string password = body["password"].get<std::string>();
        const int waitName = m_loginLimiter.acquire("name:" + name);
        const int waitAddress = m_loginAddressLimiter.acquire(clientAddress(req));
        if (waitName > 0 || waitAddress > 0) {
            const int wait = std::max(waitName, waitAddress);
            res.set_header("Retry-After", std::to_string(wait));
            sendError(res, 429, "too_many_attempts",
                      "too many login attempts; retry after " + std::to_string(wait) + " s");
            return;
        }
        auto user = m_store.findUser(name);
        if (!user) {
            sendError(res, 503, "storage_unavailable", "try again later");
            return;
        }
        // The same Argon2id work whether or not the name exists (or is disabled), so that the
        // answer's timing does not tell which names are real.
        const bool known = user.value() && !user.value()->disabledAt;
        const bool verified =
            verifyPassword(known ? user.value()->passwordHash : decoyPasswordHash(), password);
        const bool ok = known && verified;
        if (!ok) {
            (void)m_store.audit(now, name.substr(0, 64), "login_failed", clientAddress(req));
            sendError(res, 401, "bad_credentials", "wrong name or password");
            return;
        }
        const std::string token = newToken();
        SessionRecord session{name, newToken(), now + std::int64_t{m_options.sessionHours} * 3600,
                              std::int64_t{m_options.sessionIdleMinutes} * 60};
        if (auto s = m_store.addSession(tokenHash(token), session, now); !s) {
            sendError(res, 503, "storage_unavailable", "try again later");
            return;
        }
        (void)m_store.audit(now, name, "login", clientAddress(req));
        res.set_header("Set-Cookie", sessionCookie(token, secureCookies));
        sendJson(res, 200,
                 {{"token", token},
                  {"csrf_token", session.csrfToken},
                  {"expires_at", common::formatRfc3339(session.expiresAt)},
                  {"user", userJson(*user.value())}});
    };
    svr.Post("/api/v1/login", [this, login](const httplib::Request& req, httplib::Response& res) {
        m_views->run([&] { login(req, res); });
    });

    svr.Post("/api/v1/logout",
             staff(true, [this, secureCookies, audit](const StaffCaller& c, const httplib::Request&,
                                                      httplib::Response& res, std::int64_t now) {
                 (void)m_store.revokeSession(c.tokenHash, now);
                 audit(c, now, "logout", "");
                 res.set_header("Set-Cookie", clearedSessionCookie(secureCookies));
                 sendJson(res, 200, {{"logged_out", true}});
             }));

    svr.Get("/api/v1/me", staff(false, [](const StaffCaller& c, const httplib::Request&,
                                          httplib::Response& res, std::int64_t) {
                sendJson(res, 200,
                         {{"user", userJson(c.user)},
                          {"csrf_token", c.session.csrfToken},
                          {"expires_at", common::formatRfc3339(c.session.expiresAt)}});
            }));

    // [SECTION] wards, themes and comments

    // The caller's wards, and the display names of those that have one (`ward add --name`).
    svr.Get("/api/v1/wards",
            staff(false, [this, wardsFor](const StaffCaller& c, const httplib::Request& req,
                                          httplib::Response& res, std::int64_t) {
                std::vector<std::string> wards;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                auto names = m_store.wardNames();
                if (!names) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json shown = json::object();
                for (const auto& w : wards) {
                    if (const auto it = names->find(w); it != names->end()) {
                        shown[w] = it->second;
                    }
                }
                sendJson(res, 200, {{"wards", wards}, {"names", shown}});
            }));

    // FFT figures per ward: this month and last month, and comments in the last 7 days.
    svr.Get("/api/v1/overview",
            staff(false, [this, wardsFor, audit](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                std::vector<std::string> wards;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                std::string month = req.has_param("month")
                                        ? req.get_param_value("month")
                                        : common::formatRfc3339(now).substr(0, 7);
                const auto range = monthRange(month);
                if (!range) {
                    sendError(res, 400, "bad_month", "month must be YYYY-MM");
                    return;
                }
                const auto last = monthRange(dateOf(range->first - kDay).substr(0, 7));
                auto thisMonth = fftCounts(m_store, wards, range->first, range->second);
                auto lastMonth = fftCounts(m_store, wards, last->first, last->second);
                // comments of the last 7 days: today and the six whole days before it
                auto recent = m_store.wardTotals(wards, (now / kDay - 6) * kDay, now + kDay);
                if (!thisMonth || !lastMonth || !recent) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                const auto figures = fftFigures;
                json out = json::array();
                for (const auto& w : wards) {
                    out.push_back(
                        {{"ward", w},
                         {"this_month", figures(thisMonth.value()[w])},
                         {"last_month", figures(lastMonth.value()[w])},
                         {"comments_last_7_days", suppressedCount(recent.value()[w].comments)}});
                }
                audit(c, now, "view_overview", month);
                sendJson(res, 200,
                         {{"month", month},
                          {"last_month", dateOf(last->first).substr(0, 7)},
                          {"wards", out}});
            }));

    // FFT % positive by month per ward (the SPC charts): the last N months up to this one.
    svr.Get("/api/v1/fft-months",
            staff(false, [this, wardsFor, audit](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                std::vector<std::string> wards;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                std::int64_t months = 24;
                if (req.has_param("months")) {
                    const auto n = parseInteger(req.get_param_value("months"));
                    if (!n || *n < 2 || *n > 60) {
                        sendError(res, 400, "bad_months", "months must be 2 to 60");
                        return;
                    }
                    months = *n;
                }
                // month starts, oldest first, ending with this month
                std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
                std::string month = common::formatRfc3339(now).substr(0, 7);
                for (std::int64_t k = 0; k < months; ++k) {
                    const auto range = monthRange(month);
                    ranges.insert(ranges.begin(), *range);
                    month = dateOf(range->first - kDay).substr(0, 7);
                }
                json names = json::array();
                std::map<std::string, json> points;
                for (const auto& [from, to] : ranges) {
                    auto counts = fftCounts(m_store, wards, from, to);
                    if (!counts) {
                        sendError(res, 503, "storage_unavailable", "try again later");
                        return;
                    }
                    const std::string name = dateOf(from).substr(0, 7);
                    names.push_back(name);
                    for (const auto& w : wards) {
                        json f = fftFigures(counts.value()[w]);
                        points[w].push_back({{"month", name},
                                             {"responses", f["responses"]},
                                             {"percent_positive", f["percent_positive"]}});
                    }
                }
                json out = json::array();
                for (const auto& w : wards) {
                    out.push_back({{"ward", w}, {"points", points[w]}});
                }
                audit(c, now, "view_fft_months", "wards=" + joinWards(wards));
                sendJson(res, 200, {{"months", names}, {"wards", out}});
            }));

    // A theme's comments per week (the last N whole weeks to today), small weeks suppressed.
    svr.Get(R"(/api/v1/themes/(-?\d+)/weeks)",
            staff(false, [this, wardsFor, audit](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                std::vector<std::string> wards;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                const auto id = parseInteger(req.matches[1].str());
                std::int64_t weeks = 26;
                if (req.has_param("weeks")) {
                    const auto n = parseInteger(req.get_param_value("weeks"));
                    if (!n || *n < 2 || *n > 104) {
                        sendError(res, 400, "bad_weeks", "weeks must be 2 to 104");
                        return;
                    }
                    weeks = *n;
                }
                const auto model = m_insights->service().active();
                if (!id || *id < -2 || *id > 1'000'000'000) {
                    sendError(res, 404, "not_found", "no such theme");
                    return;
                }
                const std::int64_t untilDay = now / kDay + 1;
                const std::int64_t fromDay = untilDay - 7 * weeks;
                std::vector<std::int64_t> counts(static_cast<std::size_t>(weeks), 0);
                if (model) {
                    auto slices = m_store.themeSliceCounts(
                        {model->version, wards, std::nullopt, fromDay, untilDay},
                        static_cast<int>(weeks), untilDay);
                    if (!slices) {
                        sendError(res, 503, "storage_unavailable", "try again later");
                        return;
                    }
                    for (const auto& cell : slices.value()) {
                        if (cell.theme == *id && cell.slice >= 0 && cell.slice < weeks) {
                            counts[static_cast<std::size_t>(cell.slice)] += cell.comments;
                        }
                    }
                }
                json out = json::array();
                for (std::int64_t k = 0; k < weeks; ++k) {
                    const std::int64_t start = (fromDay + 7 * k) * kDay;
                    out.push_back(
                        {{"week_from", dateOf(start)},
                         {"comments", suppressedCount(counts[static_cast<std::size_t>(k)])}});
                }
                audit(c, now, "view_theme_weeks", "theme=" + std::to_string(*id));
                sendJson(res, 200, {{"theme", *id}, {"wards", wards}, {"weeks", out}});
            }));

    svr.Get("/api/v1/themes",
            staff(false, [this, scopeOf, audit](const StaffCaller& c, const httplib::Request& req,
                                                httplib::Response& res, std::int64_t now) {
                InsightQuery q;
                if (!scopeOf(c, req, res, now, q)) {
                    return;
                }
                const auto& wards = q.wards;
                const auto& topic = q.topic;
                const Period period{q.since, q.until};
                auto result = m_insights->themes(q, now);
                if (!result) {
                    logLine("error: themes: " + result.error().message);
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                // the themes' volumes, the general bucket and the comment count are one group
                std::vector<std::int64_t> volumes;
                for (const auto& t : result->themes) {
                    volumes.push_back(static_cast<std::int64_t>(t.current));
                }
                const auto generalCount = static_cast<std::int64_t>(result->general);
                volumes.push_back(generalCount);
                const auto comments = static_cast<std::int64_t>(result->comments);
                const GroupSuppression g = suppressGroup(volumes, comments);
                const Shown generalShown = g.cells.back();
                const json general = {
                    {"count", shownCount(generalCount, generalShown)},
                    {"share", generalShown == Shown::Value && shownAlone(comments) == Shown::Value
                                  ? suppressedPercent(generalCount, comments)
                                  : json(nullptr)}};
                json themes = json::array();
                for (std::size_t i = 0; i < result->themes.size(); ++i) {
                    themes.push_back(Insights::toJson(result->themes[i], g.cells[i]));
                }
                const std::string detail = "wards=" + joinWards(wards) + " ";
                audit(c, now, "view_themes", detail + "since=" + dateOf(period.since));
                sendJson(
                    res, 200,
                    {{"since", dateOf(period.since)},
                     {"until", dateOf(period.until - 1)},
                     {"wards", wards},
                     {"topic", topic ? std::string(common::toString(*topic)) : "all"},
                     {"comments", shownTotal(comments, g)},
                     {"unplaced", suppressedCount(static_cast<std::int64_t>(result->unplaced))},
                     {"general", general},
                     {"model", result->model == 0 ? json(nullptr) : json(result->model)},
                     {"themes", themes}});
            }));

    // Themes across wards for panel chairs: a ward x theme table of counts.
    svr.Get("/api/v1/heatmap",
            staff(false, [this, wardsFor, audit](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
                std::vector<std::string> wards;
                std::string error;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                const auto period = periodOf(req, now, error);
                if (!period) {
                    sendError(res, 400, "bad_period", error);
                    return;
                }
                auto result =
                    m_insights->themes({wards, std::nullopt, period->since, period->until}, now);
                if (!result) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json themes = json::array();
                json cells = json::array();
                for (const auto& t : result->themes) {
                    themes.push_back({{"id", t.id},
                                      {"label", t.label},
                                      {"trend", std::string(themes::toString(t.ranking.trend))}});
                }
                // ward rows and theme columns: no hidden cell follows from a row or a column
                std::vector<std::vector<std::int64_t>> table;
                for (const auto& w : wards) {
                    std::vector<std::int64_t> row;
                    for (const auto& t : result->themes) {
                        const auto it = t.perWard.find(w);
                        row.push_back(
                            it == t.perWard.end() ? 0 : static_cast<std::int64_t>(it->second));
                    }
                    table.push_back(std::move(row));
                }
                const auto shown = suppressTable(table);
                for (std::size_t r = 0; r < table.size(); ++r) {
                    json row = json::array();
                    for (std::size_t k = 0; k < table[r].size(); ++k) {
                        row.push_back(shownCount(table[r][k], shown[r][k]));
                    }
                    cells.push_back(row);
                }
                audit(c, now, "view_heatmap", "since=" + dateOf(period->since));
                sendJson(res, 200,
                         {{"since", dateOf(period->since)},
                          {"until", dateOf(period->until - 1)},
                          {"wards", wards},
                          {"themes", themes},
                          {"counts", cells}});
            }));

    // Comments as stored (already redacted), newest first, with search and filters.
    svr.Get("/api/v1/submissions",
            staff(false, [this, scopeOf, audit](const StaffCaller& c, const httplib::Request& req,
                                                httplib::Response& res, std::int64_t now) {
                InsightQuery scope;
                if (!scopeOf(c, req, res, now, scope)) {
                    return;
                }
                const auto& wards = scope.wards;
                const auto& topic = scope.topic;
                const Period period{scope.since, scope.until};
                std::optional<common::Respondent> respondent;
                if (req.has_param("respondent") && !req.get_param_value("respondent").empty() &&
                    req.get_param_value("respondent") != "all") {
                    respondent = common::respondentFromString(req.get_param_value("respondent"));
                    if (!respondent) {
                        sendError(res, 400, "unknown_respondent",
                                  "respondent must be patient, visitor, carer or other");
                        return;
                    }
                }
                SubmissionQuery page;
                page.wards = wards;
                page.topic = topic;
                page.respondent = respondent;
                page.since = period.since;
                page.until = period.until;
                page.search = req.has_param("q") ? req.get_param_value("q").substr(0, 200) : "";
                const auto model = m_insights->service().active();
                page.themeModel = model ? model->version : -1; // no model: no theme has comments
                if (req.has_param("theme") && !req.get_param_value("theme").empty()) {
                    const auto id = parseInteger(req.get_param_value("theme"));
                    if (!id || *id < -2 || *id > 1'000'000'000) {
                        sendError(res, 400, "bad_theme", "theme must be a theme id");
                        return;
                    }
                    page.theme = static_cast<int>(*id);
                }
                if (req.has_param("complex")) {
                    const std::string v = req.get_param_value("complex");
                    if (v != "0" && v != "1" && !v.empty()) {
                        sendError(res, 400, "bad_complex", "complex must be 1 or 0");
                        return;
                    }
                    page.complexOnly = v == "1";
                }
                if (req.has_param("limit")) {
                    const auto limit = parseInteger(req.get_param_value("limit"));
                    if (!limit || *limit < 1 || *limit > 1000) {
                        sendError(res, 400, "bad_limit", "limit must be 1 to 1000");
                        return;
                    }
                    page.limit = static_cast<std::size_t>(*limit);
                }
                if (req.has_param("before") && !req.get_param_value("before").empty()) {
                    if (!common::isUuid(req.get_param_value("before"))) {
                        sendError(res, 400, "bad_before", "before must be a submission id");
                        return;
                    }
                    page.before = common::canonicalUuid(req.get_param_value("before"));
                }
                auto found = m_store.submissionPage(page);
                if (!found) {
                    logLine("error: submissions: " + found.error().message);
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                if (found->unknownBefore) {
                    sendError(res, 400, "bad_before", "before names no submission");
                    return;
                }
                json rows = json::array();
                const auto overlay = m_store.themeOverlay();
                const auto& categories = m_insights->service().model().categoryNames();
                for (const StoredSubmission& stored : found->rows) {
                    const auto& sub = stored.submission;
                    json theme = nullptr;
                    if (stored.theme) {
                        const auto name = themeName(model.get(), *overlay, *stored.theme);
                        theme = {{"id", *stored.theme},
                                 {"label", name ? json(name->label) : json(nullptr)}};
                    }
                    const bool named =
                        stored.category && *stored.category >= 0 &&
                        static_cast<std::size_t>(*stored.category) < categories.size();
                    rows.push_back(
                        {{"id", sub.id},
                         {"created_at", sub.createdAt},
                         {"ward", sub.ward},
                         {"respondent", std::string(common::toString(sub.respondent))},
                         {"topic", std::string(common::toString(sub.topic))},
                         {"rating", sub.rating ? json(*sub.rating) : json(nullptr)},
                         {"comment", sub.comment},
                         {"language", sub.language},
                         {"category",
                          named ? json(categories[static_cast<std::size_t>(*stored.category)])
                                : json(nullptr)},
                         {"sentiment", stored.sentimentClass && !sub.comment.empty()
                                           ? json(std::string(sideName(*stored.sentimentClass)))
                                           : json(nullptr)},
                         {"theme", theme},
                         {"complex", stored.complex}});
                }
                const std::string detail = "wards=" + joinWards(wards) + " ";
                audit(c, now, "view_submissions", detail + "since=" + dateOf(period.since));
                // A list of fewer than 5 people's answers is shown (it is the comments staff
                // act on), but its size is not stated as a number.
                sendJson(res, 200,
                         {{"total", suppressedCount(found->total)},
                          {"submissions", rows},
                          {"next_before",
                           found->nextBefore.empty() ? json(nullptr) : json(found->nextBefore)}});
            }));

    agendaRoutes();
    alertRoutes();
    themeRoutes();
    meetingRoutes();
    choiceRoutes();
}

} // namespace wardvoice::aggregator
