// Request signing as docs/protocol.md specifies: HMAC-SHA256 over timestamp, method, path and
// the SHA-256 of the body.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wardvoice::common {

inline constexpr const char* kHeaderKiosk = "X-WardVoice-Kiosk";
inline constexpr const char* kHeaderTimestamp = "X-WardVoice-Timestamp";
inline constexpr const char* kHeaderSignature = "X-WardVoice-Signature";
/// How far a request's timestamp may be from the aggregator's clock.
inline constexpr std::int64_t kMaxClockSkewSeconds = 300;

/// Lower-case hex of `bytes`.
std::string toHex(std::string_view bytes);

/// Lower-case hex of SHA-256(data).
std::string sha256Hex(std::string_view data);

/// Lower-case hex of HMAC-SHA256(key, data).
std::string hmacSha256Hex(std::string_view key, std::string_view data);

/// The exact text that is signed: TIMESTAMP "\n" METHOD "\n" PATH "\n" hex(SHA256(BODY)).
/// `path` must not include the query string.
std::string canonicalRequest(std::int64_t timestamp, std::string_view method, std::string_view path,
                             std::string_view body);

/// The X-WardVoice-Signature value. The HMAC key is the kiosk secret exactly as enrolment
/// printed it (its 64 hex characters as ASCII bytes).
std::string signRequest(std::string_view secret, std::int64_t timestamp, std::string_view method,
                        std::string_view path, std::string_view body);

/// Constant-time comparison of two signatures.
bool signaturesEqual(std::string_view a, std::string_view b);

/// A fresh secret: 32 random bytes as 64 lower-case hex characters.
std::string newSecret();

} // namespace wardvoice::common
