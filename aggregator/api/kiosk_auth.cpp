// Verifies the signed headers of kiosk requests.
#include "aggregator/api/kiosk_auth.hpp"

#include "common/signing.hpp"

#include <charconv>

namespace wardvoice::aggregator {

AuthOutcome authenticateKiosk(Store& store, const KioskRequest& request, std::int64_t now) {
    AuthOutcome out;
    if (request.kioskId.empty() || request.timestamp.empty() || request.signature.empty()) {
        out.refusal = {
            "missing_auth",
            "X-WardVoice-Kiosk, X-WardVoice-Timestamp and X-WardVoice-Signature are required"};
        return out;
    }
    std::int64_t ts = 0;
    const char* first = request.timestamp.data();
    const char* last = first + request.timestamp.size();
    const auto [ptr, ec] = std::from_chars(first, last, ts);
    if (ec != std::errc{} || ptr != last) {
        out.refusal = {"bad_timestamp", "X-WardVoice-Timestamp must be Unix time in whole seconds"};
        return out;
    }
    if (ts < now - common::kMaxClockSkewSeconds || ts > now + common::kMaxClockSkewSeconds) {
        out.refusal = {"stale_timestamp", "timestamp is " + std::to_string(ts - now) +
                                              " s from the server's clock; at most 300 s allowed"};
        return out;
    }
    auto found = store.findKiosk(request.kioskId);
    if (!found) {
        out.internalError = found.error().message;
        return out;
    }
    if (!found.value()) {
        out.refusal = {"unknown_kiosk", "no kiosk is enrolled with this id"};
        return out;
    }
    const KioskRecord& kiosk = *found.value();
    if (kiosk.revokedAt) {
        out.refusal = {"revoked_kiosk", "this kiosk's enrolment has been revoked"};
        return out;
    }
    const std::string expected =
        common::signRequest(kiosk.secret, ts, request.method, request.path, request.body);
    if (!common::signaturesEqual(expected, request.signature)) {
        out.refusal = {"bad_signature",
                       "the signature does not match this request and the kiosk's secret"};
        return out;
    }
    out.kiosk = kiosk;
    return out;
}

} // namespace wardvoice::aggregator
