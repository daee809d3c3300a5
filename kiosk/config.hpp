// The kiosk's configuration: a struct with defaults, loaded from TOML and validated.
#pragma once

#include "common/result.hpp"

#include <map>
#include <string>
#include <vector>

namespace wardvoice::kiosk {

struct KioskConfig {
    std::string kioskId;
    std::string secret; ///< 64 hex characters, from `wardvoice-aggregator kiosk add`
    std::string aggregatorUrl;
    std::string ward;
    std::string dataDir;
    int heartbeatS = 60;
    int idleTimeoutS = 90;
    int submitIntervalS = 20; ///< at most one submission per this many seconds
    /// after a rating, "tell us more?" sends it alone when no one answers for this long
    int ratingSendS = 15;
    int connectTimeoutS = 5;  ///< sync: TCP/TLS connect timeout
    int requestTimeoutS = 20; ///< sync: whole-request timeout
    std::vector<std::string> languages = {"en"};
    std::string caFile;         ///< optional: CA bundle for https aggregators
    std::string adminPinSha256; ///< optional: hex SHA-256 of the administrator's exit PIN
    /// optional [help_now]: the ward's own "if you need help now" words by language, shown on
    /// the review screen when the comment would raise a safeguarding alert. A language without
    /// one shows the built-in text (nurse in charge, Samaritans 116 123).
    std::map<std::string, std::string> helpNow;
    /// optional: the aggregator's panel key (base64, from 'keys init'), pinned. Volunteers'
    /// contacts are sealed to it; a kiosk config that brings another key is refused and the
    /// invitation to join the panel is not shown.
    std::string panelPublicKey;
    /// optional [panel_consent]: the trust's own consent text for joining the panel, by
    /// language (what is kept, who sees it, how long, how to withdraw); else the built-in one.
    std::map<std::string, std::string> panelConsent;
    /// A volunteer's record leaves at a random time in [min, max] seconds after it was typed,
    /// so that it cannot be paired with the feedback sent just before it.
    int panelSendDelayMinS = 600;
    int panelSendDelayMaxS = 7200;
    /// Read aloud (espeak-ng): words a minute, per cent loudness, and the ALSA device; an
    /// empty device or "none" turns it off (so does a kiosk without a sound device).
    /// "children": the children's version for a children's ward (faces, "How was your time on
    /// the ward?", simple words), the same six FFT answers in the return; else "adults".
    std::string audience = "adults";
    /// Easy read on for each new person (they can turn it off on the welcome screen).
    bool easyRead = false;
    int speechRate = 150;
    int speechVolume = 100;
    /// Pixels per inch of the screen, for 12 mm touch targets; 0: as the monitor reports it
    /// (never below a 7-inch 800x480 panel's 133). For panels that misreport their size.
    int screenPpi = 0;
    std::string speechDevice = "default";
};

/// Reads and validates `path`. Errors name the file and the key, e.g.
/// "kiosk.toml: missing key 'ward'".
common::Result<KioskConfig> loadConfig(const std::string& path);

/// Validates an already-parsed TOML text (for tests); `origin` names it in messages.
common::Result<KioskConfig> parseConfig(const std::string& text, const std::string& origin);

} // namespace wardvoice::kiosk
