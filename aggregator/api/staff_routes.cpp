// The staff API: login and sessions, themes and comments by ward, the agenda, "you said, we
// did" messages, the kiosk fleet, the audit log and the FFT monthly return.
//
// [SECTION] helpers
// [SECTION] sessions
// [SECTION] wards, themes and comments
// [SECTION] agenda and messages
// [SECTION] fleet, audit and returns
#include "aggregator/agenda/export.hpp"
#include "aggregator/api/http_util.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_auth.hpp"
#include "common/model.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"

#include <algorithm>
#include <set>

namespace wardvoice::aggregator {
namespace {

using http::logLine;
using http::sendError;
using http::sendJson;
using nlohmann::json;

// [SECTION] helpers

constexpr std::int64_t kDay = 86400;
constexpr std::size_t kMaxMessageChars = 280;

std::string dateOf(std::int64_t t) {
    return common::formatRfc3339(t).substr(0, 10);
}

/// The period of a request: `since`/`until` as dates or times; by default the 30 days up to
/// the end of today.
struct Period {
    std::int64_t since = 0;
    std::int64_t until = 0;
};

std::optional<Period> periodOf(const httplib::Request& req, std::int64_t now, std::string& error) {
    Period p;
    p.until = (now / kDay + 1) * kDay;
    if (req.has_param("until")) {
        auto t = common::parseDateOrTime(req.get_param_value("until"));
        if (!t) {
            error = "until: " + t.error().message;
            return std::nullopt;
        }
        p.until = t.value();
        if (req.get_param_value("until").size() == 10) {
            p.until += kDay; // a date means up to the end of that day
        }
    }
    p.since = p.until - 30 * kDay;
    if (req.has_param("since")) {
        auto t = common::parseDateOrTime(req.get_param_value("since"));
        if (!t) {
            error = "since: " + t.error().message;
            return std::nullopt;
        }
        p.since = t.value();
    }
    if (p.since >= p.until || p.until - p.since > 400 * kDay) {
        error = "since must be before until, and the period at most 400 days";
        return std::nullopt;
    }
    return p;
}

json userJson(const UserRecord& u) {
    return {{"name", u.name}, {"role", std::string(toString(u.role))}, {"wards", u.wards}};
}

bool isChair(const UserRecord& u) {
    return u.role == Role::Admin || u.role == Role::PanelChair;
}

std::string joinWards(const std::vector<std::string>& wards) {
    std::string out;
    for (const auto& w : wards) {
        out += (out.empty() ? "" : ",") + w;
    }
    return out;
}

std::string clientAddress(const httplib::Request& req) {
    return req.remote_addr;
}

} // namespace

void ApiServer::staffRoutes() {
    httplib::Server& svr = *m_server;
    const bool secureCookies = !m_options.tlsCert.empty();

    // Authenticates a staff request; `changes` requests made with the cookie must also carry
    // the session's CSRF token in X-CSRF-Token.
    auto staff = [this](bool changes, auto handler) {
        return [this, changes, handler](const httplib::Request& req, httplib::Response& res) {
            const std::int64_t now = common::nowUnix();
            auto caller = findCaller(m_store, req.get_header_value("Authorization"),
                                     req.get_header_value("Cookie"), now);
            if (!caller) {
                logLine("error: session lookup: " + caller.error().message);
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            if (!caller.value()) {
                sendError(res, 401, "not_logged_in", "log in first (session missing or expired)");
                return;
            }
            if (changes && caller.value()->viaCookie &&
                req.get_header_value(kCsrfHeader) != caller.value()->session.csrfToken) {
                sendError(res, 403, "csrf", "missing or wrong X-CSRF-Token header");
                return;
            }
            handler(*caller.value(), req, res, now);
        };
    };
    auto audit = [this](const StaffCaller& c, std::int64_t now, const std::string& action,
                        const std::string& detail) {
        if (auto s = m_store.audit(now, c.user.name, action, detail); !s) {
            logLine("error: audit: " + s.error().message);
        }
    };
    // The wards a request is about: the `ward` parameter (checked), else all the caller sees.
    // Returns false after answering 403/400/503.
    auto wardsFor = [this](const StaffCaller& c, const httplib::Request& req,
                           httplib::Response& res, std::vector<std::string>& wards) {
        if (req.has_param("ward") && !req.get_param_value("ward").empty()) {
            const std::string ward = req.get_param_value("ward");
            if (!common::isIdentifier(ward)) {
                sendError(res, 400, "bad_ward", "ward must be a ward identifier");
                return false;
            }
            if (!maySeeWard(c.user, ward)) {
                sendError(res, 403, "forbidden", "not one of your wards");
                return false;
            }
            wards = {ward};
            return true;
        }
        if (c.user.role == Role::WardManager) {
            wards = c.user.wards;
        } else {
            auto all = m_store.listWards();
            if (!all) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return false;
            }
            wards = all.value();
        }
        std::sort(wards.begin(), wards.end());
        return true;
    };
    auto topicOf = [](const httplib::Request& req, httplib::Response& res,
                      std::optional<common::Topic>& topic) {
        topic.reset();
        if (!req.has_param("topic") || req.get_param_value("topic").empty() ||
            req.get_param_value("topic") == "all") {
            return true;
        }
        topic = common::topicFromString(req.get_param_value("topic"));
        if (!topic) {
            sendError(res, 400, "unknown_topic",
                      "topic must be discharge, infection_control, visiting_hours or general");
            return false;
        }
        return true;
    };

    // Wards, topic and period of a request, all checked; false after answering an error.
    auto scopeOf = [wardsFor, topicOf](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now, InsightQuery& q) {
        std::string error;
        if (!wardsFor(c, req, res, q.wards) || !topicOf(req, res, q.topic)) {
            return false;
        }
        const auto period = periodOf(req, now, error);
        if (!period) {
            sendError(res, 400, "bad_period", error);
            return false;
        }
        q.since = period->since;
        q.until = period->until;
        return true;
    };

    // [SECTION] sessions

    svr.Post("/api/v1/login", [this, secureCookies](const httplib::Request& req,
                                                    httplib::Response& res) {
        const std::int64_t now = common::nowUnix();
        const json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("name") ||
            !body.contains("password") || !body["name"].is_string() ||
            !body["password"].is_string()) {
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
        const bool ok = user.value() && !user.value()->disabledAt &&
                        verifyPassword(user.value()->passwordHash, password);
        if (!ok) {
            (void)m_store.audit(now, name.substr(0, 64), "login_failed", clientAddress(req));
            sendError(res, 401, "bad_credentials", "wrong name or password");
            return;
        }
        const std::string token = newToken();
        SessionRecord session{name, newToken(), now + std::int64_t{m_options.sessionHours} * 3600};
        if (auto s = m_store.addSession(tokenHash(token), session, now); !s) {
            sendError(res, 503, "storage_unavailable", "try again later");
            return;
        }
        (void)m_store.audit(now, name, "login", clientAddress(req));
        res.set_header("Set-Cookie", sessionCookie(token, session.expiresAt - now, secureCookies));
        sendJson(res, 200,
                 {{"token", token},
                  {"csrf_token", session.csrfToken},
                  {"expires_at", common::formatRfc3339(session.expiresAt)},
                  {"user", userJson(*user.value())}});
    });

    svr.Post("/api/v1/logout",
             staff(true, [this, secureCookies, audit](const StaffCaller& c, const httplib::Request&,
                                                      httplib::Response& res, std::int64_t now) {
                 (void)m_store.revokeSession(c.tokenHash, now);
                 audit(c, now, "logout", "");
                 res.set_header("Set-Cookie", sessionCookie("", 0, secureCookies));
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

    svr.Get("/api/v1/wards",
            staff(false, [wardsFor](const StaffCaller& c, const httplib::Request& req,
                                    httplib::Response& res, std::int64_t) {
                std::vector<std::string> wards;
                if (wardsFor(c, req, res, wards)) {
                    sendJson(res, 200, {{"wards", wards}});
                }
            }));

    // FFT figures per ward: this month and last month, and comments in the last 7 days.
    svr.Get(
        "/api/v1/overview",
        staff(false, [this, wardsFor, audit](const StaffCaller& c, const httplib::Request& req,
                                             httplib::Response& res, std::int64_t now) {
            std::vector<std::string> wards;
            if (!wardsFor(c, req, res, wards)) {
                return;
            }
            std::string month = req.has_param("month") ? req.get_param_value("month")
                                                       : common::formatRfc3339(now).substr(0, 7);
            const auto range = monthRange(month);
            if (!range) {
                sendError(res, 400, "bad_month", "month must be YYYY-MM");
                return;
            }
            const auto last = monthRange(dateOf(range->first - kDay).substr(0, 7));
            auto thisMonth = fftCounts(m_store, range->first, range->second);
            auto lastMonth = fftCounts(m_store, last->first, last->second);
            std::map<std::string, std::int64_t> recent;
            auto visited = m_store.forEachSubmission(now - 7 * kDay, now + kDay,
                                                     [&](const StoredSubmission& s) {
                                                         if (!s.submission.comment.empty()) {
                                                             ++recent[s.submission.ward];
                                                         }
                                                     });
            if (!thisMonth || !lastMonth || !visited) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            auto figures = [](const FftCounts& f) {
                json answers = json::array();
                for (auto n : f.answers) {
                    answers.push_back(suppressedCount(n));
                }
                return json{
                    {"responses", suppressedCount(f.total)},
                    {"percent_positive", suppressedPercent(f.answers[0] + f.answers[1], f.total)},
                    {"percent_negative", suppressedPercent(f.answers[3] + f.answers[4], f.total)},
                    {"answers", answers}};
            };
            json out = json::array();
            for (const auto& w : wards) {
                out.push_back({{"ward", w},
                               {"this_month", figures(thisMonth.value()[w])},
                               {"last_month", figures(lastMonth.value()[w])},
                               {"comments_last_7_days", suppressedCount(recent[w])}});
            }
            audit(c, now, "view_overview", month);
            sendJson(res, 200,
                     {{"month", month},
                      {"last_month", dateOf(last->first).substr(0, 7)},
                      {"wards", out}});
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
                json themes = json::array();
                for (const auto& t : result->themes) {
                    themes.push_back(Insights::toJson(t));
                }
                const std::string detail = "wards=" + joinWards(wards) + " ";
                audit(c, now, "view_themes", detail + "since=" + dateOf(period.since));
                sendJson(
                    res, 200,
                    {{"since", dateOf(period.since)},
                     {"until", dateOf(period.until - 1)},
                     {"wards", wards},
                     {"topic", topic ? std::string(common::toString(*topic)) : "all"},
                     {"comments", suppressedCount(static_cast<std::int64_t>(result->comments))},
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
                for (const auto& w : wards) {
                    json row = json::array();
                    for (const auto& t : result->themes) {
                        const auto it = t.perWard.find(w);
                        row.push_back(suppressedCount(
                            it == t.perWard.end() ? 0 : static_cast<std::int64_t>(it->second)));
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
    svr.Get(
        "/api/v1/submissions",
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
            std::string query = req.has_param("q") ? req.get_param_value("q") : "";
            std::transform(query.begin(), query.end(), query.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            std::optional<int> theme;
            InsightResult insight;
            if (req.has_param("theme") && !req.get_param_value("theme").empty()) {
                try {
                    theme = std::stoi(req.get_param_value("theme"));
                } catch (const std::exception&) {
                    sendError(res, 400, "bad_theme", "theme must be a theme id");
                    return;
                }
                auto r = m_insights->themes({wards, topic, period.since, period.until}, now);
                if (!r) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                insight = std::move(r.value());
            }
            std::size_t limit = 200;
            if (req.has_param("limit")) {
                limit = static_cast<std::size_t>(
                    std::clamp(std::atoi(req.get_param_value("limit").c_str()), 1, 1000));
            }
            std::vector<json> rows;
            auto visited = m_store.forEachSubmission(
                period.since, period.until, [&](const StoredSubmission& s) {
                    const auto& sub = s.submission;
                    if (!std::binary_search(wards.begin(), wards.end(), sub.ward) ||
                        (topic && sub.topic != *topic) ||
                        (respondent && sub.respondent != *respondent)) {
                        return;
                    }
                    int themeId = 0;
                    if (theme) {
                        const auto it = insight.themeOf.find(sub.id);
                        themeId = it == insight.themeOf.end() ? 0 : it->second;
                        if (themeId != *theme) {
                            return;
                        }
                    }
                    if (!query.empty()) {
                        std::string lower = sub.comment;
                        std::transform(
                            lower.begin(), lower.end(), lower.begin(),
                            [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
                        if (lower.find(query) == std::string::npos) {
                            return;
                        }
                    }
                    rows.push_back({{"id", sub.id},
                                    {"created_at", sub.createdAt},
                                    {"ward", sub.ward},
                                    {"respondent", std::string(common::toString(sub.respondent))},
                                    {"topic", std::string(common::toString(sub.topic))},
                                    {"rating", sub.rating ? json(*sub.rating) : json(nullptr)},
                                    {"comment", sub.comment},
                                    {"language", sub.language}});
                });
            if (!visited) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            std::reverse(rows.begin(), rows.end());
            const std::size_t total = rows.size();
            if (rows.size() > limit) {
                rows.resize(limit);
            }
            const std::string detail = "wards=" + joinWards(wards) + " ";
            audit(c, now, "view_submissions", detail + "since=" + dateOf(period.since));
            // A list of fewer than 5 people's answers is shown (it is the comments staff
            // act on), but its size is not stated as a number.
            sendJson(res, 200,
                     {{"total", suppressedCount(static_cast<std::int64_t>(total))},
                      {"submissions", rows}});
        }));

    // [SECTION] agenda and messages

    svr.Get(
        "/api/v1/agenda",
        staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                   httplib::Response& res, std::int64_t now) {
            std::string error;
            const auto period = periodOf(req, now, error);
            if (!period) {
                sendError(res, 400, "bad_period", error);
                return;
            }
            const std::string format =
                req.has_param("format") ? req.get_param_value("format") : "json";
            if (format != "json" && format != "csv" && format != "md" && format != "html") {
                sendError(res, 400, "bad_format", "format must be json, csv, md or html");
                return;
            }
            auto items = m_store.listAgendaItems(dateOf(period->since), dateOf(period->until));
            if (!items) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            // A ward manager sees the items that concern their wards only.
            std::vector<AgendaItem> visible;
            for (auto& item : items.value()) {
                const json e = json::parse(item.evidence, nullptr, false);
                bool allowed = isChair(c.user);
                if (!allowed && e.is_object() && e.contains("wards") && e["wards"].is_array()) {
                    allowed = !e["wards"].empty();
                    for (const auto& w : e["wards"]) {
                        allowed =
                            allowed && w.is_string() && maySeeWard(c.user, w.get<std::string>());
                    }
                }
                if (allowed) {
                    visible.push_back(std::move(item));
                }
            }
            const std::string since = dateOf(period->since);
            const std::string until = dateOf(period->until - 1);
            audit(c, now, format == "json" ? "view_agenda" : "export_agenda",
                  "format=" + format + " since=" + since + " until=" + until);
            const std::string file = "agenda-" + since + "-to-" + until;
            if (format == "csv") {
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"");
                res.set_content(agendaCsv(visible), "text/csv; charset=utf-8");
            } else if (format == "md") {
                res.set_header("Content-Disposition", "attachment; filename=\"" + file + ".md\"");
                res.set_content(agendaMarkdown(visible, since, until),
                                "text/markdown; charset=utf-8");
            } else if (format == "html") {
                res.set_content(agendaHtml(visible, since, until), "text/html; charset=utf-8");
            } else {
                json out = json::array();
                for (const auto& item : visible) {
                    out.push_back(agendaItemJson(item));
                }
                sendJson(res, 200, {{"since", since}, {"until", until}, {"items", out}});
            }
        }));

    // Pull the top N themes of a period into the agenda (chairs and admins).
    svr.Post(
        "/api/v1/agenda",
        staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                  httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden", "only panel chairs build the agenda");
                return;
            }
            const json body = json::parse(req.body, nullptr, false);
            if (body.is_discarded() || !body.is_object()) {
                sendError(res, 400, "malformed_json", "the body must be a JSON object");
                return;
            }
            httplib::Request query;
            for (const char* key : {"since", "until"}) {
                if (body.contains(key) && body[key].is_string()) {
                    query.params.emplace(key, body[key].get<std::string>());
                }
            }
            std::string error;
            const auto period = periodOf(query, now, error);
            if (!period) {
                sendError(res, 400, "bad_period", error);
                return;
            }
            const int top = body.value("top", 5);
            if (top < 1 || top > 50) {
                sendError(res, 400, "bad_top", "top must be 1-50");
                return;
            }
            std::vector<int> ids;
            if (body.contains("themes") && body["themes"].is_array()) {
                for (const auto& id : body["themes"]) {
                    if (id.is_number_integer()) {
                        ids.push_back(id.get<int>());
                    }
                }
            }
            auto wards = m_store.listWards();
            if (!wards) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            auto result = m_insights->themes(
                {wards.value(), std::nullopt, period->since, period->until}, now);
            if (!result) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            json added = json::array();
            int taken = 0;
            for (const auto& t : result->themes) {
                if (ids.empty() ? taken >= top
                                : std::find(ids.begin(), ids.end(), t.id) == ids.end()) {
                    continue;
                }
                ++taken;
                AgendaItem item;
                item.title = t.label;
                item.status = "proposed";
                item.since = dateOf(period->since);
                item.until = dateOf(period->until);
                item.evidence = Insights::toJson(t).dump();
                item.createdBy = c.user.name;
                item.createdAt = now;
                auto id = m_store.addAgendaItem(item);
                if (!id) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                item.id = id.value();
                item.actions.push_back({now, c.user.name, "proposed", "added from the themes"});
                added.push_back(agendaItemJson(item));
            }
            audit(c, now, "agenda_add", std::to_string(added.size()) + " items");
            sendJson(res, 201, {{"items", added}});
        }));

    svr.Post(
        R"(/api/v1/agenda/(\d+)/actions)",
        staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                  httplib::Response& res, std::int64_t now) {
            if (!isChair(c.user)) {
                sendError(res, 403, "forbidden", "only panel chairs record agenda actions");
                return;
            }
            const std::int64_t id = std::stoll(req.matches[1]);
            const json body = json::parse(req.body, nullptr, false);
            if (body.is_discarded() || !body.is_object() || !body.contains("status") ||
                !body["status"].is_string()) {
                sendError(res, 400, "bad_shape", "expected {\"status\": ..., \"note\": ...}");
                return;
            }
            const std::string status = body["status"].get<std::string>();
            const std::string note = body.value("note", "");
            if (std::find_if(std::begin(kAgendaStatuses), std::end(kAgendaStatuses),
                             [&](const char* s) { return status == s; }) ==
                std::end(kAgendaStatuses)) {
                sendError(res, 400, "bad_status",
                          "status must be proposed, on_agenda, action_agreed or done");
                return;
            }
            if (!common::utf8::isValid(note) || common::utf8::length(note) > 2000) {
                sendError(res, 400, "bad_note", "note must be UTF-8, at most 2000 characters");
                return;
            }
            if (auto s = m_store.recordAgendaAction(id, {now, c.user.name, status, note}); !s) {
                if (s.error().code == "not_found") {
                    sendError(res, 404, "not_found", s.error().message);
                } else {
                    sendError(res, 503, "storage_unavailable", "try again later");
                }
                return;
            }
            audit(c, now, "agenda_action", std::to_string(id) + " -> " + status);
            auto item = m_store.findAgendaItem(id);
            if (!item || !item.value()) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            sendJson(res, 200, agendaItemJson(*item.value()));
        }));

    svr.Post(
        "/api/v1/you-said-we-did",
        staff(true, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                  httplib::Response& res, std::int64_t now) {
            const json body = json::parse(req.body, nullptr, false);
            if (body.is_discarded() || !body.is_object() || !body.contains("text") ||
                !body["text"].is_string() || !body.contains("wards") || !body["wards"].is_array()) {
                sendError(res, 400, "bad_shape",
                          "expected {\"text\", \"wards\": [...], \"expires_at\", \"agenda_item\"}");
                return;
            }
            auto text = common::utf8::normalise(body["text"].get<std::string>());
            if (!text || text.value().empty() ||
                common::utf8::length(text.value()) > kMaxMessageChars) {
                sendError(res, 400, "bad_text", "text must be 1-280 characters of UTF-8");
                return;
            }
            YouSaidWeDid m;
            m.text = text.value();
            for (const auto& w : body["wards"]) {
                if (!w.is_string() || !common::isIdentifier(w.get<std::string>())) {
                    sendError(res, 400, "bad_ward", "wards must be ward identifiers");
                    return;
                }
                if (!maySeeWard(c.user, w.get<std::string>())) {
                    sendError(res, 403, "forbidden", "not one of your wards");
                    return;
                }
                m.wards.push_back(w.get<std::string>());
            }
            if (m.wards.empty()) {
                sendError(res, 400, "bad_ward", "name at least one ward");
                return;
            }
            m.expiresAt = now + 30 * kDay;
            if (body.contains("expires_at") && !body["expires_at"].is_null()) {
                auto t =
                    body["expires_at"].is_string()
                        ? common::parseDateOrTime(body["expires_at"].get<std::string>())
                        : common::Result<std::int64_t>(common::makeError("bad", "not a string"));
                if (!t || t.value() <= now || t.value() > now + 366 * kDay) {
                    sendError(res, 400, "bad_expiry",
                              "expires_at must be a date within the next year");
                    return;
                }
                m.expiresAt =
                    t.value() + (body["expires_at"].get<std::string>().size() == 10 ? kDay : 0);
            }
            if (body.contains("agenda_item") && body["agenda_item"].is_number_integer()) {
                m.agendaItemId = body["agenda_item"].get<std::int64_t>();
            }
            m.createdBy = c.user.name;
            m.createdAt = now;
            auto id = m_store.addMessage(m);
            if (!id) {
                if (id.error().code == "not_found") {
                    sendError(res, 404, "not_found", "no such agenda item");
                } else {
                    sendError(res, 503, "storage_unavailable", "try again later");
                }
                return;
            }
            const std::string wards = joinWards(m.wards);
            audit(c, now, "publish_message",
                  "id=" + std::to_string(id.value()) + " wards=" + wards);
            sendJson(res, 201,
                     {{"id", id.value()},
                      {"text", m.text},
                      {"wards", m.wards},
                      {"expires_at", common::formatRfc3339(m.expiresAt)}});
        }));

    svr.Get("/api/v1/you-said-we-did",
            staff(false, [this, wardsFor](const StaffCaller& c, const httplib::Request& req,
                                          httplib::Response& res, std::int64_t now) {
                std::vector<std::string> wards;
                if (!wardsFor(c, req, res, wards)) {
                    return;
                }
                auto messages = m_store.listMessages("", req.has_param("expired") ? 0 : now);
                if (!messages) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json out = json::array();
                for (const auto& m : messages.value()) {
                    const bool relevant =
                        std::any_of(m.wards.begin(), m.wards.end(), [&](const std::string& w) {
                            return std::binary_search(wards.begin(), wards.end(), w);
                        });
                    if (relevant) {
                        out.push_back({{"id", m.id},
                                       {"text", m.text},
                                       {"wards", m.wards},
                                       {"agenda_item",
                                        m.agendaItemId ? json(*m.agendaItemId) : json(nullptr)},
                                       {"created_by", m.createdBy},
                                       {"created_at", common::formatRfc3339(m.createdAt)},
                                       {"expires_at", common::formatRfc3339(m.expiresAt)}});
                    }
                }
                sendJson(res, 200, {{"messages", out}});
            }));

    // [SECTION] fleet, audit and returns

    svr.Get("/api/v1/kiosks", staff(false, [this](const StaffCaller& c, const httplib::Request&,
                                                  httplib::Response& res, std::int64_t now) {
                auto kiosks = m_store.listKiosks();
                if (!kiosks) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json out = json::array();
                for (const auto& k : kiosks.value()) {
                    if (!maySeeWard(c.user, k.ward)) {
                        continue;
                    }
                    // Offline: revoked, never seen, or no heartbeat for 5 minutes.
                    const bool offline = k.revokedAt || !k.lastSeenAt || now - *k.lastSeenAt > 300;
                    out.push_back(
                        {{"kiosk_id", k.kioskId},
                         {"ward", k.ward},
                         {"name", k.name},
                         {"last_seen_at", k.lastSeenAt ? json(common::formatRfc3339(*k.lastSeenAt))
                                                       : json(nullptr)},
                         {"queue_depth", k.queueDepth ? json(*k.queueDepth) : json(nullptr)},
                         {"oldest_queued_at", k.oldestQueuedAt},
                         {"version", k.version},
                         {"revoked", k.revokedAt.has_value()},
                         {"offline", offline}});
                }
                sendJson(res, 200, {{"kiosks", out}, {"server_time", common::formatRfc3339(now)}});
            }));

    svr.Get("/api/v1/audit",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                if (c.user.role != Role::Admin) {
                    sendError(res, 403, "forbidden", "the audit log is for administrators");
                    return;
                }
                const std::size_t limit =
                    req.has_param("limit")
                        ? static_cast<std::size_t>(
                              std::clamp(std::atoi(req.get_param_value("limit").c_str()), 1, 5000))
                        : 500;
                auto entries = m_store.listAudit(limit);
                if (!entries) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "view_audit", "");
                json out = json::array();
                for (const auto& e : entries.value()) {
                    out.push_back({{"at", common::formatRfc3339(e.at)},
                                   {"user", e.userName},
                                   {"action", e.action},
                                   {"detail", e.detail}});
                }
                sendJson(res, 200, {{"entries", out}});
            }));

    // The FFT monthly return, exact counts per ward (what the national return asks for).
    svr.Get("/api/v1/fft-return",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                if (!isChair(c.user)) {
                    // Exact counts include groups under 5: for the patient-experience team.
                    sendError(res, 403, "forbidden",
                              "the FFT return is for panel chairs and administrators");
                    return;
                }
                const std::string month = req.get_param_value("month");
                const auto range = monthRange(month);
                if (!range) {
                    sendError(res, 400, "bad_month", "month must be YYYY-MM");
                    return;
                }
                auto counts = fftCounts(m_store, range->first, range->second);
                if (!counts) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "export_fft_return", month);
                res.set_header("Content-Disposition",
                               "attachment; filename=\"fft-return-" + month + ".csv\"");
                res.set_content(fftReturnCsv(counts.value()), "text/csv; charset=utf-8");
            }));
}

} // namespace wardvoice::aggregator
