// The ward's "you said, we did" messages, from the aggregator's kiosk config or its cached copy.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace wardvoice::kiosk {

/// One message and when it stops being shown (Unix seconds).
struct WardMessage {
    std::string text;                         ///< English, and the fallback
    std::map<std::string, std::string> texts; ///< by kiosk language other than English
    std::int64_t expiresAt = 0;
    std::int64_t createdAt = 0; ///< when the ward published it (0: not said)
    bool operator==(const WardMessage&) const = default;
};

/// A message as a person reads it: in their language (else English), with its day.
struct ShownMessage {
    std::string text;
    std::int64_t createdAt = 0;
    bool operator==(const ShownMessage&) const = default;
};

inline constexpr std::size_t kMaxWardMessages = 10;
inline constexpr std::size_t kMaxWardMessageBytes = 1200; ///< 280 characters of any script

/// Messages of a config document (`you_said_we_did`); malformed entries are skipped, so a bad
/// message can never stop a kiosk.
std::vector<WardMessage> messagesFromConfig(const nlohmann::json& config);

/// A choice the ward offers ("help us choose"): an agenda item and its title per language.
struct WardChoice {
    std::int64_t item = 0;
    std::map<std::string, std::string> titles; ///< "en" always
    bool operator==(const WardChoice&) const = default;
};

inline constexpr std::size_t kMaxWardChoices = 3;
inline constexpr std::size_t kMaxChoiceTitleBytes = 400; ///< 80 characters of any script

/// The choices of a config document (`choices`); a malformed one is skipped.
std::vector<WardChoice> choicesFromConfig(const nlohmann::json& config);

/// Each choice titled in `language`, else in English.
std::vector<std::pair<std::int64_t, std::string>>
choiceTitles(const std::vector<WardChoice>& choices, const std::string& language);

/// What the ward is doing about a choice patients made: "You said: <said>. We are: <doing>".
struct WardProgress {
    std::int64_t item = 0;
    std::map<std::string, std::string> said;  ///< "en" always
    std::map<std::string, std::string> doing; ///< "en" always
    std::string status;                       ///< agreed, in_progress or done
    bool operator==(const WardProgress&) const = default;
};

/// The progress of a config document (`progress`), at most three; malformed ones skipped.
std::vector<WardProgress> progressFromConfig(const nlohmann::json& config);

/// The aggregator's panel key as a config document offers it (`panel_public_key`): base64 of
/// 32 bytes, or nullopt when it has none (null, missing or malformed).
std::optional<std::string> panelKeyFromConfig(const nlohmann::json& config);

/// Which key a kiosk seals volunteers' contacts to, and why there is none.
struct PanelKeyChoice {
    std::optional<std::string> key; ///< base64; nullopt: the kiosk does not invite anyone
    std::string problem;            ///< for the staff line and the log, when a key was refused
};

/// `pinned` is kiosk.toml's `panel_public_key` (empty: not pinned); `offered` the config's;
/// `configKnown` whether any config (fetched or cached) has been read. A pinned key is used
/// until a config says otherwise; a config that brings another key is refused.
PanelKeyChoice choosePanelKey(const std::string& pinned, const std::optional<std::string>& offered,
                              bool configKnown);

/// The last good config (`dataDir/config-cache.json`), read at start-up so that a kiosk
/// restarted offline has its messages, choices, progress and panel key; null when missing.
nlohmann::json loadCachedConfig(const std::string& dataDir);

/// The texts still to show at `now`, in the aggregator's order, each in `language` when the
/// ward wrote it in that language, else in English.
std::vector<ShownMessage> activeMessages(const std::vector<WardMessage>& messages, std::int64_t now,
                                         const std::string& language = "en");

} // namespace wardvoice::kiosk
