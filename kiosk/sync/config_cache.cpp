// The ward's "you said, we did" messages, from the kiosk config or its cached copy.
#include "kiosk/sync/config_cache.hpp"

#include "common/timeutil.hpp"
#include "common/utf8.hpp"

#include <fstream>
#include <sstream>

namespace wardvoice::kiosk {

std::vector<WardMessage> messagesFromConfig(const nlohmann::json& config) {
    std::vector<WardMessage> out;
    if (!config.is_object() || !config.contains("you_said_we_did") ||
        !config["you_said_we_did"].is_array()) {
        return out;
    }
    for (const auto& m : config["you_said_we_did"]) {
        if (out.size() >= kMaxWardMessages || !m.is_object() || !m.contains("text") ||
            !m["text"].is_string() || !m.contains("expires_at") || !m["expires_at"].is_string()) {
            continue;
        }
        const std::string text = m["text"].get<std::string>();
        auto expires = common::parseRfc3339(m["expires_at"].get<std::string>());
        auto clean = common::utf8::normalise(text);
        if (!expires || !clean || clean.value().empty() ||
            clean.value().size() > kMaxWardMessageBytes) {
            continue;
        }
        out.push_back({clean.value(), expires.value()});
    }
    return out;
}

std::vector<WardMessage> loadCachedMessages(const std::string& dataDir) {
    std::ifstream in(dataDir + "/config-cache.json");
    if (!in) {
        return {};
    }
    std::stringstream text;
    text << in.rdbuf();
    return messagesFromConfig(nlohmann::json::parse(text.str(), nullptr, false));
}

std::vector<std::string> activeMessages(const std::vector<WardMessage>& messages,
                                        std::int64_t now) {
    std::vector<std::string> out;
    for (const auto& m : messages) {
        if (m.expiresAt > now) {
            out.push_back(m.text);
        }
    }
    return out;
}

} // namespace wardvoice::kiosk
