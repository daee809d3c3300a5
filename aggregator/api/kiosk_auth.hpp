// Verifies the signed headers of kiosk requests (docs/protocol.md, "Kiosk authentication").
#pragma once

#include "aggregator/store/store.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace wardvoice::aggregator {

struct KioskRequest {
    std::string kioskId;   ///< X-WardVoice-Kiosk
    std::string timestamp; ///< X-WardVoice-Timestamp
    std::string signature; ///< X-WardVoice-Signature
    std::string method;
    std::string path; ///< without the query string
    std::string_view body;
};

/// A refusal: always HTTP 401. `code` is one of missing_auth, bad_timestamp, stale_timestamp,
/// unknown_kiosk, revoked_kiosk, bad_signature.
struct AuthRefusal {
    std::string code;
    std::string detail;
};

struct AuthOutcome {
    std::optional<KioskRecord> kiosk; ///< set when the request is authentic
    AuthRefusal refusal;              ///< set otherwise
    std::string internalError;        ///< storage failed: answer 500
};

AuthOutcome authenticateKiosk(Store& store, const KioskRequest& request, std::int64_t now);

} // namespace wardvoice::aggregator
