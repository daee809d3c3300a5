// The ward's "you said, we did" messages, from the kiosk config or its cached copy.
#include "kiosk/sync/config_cache.hpp"

#include "common/sealed_box.hpp"
#include "common/timeutil.hpp"
#include "common/utf8.hpp"

#include <fstream>
#include <optional>
#include <sstream>

namespace wardvoice::kiosk {
namespace {

/// A message text fit to draw: valid, normalised UTF-8 of 1-1200 bytes.
std::optional<std::string> cleanText(const nlohmann::json& value) {
    if (!value.is_string()) {
        return std::nullopt;
    }
    auto clean = common::utf8::normalise(value.get<std::string>());
    if (!clean || clean.value().empty() || clean.value().size() > kMaxWardMessageBytes) {
        return std::nullopt;
    }
    return clean.value();
}

} // namespace

std::vector<WardMessage> messagesFromConfig(const nlohmann::json& config) {
    std::vector<WardMessage> out;
    if (!config.is_object() || !config.contains("you_said_we_did") ||
        !config["you_said_we_did"].is_array()) {
        return out;
    }
    for (const auto& m : config["you_said_we_did"]) {
        if (out.size() >= kMaxWardMessages || !m.is_object() || !m.contains("text") ||
            !m.contains("expires_at") || !m["expires_at"].is_string()) {
            continue;
        }
        auto text = cleanText(m["text"]);
        auto expires = common::parseRfc3339(m["expires_at"].get<std::string>());
        if (!text || !expires) {
            continue;
        }
        WardMessage message{text.value(), {}, expires.value()};
        if (m.contains("created_at") && m["created_at"].is_string()) {
            if (auto created = common::parseRfc3339(m["created_at"].get<std::string>())) {
                message.createdAt = created.value();
            }
        }
        // A translation that cannot be drawn is left out: the kiosk shows the English instead.
        if (m.contains("texts") && m["texts"].is_object()) {
            for (const auto& [language, value] : m["texts"].items()) {
                auto translated = cleanText(value);
                if (translated && language.size() <= 16) {
                    message.texts[language] = translated.value();
                }
            }
        }
        out.push_back(std::move(message));
    }
    return out;
}

std::vector<WardChoice> choicesFromConfig(const nlohmann::json& config) {
    std::vector<WardChoice> out;
    if (!config.is_object() || !config.contains("choices") || !config["choices"].is_array()) {
        return out;
    }
    for (const auto& c : config["choices"]) {
        if (out.size() >= kMaxWardChoices || !c.is_object() || !c.contains("id") ||
            !c["id"].is_number_integer() || c["id"].get<long long>() <= 0 || !c.contains("title") ||
            !c["title"].is_object()) {
            continue;
        }
        WardChoice choice{c["id"].get<std::int64_t>(), {}};
        for (const auto& [language, value] : c["title"].items()) {
            auto title = cleanText(value);
            if (title && title.value().size() <= kMaxChoiceTitleBytes && language.size() <= 16) {
                choice.titles[language] = title.value();
            }
        }
        if (choice.titles.count("en") != 0) {
            out.push_back(std::move(choice));
        }
    }
    return out;
}

namespace {

/// A language -> text map of which every text is fit to draw; none without English.
std::optional<std::map<std::string, std::string>> textsOf(const nlohmann::json& j,
                                                          std::size_t maxBytes) {
    if (!j.is_object()) {
        return std::nullopt;
    }
    std::map<std::string, std::string> out;
    for (const auto& [language, value] : j.items()) {
        auto text = cleanText(value);
        if (text && text.value().size() <= maxBytes && language.size() <= 16) {
            out[language] = text.value();
        }
    }
    if (out.count("en") == 0) {
        return std::nullopt;
    }
    return out;
}

} // namespace

std::vector<WardProgress> progressFromConfig(const nlohmann::json& config) {
    std::vector<WardProgress> out;
    if (!config.is_object() || !config.contains("progress") || !config["progress"].is_array()) {
        return out;
    }
    for (const auto& p : config["progress"]) {
        if (out.size() >= kMaxWardChoices || !p.is_object() || !p.contains("id") ||
            !p["id"].is_number_integer() || !p.contains("said") || !p.contains("doing") ||
            !p.contains("status") || !p["status"].is_string()) {
            continue;
        }
        const std::string status = p["status"].get<std::string>();
        auto said = textsOf(p["said"], kMaxChoiceTitleBytes);
        auto doing = textsOf(p["doing"], kMaxWardMessageBytes);
        if (!said || !doing ||
            (status != "agreed" && status != "in_progress" && status != "done")) {
            continue;
        }
        out.push_back({p["id"].get<std::int64_t>(), *said, *doing, status});
    }
    return out;
}

std::vector<std::pair<std::int64_t, std::string>>
choiceTitles(const std::vector<WardChoice>& choices, const std::string& language) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& c : choices) {
        const auto own = c.titles.find(language);
        out.emplace_back(c.item, own != c.titles.end() ? own->second : c.titles.at("en"));
    }
    return out;
}

nlohmann::json loadCachedConfig(const std::string& dataDir) {
    std::ifstream in(dataDir + "/config-cache.json");
    if (!in) {
        return nullptr;
    }
    std::stringstream text;
    text << in.rdbuf();
    return nlohmann::json::parse(text.str(), nullptr, false);
}

std::optional<std::string> panelKeyFromConfig(const nlohmann::json& config) {
    if (!config.is_object() || !config.contains("panel_public_key") ||
        !config["panel_public_key"].is_string() ||
        !common::publicKeyFromBase64(config["panel_public_key"].get<std::string>())) {
        return std::nullopt;
    }
    return config["panel_public_key"].get<std::string>();
}

PanelKeyChoice choosePanelKey(const std::string& pinned, const std::optional<std::string>& offered,
                              bool configKnown) {
    if (pinned.empty()) {
        return {offered, ""};
    }
    if (!configKnown || offered == pinned) {
        return {pinned, ""};
    }
    if (!offered) {
        return {std::nullopt, "the aggregator has no panel key: joining the panel is off"};
    }
    return {std::nullopt, "the aggregator's panel key is not the one pinned in kiosk.toml: "
                          "joining the panel is off"};
}

std::vector<ShownMessage> activeMessages(const std::vector<WardMessage>& messages, std::int64_t now,
                                         const std::string& language) {
    std::vector<ShownMessage> out;
    for (const auto& m : messages) {
        if (m.expiresAt > now) {
            const auto translated = m.texts.find(language);
            out.push_back({translated != m.texts.end() ? translated->second : m.text, m.createdAt});
        }
    }
    return out;
}

} // namespace wardvoice::kiosk
