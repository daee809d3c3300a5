// Small helpers shared by the API's route files: JSON responses and the log line.
#pragma once

#include "common/log.hpp"
#include "common/timeutil.hpp"
#include "common/wire.hpp"

#include <httplib.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

namespace wardvoice::aggregator::http {

inline void sendJson(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json");
}

inline void sendError(httplib::Response& res, int status, std::string_view code,
                      std::string_view detail) {
    res.status = status;
    res.set_content(common::wire::errorBody(code, detail), "application/json");
}

/// A line for the server's log ("error: ..." and "warning: ..." set its level).
inline void logLine(const std::string& line) {
    common::log::text(line);
}

} // namespace wardvoice::aggregator::http
