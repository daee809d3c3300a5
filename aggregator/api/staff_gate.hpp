// Shared by the staff API's route files: the session gate (authentication, CSRF), the audit
// call, and the checks of wards, topic and period that every staff request goes through.
#pragma once

#include "aggregator/agenda/insights.hpp"
#include "aggregator/api/http_util.hpp"
#include "aggregator/api/staff_auth.hpp"
#include "aggregator/api/view_pool.hpp"
#include "aggregator/store/store.hpp"
#include "common/model.hpp"
#include "common/timeutil.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace wardvoice::aggregator::staff {

using http::logLine;
using http::sendError;
using http::sendJson;
using nlohmann::json;

constexpr std::int64_t kDay = 86400;
constexpr std::size_t kMaxMessageChars = 280;

inline std::string dateOf(std::int64_t t) {
    return common::formatRfc3339(t).substr(0, 10);
}

/// The period of a request: `since`/`until` as dates or times, widened to whole days (UTC);
/// by default the 30 days up to the end of today.
struct Period {
    std::int64_t since = 0;
    std::int64_t until = 0;
};

inline std::optional<Period> periodOf(const httplib::Request& req, std::int64_t now,
                                      std::string& error) {
    Period p;
    p.until = (now / kDay + 1) * kDay;
    if (req.has_param("until")) {
        auto t = common::parseDateOrTime(req.get_param_value("until"));
        if (!t) {
            error = "until: " + t.error().message;
            return std::nullopt;
        }
        // Whole days only: a date means up to the end of that day, and a time is taken to
        // the end of its day, so that moving `until` by minutes cannot isolate one answer.
        p.until = (t.value() / kDay + 1) * kDay;
    }
    p.since = p.until - 30 * kDay;
    if (req.has_param("since")) {
        auto t = common::parseDateOrTime(req.get_param_value("since"));
        if (!t) {
            error = "since: " + t.error().message;
            return std::nullopt;
        }
        p.since = t.value() / kDay * kDay; // from the start of its day
    }
    if (p.since >= p.until || p.until - p.since > 400 * kDay) {
        error = "since must be before until, and the period at most 400 days";
        return std::nullopt;
    }
    return p;
}

/// A whole decimal number (optionally negative) and nothing else, or none.
inline std::optional<std::int64_t> parseInteger(const std::string& text) {
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end) {
        return std::nullopt;
    }
    return value;
}

inline json userJson(const UserRecord& u) {
    return {{"name", u.name}, {"role", std::string(toString(u.role))}, {"wards", u.wards}};
}

inline bool isChair(const UserRecord& u) {
    return u.role == Role::Admin || u.role == Role::PanelChair;
}

/// Chairs see every agenda item; a ward manager those that touch one of their wards, and the
/// trust-wide ones (no ward).
inline bool touchesWards(const UserRecord& user, const AgendaItem& item) {
    if (isChair(user) || item.wards.empty()) {
        return true;
    }
    return std::any_of(item.wards.begin(), item.wards.end(),
                       [&](const std::string& w) { return maySeeWard(user, w); });
}

/// The agenda item `id` when the caller may see it; else the answer is sent (404 for one that
/// is missing or not theirs, alike; 503 when storage fails) and none returned.
inline std::optional<AgendaItem> visibleItem(Store& store, const UserRecord& user,
                                             std::optional<std::int64_t> id,
                                             httplib::Response& res) {
    auto item = id ? store.findAgendaItem(*id)
                   : common::Result<std::optional<AgendaItem>>(std::optional<AgendaItem>());
    if (!item) {
        sendError(res, 503, "storage_unavailable", "try again later");
        return std::nullopt;
    }
    if (!item.value() || !touchesWards(user, *item.value())) {
        sendError(res, 404, "not_found", "no such agenda item");
        return std::nullopt;
    }
    return std::move(item).value();
}

inline std::string joinWards(const std::vector<std::string>& wards) {
    std::string out;
    for (const auto& w : wards) {
        out += (out.empty() ? "" : ",") + w;
    }
    return out;
}

inline std::string clientAddress(const httplib::Request& req) {
    return req.remote_addr;
}

/// What a panel member may ask for: the panel's meetings, notes and their own votes on items,
/// and their session. Everything else (comments, the fleet, alerts, volunteers, the audit log)
/// is refused whatever route is added later.
inline bool panelMemberMay(const httplib::Request& req) {
    static const std::regex reads(R"(/api/v1/(me|wards|meetings|meetings/\d+))");
    static const std::regex writes(R"(/api/v1/(logout|agenda-items/\d+/(notes|vote)))");
    return (req.method == "GET" && std::regex_match(req.path, reads)) ||
           (req.method == "POST" && std::regex_match(req.path, writes));
}

/// The gate every staff request passes: `gate(changes, handler)` wraps a handler so that it runs
/// only for a live session (401 otherwise), and, for a change made with the session cookie,
/// only with the session's CSRF token in X-CSRF-Token (403 otherwise).
class StaffGate {
public:
    /// Handlers run on `views` (lower-priority threads) when given.
    StaffGate(Store& store, ViewPool* views) : m_store(&store), m_views(views) {}

    template <typename Handler> auto operator()(bool changes, Handler handler) const {
        Store* store = m_store;
        ViewPool* views = m_views;
        auto gated = [store, changes, handler](const httplib::Request& req,
                                               httplib::Response& res) {
            const std::int64_t now = common::nowUnix();
            auto caller = findCaller(*store, req.get_header_value("Authorization"),
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
            if (caller.value()->user.role == Role::PanelMember && !panelMemberMay(req)) {
                sendError(res, 403, "forbidden", "panel members see the panel's meetings only");
            } else if (changes && caller.value()->viaCookie &&
                       req.get_header_value(kCsrfHeader) != caller.value()->session.csrfToken) {
                sendError(res, 403, "csrf", "missing or wrong X-CSRF-Token header");
            } else {
                handler(*caller.value(), req, res, now);
            }
            // Every refusal of a signed-in person is audited, whichever check refused it.
            if (res.status == 403) {
                std::string detail = req.method + " " + req.path;
                if (req.has_param("ward")) {
                    detail += " ward=" + req.get_param_value("ward").substr(0, 64);
                }
                if (auto s = store->audit(now, caller.value()->user.name, "refused", detail); !s) {
                    logLine("error: audit: " + s.error().message);
                }
            }
        };
        return [views, gated](const httplib::Request& req, httplib::Response& res) {
            if (views == nullptr) {
                gated(req, res);
            } else {
                views->run([&] { gated(req, res); });
            }
        };
    }

    /// Writes who did what to the audit log (a failure is logged, never shown to the caller).
    void audit(const StaffCaller& c, std::int64_t now, const std::string& action,
               const std::string& detail) const {
        if (auto s = m_store->audit(now, c.user.name, action, detail); !s) {
            logLine("error: audit: " + s.error().message);
        }
    }

    /// The wards a request is about: the `ward` parameter (checked), else all the caller sees.
    /// Returns false after answering 400, 403 or 503.
    bool wardsFor(const StaffCaller& c, const httplib::Request& req, httplib::Response& res,
                  std::vector<std::string>& wards) const {
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
        if (c.user.role == Role::WardManager ||
            (c.user.role == Role::PanelMember && !c.user.wards.empty())) {
            wards = c.user.wards;
        } else {
            auto all = m_store->listWards();
            if (!all) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return false;
            }
            wards = all.value();
        }
        std::sort(wards.begin(), wards.end());
        return true;
    }

    /// The `topic` parameter: absent, empty or "all" for every topic.
    static bool topicOf(const httplib::Request& req, httplib::Response& res,
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
    }

    /// Wards, topic and period of a request, all checked; false after answering an error.
    bool scopeOf(const StaffCaller& c, const httplib::Request& req, httplib::Response& res,
                 std::int64_t now, InsightQuery& q) const {
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
    }

private:
    Store* m_store;
    ViewPool* m_views;
};

/// What a route file's handlers capture: the gate and its checks as plain callables.
struct StaffTools {
    StaffGate staff;
    std::function<void(const StaffCaller&, std::int64_t, const std::string&, const std::string&)>
        audit;
    std::function<bool(const StaffCaller&, const httplib::Request&, httplib::Response&,
                       std::vector<std::string>&)>
        wardsFor;
    std::function<bool(const StaffCaller&, const httplib::Request&, httplib::Response&,
                       std::int64_t, InsightQuery&)>
        scopeOf;
};

inline StaffTools staffTools(Store& store, ViewPool* views) {
    const StaffGate gate(store, views);
    return {gate,
            [gate](const StaffCaller& c, std::int64_t now, const std::string& action,
                   const std::string& detail) { gate.audit(c, now, action, detail); },
            [gate](const StaffCaller& c, const httplib::Request& req, httplib::Response& res,
                   std::vector<std::string>& wards) { return gate.wardsFor(c, req, res, wards); },
            [gate](const StaffCaller& c, const httplib::Request& req, httplib::Response& res,
                   std::int64_t now,
                   InsightQuery& q) { return gate.scopeOf(c, req, res, now, q); }};
}

} // namespace wardvoice::aggregator::staff
