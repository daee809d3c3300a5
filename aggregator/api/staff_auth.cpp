// Staff authentication: password hashes, session tokens, cookies.
#include "aggregator/api/staff_auth.hpp"

#include "common/signing.hpp"

#include <algorithm>
#include <sodium.h>

namespace wardvoice::aggregator {

namespace {

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

common::Result<std::string> hashPassword(const std::string& password) {
    if (!sodiumReady()) {
        return common::makeError("crypto", "libsodium failed to initialise");
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return common::makeError("crypto", "out of memory while hashing the password");
    }
    return std::string(out);
}

const std::string& decoyPasswordHash() {
    // Made once with the same parameters as real hashes, from a random password nobody knows.
    static const std::string hash = [] {
        auto h = hashPassword(newToken());
        return h ? h.value() : std::string();
    }();
    return hash;
}

bool isJsonContentType(std::string_view value) {
    const std::size_t semi = value.find(';');
    std::string type(value.substr(0, semi));
    while (!type.empty() && type.back() == ' ') {
        type.pop_back();
    }
    for (char& c : type) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return type == "application/json";
}

bool verifyPassword(const std::string& hash, const std::string& password) {
    if (!sodiumReady() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    char buffer[crypto_pwhash_STRBYTES] = {};
    std::copy(hash.begin(), hash.end(), buffer);
    return crypto_pwhash_str_verify(buffer, password.data(), password.size()) == 0;
}

std::string newToken() {
    return common::newSecret();
}

std::string tokenHash(const std::string& token) {
    return common::sha256Hex(token);
}

std::string sessionCookie(const std::string& token, bool secure) {
    // no Max-Age: the browser forgets it when it closes (a shared ward PC)
    return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

std::string clearedSessionCookie(bool secure) {
    return std::string(kSessionCookie) + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" +
           (secure ? "; Secure" : "");
}

std::string cookieValue(const std::string& header, const std::string& name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        const std::size_t end = std::min(header.find(';', pos), header.size());
        std::string_view part(header.data() + pos, end - pos);
        while (!part.empty() && part.front() == ' ') {
            part.remove_prefix(1);
        }
        if (part.size() > name.size() && part.substr(0, name.size()) == name &&
            part[name.size()] == '=') {
            return std::string(part.substr(name.size() + 1));
        }
        pos = end + 1;
    }
    return "";
}

common::Result<std::optional<StaffCaller>> findCaller(Store& store,
                                                      const std::string& authorization,
                                                      const std::string& cookieHeader,
                                                      std::int64_t now) {
    std::string token;
    bool viaCookie = false;
    if (authorization.rfind("Bearer ", 0) == 0) {
        token = authorization.substr(7);
    } else {
        token = cookieValue(cookieHeader, kSessionCookie);
        viaCookie = true;
    }
    if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return std::optional<StaffCaller>{};
    }
    StaffCaller caller;
    caller.tokenHash = tokenHash(token);
    caller.viaCookie = viaCookie;
    auto session = store.findSession(caller.tokenHash, now);
    if (!session) {
        return session.error();
    }
    if (!session.value()) {
        return std::optional<StaffCaller>{};
    }
    caller.session = *session.value();
    auto user = store.findUser(caller.session.userName);
    if (!user) {
        return user.error();
    }
    if (!user.value() || user.value()->disabledAt) {
        return std::optional<StaffCaller>{};
    }
    caller.user = *user.value();
    return std::optional<StaffCaller>{std::move(caller)};
}

bool maySeeWard(const UserRecord& user, const std::string& ward) {
    // a panel member whose panel has no wards of its own is the trust's panel
    if (user.role != Role::WardManager && (user.role != Role::PanelMember || user.wards.empty())) {
        return true;
    }
    return std::find(user.wards.begin(), user.wards.end(), ward) != user.wards.end();
}

} // namespace wardvoice::aggregator
