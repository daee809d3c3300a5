// The panel key: the aggregator's X25519 key pair that kiosks seal volunteer records to
// (libsodium sealed boxes). The public half goes out in every kiosk config; the secret half
// lives in a file only the aggregator reads (0600), so a database copied without it holds no
// readable contact.
#pragma once

#include "common/result.hpp"
#include "common/sealed_box.hpp"

#include <string>

namespace wardvoice::aggregator {

struct PanelKey {
    std::string publicKey; ///< 32 bytes
    std::string secretKey; ///< 32 bytes
};

/// Makes a new key pair in `path` (mode 0600, written whole or not at all); `exists` when the
/// file is there already: replacing it would make every stored record unreadable.
common::Result<PanelKey> createPanelKey(const std::string& path);

/// Reads the key file; `bad_key_file` names what is wrong (missing, readable by others,
/// malformed).
common::Result<PanelKey> loadPanelKey(const std::string& path);

/// Opens a sealed box made for `key`; `bad_sealed` when it was not.
common::Result<std::string> openSealed(const PanelKey& key, const std::string& sealed);

/// Base64 as the key file and the kiosks write it (common/sealed_box.hpp).
using common::fromBase64;
using common::toBase64;

} // namespace wardvoice::aggregator
