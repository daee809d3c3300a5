// Agenda exports: Markdown, CSV and a printable HTML page, from agenda items and their evidence.
#pragma once

#include "aggregator/store/store.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace wardvoice::aggregator {

/// An agenda item as JSON (evidence parsed, actions listed).
nlohmann::json agendaItemJson(const AgendaItem& item);

std::string agendaMarkdown(const std::vector<AgendaItem>& items, const std::string& since,
                           const std::string& until);

/// Header `id,status,title,category,volume,negative_percent,trend,wards,example_1,example_2,
/// example_3,score,last_note`, one row per item; text is formula-safe.
std::string agendaCsv(const std::vector<AgendaItem>& items);

/// A self-contained page for printing (or saving as PDF from the browser); all text escaped.
std::string agendaHtml(const std::vector<AgendaItem>& items, const std::string& since,
                       const std::string& until);

/// A meeting as JSON (without its items).
nlohmann::json meetingJson(const Meeting& meeting);

/// A meeting's agenda: its date, title and attendees, then each item with its owner, due date,
/// status, the latest agreed action and its evidence.
std::string meetingMarkdown(const Meeting& meeting, const std::vector<AgendaItem>& items);
/// Header `meeting_date,meeting_title,position,id,kind,status,title,owner,due_on,agreed_action,
/// category,volume,negative_percent,trend,wards,example_1,example_2,example_3,score,last_note,
/// carried`, one row per item; text is formula-safe.
std::string meetingCsv(const Meeting& meeting, const std::vector<AgendaItem>& items);
std::string meetingHtml(const Meeting& meeting, const std::vector<AgendaItem>& items);
/// The same as a PDF document (A4).
common::Result<std::string> meetingPdf(const Meeting& meeting,
                                       const std::vector<AgendaItem>& items);

/// Escapes &, <, >, " and ' for HTML text and attributes.
std::string htmlEscape(std::string_view text);

} // namespace wardvoice::aggregator
