// Request signing: HMAC-SHA256 over timestamp, method, path and the SHA-256 of the body.
#include "signing.hpp"

#include <array>
#include <cstdlib>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace wardvoice::common {

std::string toHex(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0x0F]);
    }
    return out;
}

std::string sha256Hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1) {
        std::abort(); // only fails when OpenSSL itself is broken
    }
    return toHex(std::string_view(reinterpret_cast<const char*>(md.data()), len));
}

std::string hmacSha256Hex(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int len = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(data.data()), data.size(), md.data(),
             &len) == nullptr) {
        std::abort();
    }
    return toHex(std::string_view(reinterpret_cast<const char*>(md.data()), len));
}

std::string canonicalRequest(std::int64_t timestamp, std::string_view method, std::string_view path,
                             std::string_view body) {
    std::string out = std::to_string(timestamp);
    out.push_back('\n');
    out.append(method);
    out.push_back('\n');
    out.append(path);
    out.push_back('\n');
    out.append(sha256Hex(body));
    return out;
}

std::string signRequest(std::string_view secret, std::int64_t timestamp, std::string_view method,
                        std::string_view path, std::string_view body) {
    return hmacSha256Hex(secret, canonicalRequest(timestamp, method, path, body));
}

bool signaturesEqual(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string newSecret() {
    std::array<unsigned char, 32> b{};
    if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
        std::abort();
    }
    return toHex(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

} // namespace wardvoice::common
