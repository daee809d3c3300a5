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

/// Escapes &, <, >, " and ' for HTML text and attributes.
std::string htmlEscape(std::string_view text);

} // namespace wardvoice::aggregator
