// Sealed boxes (see sealed_box.hpp).
#include "common/sealed_box.hpp"

#include <cstring>
#include <sodium.h>

namespace wardvoice::common {

std::string toBase64(const std::string& bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

Result<std::string> fromBase64(const std::string& text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                          text.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size()) {
        return makeError("bad_base64", "not standard base64");
    }
    out.resize(length);
    return out;
}

Result<std::string> publicKeyFromBase64(const std::string& text) {
    auto key = fromBase64(text);
    if (!key || key.value().size() != kSealPublicKeyBytes) {
        return makeError("bad_key", "not the base64 of a 32-byte public key");
    }
    return key;
}

Result<std::string> sealTo(const std::string& publicKey, const std::string& plain) {
    static_assert(kSealPublicKeyBytes == crypto_box_PUBLICKEYBYTES);
    if (sodium_init() < 0) {
        return makeError("crypto", "libsodium could not start");
    }
    if (publicKey.size() != crypto_box_PUBLICKEYBYTES) {
        return makeError("bad_key", "a public key is 32 bytes");
    }
    std::string sealed(plain.size() + crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(sealed.data()),
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                        reinterpret_cast<const unsigned char*>(publicKey.data())) != 0) {
        return makeError("crypto", "the record could not be sealed");
    }
    return sealed;
}

void wipe(std::string& secret) {
    if (!secret.empty()) {
        sodium_memzero(secret.data(), secret.size());
    }
    secret.clear();
}

} // namespace wardvoice::common
