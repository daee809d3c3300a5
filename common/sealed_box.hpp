// Sealed boxes (libsodium crypto_box_seal): what a kiosk knows of a volunteer is sealed to the
// aggregator's panel key before it touches the disk, so that only the key's holder can open it.
// Also the base64 both sides write keys and boxes in, and wiping a secret from memory.
#pragma once

#include "common/result.hpp"

#include <cstddef>
#include <string>

namespace wardvoice::common {

inline constexpr std::size_t kSealPublicKeyBytes = 32;

/// Standard base64 (with padding), and back (`bad_base64`).
std::string toBase64(const std::string& bytes);
Result<std::string> fromBase64(const std::string& text);

/// The base64 of a 32-byte public key decoded; `bad_key` when it is not one.
Result<std::string> publicKeyFromBase64(const std::string& text);

/// `plain` sealed to `publicKey` (32 bytes): anyone may seal, only the secret key opens.
Result<std::string> sealTo(const std::string& publicKey, const std::string& plain);

/// Overwrites `secret` with zeros (in a way the compiler keeps), then empties it.
void wipe(std::string& secret);

} // namespace wardvoice::common
