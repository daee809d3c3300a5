// `serve --config FILE`: the aggregator's TOML config file. Every `serve` flag can be set there
// under its own name with '_' for '-' (listen, db, tls_cert, refit_hours, ...), and [alerts]
// holds the safeguarding alerts' delivery (see alerts/alert_config.hpp). A flag given on the
// command line wins over the file.
#pragma once

#include "aggregator/alerts/alert_config.hpp"
#include "common/result.hpp"

#include <CLI/CLI.hpp>
#include <string>

namespace wardvoice::aggregator {

/// Reads `path` into `serve`'s options the command line did not set and its [alerts] table into
/// `alerts`; `accessLog` is the target of the `quiet` key. Unknown keys, wrong types and values
/// out of range stop start-up with the file and the key named.
common::Status loadServeConfig(const std::string& path, CLI::App& serve, bool& accessLog,
                               alerts::Settings& alerts);

} // namespace wardvoice::aggregator
