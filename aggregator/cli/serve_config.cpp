// `serve --config FILE`: every serve flag and [alerts], from TOML, checked key by key.
#include "aggregator/cli/serve_config.hpp"

#include "common/config_text.hpp"

#include <fstream>
#include <sstream>

namespace wardvoice::aggregator {

namespace {

common::Error keyError(const std::string& origin, const std::string& key, const std::string& what) {
    return common::makeError("bad_config", origin + ": key '" + key + "' " + what);
}

/// A TOML scalar as the command line would have written it.
std::optional<std::string> asArgument(const toml::node& node) {
    if (const auto s = node.value_exact<std::string>()) {
        return *s;
    }
    if (const auto i = node.value_exact<std::int64_t>()) {
        return std::to_string(*i);
    }
    if (const auto d = node.value_exact<double>()) {
        std::ostringstream out;
        out.precision(17);
        out << *d;
        return out.str();
    }
    return std::nullopt;
}

} // namespace

common::Status loadServeConfig(const std::string& path, CLI::App& serve, bool& accessLog,
                               alerts::Settings& alerts) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return common::makeError("bad_config", path + ": cannot read the file");
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (auto s = common::checkConfigText(text, path); !s) {
        return s;
    }
    toml::table table;
    try {
        table = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
            << e.description();
        return common::makeError("bad_config", msg.str());
    }
    for (const auto& [key, value] : table) {
        const std::string name(key.str());
        if (name == "alerts") {
            const toml::table* section = value.as_table();
            if (section == nullptr) {
                return keyError(path, name, "must be a table: write [alerts]");
            }
            auto parsed = alerts::parseSettings(*section, path);
            if (!parsed) {
                return parsed.error();
            }
            alerts = std::move(parsed.value());
            continue;
        }
        if (name == "quiet") {
            const auto quiet = value.value_exact<bool>();
            if (!quiet) {
                return keyError(path, name, "must be true or false");
            }
            if (serve.get_option("--quiet")->count() == 0) {
                accessLog = !*quiet;
            }
            continue;
        }
        std::string flag = "--" + name;
        std::replace(flag.begin(), flag.end(), '_', '-');
        CLI::Option* option = name == "config" || name.find('-') != std::string::npos
                                  ? nullptr
                                  : serve.get_option_no_throw(flag);
        if (option == nullptr) {
            return keyError(path, name, "is not a known setting (typo?)");
        }
        const auto argument = asArgument(value);
        if (!argument) {
            return keyError(path, name, "must be a string or a number");
        }
        if (option->count() > 0) {
            continue; // the command line wins
        }
        try {
            option->add_result(*argument);
            option->run_callback();
        } catch (const CLI::Error& e) {
            return keyError(path, name, std::string("is not valid: ") + e.what());
        }
    }
    return {};
}

} // namespace wardvoice::aggregator
