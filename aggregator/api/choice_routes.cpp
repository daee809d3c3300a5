// The staff API, part 5: co-production. A chair offers up to three open agenda items of a ward
// as choices on its kiosks, each with a patient-facing title per kiosk language; the patients'
// votes (a field of their submissions) are counted per choice and week.
#include "aggregator/agenda/choices.hpp"
#include "aggregator/agenda/poster.hpp"
#include "aggregator/api/front_door.hpp"
#include "aggregator/api/server.hpp"
#include "aggregator/api/staff_gate.hpp"
#include "aggregator/panel/panel_key.hpp"
#include "common/utf8.hpp"
#include "common/uuid.hpp"
#include "common/wire.hpp"

#include <algorithm>

namespace wardvoice::aggregator {

using namespace staff;

namespace {

/// A patient-facing title: NFC, 1-80 characters on one line; none when it is not.
std::optional<std::string> choiceTitle(const json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    auto text = common::utf8::normalise(value.get<std::string>());
    if (!text || text.value().empty() ||
        common::utf8::length(text.value()) > kMaxChoiceTitleChars ||
        text.value().find_first_of("\r\n\t") != std::string::npos) {
        return std::nullopt;
    }
    return text.value();
}

/// Reads `{"choices": [{"item": id, "title": {"en": ..., "cy": ...}}]}`; false once the 400
/// naming the first wrong part is sent.
bool readChoices(const json& body, const std::vector<std::string>& languages,
                 std::vector<AgendaChoice>& out, httplib::Response& res) {
    const auto list = body.find("choices");
    if (list == body.end() || !list->is_array() || list->size() > kMaxOpenChoices) {
        sendError(res, 400, "bad_choices", "choices must be a list of at most 3 agenda items");
        return false;
    }
    for (const auto& c : *list) {
        const auto item = c.is_object() ? c.find("item") : c.end();
        if (!c.is_object() || item == c.end() || !item->is_number_integer() ||
            item->get<long long>() <= 0) {
            sendError(res, 400, "bad_choices", "each choice is {\"item\": id, \"title\": {...}}");
            return false;
        }
        AgendaChoice choice;
        choice.itemId = item->get<std::int64_t>();
        if (std::any_of(out.begin(), out.end(),
                        [&](const AgendaChoice& o) { return o.itemId == choice.itemId; })) {
            sendError(res, 400, "bad_choices", "an item is listed twice");
            return false;
        }
        const auto titles = c.find("title");
        if (titles == c.end() || !titles->is_object() || !titles->contains("en")) {
            sendError(res, 400, "bad_title", "each choice needs a title in English (\"en\")");
            return false;
        }
        for (const auto& [language, value] : titles->items()) {
            const bool known =
                std::find(languages.begin(), languages.end(), language) != languages.end();
            const auto title = choiceTitle(value);
            if (!known) {
                sendError(res, 400, "bad_title", language + " is not a kiosk language");
                return false;
            }
            if (!title) {
                if (language != "en" && value.is_string() && value.get<std::string>().empty()) {
                    continue; // no title in this language: the kiosk shows the English
                }
                sendError(res, 400, "bad_title",
                          "the " + language + " title must be 1 to 80 characters on one line");
                return false;
            }
            choice.titles[language] = *title;
        }
        // what the ward is doing about it, for the welcome screen once agreed (optional)
        if (const auto doing = c.find("doing"); doing != c.end() && !doing->is_null()) {
            if (!doing->is_object()) {
                sendError(res, 400, "bad_doing", "doing must be an object of language: text");
                return false;
            }
            for (const auto& [language, value] : doing->items()) {
                std::optional<std::string> text;
                if (value.is_string()) {
                    if (auto clean = common::utf8::normalise(value.get<std::string>())) {
                        text = clean.value();
                    }
                }
                const bool known =
                    std::find(languages.begin(), languages.end(), language) != languages.end();
                if (!known || !text || common::utf8::length(*text) > kMaxDoingChars ||
                    text->find_first_of("\r\n\t") != std::string::npos) {
                    sendError(res, 400, "bad_doing",
                              "each doing text is up to 160 characters on one line, in a kiosk "
                              "language (" +
                                  language + ")");
                    return false;
                }
                if (!text->empty()) {
                    choice.doing[language] = *text;
                }
            }
        }
        out.push_back(std::move(choice));
    }
    return true;
}

} // namespace

std::map<std::int64_t, json> ApiServer::addPriorities(std::vector<AgendaItem>& items) {
    std::map<std::int64_t, json> out;
    auto choices = m_store.listChoices("");
    auto votes = m_store.choiceVotes();
    if (!choices || !votes || choices.value().empty()) {
        return out; // the figures are left out, never wrong
    }
    auto names = m_store.wardNames();
    const auto nameOf = [&](const std::string& ward) {
        if (names) {
            const auto it = names.value().find(ward);
            if (it != names.value().end() && !it->second.empty()) {
                return it->second;
            }
        }
        return ward;
    };
    const auto tallies = tallyChoices(choices.value(), votes.value());
    for (AgendaItem& item : items) {
        json list = json::array();
        for (const ChoiceTally& t : tallies) {
            if (t.choice.itemId == item.id) {
                item.priorities.push_back(tallyWords(t, nameOf(t.choice.ward)));
                list.push_back(tallyJson(t));
            }
        }
        if (!list.empty()) {
            out[item.id] = std::move(list);
        }
    }
    return out;
}

void ApiServer::choiceRoutes() {
    httplib::Server& svr = *m_server;
    const StaffTools tools = staffTools(m_store, m_views.get());
    const auto staff = tools.staff;
    const auto audit = tools.audit;

    // The ward's choices (open first) with their votes; 503 already sent when none.
    auto choicesJson = [this](const std::string& ward) -> std::optional<json> {
        auto choices = m_store.listChoices(ward);
        auto votes = choices ? m_store.choiceVotes()
                             : common::Result<std::vector<ChoiceVotes>>(choices.error());
        if (!choices || !votes) {
            return std::nullopt;
        }
        json open = json::array();
        json closed = json::array();
        for (const ChoiceTally& t : tallyChoices(choices.value(), votes.value())) {
            (t.choice.open() ? open : closed).push_back(tallyJson(t));
        }
        return json{{"ward", ward},
                    {"choices", open},
                    {"closed", closed},
                    {"languages", m_options.languages}};
    };
    auto wardOf = [](const StaffCaller& c, const httplib::Request& req,
                     httplib::Response& res) -> std::optional<std::string> {
        const std::string ward = req.matches[1].str();
        if (!common::isIdentifier(ward)) {
            sendError(res, 404, "not_found", "no such ward");
            return std::nullopt;
        }
        if (!maySeeWard(c.user, ward)) {
            sendError(res, 403, "forbidden", "not one of your wards");
            return std::nullopt;
        }
        return ward;
    };

    // [SECTION] volunteers for the patient and carer panel: chairs and admins only; each view
    // opens the sealed records and is audited; records go after the retention period.
    auto volunteerGate = [this](const StaffCaller& c, httplib::Response& res) {
        if (!isChair(c.user)) {
            sendError(res, 403, "forbidden", "only panel chairs and admins see volunteers");
            return false;
        }
        if (!m_panelKey) {
            sendError(res, 503, "no_panel_key", "this aggregator has no panel key (keys init)");
            return false;
        }
        return true;
    };
    svr.Get(
        "/api/v1/panel-volunteers",
        staff(false, [this, audit, volunteerGate](const StaffCaller& c, const httplib::Request& req,
                                                  httplib::Response& res, std::int64_t now) {
            if (!volunteerGate(c, res)) {
                return;
            }
            const std::string ward = req.has_param("ward") ? req.get_param_value("ward") : "";
            if (!ward.empty() && !common::isIdentifier(ward)) {
                sendError(res, 400, "bad_ward", "ward must be a ward identifier");
                return;
            }
            const std::string cutoff =
                dateOf(now - static_cast<std::int64_t>(m_options.volunteerRetentionDays) * kDay);
            auto purged = m_store.purgeVolunteers(cutoff);
            auto list = purged ? m_store.listVolunteers()
                               : common::Result<std::vector<PanelVolunteer>>(purged.error());
            if (!list) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            json out = json::array();
            for (const PanelVolunteer& v : list.value()) {
                if (!ward.empty() && v.ward != ward) {
                    continue;
                }
                auto bytes = fromBase64(v.sealed);
                auto plain = bytes ? openSealed(*m_panelKey, bytes.value())
                                   : common::Result<std::string>(bytes.error());
                const json record =
                    plain ? json::parse(plain.value(), nullptr, false) : json(nullptr);
                const auto field = [&](const char* key) {
                    return record.is_object() && record.contains(key) && record[key].is_string()
                               ? record[key]
                               : json(nullptr);
                };
                out.push_back({{"id", v.id},
                               {"ward", v.ward},
                               {"day", v.day},
                               {"status", v.status},
                               {"updated_by", v.updatedBy},
                               {"opened", record.is_object()},
                               {"name", field("name")},
                               {"contact", field("contact")},
                               {"best_time", field("best_time")}});
            }
            audit(c, now, "view_volunteers",
                  "count=" + std::to_string(out.size()) + (ward.empty() ? "" : " ward=" + ward));
            sendJson(res, 200,
                     {{"volunteers", out}, {"retention_days", m_options.volunteerRetentionDays}});
        }));
    svr.Post(
        R"(/api/v1/panel-volunteers/([0-9a-fA-F-]{36}))",
        staff(true, [this, audit, volunteerGate](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
            if (!volunteerGate(c, res)) {
                return;
            }
            const auto parsed = common::wire::parseJsonObject(req.body);
            const json* status =
                parsed && parsed.value().contains("status") ? &parsed.value()["status"] : nullptr;
            static const std::vector<std::string> kStatuses = {"new", "contacted", "joined",
                                                               "declined"};
            if (status == nullptr || !status->is_string() ||
                std::find(kStatuses.begin(), kStatuses.end(), status->get<std::string>()) ==
                    kStatuses.end()) {
                sendError(res, 400, "bad_status",
                          "status must be new, contacted, joined or declined");
                return;
            }
            const std::string id = common::canonicalUuid(req.matches[1].str());
            if (auto s = m_store.setVolunteerStatus(id, status->get<std::string>(), c.user.name);
                !s) {
                sendError(res, s.error().code == "not_found" ? 404 : 503, s.error().code,
                          s.error().message);
                return;
            }
            audit(c, now, "volunteer_status", id + " " + status->get<std::string>());
            sendJson(res, 200, {{"id", id}, {"status", *status}});
        }));
    svr.Delete(
        R"(/api/v1/panel-volunteers/([0-9a-fA-F-]{36}))",
        staff(true, [this, audit, volunteerGate](const StaffCaller& c, const httplib::Request& req,
                                                 httplib::Response& res, std::int64_t now) {
            if (!volunteerGate(c, res)) {
                return;
            }
            const std::string id = common::canonicalUuid(req.matches[1].str());
            if (auto s = m_store.deleteVolunteer(id); !s) {
                sendError(res, s.error().code == "not_found" ? 404 : 503, s.error().code,
                          s.error().message);
                return;
            }
            audit(c, now, "delete_volunteer", id);
            res.status = 204;
        }));

    // The ward's A4 poster of a month (PDF): how it did, what patients raised most, what was
    // agreed and done, how to join the panel.
    svr.Get(R"(/api/v1/wards/([^/]+)/poster)",
            staff(false, [this, audit, wardOf](const StaffCaller& c, const httplib::Request& req,
                                               httplib::Response& res, std::int64_t now) {
                const auto ward = wardOf(c, req, res);
                if (!ward) {
                    return;
                }
                const std::string month = req.has_param("month")
                                              ? req.get_param_value("month")
                                              : common::formatRfc3339(now).substr(0, 7);
                if (!monthRange(month)) {
                    sendError(res, 400, "bad_month", "month must be YYYY-MM");
                    return;
                }
                auto content = posterContent(m_store, *m_insights, *ward, month);
                auto pdf = content ? posterPdf(content.value(), m_options.panelJoin)
                                   : common::Result<std::string>(content.error());
                if (!pdf) {
                    logLine("error: poster: " + pdf.error().message);
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "export_poster", "ward=" + *ward + " month=" + month);
                res.set_header("Content-Disposition",
                               "attachment; filename=\"poster-" + *ward + "-" + month + ".pdf\"");
                res.set_content(pdf.value(), "application/pdf");
            }));

    svr.Get(
        R"(/api/v1/wards/([^/]+)/choices)",
        staff(false, [audit, choicesJson, wardOf](const StaffCaller& c, const httplib::Request& req,
                                                  httplib::Response& res, std::int64_t now) {
            const auto ward = wardOf(c, req, res);
            if (!ward) {
                return;
            }
            const auto body = choicesJson(*ward);
            if (!body) {
                sendError(res, 503, "storage_unavailable", "try again later");
                return;
            }
            audit(c, now, "view_choices", "ward=" + *ward);
            sendJson(res, 200, *body);
        }));

    // Sets the ward's open choices at once: those listed are offered (titles as given), the
    // others are taken off the kiosks (their votes are kept).
    svr.Put(R"(/api/v1/wards/([^/]+)/choices)",
            staff(true, [this, audit, choicesJson,
                         wardOf](const StaffCaller& c, const httplib::Request& req,
                                 httplib::Response& res, std::int64_t now) {
                if (!isChair(c.user)) {
                    sendError(res, 403, "forbidden", "only panel chairs offer choices");
                    return;
                }
                const auto ward = wardOf(c, req, res);
                if (!ward) {
                    return;
                }
                const auto parsed = common::wire::parseJsonObject(req.body);
                if (!parsed) {
                    sendError(res, 400, parsed.error().code, parsed.error().message);
                    return;
                }
                std::vector<AgendaChoice> choices;
                if (!readChoices(parsed.value(), m_options.languages, choices, res)) {
                    return;
                }
                std::string detail = "ward=" + *ward + " items=";
                for (AgendaChoice& choice : choices) {
                    auto item = m_store.findAgendaItem(choice.itemId);
                    if (!item) {
                        sendError(res, 503, "storage_unavailable", "try again later");
                        return;
                    }
                    const auto& i = item.value();
                    const bool touches =
                        i && (i->wards.empty() ||
                              std::find(i->wards.begin(), i->wards.end(), *ward) != i->wards.end());
                    if (!touches || i->status == "done" || i->status == "dropped") {
                        sendError(res, 400, "bad_item",
                                  "item " + std::to_string(choice.itemId) +
                                      " is not an open agenda item of " + *ward);
                        return;
                    }
                    choice.ward = *ward;
                    choice.openedBy = c.user.name;
                    detail += std::to_string(choice.itemId) + ",";
                }
                if (auto s = m_store.setChoices(*ward, choices, now); !s) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                audit(c, now, "set_choices", detail);
                const auto body = choicesJson(*ward);
                if (!body) {
                    sendError(res, 503, "storage_unavailable", "try again later");
                    return;
                }
                sendJson(res, 200, *body);
            }));
}

} // namespace wardvoice::aggregator
