// The staff API, part 3: safeguarding alerts. Ward managers see their wards' alerts, admins
// every ward's; panel chairs none (the comment behind an alert is for the ward's staff). Every
// view and change is audited, and written to the alert's own history.
#include "aggregator/alerts/alert_service.hpp"
#include "aggregator/api/body_fields.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "aggregator/cli/csv.hpp"

namespace wardvoice::aggregator {

using namespace staff;

namespace {

json alertJson(const AlertRecord& a, bool withComment) {
    json history = json::array();
    for (const auto& e : a.history) {
        history.push_back({{"at", common::formatRfc3339(e.at)},
                           {"actor", e.actor},
                           {"action", e.action},
                           {"note", e.note}});
    }
    json out = {{"id", a.id},         {"submission_id", a.submissionId},
                {"ward", a.ward},     {"class", a.concern},
                {"reason", a.reason}, {"created_at", common::formatRfc3339(a.createdAt)},
                {"status", a.status}, {"false_alarm", a.falseAlarm},
                {"sent", a.deliver},  {"history", history}};
    if (withComment) {
        out["comment"] = a.comment;
        out["topic"] = a.topic;
        out["language"] = a.language;
        out["rating"] = a.rating ? json(*a.rating) : json(nullptr);
        out["submitted_at"] = a.submittedAt;
    }
    return out;
}

bool mayHandleAlerts(const UserRecord& u) {
    return u.role == Role::Admin || u.role == Role::WardManager;
}

} // namespace

void ApiServer::alertRoutes() {
    httplib::Server& svr = *m_server;
    // plain variables, not a structured binding: clang 14 cannot capture those in lambdas
    const StaffTools tools = staffTools(m_store, m_views.get());
    const auto staff = tools.staff;
    const auto audit = tools.audit;
    const auto wardsFor = tools.wardsFor;
    const char* const kNotYours = "safeguarding alerts are for ward managers and admins";

    svr.Get("/api/v1/alerts", staff(false, [this, audit, wardsFor, kNotYours](
                                               const StaffCaller& c, const httplib::Request& req,
                                               httplib::Response& res, std::int64_t now) {
                if (!mayHandleAlerts(c.user)) {
                    sendError(res, 403, "forbidden", kNotYours);
                    return;
                }
                AlertQuery q;
                if (req.has_param("status") && !req.get_param_value("status").empty()) {
                    const std::string status = req.get_param_value("status");
                    if (std::none_of(std::begin(kAlertStatuses), std::end(kAlertStatuses),
                                     [&](const char* s) { return status == s; })) {
                        sendError(res, 400, "bad_status",
                                  "status must be open, acknowledged or resolved");
                        return;
                    }
                    q.status = status;
                }
                if (!wardsFor(c, req, res, q.wards)) {
                    return;
                }
                auto alerts = m_store.listAlerts(q);
                auto counts = m_store.alertCounts(q.wards);
                if (!alerts || !counts) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                json list = json::array();
                for (const auto& a : alerts.value()) {
                    list.push_back(alertJson(a, false));
                }
                audit(c, now, "view_alerts",
                      "status=" + q.status.value_or("any") + " wards=" + joinWards(q.wards));
                json out = {{"alerts", list}, {"unresolved", counts->unresolved}};
                if (c.user.role == Role::Admin) {
                    if (auto pending = m_store.pendingDeliveries()) {
                        out["pending_deliveries"] = pending.value();
                    }
                }
                sendJson(res, 200, out);
            }));

    // How many alerts wait (the dashboard's header badge, polled): counts only, so not audited.
    svr.Get(
        "/api/v1/alerts/count",
        staff(false, [this, wardsFor, kNotYours](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t) {
            if (!mayHandleAlerts(c.user)) {
                sendError(res, 403, "forbidden", kNotYours);
                return;
            }
            std::vector<std::string> wards;
            if (!wardsFor(c, req, res, wards)) {
                return;
            }
            auto counts = m_store.alertCounts(wards);
            if (!counts) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            sendJson(res, 200, {{"open", counts->open}, {"unresolved", counts->unresolved}});
        }));

    // The marks of false alarms, to improve the screen (admins): CSV or JSON.
    svr.Get("/api/v1/alerts/false-alarms",
            staff(false, [this, audit](const StaffCaller& c, const httplib::Request& req,
                                       httplib::Response& res, std::int64_t now) {
                if (c.user.role != Role::Admin) {
                    sendError(res, 403, "forbidden", "only admins export false alarms");
                    return;
                }
                const std::string format =
                    req.has_param("format") ? req.get_param_value("format") : "json";
                if (format != "json" && format != "csv") {
                    sendError(res, 400, "bad_format", "format must be json or csv");
                    return;
                }
                auto marks = m_store.falseAlarms();
                if (!marks) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "export_false_alarms",
                      "format=" + format + " count=" + std::to_string(marks->size()));
                if (format == "csv") {
                    std::string csv = csvRow({"alert_id", "ward", "class", "reason", "comment",
                                              "rating", "language", "created_at", "note"});
                    for (const auto& f : marks.value()) {
                        csv += csvRow({std::to_string(f.alertId), f.ward, f.concern, f.reason,
                                       f.comment, f.rating ? std::to_string(*f.rating) : "",
                                       f.language, common::formatRfc3339(f.createdAt), f.note});
                    }
                    res.set_header("Content-Disposition",
                                   "attachment; filename=\"false-alarms.csv\"");
                    res.set_content(csv, "text/csv; charset=utf-8");
                    return;
                }
                json out = json::array();
                for (const auto& f : marks.value()) {
                    out.push_back({{"alert_id", f.alertId},
                                   {"ward", f.ward},
                                   {"class", f.concern},
                                   {"reason", f.reason},
                                   {"comment", f.comment},
                                   {"rating", f.rating ? json(*f.rating) : json(nullptr)},
                                   {"language", f.language},
                                   {"created_at", common::formatRfc3339(f.createdAt)},
                                   {"note", f.note}});
                }
                sendJson(res, 200, {{"false_alarms", out}});
            }));

    // One alert with its comment: opening it is written to its history.
    // The alert of the path, if the caller may handle it; else answered 403, 404 or 503.
    auto visibleAlert = [this, kNotYours](const StaffCaller& c, const httplib::Request& req,
                                          httplib::Response& res) -> std::optional<AlertRecord> {
        if (!mayHandleAlerts(c.user)) {
            sendError(res, 403, "forbidden", kNotYours);
            return std::nullopt;
        }
        const auto id = pathId(req.matches[1].str());
        auto alert =
            id ? m_store.findAlert(*id) : common::Result<std::optional<AlertRecord>>(std::nullopt);
        if (!alert) {
            sendError(res, 503, "storage_unavailable", "try again later");
            return std::nullopt;
        }
        if (!alert.value() || !maySeeWard(c.user, alert.value()->ward)) {
            sendError(res, 404, "not_found", "no such alert on your wards");
            return std::nullopt;
        }
        return std::move(alert.value());
    };

    svr.Get(
        R"(/api/v1/alerts/(\d+))",
        staff(false, [audit, visibleAlert, this](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
            auto alert = visibleAlert(c, req, res);
            if (!alert) {
                return;
            }
            if (auto s = m_store.addAlertEvent(alert->id, {now, c.user.name, "viewed", ""}); !s) {
                logLine("error: alert history: " + s.error().message);
            }
            alert->history.push_back({now, c.user.name, "viewed", ""});
            audit(c, now, "view_alert", "alert=" + std::to_string(alert->id));
            sendJson(res, 200, alertJson(*alert, true));
        }));

    // Acknowledge, or resolve with a note of what was done (and whether it was a false alarm).
    svr.Post(
        R"(/api/v1/alerts/(\d+))",
        staff(true, [this, audit, visibleAlert](const StaffCaller& c, const httplib::Request& req,
                                                httplib::Response& res, std::int64_t now) {
            const auto alert = visibleAlert(c, req, res);
            if (!alert) {
                return;
            }
            const std::int64_t id = alert->id;
            const auto parsed = common::wire::parseJsonObject(req.body);
            if (!parsed) {
                sendError(res, 400, parsed.error().code, parsed.error().message);
                return;
            }
            AlertChange change;
            BodyFields fields(parsed.value());
            fields.text("status", 32, change.status, true)
                .text("note", 2000, change.note)
                .boolean("false_alarm", false, change.falseAlarm);
            if (fields.error()) {
                sendError(res, 400, fields.error()->first, fields.error()->second);
                return;
            }
            if (change.status != "acknowledged" && change.status != "resolved") {
                sendError(res, 400, "bad_status", "status must be acknowledged or resolved");
                return;
            }
            const bool blankNote = change.note.find_first_not_of(" \t\r\n") == std::string::npos;
            if (change.status == "resolved" && blankNote) {
                sendError(res, 400, "note_required",
                          "say what was done (e.g. \"Datix 12345 raised\") to resolve it");
                return;
            }
            if (change.falseAlarm && change.status != "resolved") {
                sendError(res, 400, "bad_false_alarm",
                          "an alert is marked a false alarm when it is resolved");
                return;
            }
            change.actor = c.user.name;
            change.at = now;
            if (auto s = m_store.changeAlert(id, change); !s) {
                if (s.error().code == "bad_transition") {
                    sendError(res, 409, "bad_transition", s.error().message);
                } else {
                    sendError(res, 503, "storage_unavailable", "try again later");
                }
                return;
            }
            audit(c, now, change.status == "resolved" ? "resolve_alert" : "acknowledge_alert",
                  "alert=" + std::to_string(id) + (change.falseAlarm ? " false_alarm=true" : ""));
            auto updated = m_store.findAlert(id);
            if (!updated || !updated.value()) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            sendJson(res, 200, alertJson(*updated.value(), true));
        }));
}

} // namespace wardvoice::aggregator
