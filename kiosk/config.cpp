// The kiosk's configuration, loaded from TOML and validated.
#include "kiosk/config.hpp"

#include "common/config_text.hpp"
#include "common/model.hpp"
#include "common/sealed_box.hpp"
#include "common/utf8.hpp"

#include <fstream>
#include <sstream>
#include <toml++/toml.h>
#include <tuple>

namespace wardvoice::kiosk {
namespace {

using common::makeError;

common::Error keyError(const std::string& origin, const std::string& key, const std::string& what) {
    return makeError("bad_config", origin + ": key '" + key + "' " + what);
}

bool isHex(const std::string& s) {
    return s.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

} // namespace

common::Result<KioskConfig> parseConfig(const std::string& text, const std::string& origin) {
    if (auto s = common::checkConfigText(text, origin); !s) {
        return s.error();
    }
    toml::table table;
    try {
        table = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << origin << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
            << e.description();
        return makeError("bad_config", msg.str());
    }
    KioskConfig c;
    static const char* const kKnown[] = {"kiosk_id",
                                         "secret",
                                         "aggregator_url",
                                         "ward",
                                         "data_dir",
                                         "heartbeat_s",
                                         "idle_timeout_s",
                                         "submit_interval_s",
                                         "languages",
                                         "ca_file",
                                         "admin_pin_sha256",
                                         "connect_timeout_s",
                                         "request_timeout_s",
                                         "help_now",
                                         "panel_public_key",
                                         "panel_consent",
                                         "panel_send_delay_min_s",
                                         "panel_send_delay_max_s",
                                         "rating_send_s",
                                         "speech_rate",
                                         "speech_volume",
                                         "speech_device",
                                         "audience",
                                         "easy_read",
                                         "screen_ppi"};
    for (const auto& [key, value] : table) {
        bool known = false;
        for (const char* k : kKnown) {
            known = known || key.str() == k;
        }
        if (!known) {
            return keyError(origin, std::string(key.str()), "is not a known setting (typo?)");
        }
    }
    struct Required {
        const char* key;
        std::string* target;
    };
    for (const Required& r : {Required{"kiosk_id", &c.kioskId}, Required{"secret", &c.secret},
                              Required{"aggregator_url", &c.aggregatorUrl},
                              Required{"ward", &c.ward}, Required{"data_dir", &c.dataDir}}) {
        const toml::node* node = table.get(r.key);
        if (node == nullptr) {
            return makeError("bad_config", origin + ": missing key '" + r.key + "'");
        }
        const auto value = node->value<std::string>();
        if (!value || value->empty()) {
            return keyError(origin, r.key, "must be a non-empty string");
        }
        *r.target = *value;
    }
    for (const auto& [key, target] :
         {std::pair{"ca_file", &c.caFile}, std::pair{"admin_pin_sha256", &c.adminPinSha256},
          std::pair{"speech_device", &c.speechDevice}, std::pair{"audience", &c.audience}}) {
        if (const toml::node* node = table.get(key)) {
            const auto value = node->value<std::string>();
            if (!value) {
                return keyError(origin, key, "must be a string");
            }
            *target = *value;
        }
    }
    struct Bounded {
        const char* key;
        int* target;
        int min;
        int max;
    };
    for (const Bounded& b : {Bounded{"heartbeat_s", &c.heartbeatS, 5, 3600},
                             Bounded{"idle_timeout_s", &c.idleTimeoutS, 15, 3600},
                             Bounded{"submit_interval_s", &c.submitIntervalS, 0, 600},
                             Bounded{"rating_send_s", &c.ratingSendS, 3, 300},
                             Bounded{"speech_rate", &c.speechRate, 80, 450},
                             Bounded{"speech_volume", &c.speechVolume, 0, 200},
                             Bounded{"screen_ppi", &c.screenPpi, 0, 600},
                             Bounded{"connect_timeout_s", &c.connectTimeoutS, 1, 120},
                             Bounded{"request_timeout_s", &c.requestTimeoutS, 1, 600},
                             Bounded{"panel_send_delay_min_s", &c.panelSendDelayMinS, 0, 86400},
                             Bounded{"panel_send_delay_max_s", &c.panelSendDelayMaxS, 0, 86400}}) {
        if (const toml::node* node = table.get(b.key)) {
            const auto value = node->value_exact<std::int64_t>();
            if (!value || *value < b.min || *value > b.max) {
                return keyError(origin, b.key,
                                "must be a whole number from " + std::to_string(b.min) + " to " +
                                    std::to_string(b.max));
            }
            *b.target = static_cast<int>(*value);
        }
    }
    if (const toml::node* node = table.get("languages")) {
        const toml::array* list = node->as_array();
        if (list == nullptr || list->empty()) {
            return keyError(origin, "languages",
                            "must be a non-empty list such as [\"en\", \"cy\"]");
        }
        c.languages.clear();
        for (const toml::node& item : *list) {
            const auto tag = item.value<std::string>();
            if (!tag || !common::isLanguageTag(*tag)) {
                return keyError(origin, "languages", "must hold language tags such as \"en\"");
            }
            c.languages.push_back(*tag);
        }
    }
    // texts by language: [help_now] and [panel_consent]
    for (const auto& [key, target, most] :
         {std::tuple{"help_now", &c.helpNow, std::size_t{400}},
          std::tuple{"panel_consent", &c.panelConsent, std::size_t{1500}}}) {
        const toml::node* node = table.get(key);
        if (node == nullptr) {
            continue;
        }
        const std::string name = key;
        const toml::table* texts = node->as_table();
        if (texts == nullptr) {
            return keyError(origin, name,
                            "must be a table of texts by language, e.g. [" + name +
                                "] en = \"...\"");
        }
        for (const auto& [lang, value] : *texts) {
            const std::string tag(lang.str());
            const auto words = value.value<std::string>();
            if (!common::isLanguageTag(tag)) {
                return keyError(origin, name + "." + tag, "is not a language tag such as en");
            }
            if (!words || words->empty() || !common::utf8::isValid(*words) ||
                common::utf8::length(*words) > most) {
                return keyError(origin, name + "." + tag,
                                "must be a text of 1 to " + std::to_string(most) + " characters");
            }
            (*target)[tag] = *words;
        }
    }
    if (const toml::node* node = table.get("panel_public_key")) {
        const auto value = node->value<std::string>();
        if (!value || !common::publicKeyFromBase64(*value)) {
            return keyError(origin, "panel_public_key",
                            "must be the base64 public key 'wardvoice-aggregator keys init' "
                            "printed (32 bytes)");
        }
        c.panelPublicKey = *value;
    }
    if (c.panelSendDelayMinS > c.panelSendDelayMaxS) {
        return keyError(origin, "panel_send_delay_min_s",
                        "must not be more than panel_send_delay_max_s");
    }
    if (const toml::node* node = table.get("easy_read")) {
        const auto value = node->value_exact<bool>();
        if (!value) {
            return keyError(origin, "easy_read", "must be true or false");
        }
        c.easyRead = *value;
    }
    if (c.audience != "adults" && c.audience != "children") {
        return keyError(origin, "audience", "must be \"adults\" or \"children\"");
    }
    if (c.secret.size() != 64 || !isHex(c.secret)) {
        return keyError(origin, "secret", "must be the 64 hex characters printed by 'kiosk add'");
    }
    if (c.aggregatorUrl.rfind("http://", 0) != 0 && c.aggregatorUrl.rfind("https://", 0) != 0) {
        return keyError(origin, "aggregator_url", "must start with http:// or https://");
    }
    while (!c.aggregatorUrl.empty() && c.aggregatorUrl.back() == '/') {
        c.aggregatorUrl.pop_back();
    }
    if (!common::isIdentifier(c.ward)) {
        return keyError(origin, "ward", "must be letters, digits, '.', '_' or '-'");
    }
    if (!c.adminPinSha256.empty() && (c.adminPinSha256.size() != 64 || !isHex(c.adminPinSha256))) {
        return keyError(origin, "admin_pin_sha256",
                        "must be 64 hex characters (sha256 of the PIN)");
    }
    return c;
}

common::Result<KioskConfig> loadConfig(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return makeError("bad_config", path + ": cannot read the file");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseConfig(text.str(), path);
}

} // namespace wardvoice::kiosk
