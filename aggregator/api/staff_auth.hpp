// Staff authentication: Argon2id password hashes (libsodium), session tokens carried by an
// HttpOnly cookie or a bearer header, CSRF tokens for cookie-authenticated changes.
#pragma once

#include "aggregator/store/store.hpp"
#include "common/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace wardvoice::aggregator {

inline constexpr const char* kSessionCookie = "wv_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";
inline constexpr std::size_t kMinPasswordLength = 12;

/// Argon2id (libsodium's "interactive" limits) in its self-describing encoded form.
common::Result<std::string> hashPassword(const std::string& password);
bool verifyPassword(const std::string& hash, const std::string& password);
/// A hash of a random password, verified against when the name is unknown (same cost).
const std::string& decoyPasswordHash();
/// `Content-Type` is application/json (parameters such as charset allowed).
bool isJsonContentType(std::string_view value);

/// A fresh random token (32 bytes, hex) and the hash under which sessions are stored.
std::string newToken();
std::string tokenHash(const std::string& token);

/// Set-Cookie value for a session: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS.
std::string sessionCookie(const std::string& token, bool secure);
/// The same cookie, emptied and expired (logout).
std::string clearedSessionCookie(bool secure);

/// The value of cookie `name` in a Cookie header, or "".
std::string cookieValue(const std::string& cookieHeader, const std::string& name);

/// Who is calling, and how.
struct StaffCaller {
    UserRecord user;
    SessionRecord session;
    std::string tokenHash;
    bool viaCookie = false; ///< cookie sessions need the CSRF header on changes
};

/// Looks the caller up from "Authorization: Bearer T" or the session cookie; none when
/// neither names a live session. Errors are storage failures only.
common::Result<std::optional<StaffCaller>> findCaller(Store& store,
                                                      const std::string& authorization,
                                                      const std::string& cookieHeader,
                                                      std::int64_t now);

/// True when `caller` may see `ward`: admins and panel chairs see every ward.
bool maySeeWard(const UserRecord& user, const std::string& ward);

} // namespace wardvoice::aggregator
